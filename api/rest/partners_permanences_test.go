package rest_test

import (
	"slices"
	"strings"
	"testing"

	"maillage/api/rest"
)

// monthlyVisio is the CAF's monthly video permanence: a Tuesday morning every four weeks, on appointment.
func monthlyVisio() map[string]any {
	return map[string]any{"modality": "visio", "booking_url": "https://rendezvous.caf.fr/70", "summary": "",
		"public_note": "Sur rendez-vous", "schedules": []map[string]any{{"kind": "regular", "slots": []map[string]any{
			{"weekday": 2, "start": "09:00", "end": "12:00", "access": "sur_rdv",
				"week_rule": map[string]any{"kind": "every_n", "interval": 4, "anchor": "2026-01-06"}}}}}}
}

// withoutPermanence is a structure of the département where the demo data holds no permanence.
func withoutPermanence(t *testing.T, s *testServer, dep string) string {
	t.Helper()
	return sqlID(t, s, `SELECT id FROM structures WHERE departement_code = ? AND label_status NOT IN ('ferme', 'retire')
		AND id NOT IN (SELECT structure_id FROM permanences) ORDER BY name LIMIT 1`, dep)
}

func TestPermanencesOfAPartnerUser(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	caf, vesoul, entrange := tok["partenaire.caf.70"], withoutPermanence(t, s, "70"), matrixStructure(t, s, false)
	var p rest.PermanenceDTO
	etag := call(t, s, "POST", "/structures/"+vesoul+"/permanences", caf, monthlyVisio(), "", 201, &p)
	if p.PartnerID != "cnaf" || p.Modality != "visio" || etag != `"1"` || len(p.Schedules) != 1 ||
		p.Schedules[0].OwnerKind != "permanence" || p.Schedules[0].OwnerID != p.ID {
		t.Fatalf("created %+v", p)
	}
	if !strings.Contains(p.OSM, "Tu 09:00-12:00") || !strings.Contains(p.Summary, "toutes les 4 semaines") {
		t.Errorf("osm %q, summary %q", p.OSM, p.Summary)
	}
	wantProblem(t, "outside the départements", s.do(request{method: "POST", path: "/api/v1/structures/" + entrange + "/permanences",
		token: caf, body: monthlyVisio()}), 404, "structure.not_found")
	other := monthlyVisio()
	other["partner_kind"], other["partner_id"] = "operator", "msa"
	wantProblem(t, "another organisation", s.do(request{method: "POST", path: "/api/v1/structures/" + vesoul + "/permanences",
		token: caf, body: other}), 403, "partner.other_organisation")
	wantProblem(t, "structure account", s.do(request{method: "POST", path: "/api/v1/structures/" + vesoul + "/permanences",
		token: tok["structure.70"], body: other}), 403, "")
	var msa rest.PermanenceDTO
	call(t, s, "POST", "/structures/"+vesoul+"/permanences", tok["prefecture.70"], other, "", 201, &msa)
	wantProblem(t, "partner edits another organisation's permanence", s.do(request{method: "PATCH", path: "/api/v1/permanences/" + msa.ID,
		token: caf, body: map[string]any{"public_note": "x"}, headers: map[string]string{"If-Match": `"1"`}}), 403, "partner.other_organisation")
	wantProblem(t, "other département's prefecture", s.do(request{method: "PATCH", path: "/api/v1/permanences/" + p.ID,
		token: tok["prefecture.57"], body: map[string]any{"public_note": "x"}, headers: map[string]string{"If-Match": `"1"`}}), 404, "permanence.not_found")

	bad := monthlyVisio()
	bad["schedules"] = []map[string]any{{"slots": []map[string]any{{"weekday": 2, "start": "12:00", "end": "09:00"}}}}
	rec := s.do(request{method: "PATCH", path: "/api/v1/permanences/" + p.ID, token: caf, body: bad, headers: map[string]string{"If-Match": `"1"`}})
	if pb := wantProblem(t, "end before start", rec, 422, "validation_failed"); pb.Errors["schedules[0].slots[0].end"] == "" {
		t.Errorf("errors %v", pb.Errors)
	}
	var changed rest.PermanenceDTO
	etag = call(t, s, "PATCH", "/permanences/"+p.ID, caf, map[string]any{"summary": "1er mardi du mois, 9 h – 12 h"}, `"1"`, 200, &changed)
	if changed.Summary != "1er mardi du mois, 9 h – 12 h" || etag != `"2"` || len(changed.Schedules) != 1 {
		t.Errorf("changed %+v %s", changed, etag)
	}
	call(t, s, "PATCH", "/permanences/"+p.ID, caf, map[string]any{"schedules": p.Schedules}, `"2"`, 200, &changed)
	if changed.Version != 2 {
		t.Errorf("the same hours written again moved the version to %d", changed.Version)
	}
	var list rest.PermanenceList
	call(t, s, "GET", "/structures/"+vesoul+"/permanences", tok["prefecture.70"], nil, "", 200, &list)
	if len(list.Items) != 2 {
		t.Errorf("the prefecture sees %d permanences at the structure, want 2", len(list.Items))
	}
	if auditCount(t, s, "permanence.create", p.ID) != 1 || auditCount(t, s, "permanence.update", p.ID) != 1 {
		t.Error("permanence writes are not audited")
	}
	call(t, s, "DELETE", "/permanences/"+msa.ID, tok["animateur.70"], nil, `"1"`, 204, nil)
	if n := countRows(t, s, `SELECT count(*) FROM schedules WHERE owner_id = ?`, msa.ID); n != 0 {
		t.Errorf("%d schedules left behind by a deleted permanence", n)
	}
}

func TestCoverageMatrix(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	// the demo covers the whole socle in the 70: remove the Chèque énergie and Anah referents to make gaps
	if err := s.db.Exec(`DELETE FROM referents WHERE departement_code = '70' AND operator_code IN ('dgec', 'anah')`).Error; err != nil {
		t.Fatal(err)
	}
	free := withoutPermanence(t, s, "70")
	call(t, s, "POST", "/structures/"+free+"/permanences", tok["partenaire.caf.70"], monthlyVisio(), "", 201, nil)
	call(t, s, "POST", "/departements/70/referents", tok["prefecture.70"], map[string]any{"partner_kind": "operator",
		"partner_id": "anah", "name": "Marc Petit", "valid_from": "2024-01-01", "valid_to": "2024-12-31"}, "", 201, nil)
	open := countRows(t, s, `SELECT count(*) FROM structures WHERE departement_code = '70' AND label_status NOT IN ('ferme', 'retire')`)
	var cov rest.CoverageDTO
	call(t, s, "GET", "/departements/70/partners/coverage?at=2024-06-01", tok["prefecture.70"], nil, "", 200, &cov)
	if len(cov.Operators) != 11 || cov.Summary.Structures != open || len(cov.Rows) != open {
		t.Fatalf("coverage at 2024-06-01: %d operators, %+v, want 11 operators and %d structures", len(cov.Operators), cov.Summary, open)
	}
	cell := func(cov rest.CoverageDTO, structureID, operator string) rest.CoverageCellDTO {
		j := slices.IndexFunc(cov.Operators, func(o rest.CoverageOperatorDTO) bool { return o.Code == operator })
		for _, r := range cov.Rows {
			if r.StructureID == structureID && j >= 0 {
				return r.Cells[j]
			}
		}
		t.Fatalf("no cell %s × %s", structureID, operator)
		return rest.CoverageCellDTO{}
	}
	for _, r := range cov.Rows {
		if !cell(cov, r.StructureID, "anah").Covered {
			t.Errorf("%s: the département's Anah referent does not cover it", r.StructureName)
		}
	}
	if c := cell(cov, free, "cnaf"); !c.Covered || !slices.Contains(c.How, "permanence:visio") || cell(cov, free, "dgec").Covered {
		t.Errorf("cnaf %+v, dgec %+v", c, cell(cov, free, "dgec"))
	}
	call(t, s, "GET", "/departements/70/partners/coverage?at=2025-06-01", tok["partenaire.caf.70"], nil, "", 200, &cov)
	if len(cov.Operators) != 13 || cov.Summary.FullyCovered != 0 {
		t.Errorf("coverage at 2025-06-01: %d operators, %+v", len(cov.Operators), cov.Summary)
	}
	for _, r := range cov.Rows {
		if cell(cov, r.StructureID, "anah").Covered || r.Missing == 0 {
			t.Errorf("%s: a referent whose validity ended still covers the Anah (%d missing)", r.StructureName, r.Missing)
		}
	}
	wantProblem(t, "structure account", s.do(request{method: "GET", path: "/api/v1/departements/70/partners/coverage", token: tok["structure.70"]}), 403, "")
	wantProblem(t, "other département", s.do(request{method: "GET", path: "/api/v1/departements/70/partners/coverage", token: tok["prefecture.57"]}), 404, "")
}

// The hours of a permanence are the partner's, not the structure's: they stay out of the structure's schedules
// (and so out of its compliance), and a PUT of the structure's hours leaves them alone.
func TestPermanenceHoursLeaveTheStructureHoursAlone(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	vesoul := withoutPermanence(t, s, "70")
	var p rest.PermanenceDTO
	call(t, s, "POST", "/structures/"+vesoul+"/permanences", tok["partenaire.caf.70"], monthlyVisio(), "", 201, &p)
	var set rest.ScheduleSetDTO
	etag := call(t, s, "GET", "/structures/"+vesoul+"/schedules", tok["prefecture.70"], nil, "", 200, &set)
	for _, sc := range set.Schedules {
		if sc.OwnerKind == "permanence" {
			t.Fatalf("the structure's hours list the permanence's: %+v", sc)
		}
	}
	injected := map[string]any{"schedules": []map[string]any{{"owner_kind": "permanence", "owner_id": p.ID,
		"slots": []map[string]any{{"weekday": 3, "start": "09:00", "end": "12:00"}}}}}
	rec := s.do(request{method: "PUT", path: "/api/v1/structures/" + vesoul + "/schedules", token: tok["prefecture.70"],
		body: injected, headers: map[string]string{"If-Match": etag}})
	if pb := wantProblem(t, "permanence hours through the structure's", rec, 422, "validation_failed"); pb.Errors["schedules[0].owner_kind"] == "" {
		t.Errorf("errors %v", pb.Errors)
	}
	call(t, s, "PUT", "/structures/"+vesoul+"/schedules", tok["prefecture.70"], map[string]any{"schedules": set.Schedules}, etag, 200, nil)
	var after rest.PermanenceList
	call(t, s, "GET", "/structures/"+vesoul+"/permanences", tok["prefecture.70"], nil, "", 200, &after)
	if len(after.Items) != 1 || len(after.Items[0].Schedules) != 1 {
		t.Errorf("the permanence lost its hours to a PUT of the structure's: %+v", after.Items)
	}
}
