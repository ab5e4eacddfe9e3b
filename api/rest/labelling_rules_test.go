package rest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"maillage/api/rest"
)

// A structure whose audit is complete but whose hours fall short can be labelled only with a derogation, which
// only the prefecture (or the national level) grants; negative decisions need a reason.
func TestLabelDerogationAndReasons(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	id := structureID(t, s, "2653") // France services de Gy
	if err := s.db.Exec(`UPDATE structures SET label_status = 'audit_demande', label_date = NULL, label_version = label_version + 1 WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	putSchedules(t, s, pref, id, schedulesETag(t, s, pref, id), weekdays([]int{1, 2, 3, 4, 5}, [2]string{"09:00", "13:00"}))
	audit := labelAuditOf(t, s, pref, id)
	answers := manualAnswers(audit, "conforme")
	answers[0]["status"] = "non_conforme"
	rec := s.do(request{method: http.MethodPut, path: "/api/v1/structures/" + id + "/audit", token: pref, body: map[string]any{"answers": answers}})
	decode(t, rec, &audit)
	if rec.Code != http.StatusOK || !audit.Complete {
		t.Fatalf("audit: %d %s", rec.Code, rec.Body)
	}
	rec = s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/waves", token: pref})
	var waves rest.WaveList
	decode(t, rec, &waves)
	if rec.Code != http.StatusOK || len(waves.Items) != 7 || waves.Items[4].Name != "Vague du 01/01/2022" || waves.Items[4].LabelledCount != 4 {
		t.Fatalf("waves: %d %s", rec.Code, rec.Body)
	}
	wave := waves.Items[len(waves.Items)-1].ID
	ls := labelOf(t, s, pref, id)
	labellise := ls.Allowed[0]
	if labellise.To != "labellise" || !labellise.NeedsWave || len(labellise.Blocked) != 2 {
		t.Fatalf("allowed %+v", ls.Allowed)
	}
	p := expectProblem(t, transition(s, pref, id, ls.Version, map[string]any{"to": "labellise", "wave_id": wave}),
		http.StatusUnprocessableEntity, "label.guard_failed", "compliance.weekly_hours", "20 h")
	if p.Errors["audit.ACC-03"] == "" {
		t.Fatalf("manual criterion non conforme: %v", p.Errors)
	}
	answers[0]["status"] = "conforme"
	rec = s.do(request{method: http.MethodPut, path: "/api/v1/structures/" + id + "/audit", token: pref, body: map[string]any{"answers": answers},
		headers: ifMatch(audit.Version)})
	if rec.Code != http.StatusOK {
		t.Fatalf("audit again: %d %s", rec.Code, rec.Body)
	}
	until := time.Now().AddDate(0, 6, 0).Format(time.DateOnly)
	derogation := []map[string]any{{"criterion": "weekly_hours", "justification": "Travaux de la mairie jusqu’à l’été", "until": until}}
	body := map[string]any{"to": "labellise", "wave_id": wave, "derogations": derogation}
	expectProblem(t, transition(s, tokens["animateur.70"], id, ls.Version, body), http.StatusForbidden, "label.transition_forbidden", "", "")
	expectProblem(t, transition(s, pref, id, ls.Version, map[string]any{"to": "labellise", "wave_id": wave,
		"derogations": []map[string]any{{"criterion": "weekly_hours", "until": "2020-01-01"}}}),
		http.StatusUnprocessableEntity, "validation_failed", "derogations[0].justification", "obligatoire")
	ls = decideOK(t, s, pref, id, ls.Version, body)
	last := ls.History[len(ls.History)-1]
	if ls.State != "labellise" || *ls.LabelDate != "2022-12-01" || len(last.Derogations) != 1 || last.Derogations[0].Until != until ||
		last.ComplianceStatus != "failure" {
		t.Fatalf("labelled with a derogation: %+v", ls)
	}

	// Closing: by the structure's own account too, with a reason; never with a derogation
	vesoul := structureID(t, s, "2494")
	own := tokens["structure.70"]
	vs := labelOf(t, s, own, vesoul)
	if vs.State != "labellise" || len(vs.History) != 0 || vs.Wave == nil || vs.Wave.Name != "Vague du 01/01/2022" ||
		len(vs.Allowed) != 1 || vs.Allowed[0].To != "ferme" || !vs.Allowed[0].ReasonRequired {
		t.Fatalf("Vesoul for its structure account: %+v", vs)
	}
	expectProblem(t, transition(s, own, vesoul, vs.Version, map[string]any{"to": "ferme"}),
		http.StatusUnprocessableEntity, "validation_failed", "reason", "obligatoire")
	expectProblem(t, transition(s, own, vesoul, vs.Version, map[string]any{"to": "ferme", "reason": "Fin du bail",
		"derogations": derogation}), http.StatusForbidden, "label.derogation_forbidden", "", "")
	expectProblem(t, transition(s, own, vesoul, vs.Version, map[string]any{"to": "sous_surveillance", "reason": "x"}),
		http.StatusForbidden, "label.transition_forbidden", "", "")
	expectProblem(t, transition(s, pref, vesoul, vs.Version, map[string]any{"to": "instruction"}),
		http.StatusConflict, "label.transition_invalid", "", "")
	if rec := transition(s, pref, vesoul, vs.Version+1, map[string]any{"to": "ferme", "reason": "x"}); rec.Code != http.StatusPreconditionFailed {
		t.Fatalf("stale version: %d", rec.Code)
	}
	if rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures/" + vesoul + "/label/transitions", token: pref,
		body: map[string]any{"to": "ferme", "reason": "x"}}); rec.Code != http.StatusPreconditionRequired {
		t.Fatalf("no If-Match: %d", rec.Code)
	}
	if rec := transition(s, tokens["partenaire.caf.70"], vesoul, vs.Version, map[string]any{"to": "ferme", "reason": "x"}); rec.Code != http.StatusForbidden {
		t.Fatalf("partner: %d", rec.Code)
	}
	if ps := labelOf(t, s, tokens["partenaire.caf.70"], vesoul); len(ps.Allowed) != 0 {
		t.Fatalf("a partner reads the label, decides nothing: %+v", ps.Allowed)
	}
	vs = decideOK(t, s, own, vesoul, vs.Version, map[string]any{"to": "ferme", "reason": "Fin du bail des locaux"})
	if vs.State != "ferme" || *vs.LabelDate != "2022-01-01" || vs.History[0].Reason != "Fin du bail des locaux" {
		t.Fatalf("closed: %+v", vs)
	}
}

// Visit findings asking for watch show on the label page until a decision follows them; another département's
// structures and boards are not found.
func TestLabelWatchRequestsAndTerritory(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	var id string
	s.db.Raw(`SELECT structure_id FROM findings WHERE watch_requested LIMIT 1`).Scan(&id)
	if id == "" {
		t.Fatal("the demo has no finding asking for watch")
	}
	ls := labelOf(t, s, pref, id)
	var hint string
	for _, o := range ls.Allowed {
		if o.To == "sous_surveillance" {
			hint = o.Hint
		}
	}
	if len(ls.WatchRequests) != 1 || ls.WatchRequests[0].Severity != "critique" || !strings.HasPrefix(hint, "1 demande de mise sous surveillance") {
		t.Fatalf("watch requests %+v, hint %q", ls.WatchRequests, hint)
	}
	ls = decideOK(t, s, pref, id, ls.Version, map[string]any{"to": "sous_surveillance", "reason": "Constat critique de la visite"})
	if ls.State != "sous_surveillance" || len(ls.WatchRequests) != 0 {
		t.Fatalf("after the decision: %+v", ls)
	}
	other := tokens["prefecture.57"]
	vesoul := structureID(t, s, "2494")
	for _, r := range []request{
		{method: http.MethodGet, path: "/api/v1/structures/" + vesoul + "/label", token: other},
		{method: http.MethodGet, path: "/api/v1/structures/" + vesoul + "/audit", token: other},
		{method: http.MethodPost, path: "/api/v1/structures/" + vesoul + "/label/transitions", token: other, body: map[string]any{"to": "ferme"}, headers: ifMatch(1)},
		{method: http.MethodGet, path: "/api/v1/departements/70/label-pipeline", token: other},
		{method: http.MethodGet, path: "/api/v1/departements/70/label-progress", token: other},
		{method: http.MethodPost, path: "/api/v1/departements/70/waves", token: other, body: map[string]any{"name": "x", "date": "2027-01-01"}},
		{method: http.MethodGet, path: "/api/v1/regions/27/label-progress", token: tokens["admin"]}, // admin: found
	} {
		rec := s.do(r)
		want := http.StatusNotFound
		if r.token == tokens["admin"] {
			want = http.StatusOK
		}
		if rec.Code != want {
			t.Errorf("%s %s: %d, want %d", r.method, r.path, rec.Code, want)
		}
	}
}
