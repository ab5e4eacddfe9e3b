package rest_test

import (
	"net/http"
	"testing"
)

// BenchmarkDepartementComplianceOverHTTP measures the département report through the real router and middleware
// for the Oise (47 demo structures, 33 with published hours), next to GET /departements/60 as a reference
// measured in the same run (authentication, middleware, one tiny query). Run with RATE_LIMIT_RPS=0: the per-actor
// flood guard would otherwise answer 429 to a benchmark loop.
func BenchmarkDepartementComplianceOverHTTP(b *testing.B) {
	s, tokens := registryServer(b)
	token := tokens["admin"]
	for _, bench := range []struct{ name, path string }{
		{"reference_departement", "/api/v1/departements/60"},
		{"compliance_60", "/api/v1/departements/60/compliance"},
	} {
		b.Run(bench.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if rec := s.do(request{method: http.MethodGet, path: bench.path, token: token}); rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", bench.path, rec.Code, rec.Body)
				}
			}
		})
	}
}
