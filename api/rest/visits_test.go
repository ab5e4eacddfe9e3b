package rest_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"maillage/api/rest"
)

// A prefectoral visit from planning to its record, with the If-Match rules on the way; a second one cancelled,
// a third deleted; each step audited.
func TestVisitLifecycle(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	st := freeStructures(t, s, "70", 1)[0]
	today := parisToday(s)
	v := createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "prefectorale",
		"planned_date": ymd(today.AddDate(0, 0, 7))})
	if v.Status != "planifiee" || v.Version != 1 || v.Structure.ID != st || v.Structure.Name == "" || v.DepartementCode != "70" ||
		v.CreatedBy != "prefecture.70@maillage.test" {
		t.Fatalf("created %+v", v)
	}
	// The national checklist of the demo, with figures prefilled where Maillage has them and honestly missing
	// where it does not.
	if v.Checklist == nil || v.Checklist.TemplateNumber == nil || *v.Checklist.TemplateNumber != 1 {
		t.Fatalf("checklist %+v", v.Checklist)
	}
	prefills := map[string]*rest.PrefillDTO{}
	for _, it := range v.Checklist.Items {
		if it.Prefill != nil {
			prefills[it.Prefill.Kind] = it.Prefill
		}
	}
	if p := prefills["open_actions"]; p == nil || !p.Available || p.Value != float64(0) || p.AsOf == nil {
		t.Errorf("open_actions prefill %+v", p)
	}
	if p := prefills["label_status"]; p == nil || !p.Available || p.Value != "labellise" {
		t.Errorf("label_status prefill %+v", p)
	}
	for _, kind := range []string{"compliance", "activity_last_month"} {
		if p := prefills[kind]; p == nil || p.Available || p.Value != nil || !strings.HasPrefix(p.Note, "Indisponible") {
			t.Errorf("%s prefill must say it is unavailable: %+v", kind, p)
		}
	}

	path := "/api/v1/visits/" + v.ID
	wantProblem(t, "PATCH without If-Match", s.do(request{method: http.MethodPatch, path: path, token: pref,
		body: map[string]any{"report": "x"}}), 428, "request.if_match_required")
	wantProblem(t, "PATCH with a stale ETag", patchVisit(s, pref, v.ID, 9, map[string]any{"report": "x"}), 412,
		"request.if_match_mismatch")
	prefID := userIDOf(t, s, "prefecture.70@maillage.test")
	rec := patchVisit(s, pref, v.ID, 1, map[string]any{"planned_time": "10:00", "visitors": []map[string]any{
		{"user_id": prefID}, {"name": "Claire Martin", "function": "Sous-préfète de Lure"}}})
	decode(t, rec, &v)
	if rec.Code != 200 || rec.Header().Get("ETag") != `"2"` || len(v.Visitors) != 2 ||
		v.Visitors[0].Name != "Préfecture de la Haute-Saône" || v.PlannedTime != "10:00" {
		t.Fatalf("patch: %d %s", rec.Code, rec.Body)
	}
	if rec := patchVisit(s, pref, v.ID, 2, map[string]any{}); rec.Code != 200 || rec.Header().Get("ETag") != `"2"` {
		t.Errorf("an empty patch changes nothing: %d %s", rec.Code, rec.Header().Get("ETag"))
	}
	wantProblem(t, "visitor of another département", patchVisit(s, pref, v.ID, 2, map[string]any{"visitors": []map[string]any{
		{"user_id": userIDOf(t, s, "prefecture.57@maillage.test")}}}), 422, "validation_failed")

	// Recording it done: answers to the required items, a date not in the future.
	p := wantProblem(t, "done without the required answers", patchVisit(s, pref, v.ID, 2,
		map[string]any{"status": "realisee", "done_date": ymd(today)}), 422, "validation_failed")
	if p.Errors["answers"] == "" {
		t.Errorf("no message on answers: %+v", p)
	}
	p = wantProblem(t, "done in the future", patchVisit(s, pref, v.ID, 2, map[string]any{"status": "realisee",
		"done_date": ymd(today.AddDate(0, 0, 1)), "answers": requiredAnswers(v)}), 422, "validation_failed")
	if p.Errors["done_date"] == "" {
		t.Errorf("no message on done_date: %+v", p)
	}
	p = wantProblem(t, "an answer of the wrong type", patchVisit(s, pref, v.ID, 2, map[string]any{"answers": []map[string]any{
		{"item_id": v.Checklist.Items[1].ID, "value": 7}}}), 422, "validation_failed")
	if p.Errors["answers[0].value"] == "" {
		t.Errorf("no message on the answer: %+v", p)
	}
	done := completeVisit(t, s, pref, v, ymd(today))
	if done.Status != "realisee" || done.DoneDate == nil || *done.DoneDate != ymd(today) || done.Version != 3 {
		t.Fatalf("done %+v", done)
	}
	wantProblem(t, "back to planned", patchVisit(s, pref, v.ID, 3, map[string]any{"status": "planifiee"}), 409,
		"visit.invalid_transition")
	wantProblem(t, "delete a visit done", s.do(request{method: http.MethodDelete, path: path, token: pref,
		headers: ifMatch(3)}), 409, "visit.not_deletable")

	// Cancelling needs a reason; a cancelled visit is closed.
	c := createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "prefectorale",
		"planned_date": ymd(today.AddDate(0, 1, 0))})
	wantProblem(t, "cancel without a reason", patchVisit(s, pref, c.ID, 1, map[string]any{"status": "annulee"}),
		422, "validation_failed")
	rec = patchVisit(s, pref, c.ID, 1, map[string]any{"status": "annulee", "cancel_reason": "Préfet retenu par une crise"})
	decode(t, rec, &c)
	if rec.Code != 200 || c.Status != "annulee" || c.CancelledAt == nil || c.CancelReason != "Préfet retenu par une crise" {
		t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
	}
	wantProblem(t, "change a cancelled visit", patchVisit(s, pref, c.ID, 2, map[string]any{"report": "x"}), 409, "visit.cancelled")

	// A planned visit with nothing attached can be deleted.
	d := createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "autre", "planned_date": ymd(today)})
	if rec := s.do(request{method: http.MethodDelete, path: "/api/v1/visits/" + d.ID, token: pref, headers: ifMatch(1)}); rec.Code != 204 {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/visits/" + d.ID, token: pref}); rec.Code != 404 {
		t.Errorf("deleted visit: %d", rec.Code)
	}
	var actions []string
	s.db.Raw(`SELECT action FROM audit_log WHERE object_type = 'visit' AND object_id IN (?, ?, ?) ORDER BY id`,
		v.ID, c.ID, d.ID).Scan(&actions)
	want := "visit.create visit.update visit.complete visit.create visit.cancel visit.create visit.delete"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("audit %s\nwant  %s", got, want)
	}
	var diff string
	s.db.Raw(`SELECT diff::text FROM audit_log WHERE action = 'visit.complete' AND object_id = ?`, v.ID).Scan(&diff)
	if !strings.Contains(diff, `"status": {"to": "realisee", "from": "planifiee"}`) || strings.Contains(diff, "version") {
		t.Errorf("the audit diff speaks the API's names, without bookkeeping: %s", diff)
	}
}

// Who may do what with visits, and the 404 outside one's territory for every verb.
func TestVisitRolesAndScoping(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	today := parisToday(s)
	st70 := freeStructures(t, s, "70", 1)[0]
	st57 := freeStructures(t, s, "57", 1)[0]
	prefectoral := func(st string) map[string]any {
		return map[string]any{"structure_id": st, "type": "prefectorale", "planned_date": ymd(today.AddDate(0, 0, 3))}
	}
	animation := map[string]any{"structure_id": st70, "type": "animateur", "planned_date": ymd(today)}
	cases := []struct {
		name, token string
		body        map[string]any
		status      int
		code        string
	}{
		{"prefecture plans a prefectoral visit", tokens["prefecture.70"], prefectoral(st70), 201, ""},
		{"animator plans its own visit", tokens["animateur.70"], animation, 201, ""},
		{"animator may not plan a prefectoral visit", tokens["animateur.70"], prefectoral(st70), 403, "visit.type_forbidden"},
		{"structure may not plan", tokens["structure.70"], prefectoral(st70), 403, "auth.forbidden"},
		{"region reads only", tokens["region.bfc"], prefectoral(st70), 403, "auth.forbidden"},
		{"partner has no access", tokens["partenaire.caf.70"], prefectoral(st70), 403, "auth.forbidden"},
		{"a structure outside the territory is unknown", tokens["prefecture.70"], prefectoral(st57), 422, "validation_failed"},
		{"unknown type", tokens["prefecture.70"], map[string]any{"structure_id": st70, "type": "inspection"}, 422, "validation_failed"},
		{"planned without a date", tokens["prefecture.70"], map[string]any{"structure_id": st70, "type": "autre"}, 422, "validation_failed"},
	}
	for _, tc := range cases {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/visits", token: tc.token, body: tc.body})
		if tc.code == "" {
			if rec.Code != tc.status {
				t.Errorf("%s: %d %s", tc.name, rec.Code, rec.Body)
			}
			continue
		}
		wantProblem(t, tc.name, rec, tc.status, tc.code)
	}

	// The prefecture of Moselle's visit: the prefecture of Haute-Saône gets 404 whatever the verb.
	v57 := createVisit(t, s, tokens["prefecture.57"], prefectoral(st57))
	base := "/api/v1/visits/" + v57.ID
	for _, r := range []request{
		{method: http.MethodGet, path: base}, {method: http.MethodPatch, path: base, body: map[string]any{"report": "x"}},
		{method: http.MethodDelete, path: base}, {method: http.MethodGet, path: base + "/findings"},
		{method: http.MethodPost, path: base + "/findings", body: map[string]any{"description": "x"}},
		{method: http.MethodGet, path: base + "/actions"},
		{method: http.MethodPost, path: base + "/actions", body: map[string]any{"description": "x"}},
		{method: http.MethodGet, path: base + "/attachments"}, {method: http.MethodPost, path: base + "/attachments", body: "x"},
	} {
		r.token, r.headers = tokens["prefecture.70"], ifMatch(1)
		if rec := s.do(r); rec.Code != 404 {
			t.Errorf("prefecture 70 %s %s: %d, want 404", r.method, r.path, rec.Code)
		}
	}
	var list rest.VisitList
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits?limit=200", token: tokens["prefecture.70"]}), &list)
	for _, it := range list.Items {
		if it.DepartementCode != "70" {
			t.Errorf("prefecture 70 lists a visit of %s", it.DepartementCode)
		}
	}

	// The structure account reads the visits of its structure only.
	vesoul := matrixStructure(t, s, true)
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits?limit=200", token: tokens["structure.70"]}), &list)
	if len(list.Items) == 0 {
		t.Fatal("the structure account sees none of its visits")
	}
	for _, it := range list.Items {
		if it.Structure.ID != vesoul {
			t.Errorf("the structure account lists a visit of %s", it.Structure.Name)
		}
	}
	var other string
	s.db.Raw(`SELECT id FROM visits WHERE departement_code = '70' AND structure_id <> ? LIMIT 1`, vesoul).Scan(&other)
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/visits/" + other, token: tokens["structure.70"]}); rec.Code != 404 {
		t.Errorf("structure account on another structure's visit: %d", rec.Code)
	}
	// The animator reads every visit of its département but changes only its own kind.
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/visits/" + other, token: tokens["animateur.70"]}); rec.Code != 200 {
		t.Errorf("animator reads a prefectoral visit: %d", rec.Code)
	}
	var prefVisit rest.VisitSummaryDTO
	for _, it := range list.Items {
		if it.Type == "prefectorale" && it.Status == "planifiee" {
			prefVisit = it
		}
	}
	wantProblem(t, "animator changes a prefectoral visit", patchVisit(s, tokens["animateur.70"], prefVisit.ID,
		prefVisit.Version, map[string]any{"report": "x"}), 403, "visit.type_forbidden")
	wantProblem(t, "partner lists visits", s.do(request{method: http.MethodGet, path: "/api/v1/visits",
		token: tokens["partenaire.caf.70"]}), 403, "auth.forbidden")
	wantProblem(t, "bad filter", s.do(request{method: http.MethodGet, path: "/api/v1/visits?status=faite&from=hier",
		token: tokens["prefecture.70"]}), 422, "validation_failed")
}

// Keyset pagination over visits, most recent first, and the filters.
func TestVisitListPagesAndFilters(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	st := freeStructures(t, s, "70", 1)[0]
	start := parisToday(s).AddDate(1, 0, 0)
	for i := range 5 {
		createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "audit_qualite",
			"planned_date": ymd(start.AddDate(0, 0, i))})
	}
	var dates []string
	cursor := ""
	for pages := 0; pages < 5; pages++ {
		path := "/api/v1/visits?limit=2&type=audit_qualite&structure_id=" + st + "&from=" + ymd(start)
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		var page rest.VisitList
		decode(t, s.do(request{method: http.MethodGet, path: path, token: pref}), &page)
		for _, it := range page.Items {
			dates = append(dates, *it.PlannedDate)
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	want := []string{ymd(start.AddDate(0, 0, 4)), ymd(start.AddDate(0, 0, 3)), ymd(start.AddDate(0, 0, 2)),
		ymd(start.AddDate(0, 0, 1)), ymd(start)}
	if strings.Join(dates, ",") != strings.Join(want, ",") {
		t.Errorf("pages %v, want %v", dates, want)
	}
	wantProblem(t, "forged cursor", s.do(request{method: http.MethodGet, path: "/api/v1/visits?cursor=abc", token: pref}),
		422, "validation_failed")
}

// A created visit is answered from the INSERT's RETURNING, not read back: its answer must be exactly what a GET of
// it reads, for a visit with visitors (a user id in capitals), people met, answers (jsonb) and a report, recorded done.
func TestCreatedVisitIsWhatAReadGives(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	sts := freeStructures(t, s, "70", 2)
	today := parisToday(s)
	first := createVisit(t, s, pref, map[string]any{"structure_id": sts[0], "type": "prefectorale",
		"planned_date": ymd(today.AddDate(0, 0, 7))})
	prefID := strings.ToUpper(userIDOf(t, s, "prefecture.70@maillage.test"))
	for name, body := range map[string]map[string]any{
		"planned, bare": {"structure_id": sts[1], "type": "animateur", "planned_date": ymd(today.AddDate(0, 0, 3))},
		"done, full": {"structure_id": sts[1], "type": "prefectorale", "status": "realisee", "done_date": ymd(today),
			"planned_time": "09:30", "report": "Accueil   tenu.\nRAS", "answers": requiredAnswers(first),
			"visitors":   []map[string]any{{"user_id": prefID}, {"name": "Claire Martin", "function": "Sous-préfète"}},
			"people_met": []map[string]any{{"name": "Léa Durand", "function": "Animatrice"}}},
	} {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/visits", token: pref, body: body})
		if rec.Code != http.StatusCreated {
			t.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
		}
		var created map[string]any
		decode(t, rec, &created)
		got := s.do(request{method: http.MethodGet, path: "/api/v1/visits/" + created["id"].(string), token: pref})
		var read map[string]any
		decode(t, got, &read)
		if created["status"] == "planifiee" { // a planned visit's prefills are live figures, dated at each answer
			dropPrefillDates(created)
			dropPrefillDates(read)
		}
		if !reflect.DeepEqual(created, read) {
			a, _ := json.MarshalIndent(created, "", " ")
			b, _ := json.MarshalIndent(read, "", " ")
			t.Errorf("%s: the created answer differs from a read:\n%s\n---\n%s", name, a, b)
		}
		if rec.Header().Get("ETag") != got.Header().Get("ETag") {
			t.Errorf("%s: ETag %s, read %s", name, rec.Header().Get("ETag"), got.Header().Get("ETag"))
		}
	}
}

func dropPrefillDates(v map[string]any) {
	checklist, _ := v["checklist"].(map[string]any)
	items, _ := checklist["items"].([]any)
	for _, it := range items {
		if p, ok := it.(map[string]any)["prefill"].(map[string]any); ok {
			delete(p, "as_of")
		}
	}
}
