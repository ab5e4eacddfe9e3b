package rest_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"maillage/pkg/auth"
	"maillage/pkg/user"
)

// Every defective token is a 401 problem on /auth/me, whatever the defect; only the genuine one passes.
func TestTokensRejectedOnMe(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer(t, nil)
	u := createAccount(t, s, user.NewUser{Email: "jeton@maillage.test", Role: auth.RolePrefecture, Departements: []string{"70"}})
	now := clk.now()
	base := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": s.cfg.JWTIssuer, "aud": s.cfg.JWTAudience, "sub": u.ID, "role": "prefecture",
			"kind": "user", "jti": "t1", "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(15 * time.Minute).Unix()}
	}
	sign := func(c jwt.MapClaims, secret []byte) string {
		v, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	set := func(k string, v any) jwt.MapClaims { c := base(); c[k] = v; return c }
	unset := func(k string) jwt.MapClaims { c := base(); delete(c, k); return c }
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, base()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	genuine := sign(base(), s.cfg.JWTSecret)
	headerNone := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
	strippedNone := headerNone + "." + strings.Split(genuine, ".")[1] + "."

	cases := []struct {
		name   string
		header string // full Authorization header
		status int
		code   string
	}{
		{"genuine", "Bearer " + genuine, 200, ""},
		{"expired", "Bearer " + sign(set("exp", now.Add(-time.Hour).Unix()), s.cfg.JWTSecret), 401, "auth.token_expired"},
		{"forged signature", "Bearer " + sign(base(), []byte("not-the-server-secret-not-the-server-secret")), 401, "auth.invalid_token"},
		{"wrong audience", "Bearer " + sign(set("aud", "another-api"), s.cfg.JWTSecret), 401, "auth.invalid_token"},
		{"wrong issuer", "Bearer " + sign(set("iss", "someone-else"), s.cfg.JWTSecret), 401, "auth.invalid_token"},
		{"alg none", "Bearer " + none, 401, "auth.invalid_token"},
		{"genuine payload re-headed alg none", "Bearer " + strippedNone, 401, "auth.invalid_token"},
		{"missing exp", "Bearer " + sign(unset("exp"), s.cfg.JWTSecret), 401, "auth.invalid_token"},
		{"not yet valid", "Bearer " + sign(set("nbf", now.Add(time.Hour).Unix()), s.cfg.JWTSecret), 401, "auth.invalid_token"},
		{"unknown account", "Bearer " + sign(set("sub", "7d1f8a52-3c1e-4a57-9b0f-000000000000"), s.cfg.JWTSecret), 401, "auth.invalid_token"},
		{"subject not a uuid", "Bearer " + sign(set("sub", "admin"), s.cfg.JWTSecret), 401, "auth.invalid_token"},
		{"client kind (not yet supported)", "Bearer " + sign(set("kind", "client"), s.cfg.JWTSecret), 401, "auth.invalid_token"},
		{"garbage", "Bearer garbage", 401, "auth.invalid_token"},
		{"wrong scheme", "Basic " + genuine, 401, "auth.invalid_token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := s.do(request{method: http.MethodGet, path: "/api/v1/auth/me",
				headers: map[string]string{"Authorization": tc.header}})
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if tc.code != "" {
				if p := problemOf(t, rec); p.Code != tc.code {
					t.Fatalf("code %q, want %q", p.Code, tc.code)
				}
			}
		})
	}
}

// The access token lives 15 minutes on the server's clock.
func TestAccessTokenExpiresAfter15Minutes(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer(t, nil)
	createAccount(t, s, user.NewUser{Email: "expire@maillage.test", Role: auth.RoleAnimateur, Departements: []string{"70"}})
	token := loginToken(t, s, "expire@maillage.test", "un-mot-de-passe-solide")
	clk.advance(14 * time.Minute)
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/auth/me", token: token}); rec.Code != 200 {
		t.Fatalf("at 14 min: %d", rec.Code)
	}
	clk.advance(2 * time.Minute)
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/auth/me", token: token})
	if rec.Code != 401 || problemOf(t, rec).Code != "auth.token_expired" {
		t.Fatalf("at 16 min: %d %s", rec.Code, rec.Body)
	}
}
