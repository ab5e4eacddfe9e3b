package auth_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

var (
	testSecret = []byte("unit-test-secret-unit-test-secret-0123")
	testNow    = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
)

func newTokens(now time.Time) *auth.Tokens {
	return auth.NewTokens(testSecret, "maillage", "maillage-api", func() time.Time { return now })
}

// claims returns a valid payload that each case then spoils.
func claims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss": "maillage", "aud": "maillage-api", "sub": "0b8f5e0e-4d3a-4c7b-9f1e-2a6d1c3b4e5f",
		"exp": testNow.Add(10 * time.Minute).Unix(), "iat": testNow.Add(-time.Minute).Unix(),
		"nbf": testNow.Add(-time.Minute).Unix(), "jti": "abc", "role": "prefecture", "kind": "user",
	}
}

func sign(t *testing.T, c jwt.MapClaims, key []byte) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// handMade builds a token with an arbitrary header, HMAC-signed with the server's secret, to check that the
// parser pins the algorithm instead of trusting the header.
func handMade(t *testing.T, header map[string]any, c jwt.MapClaims) string {
	t.Helper()
	enc := base64.RawURLEncoding
	h, _ := json.Marshal(header)
	p, _ := json.Marshal(c)
	unsigned := enc.EncodeToString(h) + "." + enc.EncodeToString(p)
	mac := hmac.New(sha256.New, testSecret)
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc.EncodeToString(mac.Sum(nil))
}

// stripped takes a genuine token, swaps its header for alg "none" and drops the signature.
func stripped(t *testing.T) string {
	t.Helper()
	parts := strings.Split(sign(t, claims(), testSecret), ".")
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
	return header + "." + parts[1] + "."
}

func without(c jwt.MapClaims, key string) jwt.MapClaims { delete(c, key); return c }

func with(c jwt.MapClaims, key string, v any) jwt.MapClaims { c[key] = v; return c }

func TestParseRejectsBadTokens(t *testing.T) {
	t.Parallel()
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		token string
		code  string
	}{
		{"valid", sign(t, claims(), testSecret), ""},
		{"forged signature", sign(t, claims(), []byte("another-secret-another-secret-012345")), "auth.invalid_token"},
		{"alg none", none, "auth.invalid_token"},
		{"valid token re-headed as none, signature stripped", stripped(t), "auth.invalid_token"},
		{"RS256 header", handMade(t, map[string]any{"alg": "RS256", "typ": "JWT"}, claims()), "auth.invalid_token"},
		{"HS512 header", handMade(t, map[string]any{"alg": "HS512", "typ": "JWT"}, claims()), "auth.invalid_token"},
		{"wrong audience", sign(t, with(claims(), "aud", "other-api"), testSecret), "auth.invalid_token"},
		{"wrong issuer", sign(t, with(claims(), "iss", "someone-else"), testSecret), "auth.invalid_token"},
		{"missing issuer", sign(t, without(claims(), "iss"), testSecret), "auth.invalid_token"},
		{"missing audience", sign(t, without(claims(), "aud"), testSecret), "auth.invalid_token"},
		{"missing exp", sign(t, without(claims(), "exp"), testSecret), "auth.invalid_token"},
		{"expired", sign(t, with(claims(), "exp", testNow.Add(-time.Minute).Unix()), testSecret), "auth.token_expired"},
		{"expired within leeway", sign(t, with(claims(), "exp", testNow.Add(-10*time.Second).Unix()), testSecret), ""},
		{"nbf in the future", sign(t, with(claims(), "nbf", testNow.Add(5*time.Minute).Unix()), testSecret), "auth.invalid_token"},
		{"iat in the future", sign(t, with(claims(), "iat", testNow.Add(5*time.Minute).Unix()), testSecret), "auth.invalid_token"},
		{"missing subject", sign(t, without(claims(), "sub"), testSecret), "auth.invalid_token"},
		{"unknown kind", sign(t, with(claims(), "kind", "robot"), testSecret), "auth.invalid_token"},
		{"garbage", "not.a.token", "auth.invalid_token"},
		{"empty", "", "auth.invalid_token"},
	}
	tokens := newTokens(testNow)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tokens.Parse(tc.token)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				if got.Subject != "0b8f5e0e-4d3a-4c7b-9f1e-2a6d1c3b4e5f" || got.Role != auth.RolePrefecture || got.Kind != auth.ActorUser {
					t.Fatalf("claims %+v", got)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindUnauthenticated || e.Code != tc.code {
				t.Fatalf("want %s, got %v", tc.code, err)
			}
		})
	}
}

func TestIssueThenParse(t *testing.T) {
	t.Parallel()
	tokens := newTokens(testNow)
	tok, err := tokens.Issue("user-1", auth.ActorUser, auth.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if !tok.ExpiresAt.Equal(testNow.Add(auth.AccessTokenTTL)) || tok.ID == "" {
		t.Fatalf("token %+v", tok)
	}
	c, err := tokens.Parse(tok.Value)
	if err != nil || c.Subject != "user-1" || c.Role != auth.RoleAdmin || c.ID != tok.ID {
		t.Fatalf("parse: %+v %v", c, err)
	}
	// 16 minutes later the same token is expired.
	if _, err := newTokens(testNow.Add(16 * time.Minute)).Parse(tok.Value); apperr.KindOf(err) != apperr.KindUnauthenticated {
		t.Fatalf("want expired, got %v", err)
	}
	// Another deployment (other secret) does not accept it.
	other := auth.NewTokens([]byte("a-different-secret-a-different-secret"), "maillage", "maillage-api", func() time.Time { return testNow })
	if _, err := other.Parse(tok.Value); err == nil {
		t.Fatal("token accepted with another secret")
	}
}
