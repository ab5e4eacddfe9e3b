package rest_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/auth"
	"maillage/pkg/config"
	"maillage/pkg/demo"
	"maillage/pkg/testkit"
	"maillage/pkg/user"
)

// clock is a settable time source shared by the server and its services.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newClockedServer is a test server whose clock the test moves, trusting X-Forwarded-For from the test client's
// address (192.0.2.1) so a test can speak from several client IPs through the production IP extractor.
func newClockedServer(t *testing.T, mutate func(*config.Config)) (*testServer, *clock) {
	t.Helper()
	gdb, url := testkit.DB(t)
	cfg := testConfig(url)
	_, proxies, _ := net.ParseCIDR("192.0.2.0/24")
	cfg.TrustedProxies = []*net.IPNet{proxies}
	if mutate != nil {
		mutate(&cfg)
	}
	c := &clock{t: time.Now().UTC().Truncate(time.Second)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	deps := rest.Deps{Config: cfg, DB: gdb, Log: log, Now: c.now, Services: rest.BuildServices(cfg, gdb, log, c.now)}
	return &testServer{t: t, e: rest.New(deps), db: gdb, cfg: cfg, deps: deps}, c
}

// seededServer is a test server with the demo accounts.
func seededServer(t *testing.T) *testServer {
	t.Helper()
	s := newTestServer(t)
	seedDemo(t, s)
	return s
}

func seedDemo(t *testing.T, s *testServer) {
	t.Helper()
	if err := demo.Seed(context.Background(), s.db, time.Now, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// loginToken logs in through the API and returns the access token.
func loginToken(t testing.TB, s *testServer, email, password string) string {
	t.Helper()
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/auth/login",
		body: map[string]string{"email": email, "password": password}})
	if rec.Code != http.StatusOK {
		t.Fatalf("login %s: %d %s", email, rec.Code, rec.Body)
	}
	var out rest.TokenResponse
	decode(t, rec, &out)
	return out.AccessToken
}

// login posts credentials from a client IP and returns the response.
func login(s *testServer, email, password, ip string) *httptest.ResponseRecorder {
	return s.do(request{method: http.MethodPost, path: "/api/v1/auth/login",
		body:    map[string]string{"email": email, "password": password},
		headers: map[string]string{"X-Forwarded-For": ip}})
}

// refreshCookieOf returns the maillage_refresh cookie a response sets, or nil.
func refreshCookieOf(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == "maillage_refresh" {
			return c
		}
	}
	return nil
}

// withCookie posts to an auth endpoint with the refresh cookie.
func withCookie(s *testServer, path, value string) *httptest.ResponseRecorder {
	r := request{method: http.MethodPost, path: path, headers: map[string]string{}}
	if value != "" {
		r.headers["Cookie"] = "maillage_refresh=" + value
	}
	return s.do(r)
}

// userID returns the id of the account with that e-mail.
func userID(t testing.TB, s *testServer, email string) string {
	t.Helper()
	var id string
	if err := s.db.Raw(`SELECT id::text FROM users WHERE email = ?`, email).Scan(&id).Error; err != nil || id == "" {
		t.Fatalf("user %s: %v", email, err)
	}
	return id
}

// mint signs an access token for an account directly (tests that are not about login skip the argon2 work).
func mint(t testing.TB, s *testServer, email string) string {
	t.Helper()
	tokens := auth.NewTokens(s.cfg.JWTSecret, s.cfg.JWTIssuer, s.cfg.JWTAudience, time.Now)
	var role string
	s.db.Raw(`SELECT role FROM users WHERE email = ?`, email).Scan(&role)
	tok, err := tokens.Issue(userID(t, s, email), auth.ActorUser, auth.Role(role))
	if err != nil {
		t.Fatal(err)
	}
	return tok.Value
}

// createAccount creates an account as the system, bypassing HTTP (fixtures).
func createAccount(t testing.TB, s *testServer, in user.NewUser) user.User {
	t.Helper()
	if in.Password == "" {
		in.Password = "un-mot-de-passe-solide"
	}
	if in.Name == "" {
		in.Name = in.Email
	}
	u, err := s.deps.Services.Users.Create(context.Background(), auth.System, in)
	if err != nil {
		t.Fatalf("create %s: %v", in.Email, err)
	}
	return u
}
