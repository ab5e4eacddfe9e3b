package rest_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"maillage/api/rest"
	"maillage/docs/openapi"
	"maillage/pkg/db"
	"maillage/pkg/testkit"
)

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		if rec := s.do(request{method: http.MethodGet, path: path}); rec.Code != http.StatusOK {
			t.Errorf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
}

// A database that does not answer makes /readyz and the API answer 503 with Retry-After, while /healthz (the
// process) stays up.
func TestDatabaseDownIs503(t *testing.T) {
	t.Parallel()
	gdb, err := db.Open("postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1", db.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServerWith(t, gdb, testConfig("postgres://postgres@127.0.0.1:1/none"))
	if rec := s.do(request{method: http.MethodGet, path: "/healthz"}); rec.Code != http.StatusOK {
		t.Errorf("/healthz: %d", rec.Code)
	}
	for _, r := range []request{
		{method: http.MethodGet, path: "/readyz"},
		{method: http.MethodPost, path: "/api/v1/auth/login", body: map[string]string{"email": "a@b.fr", "password": "x"}},
	} {
		rec := s.do(r)
		if rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("%s %s: %d %s", r.method, r.path, rec.Code, rec.Body)
		}
		if p := problemOf(t, rec); p.Code != "service.unavailable" {
			t.Errorf("%s: code %q", r.path, p.Code)
		}
		if rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s: no Retry-After", r.path)
		}
	}
}

func TestCrossCuttingHTTPBehaviour(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	cases := []struct {
		name    string
		req     request
		status  int
		code    string            // problem code, when an error is expected
		headers map[string]string // expected response headers ("" = must be absent)
	}{
		{name: "unknown API route is a problem+json 404",
			req: request{method: http.MethodGet, path: "/api/v1/nowhere"}, status: 404, code: "route.not_found"},
		{name: "protected route without token",
			req: request{method: http.MethodGet, path: "/api/v1/departements"}, status: 401, code: "auth.required"},
		{name: "malformed authorization header",
			req:    request{method: http.MethodGet, path: "/api/v1/departements", headers: map[string]string{"Authorization": "Basic abc"}},
			status: 401, code: "auth.invalid_token"},
		{name: "body over 1 MiB",
			req:    request{method: http.MethodPost, path: "/api/v1/auth/login", body: `{"email":"` + strings.Repeat("a", 1100000) + `"}`},
			status: 413, code: "request.too_large"},
		{name: "CORS preflight from an allowed origin",
			req: request{method: http.MethodOptions, path: "/api/v1/auth/login", headers: map[string]string{
				"Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST"}},
			status: 204, headers: map[string]string{
				"Access-Control-Allow-Origin": "http://localhost:5173", "Access-Control-Allow-Credentials": "true"}},
		{name: "CORS preflight from another origin gets no grant",
			req: request{method: http.MethodOptions, path: "/api/v1/auth/login", headers: map[string]string{
				"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}},
			status: 204, headers: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "security headers, no HSTS outside prod, no deprecated X-XSS-Protection",
			req: request{method: http.MethodGet, path: "/healthz"}, status: 200, headers: map[string]string{
				"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
				"Strict-Transport-Security": "", "X-Xss-Protection": ""}},
		{name: "OpenAPI document is public",
			req: request{method: http.MethodGet, path: "/api/v1/openapi.json"}, status: 200,
			headers: map[string]string{"Content-Type": "application/json"}},
		{name: "documentation page is public",
			req: request{method: http.MethodGet, path: "/api/v1/docs"}, status: 200},
		{name: "metrics are open outside prod",
			req: request{method: http.MethodGet, path: "/metrics"}, status: 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := s.do(tc.req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if tc.code != "" {
				p := problemOf(t, rec)
				if p.Code != tc.code || p.Title == "" || p.Status != tc.status || p.RequestID == "" {
					t.Errorf("problem %+v, want code %q", p, tc.code)
				}
			}
			for h, want := range tc.headers {
				got := rec.Header().Get(h)
				if want == "" && got != "" || want != "" && !strings.HasPrefix(got, want) {
					t.Errorf("header %s = %q, want %q", h, got, want)
				}
			}
			if rec.Header().Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
}

func TestMetricsAreHiddenInProd(t *testing.T) {
	t.Parallel()
	gdb, url := testkit.DB(t)
	cfg := testConfig(url)
	cfg.Env, cfg.MetricsPublic, cfg.MetricsToken = "prod", false, "scrape-token"
	s := newTestServerWith(t, gdb, cfg)
	s.do(request{method: http.MethodGet, path: "/healthz"})
	if rec := s.do(request{method: http.MethodGet, path: "/metrics"}); rec.Code != http.StatusNotFound {
		t.Errorf("anonymous /metrics in prod: %d", rec.Code)
	}
	rec := s.do(request{method: http.MethodGet, path: "/metrics", token: "scrape-token"})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `maillage_http_requests_total{method="GET",route="/healthz",status="200"}`) {
		t.Errorf("/metrics with token: %d\n%.500s", rec.Code, rec.Body)
	}
	if !strings.Contains(rec.Body.String(), `go_sql_max_open_connections{db_name="maillage"}`) {
		t.Error("/metrics lacks the database pool statistics")
	}
	if hsts := s.do(request{method: http.MethodGet, path: "/healthz"}).Header().Get("Strict-Transport-Security"); hsts == "" {
		t.Error("no HSTS in prod")
	}
}

func TestServesTheSPAWithFallback(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html><title>Maillage</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	gdb, url := testkit.DB(t)
	cfg := testConfig(url)
	cfg.StaticDir = dir
	s := newTestServerWith(t, gdb, cfg)
	for _, path := range []string{"/", "/utilisateurs/nouveau"} {
		rec := s.do(request{method: http.MethodGet, path: path})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<title>Maillage</title>") {
			t.Errorf("%s: %d %.100s", path, rec.Code, rec.Body)
		}
	}
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/nowhere"})
	if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown API path must stay a problem+json 404, got %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
}

var pathParam = regexp.MustCompile(`:([a-z_]+)`)

// Every route of the table is documented in the committed spec, and every documented path is a route.
func TestSpecMatchesRouteTable(t *testing.T) {
	t.Parallel()
	var spec struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapi.JSON, &spec); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", spec.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range spec.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	routed := map[string]bool{}
	for _, r := range rest.Routes(&rest.Handlers{}) {
		routed[r.Method+" "+pathParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	var missing, extra []string
	for k := range routed {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !routed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Errorf("routes missing from the spec (run make spec): %v\nspec paths without a route: %v", missing, extra)
	}
}
