package rest_test

import (
	"net/http"
	"testing"

	"maillage/api/rest"
)

func templateBody(title string, labels ...string) map[string]any {
	items := []map[string]any{}
	for _, l := range labels {
		items = append(items, map[string]any{"section": "Accueil", "label": l, "answer_type": "yes_no", "required": true})
	}
	return map[string]any{"visit_type": "prefectorale", "departement_code": "70", "title": title, "items": items}
}

// A département's checklist: drafted, published (then frozen, down to the database), used by the visits created
// after it; a new version does not change the visits that used the previous one.
func TestChecklistTemplateVersioning(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	post := func(token string, body map[string]any) (*rest.ChecklistTemplateDTO, *http.Response) {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/checklist-templates", token: token, body: body})
		var out rest.ChecklistTemplateDTO
		if rec.Code == 201 {
			decode(t, rec, &out)
		}
		return &out, rec.Result()
	}
	national := templateBody("Grille nationale")
	delete(national, "departement_code")
	for name, tc := range map[string]struct {
		token  string
		body   map[string]any
		status int
	}{
		"a prefecture drafts a national checklist": {pref, national, 403},
		"a prefecture drafts for Moselle":          {pref, map[string]any{"visit_type": "prefectorale", "departement_code": "57", "title": "x", "items": []map[string]any{{"label": "q", "answer_type": "text"}}}, 403},
		"the animator drafts":                      {tokens["animateur.70"], templateBody("x", "q"), 403},
		"no question":                              {pref, templateBody("Vide"), 422},
		"unknown answer type":                      {pref, map[string]any{"visit_type": "prefectorale", "departement_code": "70", "title": "x", "items": []map[string]any{{"label": "q", "answer_type": "emoji"}}}, 422},
	} {
		if _, res := post(tc.token, tc.body); res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d", name, res.StatusCode, tc.status)
		}
	}
	v1, res := post(pref, templateBody("Grille de la Haute-Saône", "Horaires affichés"))
	if res.StatusCode != 201 || v1.Status != "brouillon" || v1.Number != nil || *v1.DepartementCode != "70" {
		t.Fatalf("draft: %d %+v", res.StatusCode, v1)
	}
	path := "/api/v1/checklist-templates/" + v1.ID
	rec := s.do(request{method: http.MethodPatch, path: path, token: pref, headers: ifMatch(1),
		body: map[string]any{"items": templateBody("", "Horaires affichés", "Deux agents présents")["items"]}})
	decode(t, rec, v1)
	if rec.Code != 200 || len(v1.Items) != 2 || v1.Version != 2 {
		t.Fatalf("edit draft: %d %s", rec.Code, rec.Body)
	}
	wantProblem(t, "publish without If-Match", s.do(request{method: http.MethodPost, path: path + "/publish", token: pref}), 428, "")
	rec = s.do(request{method: http.MethodPost, path: path + "/publish", token: pref, headers: ifMatch(2)})
	decode(t, rec, v1)
	if rec.Code != 200 || v1.Status != "publiee" || v1.Number == nil || *v1.Number != 1 || v1.PublishedAt == nil {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	wantProblem(t, "change a published checklist", s.do(request{method: http.MethodPatch, path: path, token: pref,
		headers: ifMatch(3), body: map[string]any{"title": "Autre"}}), 409, "checklist.published")
	wantProblem(t, "delete a published checklist", s.do(request{method: http.MethodDelete, path: path, token: pref,
		headers: ifMatch(3)}), 409, "checklist.published")
	if err := s.db.Exec(`UPDATE checklist_items SET label = 'Modifié en douce' WHERE template_id = ?`, v1.ID).Error; err == nil {
		t.Error("the database let a published checklist change")
	}
	if rec := s.do(request{method: http.MethodGet, path: path, token: tokens["prefecture.57"]}); rec.Code != 404 {
		t.Errorf("Moselle reads Haute-Saône's checklist: %d", rec.Code)
	}

	// A visit created now takes the département's version 1 (not the national one) and is answered against it.
	st := freeStructures(t, s, "70", 1)[0]
	first := createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "prefectorale", "planned_date": ymd(parisToday(s))})
	if first.Checklist == nil || first.Checklist.TemplateID != v1.ID || len(first.Checklist.Items) != 2 {
		t.Fatalf("visit checklist %+v", first.Checklist)
	}
	first = completeVisit(t, s, pref, first, ymd(parisToday(s)))

	// Version 2: one more question. The first visit keeps version 1 and its answers; a new visit takes version 2.
	v2, _ := post(pref, templateBody("Grille de la Haute-Saône", "Horaires affichés", "Deux agents présents", "Affiches des partenaires"))
	rec = s.do(request{method: http.MethodPost, path: "/api/v1/checklist-templates/" + v2.ID + "/publish", token: pref, headers: ifMatch(1)})
	decode(t, rec, v2)
	if *v2.Number != 2 {
		t.Fatalf("second version numbered %v", v2.Number)
	}
	var again rest.VisitDTO
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits/" + first.ID, token: pref}), &again)
	if again.Checklist.TemplateID != v1.ID || len(again.Checklist.Items) != 2 || again.Checklist.Items[0].Answer == nil ||
		again.Checklist.Items[0].Answer.Value != true {
		t.Errorf("the earlier visit changed: %+v", again.Checklist)
	}
	wantProblem(t, "switch an answered visit to the new version", patchVisit(s, pref, first.ID, first.Version,
		map[string]any{"checklist_template_id": v2.ID}), 409, "visit.template_locked")
	second := createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "prefectorale", "planned_date": ymd(parisToday(s).AddDate(0, 3, 0))})
	if second.Checklist.TemplateID != v2.ID || *second.Checklist.TemplateNumber != 2 {
		t.Errorf("new visit on %+v", second.Checklist)
	}
	// Lists: Haute-Saône sees its two versions and the national one; Moselle only the national one.
	for token, want := range map[string]int{pref: 3, tokens["prefecture.57"]: 1} {
		var list rest.ChecklistTemplateList
		decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/checklist-templates?visit_type=prefectorale", token: token}), &list)
		if len(list.Items) != want {
			t.Errorf("%d checklists listed, want %d", len(list.Items), want)
		}
	}
}
