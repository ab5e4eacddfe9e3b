package rest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"maillage/api/rest"
	"maillage/pkg/config"
	"maillage/pkg/testkit"
)

// testServer is the real router, middleware and services on a database of the test's own.
type testServer struct {
	t     testing.TB
	e     *echo.Echo
	db    *gorm.DB
	cfg   config.Config
	deps  rest.Deps
	clock *testClock
}

// testClock is the server's clock: real time shifted by what the test advanced it.
type testClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// advance moves the server's clock forward.
func (s *testServer) advance(d time.Duration) {
	s.clock.mu.Lock()
	defer s.clock.mu.Unlock()
	s.clock.offset += d
}

// testConfig is a valid configuration for tests; modify it before newTestServerWith.
func testConfig(dbURL string) config.Config {
	cfg, err := config.Load(func(k string) (string, bool) {
		v, ok := map[string]string{
			"APP_ENV": "test", "DATABASE_URL": dbURL,
			"JWT_SECRET":   "test-secret-test-secret-test-secret-0123",
			"CORS_ORIGINS": "http://localhost:5173",
		}[k]
		return v, ok
	})
	if err != nil {
		panic(err)
	}
	return cfg
}

func newTestServer(t testing.TB) *testServer {
	t.Helper()
	gdb, url := testkit.DB(t)
	return newTestServerWith(t, gdb, testConfig(url))
}

func newTestServerWith(t testing.TB, gdb *gorm.DB, cfg config.Config) *testServer {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	clock := &testClock{}
	deps := rest.Deps{Config: cfg, DB: gdb, Log: log, Now: clock.now, Services: rest.BuildServices(cfg, gdb, log, clock.now)}
	return &testServer{t: t, e: rest.New(deps), db: gdb, cfg: cfg, deps: deps, clock: clock}
}

// request is one HTTP call through the router.
type request struct {
	method  string
	path    string
	body    any               // marshalled to JSON unless it is a string or []byte
	token   string            // bearer token
	headers map[string]string // extra headers
}

func (s *testServer) do(r request) *httptest.ResponseRecorder {
	s.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = bytes.NewBufferString(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(r.method, r.path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}

// problemOf decodes a problem+json response.
func problemOf(t testing.TB, rec *httptest.ResponseRecorder) rest.Problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q, want application/problem+json (status %d, body %s)", ct, rec.Code, rec.Body)
	}
	var p rest.Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem body: %v: %s", err, rec.Body)
	}
	return p
}

// decode reads a JSON response body into v.
func decode(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %d %s: %v", rec.Code, rec.Body, err)
	}
}

var _ = http.MethodGet
