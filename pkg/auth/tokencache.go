package auth

import (
	"errors"
	"slices"
	"sync"
	"time"
)

// verifiedTokens remembers the tokens whose signature, algorithm, issuer and audience Parse has already checked
// (all properties of the token's bytes, for a given secret), so that a client sending the same token on every
// request is not charged an HMAC and a JSON decoding each time. What depends on the clock (expiry, issued-at,
// not-before) is checked again on every hit, exactly as the parser does. Nothing of the account is cached: the
// actor is still read fresh on every request.
type verifiedTokens struct {
	mu      sync.Mutex
	entries map[string]verifiedToken
}

type verifiedToken struct {
	claims              Claims
	issuedAt, notBefore time.Time
}

// maxVerifiedTokens bounds the memory (about 1 KiB an entry): past it the expired entries go, and if every entry
// is still valid, all of them (they are re-verified on their next use).
const maxVerifiedTokens = 4096

func (v *verifiedTokens) get(raw string) (verifiedToken, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	e, ok := v.entries[raw]
	return e, ok
}

func (v *verifiedTokens) put(raw string, e verifiedToken, now time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.entries == nil {
		v.entries = map[string]verifiedToken{}
	}
	if len(v.entries) >= maxVerifiedTokens {
		for k, old := range v.entries {
			if !now.Before(old.claims.Expires.Add(clockLeeway)) {
				delete(v.entries, k)
			}
		}
		if len(v.entries) >= maxVerifiedTokens {
			clear(v.entries)
		}
	}
	v.entries[raw] = e
}

// check applies the parser's clock rules to a remembered token: not expired, not issued nor valid only in the
// future, with the same leeway.
func (e verifiedToken) check(now time.Time) (Claims, error) {
	if !now.Before(e.claims.Expires.Add(clockLeeway)) {
		return Claims{}, expiredToken(nil)
	}
	if now.Add(clockLeeway).Before(e.issuedAt) || now.Add(clockLeeway).Before(e.notBefore) {
		return Claims{}, invalidToken(errors.New("token used before its issue or start"))
	}
	c := e.claims
	c.Scopes = slices.Clone(c.Scopes)
	return c, nil
}
