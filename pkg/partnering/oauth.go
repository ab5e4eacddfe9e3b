package partnering

import (
	"context"
	"slices"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/partner"
)

// OAuth 2.0 client credentials (RFC 6749 §4.4) for partner software, and the authentication of every bearer
// token (users' and clients').

// The token endpoint's errors carry the RFC 6749 §5.2 error code as their Code; the HTTP layer renders them in
// that form.
var (
	ErrInvalidClient = apperr.New(apperr.KindUnauthenticated, "invalid_client",
		"Client inconnu, secret incorrect, client révoqué ou hors de sa période de validité.")
	ErrInvalidScope = apperr.New(apperr.KindInvalid, "invalid_scope",
		"Portée demandée inconnue ou non accordée à ce client.")
)

// ClientToken is an access token issued to a client, with the scopes it carries.
type ClientToken struct {
	auth.AccessToken
	Scopes []string
}

// IssueToken checks a client's credentials and issues a short-lived token with the requested scopes (all the
// client's scopes when none is requested). A secret is accepted while it has not expired; a revoked client or
// one out of its validity dates gets nothing.
func (s *Service) IssueToken(ctx context.Context, clientID, secret, scope string) (ClientToken, error) {
	if clientID == "" || secret == "" {
		return ClientToken{}, ErrInvalidClient
	}
	list, err := s.Partners.Clients(ctx, partner.ClientFilter{ClientID: clientID})
	if err != nil || len(list) == 0 {
		if err == nil {
			err = ErrInvalidClient
		}
		return ClientToken{}, err
	}
	c, now := list[0], s.Now()
	digests, err := s.Partners.SecretDigests(ctx, c.ID)
	if err != nil {
		return ClientToken{}, err
	}
	presented := partner.DigestSecret(secret)
	matched := ""
	for _, d := range digests {
		if partner.SameDigest(d.Digest, presented) && (d.ExpiresAt == nil || now.Before(*d.ExpiresAt)) {
			matched = d.ID
		}
	}
	if matched == "" || !c.Usable(now) {
		return ClientToken{}, ErrInvalidClient
	}
	scopes, ok := c.Granted(strings.Fields(scope))
	if !ok {
		return ClientToken{}, ErrInvalidScope
	}
	tok, err := s.Tokens.IssueClient(c.ID, scopes)
	if err != nil {
		return ClientToken{}, err
	}
	if err := s.Partners.TouchSecret(ctx, c.ID, matched, now); err != nil {
		return ClientToken{}, err
	}
	return ClientToken{AccessToken: tok, Scopes: scopes}, nil
}

// Authenticate turns a bearer token into its actor, loaded fresh (ADR 0003): users through pkg/user; clients
// here, refused once revoked or out of their validity, with the scopes of the token the client still holds, the
// client's départements and organisation, and its name for the audit log.
func (s *Service) Authenticate(ctx context.Context, token string) (auth.Actor, error) {
	claims, err := s.Tokens.Parse(token)
	if err != nil {
		return auth.Actor{}, err
	}
	if claims.Kind != auth.ActorClient {
		return s.Users.Authenticate(ctx, token)
	}
	id, ok := strings.CutPrefix(claims.Subject, auth.ClientSubjectPrefix)
	if !ok {
		return auth.Actor{}, auth.InvalidToken()
	}
	c, err := s.Partners.Client(ctx, nil, id)
	if apperr.IsKind(err, apperr.KindNotFound) || err == nil && !c.Usable(s.Now()) {
		return auth.Actor{}, auth.InvalidToken()
	}
	if err != nil {
		return auth.Actor{}, err
	}
	if now := s.Now(); c.LastUsedAt == nil || now.Sub(*c.LastUsedAt) > time.Minute { // a write at most once a minute
		if err := s.Partners.TouchClient(ctx, c.ID, now); err != nil {
			return auth.Actor{}, err
		}
	}
	scopes := []string{}
	for _, sc := range claims.Scopes {
		if slices.Contains(c.Scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	return auth.Actor{Kind: auth.ActorClient, ID: c.ID, Label: c.Name, Role: auth.RolePartner,
		Departements: c.Departements, PartnerOrg: c.Organisation.ID, Scopes: scopes}, nil
}
