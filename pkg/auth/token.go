package auth

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"maillage/pkg/apperr"
)

// AccessTokenTTL is the life of an access token: short, because only the refresh token (revocable, in the
// database) outlives it.
const AccessTokenTTL = 15 * time.Minute

// clockLeeway tolerates small clock differences between replicas.
const clockLeeway = 30 * time.Second

// Tokens issues and checks HS256 access tokens.
type Tokens struct {
	secret   []byte
	issuer   string
	audience string
	now      func() time.Time
	verified verifiedTokens
}

// NewTokens builds the token service; now is the clock (time.Now in production).
func NewTokens(secret []byte, issuer, audience string, now func() time.Time) *Tokens {
	return &Tokens{secret: secret, issuer: issuer, audience: audience, now: now}
}

// AccessToken is a signed token and when it stops being valid.
type AccessToken struct {
	Value     string
	ID        string
	ExpiresAt time.Time
}

// Claims are what a valid token says; the territory is not in it (it is loaded fresh on each request).
type Claims struct {
	Subject string
	Kind    ActorKind // user or client
	Role    Role
	ID      string
	Expires time.Time
	Scopes  []string // client tokens: the scopes granted (ADR 0008)
}

// accessClaims is the wire form of the token payload.
type accessClaims struct {
	jwt.RegisteredClaims
	Role  string `json:"role"`
	Kind  string `json:"kind"`
	Scope string `json:"scope,omitempty"` // client tokens: space-separated scopes (RFC 6749 §3.3)
}

// Issue signs an access token for a user or a client.
func (t *Tokens) Issue(subject string, kind ActorKind, role Role) (AccessToken, error) {
	return t.issue(subject, kind, role, "", AccessTokenTTL)
}

// ClientTokenTTL is the life of a partner software's token (client credentials, ADR 0008).
const ClientTokenTTL = 10 * time.Minute

// ClientSubjectPrefix starts the subject of a client token ("client:<id>").
const ClientSubjectPrefix = "client:"

// IssueClient signs a short-lived token for an API client with the scopes it was granted.
func (t *Tokens) IssueClient(clientID string, scopes []string) (AccessToken, error) {
	return t.issue(ClientSubjectPrefix+clientID, ActorClient, RolePartner, strings.Join(scopes, " "), ClientTokenTTL)
}

func (t *Tokens) issue(subject string, kind ActorKind, role Role, scope string, ttl time.Duration) (AccessToken, error) {
	now := t.now().UTC()
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return AccessToken{}, err
	}
	claims := accessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: t.issuer, Audience: jwt.ClaimStrings{t.audience}, Subject: subject,
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)), IssuedAt: jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now), ID: hex.EncodeToString(id),
		},
		Role: string(role), Kind: string(kind), Scope: scope,
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	if err != nil {
		return AccessToken{}, err
	}
	return AccessToken{Value: signed, ID: claims.ID, ExpiresAt: claims.ExpiresAt.Time}, nil
}

// Parse checks a token strictly: HS256 only (so neither "none" nor a public-key algorithm can be smuggled in),
// our issuer and audience, an expiry that is required and not passed, issued-at and not-before not in the future.
func (t *Tokens) Parse(raw string) (Claims, error) {
	if e, ok := t.verified.get(raw); ok {
		return e.check(t.now())
	}
	var c accessClaims
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(t.issuer), jwt.WithAudience(t.audience),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithLeeway(clockLeeway),
		jwt.WithTimeFunc(t.now),
	)
	_, err := parser.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return t.secret, nil })
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return Claims{}, expiredToken(err)
	case err != nil:
		return Claims{}, invalidToken(err)
	}
	kind := ActorKind(c.Kind)
	if c.Subject == "" || (kind != ActorUser && kind != ActorClient) {
		return Claims{}, invalidToken(errors.New("missing sub or kind"))
	}
	claims := Claims{Subject: c.Subject, Kind: kind, Role: Role(c.Role), ID: c.ID, Expires: c.ExpiresAt.Time,
		Scopes: strings.Fields(c.Scope)}
	e := verifiedToken{claims: claims}
	if c.IssuedAt != nil {
		e.issuedAt = c.IssuedAt.Time
	}
	if c.NotBefore != nil {
		e.notBefore = c.NotBefore.Time
	}
	t.verified.put(raw, e, t.now())
	return e.check(t.now())
}

func expiredToken(cause error) error {
	if cause == nil {
		cause = jwt.ErrTokenExpired
	}
	return apperr.Wrap(cause, apperr.KindUnauthenticated, "auth.token_expired", "Votre session a expiré : reconnectez-vous.")
}

func invalidToken(cause error) error {
	return apperr.Wrap(cause, apperr.KindUnauthenticated, "auth.invalid_token", "Jeton d’accès invalide.")
}

// InvalidToken is the error for a token that parses but no longer matches an active account.
func InvalidToken() error {
	return apperr.New(apperr.KindUnauthenticated, "auth.invalid_token", "Jeton d’accès invalide.")
}
