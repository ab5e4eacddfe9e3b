package rest_test

import (
	"net/http"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/demo"
)

// Findings, the request to put a structure under watch, and an action's history as the structure and the
// prefecture move it along.
func TestFindingsAndActionHistory(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref, structure := tokens["prefecture.70"], tokens["structure.70"]
	vesoul := matrixStructure(t, s, true)
	today := parisToday(s)
	v := createVisit(t, s, pref, map[string]any{"structure_id": vesoul, "type": "prefectorale", "planned_date": ymd(today)})
	v = completeVisit(t, s, pref, v, ymd(today))
	findings := "/api/v1/visits/" + v.ID + "/findings"

	p := wantProblem(t, "watch on a minor finding", s.do(request{method: http.MethodPost, path: findings, token: pref,
		body: map[string]any{"description": "Affichage absent", "severity": "mineure", "watch_requested": true}}), 422, "validation_failed")
	if p.Errors["watch_requested"] == "" {
		t.Errorf("no message on watch_requested: %+v", p)
	}
	rec := s.do(request{method: http.MethodPost, path: findings, token: pref, body: map[string]any{
		"description": "Structure fermée pendant ses horaires", "severity": "critique", "watch_requested": true}})
	var f rest.FindingDTO
	decode(t, rec, &f)
	if rec.Code != 201 || !f.WatchRequested || f.WatchRequestedAt == nil || f.WatchRequestedBy != "prefecture.70@maillage.test" {
		t.Fatalf("critical finding: %d %s", rec.Code, rec.Body)
	}
	var label string
	s.db.Raw(`SELECT label_status FROM structures WHERE id = ?`, vesoul).Scan(&label)
	if label != "labellise" {
		t.Errorf("the request changed the label status to %q: the labelling capability decides", label)
	}
	wantProblem(t, "the structure records findings", s.do(request{method: http.MethodPost, path: findings, token: structure,
		body: map[string]any{"description": "x"}}), 403, "auth.forbidden")
	rec = s.do(request{method: http.MethodPatch, path: findings + "/" + f.ID, token: pref, headers: ifMatch(1),
		body: map[string]any{"severity": "mineure"}})
	wantProblem(t, "a finding asking for watch cannot become minor", rec, 422, "validation_failed")

	// An action for the structure, due in a month.
	actions := "/api/v1/visits/" + v.ID + "/actions"
	wantProblem(t, "due before the visit", s.do(request{method: http.MethodPost, path: actions, token: pref, body: map[string]any{
		"description": "Afficher les horaires", "owner_type": "structure", "due_date": ymd(today.AddDate(0, 0, -1))}}),
		422, "validation_failed")
	wantProblem(t, "an id that is no finding of this visit", s.do(request{method: http.MethodPost, path: actions, token: pref, body: map[string]any{
		"description": "x", "owner_type": "structure", "due_date": ymd(today), "finding_id": matrixVisit(t, s, true)}}),
		422, "validation_failed")
	rec = s.do(request{method: http.MethodPost, path: actions, token: pref, body: map[string]any{"finding_id": f.ID,
		"description": "Rétablir l’ouverture annoncée", "owner_type": "structure", "due_date": ymd(today.AddDate(0, 1, 0))}})
	var a rest.ActionDTO
	decode(t, rec, &a)
	if rec.Code != 201 || a.Status != "ouverte" || a.Structure.Name != "France services de Vesoul" || len(a.History) != 1 ||
		a.History[0].FromStatus != nil || a.History[0].ToStatus != "ouverte" {
		t.Fatalf("action: %d %s", rec.Code, rec.Body)
	}
	path := "/api/v1/actions/" + a.ID
	patch := func(token string, version int, body map[string]any) (*rest.ActionDTO, int, *rest.Problem) {
		rec := s.do(request{method: http.MethodPatch, path: path, token: token, headers: ifMatch(version), body: body})
		if rec.Code != 200 {
			p := problemOf(t, rec)
			return nil, rec.Code, &p
		}
		var out rest.ActionDTO
		decode(t, rec, &out)
		return &out, 200, nil
	}
	// The structure moves its action along with a comment, but not its due date.
	got, code, _ := patch(structure, 1, map[string]any{"status": "en_cours", "comment": "Planning revu avec le porteur"})
	if code != 200 || got.Status != "en_cours" || got.Version != 2 || len(got.History) != 2 ||
		*got.History[1].FromStatus != "ouverte" || got.History[1].ToStatus != "en_cours" ||
		got.History[1].Comment != "Planning revu avec le porteur" || got.History[1].ActorLabel != "structure.70@maillage.test" {
		t.Fatalf("structure moves its action: %d %+v", code, got)
	}
	if _, code, p := patch(structure, 2, map[string]any{"due_date": ymd(today.AddDate(0, 2, 0))}); code != 403 || p.Code != "action.field_forbidden" {
		t.Errorf("structure changes the due date: %d %+v", code, p)
	}
	if _, code, _ := patch(pref, 1, map[string]any{"status": "close"}); code != 412 {
		t.Errorf("stale version: %d", code)
	}
	got, _, _ = patch(pref, 2, map[string]any{"due_date": ymd(today.AddDate(0, 2, 0)), "owner_label": "Équipe de Vesoul"})
	last := got.History[len(got.History)-1]
	if len(got.History) != 3 || last.Changes["due_date"].From != ymd(today.AddDate(0, 1, 0)) ||
		last.Changes["due_date"].To != ymd(today.AddDate(0, 2, 0)) || last.Changes["owner_label"].To != "Équipe de Vesoul" {
		t.Errorf("due date change in the history: %+v", got.History)
	}
	got, _, _ = patch(structure, 3, map[string]any{"status": "close", "comment": "Ouverture rétablie"})
	if got.Status != "close" || got.ClosedAt == nil {
		t.Errorf("closed: %+v", got)
	}
	got, _, _ = patch(pref, 4, map[string]any{"status": "ouverte"})
	if got.Status != "ouverte" || got.ClosedAt != nil || len(got.History) != 5 {
		t.Errorf("reopened: %+v", got)
	}
	// A comment alone goes to the history without changing the action.
	got, _, _ = patch(pref, 5, map[string]any{"comment": "Relance faite"})
	if got.Version != 5 || len(got.History) != 6 || got.History[5].Comment != "Relance faite" || len(got.History[5].Changes) != 0 {
		t.Errorf("comment only: %+v", got)
	}
	// An action the prefecture is in charge of is not the structure's to move.
	rec = s.do(request{method: http.MethodPost, path: actions, token: pref, body: map[string]any{
		"description": "Réunir le porteur", "owner_type": "prefecture", "due_date": ymd(today.AddDate(0, 0, 15))}})
	var b rest.ActionDTO
	decode(t, rec, &b)
	rec = s.do(request{method: http.MethodPatch, path: "/api/v1/actions/" + b.ID, token: structure, headers: ifMatch(1),
		body: map[string]any{"status": "close"}})
	wantProblem(t, "structure on the prefecture's action", rec, 403, "action.not_owner")
	var audits int
	s.db.Raw(`SELECT count(*) FROM audit_log WHERE object_type = 'action' AND object_id = ?`, a.ID).Scan(&audits)
	if audits != 6 {
		t.Errorf("%d audit entries for the action, want 6 (creation, 5 changes)", audits)
	}
}

// The overdue list follows the (test) clock: an action becomes overdue the day after its due date.
func TestOverdueActions(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	st := freeStructures(t, s, "70", 1)[0]
	today := parisToday(s)
	pref := tokens["prefecture.70"]
	v := createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "prefectorale", "planned_date": ymd(today)})
	v = completeVisit(t, s, pref, v, ymd(today))
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/visits/" + v.ID + "/actions", token: pref,
		body: map[string]any{"description": "Former le second agent", "owner_type": "structure", "due_date": ymd(today.AddDate(0, 0, 10))}})
	var a rest.ActionDTO
	decode(t, rec, &a)
	overdue := func(token string) (map[string]rest.ActionDTO, int) {
		rec := s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/overdue-actions?limit=200", token: token})
		var list rest.ActionList
		if rec.Code == 200 {
			decode(t, rec, &list)
		}
		out := map[string]rest.ActionDTO{}
		for _, it := range list.Items {
			out[it.ID] = it
			if !it.Overdue || it.DaysOverdue < 1 || it.Status == "close" || it.DepartementCode != "70" {
				t.Errorf("not overdue in the overdue list: %+v", it)
			}
		}
		return out, rec.Code
	}
	if got, code := overdue(pref); code != 200 || got[a.ID].ID != "" {
		t.Fatalf("before its due date: %d %v", code, got[a.ID])
	}
	s.advance(10 * 24 * time.Hour) // its due date: not yet overdue
	pref = loginToken(t, s, "prefecture.70@maillage.test", demo.Password)
	if got, _ := overdue(pref); got[a.ID].ID != "" {
		t.Errorf("overdue on its due date")
	}
	s.advance(24 * time.Hour)
	pref = loginToken(t, s, "prefecture.70@maillage.test", demo.Password)
	got, _ := overdue(pref)
	if it := got[a.ID]; it.ID == "" || it.DaysOverdue < 1 || it.Structure.ID != st {
		t.Fatalf("the day after its due date: %+v", it)
	}
	var mine rest.ActionList
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/actions?overdue=true&structure_id=" + st, token: pref}), &mine)
	if len(mine.Items) != 1 || mine.Items[0].ID != a.ID {
		t.Errorf("GET /actions?overdue=true: %+v", mine.Items)
	}
	for email, want := range map[string]int{"prefecture.57@maillage.test": 404, "structure.70@maillage.test": 403,
		"region.bfc@maillage.test": 200, "animateur.70@maillage.test": 200} {
		if _, code := overdue(loginToken(t, s, email, demo.Password)); code != want {
			t.Errorf("%s: %d, want %d", email, code, want)
		}
	}
	rec = s.do(request{method: http.MethodPatch, path: "/api/v1/actions/" + a.ID, token: pref, headers: ifMatch(1),
		body: map[string]any{"status": "close"}})
	if rec.Code != 200 {
		t.Fatalf("close: %d %s", rec.Code, rec.Body)
	}
	if got, _ := overdue(pref); got[a.ID].ID != "" {
		t.Error("a closed action is not overdue")
	}
}
