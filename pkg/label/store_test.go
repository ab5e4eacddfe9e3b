package label_test

import (
	"context"
	"testing"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/label"
	"maillage/pkg/testkit"
)

// The built-in grid: 30 criteria, the automatic ones mapped to the compliance engine; a published grid never
// changes (database triggers), a new version is added beside it.
func TestLabelGridStore(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	s := &label.Store{DB: gdb}
	g, err := s.GridInForce(ctx, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	auto := map[string]string{}
	categories := map[string]bool{}
	for _, c := range g.Criteria {
		categories[c.Category] = true
		if c.Automatic {
			auto[c.ComplianceCode] = c.Code
		}
	}
	if g.Version != "qualite-2025" || len(g.Criteria) != 30 || len(auto) != 5 || auto["weekly_hours"] == "" ||
		auto["partner_socle"] == "" || !categories["Locaux"] || !categories["Communication"] {
		t.Fatalf("grid %s: %d criteria, automatic %v, categories %v", g.Version, len(g.Criteria), auto, categories)
	}
	if err := gdb.Exec(`UPDATE label_grid_criteria SET label = 'x' WHERE grid_version = 'qualite-2025'`).Error; err == nil {
		t.Fatal("a published criterion changed")
	}
	if err := gdb.Exec(`DELETE FROM label_grids WHERE version = 'qualite-2025'`).Error; err == nil {
		t.Fatal("a published grid was deleted")
	}
	next := label.Grid{Version: "qualite-2027", Title: "Grille 2027", ValidFrom: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Criteria: []label.Criterion{{Code: "A-1", Label: "Accueil", Category: "Accueil"},
			{Code: "A-2", Label: "24 h", Category: "Accueil", Automatic: true, ComplianceCode: "weekly_hours"}}}
	if _, err := s.InsertGrid(ctx, next); err != nil {
		t.Fatal(err)
	}
	if _, err := s.InsertGrid(ctx, next); !apperr.IsKind(err, apperr.KindConflict) {
		t.Fatalf("same version twice: %v", err)
	}
	for day, want := range map[string]string{"2026-06-01": "qualite-2025", "2027-01-01": "qualite-2027", "2020-01-01": "qualite-2025"} {
		d, _ := time.Parse(time.DateOnly, day)
		if g, err := s.GridInForce(ctx, d); err != nil || g.Version != want {
			t.Errorf("grid in force on %s: %s %v, want %s", day, g.Version, err, want)
		}
	}
	if _, err := s.Grid(ctx, "absente"); !apperr.IsKind(err, apperr.KindNotFound) {
		t.Fatalf("unknown grid: %v", err)
	}
}

// Only a label decision changes the label status or clears a label date: a registry write that sends back the
// state it read (same label version) leaves the decided state alone.
func TestLabelStateOwnedByDecisions(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	var id string
	if err := gdb.Raw(`INSERT INTO structures (departement_code, name, format, timezone, holiday_calendar)
		VALUES ('70', 'Projet', 'site', 'Europe/Paris', 'FR') RETURNING id`).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	s := &label.Store{DB: gdb}
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if v, err := s.SetState(ctx, id, "labellise", &day, 1); err != nil || v != 2 {
		t.Fatalf("decision: %d %v", v, err)
	}
	if _, err := s.SetState(ctx, id, "ferme", nil, 1); !apperr.IsKind(err, apperr.KindPreconditionFailed) {
		t.Fatalf("stale decision: %v", err)
	}
	if err := gdb.Exec(`UPDATE structures SET label_status = 'projet', label_date = NULL, name = 'Renommée' WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	st, err := s.State(ctx, id)
	var name string
	gdb.Raw(`SELECT name FROM structures WHERE id = ?`, id).Scan(&name)
	if err != nil || st.Status != "labellise" || st.LabelDate == nil || !st.LabelDate.Equal(day) || st.Version != 2 || name != "Renommée" {
		t.Fatalf("after a registry write: %+v %v, name %q", st, err, name)
	}
	if err := gdb.Exec(`UPDATE structures SET label_status = 'nouveau', label_version = label_version + 1 WHERE id = ?`, id).Error; err == nil {
		t.Fatal("unknown label state accepted")
	}
}
