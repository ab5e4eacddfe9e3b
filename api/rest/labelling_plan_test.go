package rest_test

import (
	"net/http"
	"testing"

	"maillage/api/rest"
)

// Targets: created by the prefecture (département) or the national level (région), changed and removed at their
// version, outside the territory not found.
func TestLabelTargets(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/departements/70/targets", token: pref,
		body: map[string]any{"due_date": "2026-12-31", "count": 26, "format": "site", "label": "Objectif 2026"}})
	var target rest.TargetDTO
	decode(t, rec, &target)
	if rec.Code != http.StatusCreated || target.Scope != "departement" || target.Code != "70" || *target.Format != "site" || target.Version != 1 {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	expectProblem(t, s.do(request{method: http.MethodPost, path: "/api/v1/departements/70/targets", token: pref,
		body: map[string]any{"count": 0, "format": "antenna"}}), http.StatusUnprocessableEntity, "validation_failed", "format", "antenne")
	path := "/api/v1/targets/" + target.ID
	patch := func(token string, headers map[string]string, body map[string]any) int {
		return s.do(request{method: http.MethodPatch, path: path, token: token, headers: headers, body: body}).Code
	}
	if code := patch(pref, nil, map[string]any{"count": 27}); code != http.StatusPreconditionRequired {
		t.Fatalf("PATCH without If-Match: %d", code)
	}
	if code := patch(pref, ifMatch(2), map[string]any{"count": 27}); code != http.StatusPreconditionFailed {
		t.Fatalf("PATCH stale: %d", code)
	}
	if code := patch(tokens["prefecture.57"], ifMatch(1), map[string]any{"count": 27}); code != http.StatusNotFound {
		t.Fatalf("PATCH from 57: %d", code)
	}
	rec = s.do(request{method: http.MethodPatch, path: path, token: pref, headers: ifMatch(1), body: map[string]any{"count": 27, "format": nil}})
	decode(t, rec, &target)
	if rec.Code != http.StatusOK || target.Count != 27 || target.Format != nil || target.Label != "Objectif 2026" || target.Version != 2 {
		t.Fatalf("PATCH: %d %s", rec.Code, rec.Body)
	}
	var list rest.TargetList
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/targets", token: tokens["region.bfc"]}), &list)
	if len(list.Items) != 3 {
		t.Fatalf("targets of 70 read by the région: %+v", list.Items)
	}
	if rec := s.do(request{method: http.MethodDelete, path: path, token: pref, headers: ifMatch(2)}); rec.Code != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s", rec.Code, rec.Body)
	}

	// A région's targets: the national level sets them, the région reads them.
	region := map[string]any{"due_date": "2027-12-31", "count": 40, "label": "Objectif régional"}
	if rec := s.do(request{method: http.MethodPost, path: "/api/v1/regions/27/targets", token: tokens["region.bfc"], body: region}); rec.Code != http.StatusForbidden {
		t.Fatalf("région sets its own target: %d", rec.Code)
	}
	rec = s.do(request{method: http.MethodPost, path: "/api/v1/regions/27/targets", token: tokens["admin"], body: region})
	decode(t, rec, &target)
	if rec.Code != http.StatusCreated || target.Scope != "region" {
		t.Fatalf("région target: %d %s", rec.Code, rec.Body)
	}
	path = "/api/v1/targets/" + target.ID
	if code := patch(pref, ifMatch(1), map[string]any{"count": 1}); code != http.StatusNotFound {
		t.Fatalf("a prefecture changes a région target: %d", code)
	}
	if code := patch(tokens["admin"], ifMatch(1), map[string]any{"every_canton": true}); code != http.StatusOK {
		t.Fatalf("admin changes a région target: %d", code)
	}
}

// The région's progress sums its départements, with its own targets; the pipeline board has one column per
// state.
func TestLabelProgressAndPipeline(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	// a labelled structure in the Doubs (25, same région as 70), labelled on 01/01/2022 like four of 70's
	if err := s.db.Exec(`INSERT INTO structures (departement_code, name, commune_code, commune_label, format, label_status,
		label_date, timezone, holiday_calendar, latitude, longitude, coordinates_source)
		VALUES ('25', 'France services de Baume-les-Dames', '25047', 'Baume-les-Dames', 'itinerant', 'labellise', DATE '2022-01-01',
		'Europe/Paris', 'FR', 47.35, 6.36, 'data')`).Error; err != nil {
		t.Fatal(err)
	}
	dep := progressOf(t, s, tokens["prefecture.70"], "departements/70")
	if dep.Cantons.Total == 0 || dep.Cantons.Covered == 0 || dep.Cantons.Covered+len(dep.Cantons.Uncovered) != dep.Cantons.Total ||
		dep.ByFormat["antenne"] != 0 || dep.ByFormat["site"] != 22 || dep.ByFormat["itinerant"] != 1 || len(dep.Waves) != 7 || dep.Waves[6].Cumulative != 23 ||
		dep.Waves[0].ID == nil || dep.Waves[0].Name != "Vague du 01/01/2020" || dep.Waves[0].Count != 5 {
		t.Fatalf("progress of 70: %+v", dep)
	}
	if dep.Targets[1].Met != (dep.Cantons.Covered == dep.Cantons.Total) {
		t.Fatalf("canton target %+v with %d/%d cantons", dep.Targets[1], dep.Cantons.Covered, dep.Cantons.Total)
	}
	reg := progressOf(t, s, tokens["region.bfc"], "regions/27")
	if reg.Labelled != dep.Labelled+1 || reg.ByFormat["itinerant"] != 2 || reg.ByState["ferme"] != 1 || len(reg.Targets) != 0 ||
		reg.Cantons.Total <= dep.Cantons.Total || reg.Waves[len(reg.Waves)-1].Cumulative != 24 {
		t.Fatalf("progress of 27: %+v", reg)
	}
	for _, w := range reg.Waves {
		if w.Date == "2022-01-01" && (w.Count != 5 || w.ID == nil) {
			t.Fatalf("01/01/2022 in the région: %+v", w)
		}
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/regions/44/label-progress", token: tokens["region.bfc"]}); rec.Code != http.StatusNotFound {
		t.Fatalf("another région: %d", rec.Code)
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/regions/27/label-progress", token: tokens["prefecture.70"]}); rec.Code != http.StatusForbidden {
		t.Fatalf("région progress for a prefecture: %d", rec.Code)
	}

	rec := s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/label-pipeline", token: tokens["animateur.70"]})
	var board rest.PipelineDTO
	decode(t, rec, &board)
	if rec.Code != http.StatusOK || len(board.Columns) != 11 || board.Columns[0].State != "projet" || board.Columns[4].Count != 23 ||
		board.Columns[10].State != "ferme" || board.Columns[10].Count != 1 || *board.Columns[10].Items[0].Since != "2022-12-01" {
		t.Fatalf("board: %d %s", rec.Code, rec.Body)
	}
	if first := board.Columns[4].Items[0]; first.Since == nil || first.Commune == "" || first.Format != "site" {
		t.Fatalf("card %+v", first)
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/label-pipeline", token: tokens["structure.70"]}); rec.Code != http.StatusForbidden {
		t.Fatalf("board for a structure: %d", rec.Code)
	}
}
