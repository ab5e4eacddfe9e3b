package rest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"maillage/api/rest"
)

// The end-to-end journey at API level: a project in Haute-Saône goes from its candidature to the label, the audit
// request refused while its planned hours (drafts) are short of 24 h, and the département's progress moves from
// 23 to 24.
func TestLabelJourney(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	before := progressOf(t, s, pref, "departements/70")
	if before.Labelled != 23 || len(before.Targets) != 2 || before.Targets[0].Achieved != 23 || !before.Targets[0].Met ||
		before.ByState["ferme"] != 1 || before.ByState["projet"] != 0 {
		t.Fatalf("demo progress: %+v", before)
	}

	rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures", token: pref, body: map[string]any{
		"departement_code": "70", "name": "France services de Gray-la-Ville", "commune_code": "70280"}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create project: %d %s", rec.Code, rec.Body)
	}
	var created struct {
		ID string `json:"id"`
	}
	decode(t, rec, &created)
	id, base := created.ID, "/api/v1/structures/"+created.ID

	ls := labelOf(t, s, pref, id)
	if ls.State != "projet" || ls.StateLabel != "Projet" || ls.LabelDate != nil || len(ls.History) != 0 || len(ls.Allowed) != 1 ||
		ls.Allowed[0].To != "candidature_deposee" || len(ls.Allowed[0].Blocked) != 1 || ls.Allowed[0].Blocked[0].Code != "candidature.missing" {
		t.Fatalf("new project: %+v", ls)
	}
	expectProblem(t, transition(s, pref, id, ls.Version, map[string]any{"to": "candidature_deposee"}),
		http.StatusUnprocessableEntity, "label.guard_failed", "candidature", "dossier de candidature")

	file := map[string]any{"carrier_name": "Commune de Gray-la-Ville", "carrier_siret": "21700280000015",
		"planned_sites":    []map[string]any{{"name": "Mairie", "commune_code": "70280", "address": "Place de la mairie"}},
		"partners_planned": []string{"CAF de la Haute-Saône", "France Travail"},
		"premises":         map[string]any{"confidential_office": true, "it_equipment": true, "accessibility": false, "notes": ""}}
	rec = s.do(request{method: http.MethodPut, path: base + "/candidature", token: pref, body: file})
	if rec.Code != http.StatusCreated || rec.Header().Get("ETag") != `"1"` {
		t.Fatalf("create candidature: %d %s", rec.Code, rec.Body)
	}
	var cand rest.CandidatureDTO
	decode(t, rec, &cand)
	missing := []string{}
	for _, c := range cand.Completeness {
		if !c.OK {
			missing = append(missing, c.Field)
		}
	}
	if strings.Join(missing, ",") != "documents,hours,agents" || cand.PlannedSites[0].CommuneName != "Gray-la-Ville" {
		t.Fatalf("completeness %v, sites %+v", missing, cand.PlannedSites)
	}
	if rec := s.do(request{method: http.MethodPut, path: base + "/candidature", token: pref, body: file}); rec.Code != http.StatusPreconditionRequired {
		t.Fatalf("replace without If-Match: %d", rec.Code)
	}
	if rec := uploadDocument(s, pref, id, "deliberation", "délibération.pdf", samplePDF); rec.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}

	ls = decideOK(t, s, pref, id, ls.Version, map[string]any{"to": "candidature_deposee"})
	ls = decideOK(t, s, pref, id, ls.Version, map[string]any{"to": "instruction"})
	trainedAgent(t, s, pref, id, "Léa Girard")
	trainedAgent(t, s, pref, id, "Noé Faivre")
	putSchedules(t, s, pref, id, schedulesETag(t, s, pref, id), draftWeek("09:00", "13:00")) // 20 h, draft

	p := expectProblem(t, transition(s, pref, id, ls.Version, map[string]any{"to": "audit_demande"}),
		http.StatusUnprocessableEntity, "label.guard_failed", "hours", "20 h d’ouverture")
	if !strings.Contains(p.Errors["hours"], "24 h requises") || len(p.Errors) != 1 {
		t.Fatalf("audit request refused on the hours only: %v", p.Errors)
	}
	putSchedules(t, s, pref, id, schedulesETag(t, s, pref, id), draftWeek("09:00", "13:48")) // 24 h over 5 days
	ls = decideOK(t, s, pref, id, ls.Version, map[string]any{"to": "audit_demande"})

	audit := labelAuditOf(t, s, pref, id)
	if audit.Version != 0 || !audit.Editable || audit.GridVersion != "qualite-2025" || len(audit.Criteria) != 30 ||
		audit.Criteria[0].Code != "ACC-01" || audit.Criteria[0].Status != "conforme" || !audit.Criteria[0].Locked {
		t.Fatalf("blank audit: %+v", audit)
	}
	bad := append(manualAnswers(audit, "conforme"), map[string]any{"code": "ACC-01", "status": "conforme"})
	expectProblem(t, s.do(request{method: http.MethodPut, path: base + "/audit", token: pref, body: map[string]any{"answers": bad}}),
		http.StatusUnprocessableEntity, "validation_failed", "answers[25].code", "automatiquement")
	rec = s.do(request{method: http.MethodPut, path: base + "/audit", token: pref, body: map[string]any{"answers": manualAnswers(audit, "conforme")}})
	decode(t, rec, &audit)
	if rec.Code != http.StatusOK || !audit.Complete || audit.Version != 1 {
		t.Fatalf("audit: %d %s", rec.Code, rec.Body)
	}

	expectProblem(t, transition(s, pref, id, ls.Version, map[string]any{"to": "labellise"}),
		http.StatusUnprocessableEntity, "validation_failed", "wave_id", "vague")
	today := time.Now().Format(time.DateOnly)
	rec = s.do(request{method: http.MethodPost, path: "/api/v1/departements/70/waves", token: pref,
		body: map[string]any{"name": "Vague de l’automne", "date": today}})
	var wave rest.WaveDTO
	decode(t, rec, &wave)
	if rec.Code != http.StatusCreated {
		t.Fatalf("create wave: %d %s", rec.Code, rec.Body)
	}
	ls = decideOK(t, s, pref, id, ls.Version, map[string]any{"to": "labellise", "wave_id": wave.ID})
	last := ls.History[len(ls.History)-1]
	if ls.State != "labellise" || ls.LabelDate == nil || *ls.LabelDate != today || ls.Wave == nil || ls.Wave.ID != wave.ID ||
		len(ls.History) != 4 || last.Wave == nil || last.ComplianceStatus == "" || last.ActorLabel != "prefecture.70@maillage.test" {
		t.Fatalf("labelled: %+v", ls)
	}

	var statuses []string
	s.db.Raw(`SELECT status FROM schedules WHERE structure_id = ?`, id).Scan(&statuses)
	if len(statuses) != 1 || statuses[0] != "published" {
		t.Fatalf("draft hours after the labelling: %v", statuses)
	}
	if a := labelAuditOf(t, s, pref, id); a.ClosedAt == nil || a.Editable || a.Version != 2 {
		t.Fatalf("audit after the decision: %+v", a)
	}
	after := progressOf(t, s, pref, "departements/70")
	if after.Labelled != 24 || after.Targets[0].Achieved != 24 || after.Waves[len(after.Waves)-1].Cumulative != 24 {
		t.Fatalf("progress after: labelled %d, %+v", after.Labelled, after.Targets[0])
	}
	var entries int
	s.db.Raw(`SELECT count(*) FROM audit_log WHERE object_id = ? AND action IN ('label.transition', 'candidature.create',
		'document.create', 'label_audit.update', 'schedules.replace')`, id).Scan(&entries)
	if entries != 4+1+1+1+3 { // 4 decisions, the file, its document, the audit, 2 hours + their publication
		t.Fatalf("%d audit entries", entries)
	}
}
