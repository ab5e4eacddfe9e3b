package rest

import (
	"time"

	"maillage/pkg/partner"
	"maillage/pkg/partnering"
)

// API clients of partner software and their tokens (ADR 0008).

// ClientTokenDTO is the answer of the token endpoint (RFC 6749 §5.1).
type ClientTokenDTO struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type" example:"Bearer"`
	ExpiresIn   int    `json:"expires_in" example:"600"`
	Scope       string `json:"scope" example:"structures:read permanences:write"`
} //@name ClientToken

// OAuthErrorDTO is an error of the token endpoint (RFC 6749 §5.2); error_description is in French.
type OAuthErrorDTO struct {
	Error            string `json:"error" enums:"invalid_request,invalid_client,unsupported_grant_type,invalid_scope"`
	ErrorDescription string `json:"error_description"`
} //@name OAuthError

// APIClientSecretDTO is a secret of a client, never its value.
type APIClientSecretDTO struct {
	ID         string     `json:"id" format:"uuid"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
} //@name APIClientSecret

// APIClientDTO is the software of a partner organisation with its scopes, départements and validity; status
// says whether it may get tokens today.
type APIClientDTO struct {
	ID               string               `json:"id" format:"uuid"`
	ClientID         string               `json:"client_id" example:"mc_3f2a9c1b0d4e5f6a7b8c9d0e"`
	Name             string               `json:"name" example:"Logiciel de rendez-vous de la CAF"`
	OrganisationKind string               `json:"organisation_kind" enums:"operator,local"`
	OrganisationID   string               `json:"organisation_id" example:"cnaf"`
	Departements     []string             `json:"departements" example:"70"`
	Scopes           []string             `json:"scopes" example:"structures:read"`
	ValidFrom        string               `json:"valid_from" format:"date"`
	ValidTo          string               `json:"valid_to" format:"date"`
	Status           string               `json:"status" enums:"active,revoked,inactive"`
	LastUsedAt       *time.Time           `json:"last_used_at"`
	RevokedAt        *time.Time           `json:"revoked_at"`
	CreatedBy        string               `json:"created_by"`
	CreatedAt        time.Time            `json:"created_at"`
	Secrets          []APIClientSecretDTO `json:"secrets"`
	Version          int                  `json:"version"`
} //@name APIClient

// APIClientList lists API clients, newest first.
type APIClientList struct {
	Items []APIClientDTO `json:"items"`
} //@name APIClientList

// APIClientCreatedDTO is a new client with its secret: shown this once, never again.
type APIClientCreatedDTO struct {
	APIClientDTO
	ClientSecret string `json:"client_secret" example:"mcs_…"`
} //@name APIClientCreated

// APIClientInput creates a client (organisation: an operator code or a local partner id) or changes one (the
// organisation never changes).
type APIClientInput struct {
	Name             *string   `json:"name"`
	OrganisationKind *string   `json:"organisation_kind" enums:"operator,local"`
	OrganisationID   *string   `json:"organisation_id"`
	Departements     *[]string `json:"departements"`
	Scopes           *[]string `json:"scopes"`
	ValidFrom        *string   `json:"valid_from" format:"date"`
	ValidTo          *string   `json:"valid_to" format:"date"`
} //@name APIClientInput

func (in APIClientInput) fields() partnering.ClientFields { return partnering.ClientFields(in) }

// APIClientSecretInput rotates a client's secret: the previous ones stay valid until old_secret_expires_at (7 days
// by default, 30 at most).
type APIClientSecretInput struct {
	OldSecretExpiresAt *time.Time `json:"old_secret_expires_at"`
} //@name APIClientSecretInput

// APIClientSecretCreatedDTO is a new secret, shown this once.
type APIClientSecretCreatedDTO struct {
	ClientSecret       string             `json:"client_secret"`
	Secret             APIClientSecretDTO `json:"secret"`
	OldSecretExpiresAt time.Time          `json:"old_secret_expires_at"`
} //@name APIClientSecretCreated

func apiClientDTO(c partner.Client, now time.Time) APIClientDTO {
	out := APIClientDTO{ID: c.ID, ClientID: c.ClientID, Name: c.Name, OrganisationKind: string(c.Organisation.Kind),
		OrganisationID: c.Organisation.ID, Departements: nonNil(c.Departements), Scopes: nonNil(c.Scopes),
		ValidFrom: c.ValidFrom, ValidTo: c.ValidTo, Status: "active", LastUsedAt: c.LastUsedAt, RevokedAt: c.RevokedAt,
		CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt, Secrets: []APIClientSecretDTO{}, Version: c.Version}
	switch {
	case c.RevokedAt != nil:
		out.Status = "revoked"
	case !c.Usable(now):
		out.Status = "inactive"
	}
	for _, s := range c.Secrets {
		out.Secrets = append(out.Secrets, APIClientSecretDTO(s))
	}
	return out
}
