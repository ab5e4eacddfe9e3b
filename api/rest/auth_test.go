package rest_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/auth"
	"maillage/pkg/config"
	"maillage/pkg/demo"
	"maillage/pkg/user"
)

func TestLoginOpensASession(t *testing.T) {
	t.Parallel()
	for _, secure := range []bool{false, true} {
		t.Run("secure="+strconv.FormatBool(secure), func(t *testing.T) {
			t.Parallel()
			s, _ := newClockedServer(t, func(c *config.Config) { c.SecureCookies = secure })
			createAccount(t, s, user.NewUser{Email: "Agent.70@maillage.test", Role: auth.RoleAnimateur,
				Departements: []string{"70"}, Password: "un-mot-de-passe-solide"})
			rec := login(s, "  AGENT.70@maillage.test ", "un-mot-de-passe-solide", "203.0.113.1")
			if rec.Code != http.StatusOK {
				t.Fatalf("login: %d %s", rec.Code, rec.Body)
			}
			var tok rest.TokenResponse
			decode(t, rec, &tok)
			if tok.TokenType != "Bearer" || tok.ExpiresIn != 900 || tok.User.Email != "agent.70@maillage.test" ||
				tok.User.LastLoginAt == nil || rec.Header().Get("Cache-Control") != "no-store" {
				t.Fatalf("token response %+v, headers %v", tok, rec.Header())
			}
			c := refreshCookieOf(rec)
			if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/auth" ||
				c.Secure != secure || c.MaxAge != int(user.RefreshTTL.Seconds()) || len(c.Value) < 40 {
				t.Fatalf("refresh cookie %+v", c)
			}
			me := s.do(request{method: http.MethodGet, path: "/api/v1/auth/me", token: tok.AccessToken})
			var u rest.UserDTO
			decode(t, me, &u)
			if me.Code != http.StatusOK || u.Email != "agent.70@maillage.test" || u.Role != "animateur" {
				t.Fatalf("me: %d %s", me.Code, me.Body)
			}
		})
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	t.Parallel()
	s, _ := newClockedServer(t, nil)
	createAccount(t, s, user.NewUser{Email: "actif@maillage.test", Role: auth.RoleAnimateur, Departements: []string{"70"}})
	inactive := createAccount(t, s, user.NewUser{Email: "inactif@maillage.test", Role: auth.RoleAnimateur,
		Departements: []string{"70"}})
	s.db.Exec(`UPDATE users SET active = false WHERE id = ?`, inactive.ID)
	cases := []struct {
		name, email, password string
	}{
		{"wrong password", "actif@maillage.test", "pas-le-bon-mot-de-passe"},
		{"unknown e-mail", "inconnu@maillage.test", "un-mot-de-passe-solide"},
		{"inactive account, right password", "inactif@maillage.test", "un-mot-de-passe-solide"},
	}
	var first rest.Problem
	for i, tc := range cases {
		rec := login(s, tc.email, tc.password, "203.0.113.2")
		p := problemOf(t, rec)
		if rec.Code != http.StatusUnauthorized || p.Code != "auth.invalid_credentials" ||
			refreshCookieOf(rec) != nil {
			t.Fatalf("%s: %d %+v", tc.name, rec.Code, p)
		}
		if i == 0 {
			first = p
		} else if p.Title != first.Title || p.Type != first.Type {
			t.Errorf("%s answers differently from a wrong password: %+v vs %+v", tc.name, p, first)
		}
	}
	rec := login(s, "", "", "203.0.113.2")
	if p := problemOf(t, rec); rec.Code != 422 || p.Errors["email"] == "" || p.Errors["password"] == "" {
		t.Fatalf("empty credentials: %d %+v", rec.Code, p)
	}
}

func TestLoginLockoutPerAccount(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer(t, nil)
	createAccount(t, s, user.NewUser{Email: "cible@maillage.test", Role: auth.RoleAnimateur, Departements: []string{"70"}})
	for i := 1; i <= 5; i++ {
		if rec := login(s, "cible@maillage.test", "mauvais-mot-de-passe", "203.0.113.3"); rec.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, rec.Code)
		}
	}
	// Locked now, even with the right password and from another IP.
	rec := login(s, "cible@maillage.test", "un-mot-de-passe-solide", "198.51.100.9")
	if p := problemOf(t, rec); rec.Code != http.StatusTooManyRequests || p.Code != "auth.too_many_attempts" ||
		rec.Header().Get("Retry-After") != "900" {
		t.Fatalf("6th attempt: %d %+v Retry-After=%q", rec.Code, p, rec.Header().Get("Retry-After"))
	}
	clk.advance(10 * time.Minute)
	if rec := login(s, "cible@maillage.test", "un-mot-de-passe-solide", "203.0.113.3"); rec.Header().Get("Retry-After") != "300" {
		t.Fatalf("still locked 5 more minutes: %d Retry-After=%q", rec.Code, rec.Header().Get("Retry-After"))
	}
	clk.advance(5*time.Minute + time.Second)
	if rec := login(s, "cible@maillage.test", "un-mot-de-passe-solide", "203.0.113.3"); rec.Code != http.StatusOK {
		t.Fatalf("after the lock: %d %s", rec.Code, rec.Body)
	}
	// Success reset the count: four new failures do not lock.
	for range 4 {
		login(s, "cible@maillage.test", "mauvais-mot-de-passe", "203.0.113.3")
	}
	if rec := login(s, "cible@maillage.test", "un-mot-de-passe-solide", "203.0.113.3"); rec.Code != http.StatusOK {
		t.Fatalf("counter not reset by the success: %d", rec.Code)
	}
}

func TestLoginThrottlePerIP(t *testing.T) {
	t.Parallel()
	s, _ := newClockedServer(t, nil)
	createAccount(t, s, user.NewUser{Email: "victime@maillage.test", Role: auth.RoleAnimateur, Departements: []string{"70"}})
	for i := range 20 { // spread over accounts, so no account lock explains the 429 below
		email := "essai" + strconv.Itoa(i) + "@maillage.test"
		if rec := login(s, email, "mauvais-mot-de-passe", "203.0.113.66"); rec.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, rec.Code)
		}
	}
	rec := login(s, "victime@maillage.test", "un-mot-de-passe-solide", "203.0.113.66")
	if p := problemOf(t, rec); rec.Code != http.StatusTooManyRequests || p.Code != "auth.too_many_attempts" ||
		rec.Header().Get("Retry-After") == "" {
		t.Fatalf("IP over its limit: %d %+v", rec.Code, p)
	}
	if rec := login(s, "victime@maillage.test", "un-mot-de-passe-solide", "198.51.100.7"); rec.Code != http.StatusOK {
		t.Fatalf("another IP is not throttled: %d %s", rec.Code, rec.Body)
	}
}

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	rec := login(s, "animateur.70@maillage.test", demo.Password, "203.0.113.4")
	first := refreshCookieOf(rec).Value

	rotated := withCookie(s, "/api/v1/auth/refresh", first)
	if rotated.Code != http.StatusOK {
		t.Fatalf("refresh: %d %s", rotated.Code, rotated.Body)
	}
	second := refreshCookieOf(rotated)
	var tok rest.TokenResponse
	decode(t, rotated, &tok)
	if second == nil || second.Value == first || second.Path != "/api/v1/auth" || !second.HttpOnly {
		t.Fatalf("rotation must set a new cookie: %+v", second)
	}
	if me := s.do(request{method: http.MethodGet, path: "/api/v1/auth/me", token: tok.AccessToken}); me.Code != 200 {
		t.Fatalf("refreshed access token: %d", me.Code)
	}
	// The first token again a moment later: another tab of the same browser restoring its session. Not theft:
	// 409, and the session lives on.
	race := withCookie(s, "/api/v1/auth/refresh", first)
	if p := problemOf(t, race); race.Code != http.StatusConflict || p.Code != "auth.refresh_race" {
		t.Fatalf("reuse within the grace period: %d %+v", race.Code, p)
	}
	// The first token again later: someone holds a copy. The family dies, and the cookie is cleared.
	s.advance(user.RefreshRaceGrace + time.Second)
	reused := withCookie(s, "/api/v1/auth/refresh", first)
	if p := problemOf(t, reused); reused.Code != 401 || p.Code != "auth.refresh_reused" ||
		refreshCookieOf(reused) == nil || refreshCookieOf(reused).MaxAge >= 0 {
		t.Fatalf("reuse: %d %+v", reused.Code, p)
	}
	if rec := withCookie(s, "/api/v1/auth/refresh", second.Value); rec.Code != 401 ||
		problemOf(t, rec).Code != "auth.invalid_refresh" {
		t.Fatalf("the newer token of a revoked family must fail too: %d %s", rec.Code, rec.Body)
	}
	if rec := withCookie(s, "/api/v1/auth/refresh", ""); rec.Code != 401 {
		t.Fatalf("no cookie: %d", rec.Code)
	}
}

func TestLogoutRevokesTheSession(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	cookie := refreshCookieOf(login(s, "prefecture.70@maillage.test", demo.Password, "203.0.113.5")).Value
	other := refreshCookieOf(login(s, "prefecture.70@maillage.test", demo.Password, "203.0.113.5")).Value
	rec := withCookie(s, "/api/v1/auth/logout", cookie)
	if rec.Code != http.StatusNoContent || refreshCookieOf(rec) == nil || refreshCookieOf(rec).MaxAge >= 0 {
		t.Fatalf("logout: %d, cookie %+v", rec.Code, refreshCookieOf(rec))
	}
	if rec := withCookie(s, "/api/v1/auth/refresh", cookie); rec.Code != 401 {
		t.Fatalf("refresh after logout: %d", rec.Code)
	}
	if rec := withCookie(s, "/api/v1/auth/refresh", other); rec.Code != 200 {
		t.Fatalf("the other session (another device) stays open: %d", rec.Code)
	}
	if rec := withCookie(s, "/api/v1/auth/logout", ""); rec.Code != http.StatusNoContent {
		t.Fatalf("logout without cookie: %d", rec.Code)
	}
}

func TestChangeOwnPassword(t *testing.T) {
	t.Parallel()
	s := seededServer(t)
	email := "partenaire.caf.70@maillage.test"
	rec := login(s, email, demo.Password, "203.0.113.6")
	var tok rest.TokenResponse
	decode(t, rec, &tok)
	current := refreshCookieOf(rec).Value
	elsewhere := refreshCookieOf(login(s, email, demo.Password, "203.0.113.6")).Value
	change := func(cur, next string) (int, rest.Problem) {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/auth/password", token: tok.AccessToken,
			body:    map[string]string{"current_password": cur, "new_password": next},
			headers: map[string]string{"Cookie": "maillage_refresh=" + current}})
		if rec.Code == http.StatusNoContent {
			return rec.Code, rest.Problem{}
		}
		return rec.Code, problemOf(t, rec)
	}
	if code, p := change("pas-le-bon-mot-de-passe", "nouveau-mot-de-passe-2026"); code != 422 || p.Errors["current_password"] == "" {
		t.Fatalf("wrong current password: %d %+v", code, p)
	}
	if code, p := change(demo.Password, "court"); code != 422 || p.Errors["new_password"] == "" {
		t.Fatalf("weak new password: %d %+v", code, p)
	}
	if code, p := change(demo.Password, "nouveau-mot-de-passe-2026"); code != http.StatusNoContent {
		t.Fatalf("change: %d %+v", code, p)
	}
	if rec := login(s, email, demo.Password, "203.0.113.6"); rec.Code != 401 {
		t.Fatalf("old password still accepted: %d", rec.Code)
	}
	if rec := login(s, email, "nouveau-mot-de-passe-2026", "203.0.113.6"); rec.Code != 200 {
		t.Fatalf("new password refused: %d", rec.Code)
	}
	if rec := withCookie(s, "/api/v1/auth/refresh", current); rec.Code != 200 {
		t.Fatalf("the session that changed the password stays open: %d", rec.Code)
	}
	if rec := withCookie(s, "/api/v1/auth/refresh", elsewhere); rec.Code != 401 {
		t.Fatalf("other sessions are closed: %d", rec.Code)
	}
}
