package partner

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"time"
)

// Scopes a partner's software may be granted (ADR 0008).
const (
	ScopeStructuresRead   = "structures:read"
	ScopePermanencesWrite = "permanences:write"
	ScopeReferentsWrite   = "referents:write"
)

// Scopes lists the scopes.
var Scopes = []string{ScopeStructuresRead, ScopePermanencesWrite, ScopeReferentsWrite}

// Client is an API client of a partner organisation's software: client credentials for its départements.
type Client struct {
	ID           string // internal id (the actor id, the audit's actor_id)
	ClientID     string // public identifier sent with the secret
	Name         string
	Organisation Ref
	Departements []string
	Scopes       []string
	ValidFrom    string
	ValidTo      string
	RevokedAt    *time.Time
	LastUsedAt   *time.Time
	CreatedBy    string
	CreatedAt    time.Time
	Secrets      []Secret
	Version      int
}

// Secret is one secret of a client, never its value: only its SHA-256 digest is stored.
type Secret struct {
	ID         string
	CreatedAt  time.Time
	ExpiresAt  *time.Time // set when a newer secret replaced it (overlap) or at revocation
	LastUsedAt *time.Time
}

// ActiveOn tells whether the secret is still accepted at t.
func (s Secret) ActiveOn(t time.Time) bool { return s.ExpiresAt == nil || t.Before(*s.ExpiresAt) }

// Usable tells whether the client may get and use tokens at t: not revoked, within its validity dates (civil
// dates in Europe/Paris).
func (c Client) Usable(t time.Time) bool {
	return c.RevokedAt == nil && ValidOn(CivilDate(t), c.ValidFrom, c.ValidTo)
}

// Granted returns the scopes of requested the client holds (all of them when requested is empty), and false when
// one requested scope is not held.
func (c Client) Granted(requested []string) ([]string, bool) {
	if len(requested) == 0 {
		return slices.Clone(c.Scopes), true
	}
	for _, s := range requested {
		if !slices.Contains(c.Scopes, s) {
			return nil, false
		}
	}
	return requested, true
}

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// CivilDate is the civil date of t in Europe/Paris, where validity dates are judged.
func CivilDate(t time.Time) string { return t.In(paris).Format(DateLayout) }

// Secret values are "mcs_" + 43 characters: 256 random bits, base64url. The prefix lets secret scanners spot
// a leaked one. A value with that much entropy cannot be guessed, so a fast digest (SHA-256) protects the stored
// form as well as a password hash would, without making the token endpoint a CPU and memory sink.
const secretPrefix = "mcs_"

// NewSecret returns a new secret value and its digest.
func NewSecret() (value string, digest []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	value = secretPrefix + base64.RawURLEncoding.EncodeToString(b)
	return value, DigestSecret(value), nil
}

// DigestSecret is the stored form of a secret value.
func DigestSecret(value string) []byte {
	d := sha256.Sum256([]byte(value))
	return d[:]
}

// SameDigest compares two digests in constant time.
func SameDigest(a, b []byte) bool { return subtle.ConstantTimeCompare(a, b) == 1 }

// NewClientID returns a public client identifier ("mc_" + 24 hex characters).
func NewClientID() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "mc_" + hex.EncodeToString(b), nil
}

// RotationOverlap is how long an old secret stays valid after a new one is issued, unless told otherwise.
const RotationOverlap = 7 * 24 * time.Hour
