package rest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
)

// BenchmarkReadsOverHTTP measures the read paths of the benchmark scenarios S1 (GET /structures/{id}, as the
// national admin, over 200 demo structures) and S2 (a département's list, first and second page) through the
// real router and middleware, next to two references measured in the same run: /healthz (the middleware chain,
// no SQL) and GET /departements/60 (authentication, middleware, one tiny query). Run with RATE_LIMIT_RPS=0: the per-actor flood guard would
// otherwise answer 429 to a benchmark loop.
func BenchmarkReadsOverHTTP(b *testing.B) {
	s, tokens := registryServer(b)
	ids := benchStructureIDs(b, s, tokens["admin"])
	// S2 lists 50 structures of a département; the largest demo département (the Oise, 47) has pages of 20.
	first := "/api/v1/structures?departement=60&limit=20"
	second := first + "&cursor=" + url.QueryEscape(benchNextCursor(b, s, tokens["admin"], first))
	for _, bench := range []struct {
		name, token string
		path        func(i int) string
	}{
		{"reference_healthz", "", func(int) string { return "/healthz" }}, // the middleware chain alone
		{"reference_departement", tokens["admin"], func(int) string { return "/api/v1/departements/60" }},
		{"S1_structure", tokens["admin"], func(i int) string { return "/api/v1/structures/" + ids[i%len(ids)] }},
		{"S2_list_first_page", tokens["admin"], func(int) string { return first }},
		{"S2_list_second_page", tokens["admin"], func(int) string { return second }},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				path := bench.path(i)
				if rec := s.do(request{method: http.MethodGet, path: path, token: bench.token}); rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
				}
			}
		})
	}
}

func benchStructureIDs(b *testing.B, s *testServer, token string) []string {
	b.Helper()
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/structures?limit=200", token: token})
	var list struct {
		Items []struct{ ID string } `json:"items"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list.Items) < 50 {
		b.Fatalf("structures: %d %v %s", rec.Code, err, rec.Body)
	}
	ids := make([]string, len(list.Items))
	for i, it := range list.Items {
		ids[i] = it.ID
	}
	return ids
}

func benchNextCursor(b *testing.B, s *testServer, token, path string) string {
	b.Helper()
	rec := s.do(request{method: http.MethodGet, path: path, token: token})
	var page struct {
		NextCursor string `json:"next_cursor"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || page.NextCursor == "" {
		b.Fatalf("%s: no second page: %d %v %s", path, rec.Code, err, rec.Body)
	}
	return page.NextCursor
}
