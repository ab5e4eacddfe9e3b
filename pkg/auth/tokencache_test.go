package auth_test

import (
	"sync/atomic"
	"testing"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

// A token verified once is remembered, but the clock rules still apply to it on every later use, exactly as on
// its first: expired (past the leeway) is token_expired, used before its issue or start (clock set back) is
// invalid; and a remembered token does not make a forged variant of it valid.
func TestRememberedTokensKeepTheClockRules(t *testing.T) {
	var clock atomic.Int64
	clock.Store(testNow.UnixNano())
	tokens := auth.NewTokens(testSecret, "maillage", "maillage-api", func() time.Time { return time.Unix(0, clock.Load()) })
	raw := sign(t, claims(), testSecret)
	for range 2 { // the second parse is served from memory
		c, err := tokens.Parse(raw)
		if err != nil || c.Subject != "0b8f5e0e-4d3a-4c7b-9f1e-2a6d1c3b4e5f" || c.Role != auth.RolePrefecture || c.ID != "abc" {
			t.Fatalf("valid token: %+v %v", c, err)
		}
	}
	if _, err := tokens.Parse(raw[:len(raw)-2] + "AA"); !apperr.IsKind(err, apperr.KindUnauthenticated) {
		t.Fatalf("forged signature accepted: %v", err)
	}
	clock.Store(testNow.Add(-2 * time.Minute).UnixNano()) // iat and nbf are testNow-1min, leeway 30 s
	if _, err := tokens.Parse(raw); !isCode(err, "auth.invalid_token") {
		t.Fatalf("token used before its issue: %v", err)
	}
	clock.Store(testNow.Add(10*time.Minute + 29*time.Second).UnixNano()) // within the leeway after exp
	if _, err := tokens.Parse(raw); err != nil {
		t.Fatalf("within the leeway: %v", err)
	}
	clock.Store(testNow.Add(10*time.Minute + 30*time.Second).UnixNano())
	if _, err := tokens.Parse(raw); !isCode(err, "auth.token_expired") {
		t.Fatalf("expired token: %v", err)
	}
	// A fresh verifier agrees on each instant (the remembered path is the parser's).
	fresh := auth.NewTokens(testSecret, "maillage", "maillage-api", func() time.Time { return time.Unix(0, clock.Load()) })
	if _, err := fresh.Parse(raw); !isCode(err, "auth.token_expired") {
		t.Fatalf("parser on the expired token: %v", err)
	}
}

func isCode(err error, code string) bool {
	e, ok := err.(*apperr.Error)
	return ok && e.Code == code
}
