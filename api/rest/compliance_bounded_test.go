package rest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/demo"
	"maillage/pkg/structure"
)

// The département report reads a bounded number of statements whatever the number of structures (ADR 0006).

// cloneStructures adds copies of the structures of 70 (hours imported from their columns, two agents each) until
// the département has n structures.
func cloneStructures(t testing.TB, s *testServer, n int) {
	t.Helper()
	var have int
	s.db.Raw(`SELECT count(*) FROM structures WHERE departement_code = '70'`).Scan(&have)
	if err := s.db.Exec(`INSERT INTO structures (departement_code, name, commune_code, commune_label, format, timezone,
		holiday_calendar, hours_raw)
		SELECT departement_code, name || ' (copie ' || g || ')', commune_code, commune_label, 'site', timezone,
			holiday_calendar, hours_raw
		FROM structures, generate_series(1, 5) g WHERE departement_code = '70' AND format <> 'antenne'
		ORDER BY g, name LIMIT ?`, n-have).Error; err != nil {
		t.Fatal(err)
	}
	ctx := auth.WithActor(context.Background(), auth.System)
	list, _, err := s.deps.Services.Structures.List(ctx, auth.System, structure.Filter{Departement: "70", Text: "(copie"}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.deps.Services.Compliance.ImportHours(ctx, list); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`INSERT INTO agent_assignments (agent_id, structure_id, etp, start_date)
		SELECT a.id, c.id, 0.5, DATE '2024-01-01' FROM structures c
		CROSS JOIN LATERAL (SELECT id FROM agents ORDER BY id LIMIT 2) a
		WHERE c.name LIKE '%(copie%' AND NOT EXISTS (SELECT 1 FROM agent_assignments x WHERE x.structure_id = c.id)`).Error; err != nil {
		t.Fatal(err)
	}
}

func TestDepartementComplianceBoundedStatements(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	svc := s.deps.Services.Compliance
	measure := func() (int64, int) {
		c := &db.StatementCounter{}
		ctx := db.WithCounter(context.Background(), c)
		reports, sum, err := svc.Departement(ctx, auth.System, "70", 12)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Structures != len(reports) || sum.OK+sum.Warning+sum.Failure+sum.Unknown != len(reports) {
			t.Fatalf("summary %+v for %d reports", sum, len(reports))
		}
		return int64(c.Snapshot().Statements), len(reports)
	}
	small, n := measure()
	if n != 24 {
		t.Fatalf("demo 70: %d structures", n)
	}
	cloneStructures(t, s, 60)
	large, n := measure()
	if n != 60 {
		t.Fatalf("after cloning: %d structures", n)
	}
	t.Logf("département report: %d statements for 24 structures, %d for 60", small, large)
	// the structures (one statement), then their schedules with slots and named agents as flat rows (one
	// statement), their exceptions, holiday policies, assigned agents and the rule sets, aggregated as JSON per
	// structure (one statement), then the operators with their names and the operators' referents and permanences
	// of the département (one statement): 4, within the 5 of issue 9
	if small != large || large != 4 {
		t.Fatalf("statements: %d for 24 structures, %d for 60: want 4 for both", small, large)
	}

	rec := s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/compliance?weeks=4", token: tokens["prefecture.70"]})
	var out struct {
		Items   []reportJSON `json:"items"`
		Summary struct {
			Structures int `json:"structures"`
			Failure    int `json:"failure"`
			Criteria   []struct {
				Code    string `json:"code"`
				OK      int    `json:"ok"`
				Failure int    `json:"failure"`
			} `json:"criteria"`
		} `json:"summary"`
	}
	decode(t, rec, &out)
	if rec.Code != http.StatusOK || len(out.Items) != 60 || out.Summary.Structures != 60 || len(out.Items[0].Weeks) != 4 ||
		len(out.Summary.Criteria) != 6 {
		t.Fatalf("GET département compliance: %d %+v", rec.Code, out.Summary)
	}
	rec = s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/compliance", token: tokens["prefecture.70"]})
	decode(t, rec, &out)
	if rec.Code != http.StatusOK || len(out.Items) != 60 || out.Items[0].Weeks == nil || len(out.Items[0].Weeks) != 0 ||
		len(out.Items[0].TypicalWeek.Criteria) != 6 {
		t.Fatalf("without ?weeks the report is the typical week only: %d, %d weeks", rec.Code, len(out.Items[0].Weeks))
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/departements/57/compliance", token: tokens["prefecture.70"]}); rec.Code != http.StatusNotFound {
		t.Fatalf("other département: %d", rec.Code)
	}
	rec = s.do(request{method: http.MethodGet, path: "/api/v1/compliance/summary", token: tokens["region.bfc"]})
	var nat struct {
		Summary      struct{ Structures int } `json:"summary"`
		Departements []struct {
			Code string `json:"departement_code"`
		} `json:"departements"`
	}
	decode(t, rec, &nat)
	if rec.Code != http.StatusOK || nat.Summary.Structures != 60 || len(nat.Departements) != 1 || nat.Departements[0].Code != "70" {
		t.Fatalf("regional summary: %d %s", rec.Code, rec.Body)
	}
}

func BenchmarkDepartementCompliance(b *testing.B) {
	s := newTestServer(b)
	if err := demo.Seed(context.Background(), s.db, time.Now, ioDiscard{}); err != nil {
		b.Fatal(err)
	}
	cloneStructures(b, s, 60)
	ctx := context.Background()
	for b.Loop() {
		if _, _, err := s.deps.Services.Compliance.Departement(ctx, auth.System, "70", 12); err != nil {
			b.Fatal(err)
		}
	}
}
