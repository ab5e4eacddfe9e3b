package registry_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"maillage/pkg/auth"
	"maillage/pkg/registry"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
	"maillage/pkg/testkit"
)

func extract(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../anct/testdata/liste-fs-20221201-extrait-57-60-70.csv")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newService(t testing.TB) *registry.Service {
	gdb, _ := testkit.DB(t)
	return &registry.Service{DB: gdb, Structures: &structure.Store{DB: gdb}, Territory: &territory.Store{DB: gdb}, Now: time.Now}
}

var admin = auth.Actor{Kind: auth.ActorUser, ID: "test-admin", Label: "admin", Role: auth.RoleAdmin}

func TestImportOfTheNationalExtract(t *testing.T) {
	t.Parallel()
	s := newService(t)
	ctx := context.Background()

	dry, err := s.ImportANCT(ctx, admin, "extrait.csv", extract(t), false)
	if err != nil {
		t.Fatal(err)
	}
	p := dry.Plan
	if len(p.Creates) != 105 || len(p.Updates)+len(p.Unchanged)+len(p.Rejected) != 0 {
		t.Fatalf("dry run: create %d update %d unchanged %d rejected %d", len(p.Creates), len(p.Updates), len(p.Unchanged), len(p.Rejected))
	}
	var count int64
	s.DB.Raw(`SELECT count(*) FROM structures`).Scan(&count)
	if count != 0 {
		t.Fatalf("a dry run wrote %d structures", count)
	}

	applied, err := s.ImportANCT(ctx, admin, "extrait.csv", extract(t), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied.Plan.Creates) != 105 {
		t.Fatalf("apply created %d", len(applied.Plan.Creates))
	}
	perDep := map[string]int64{}
	for _, dep := range []string{"57", "60", "70"} {
		var n int64
		s.DB.Raw(`SELECT count(*) FROM structures WHERE departement_code = ?`, dep).Scan(&n)
		perDep[dep] = n
	}
	if perDep["57"] != 34 || perDep["60"] != 47 || perDep["70"] != 24 {
		t.Errorf("structures per département: %v", perDep)
	}
	var audited int64
	s.DB.Raw(`SELECT count(*) FROM audit_log WHERE action = 'structure.import_create'`).Scan(&audited)
	if audited != 105 {
		t.Errorf("%d audit entries, want 105", audited)
	}
	// Antennas without a commune code get theirs from the name; Bouconvillers is typed twice.
	var bouconvillers []string
	s.DB.Raw(`SELECT commune_code FROM structures WHERE name = 'Bouconvillers'`).Scan(&bouconvillers)
	if len(bouconvillers) != 2 || bouconvillers[0] != "60090" {
		t.Errorf("Bouconvillers: %v", bouconvillers)
	}
	if !hasWarning(applied.Plan, "Doublon probable") {
		t.Error("the duplicated Bouconvillers antenna is not reported")
	}
	var fresnes string
	s.DB.Raw(`SELECT name FROM structures WHERE id_fs = '2889'`).Scan(&fresnes)
	if fresnes != "Fresnes-Léguillon" {
		t.Errorf("double-encoded name not repaired: %q", fresnes)
	}

	again, err := s.ImportANCT(ctx, admin, "extrait.csv", extract(t), true)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(again.Plan.Unchanged); n != 105 || len(again.Plan.Creates)+len(again.Plan.Updates) != 0 {
		t.Errorf("second import: unchanged %d, creates %d, updates %d", n, len(again.Plan.Creates), len(again.Plan.Updates))
		for _, u := range again.Plan.Updates[:min(3, len(again.Plan.Updates))] {
			t.Logf("line %d changes %v", u.Line, u.Changes)
		}
	}
}

func hasWarning(p registry.Plan, text string) bool {
	for _, w := range p.Warnings {
		if strings.Contains(w.Message, text) {
			return true
		}
	}
	return false
}
