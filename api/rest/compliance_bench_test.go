package rest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"maillage/pkg/auth"
	"maillage/pkg/structure"
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

// BenchmarkReportInputs compares, on the Oise's structures, the one-statement read of the evaluation inputs with
// the six per-table reads it replaced (schedules, slots, exceptions, holiday policies, agents, rule sets).
func BenchmarkReportInputs(b *testing.B) {
	s, _ := registryServer(b)
	ctx := auth.WithActor(context.Background(), auth.System)
	list, _, err := s.deps.Services.Structures.List(ctx, auth.System, structure.Filter{Departement: "60"}, "", 0)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	store := s.deps.Services.Compliance.Opening
	const from, day = "2026-01-05", "2026-01-12"
	b.Run("one_statement", func(b *testing.B) {
		for b.Loop() {
			if _, err := store.ReportInputs(ctx, ids, from, day); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("per_table", func(b *testing.B) {
		for b.Loop() {
			_, err1 := store.Schedules(ctx, ids)
			_, err2 := store.Exceptions(ctx, ids, from)
			_, err3 := store.HolidayPolicies(ctx, ids)
			_, err4 := store.AgentStatuses(ctx, ids, day)
			_, err5 := store.RuleSets(ctx)
			if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
				b.Fatal(err)
			}
		}
	})
}
