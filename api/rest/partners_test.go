package rest_test

import (
	"slices"
	"testing"

	"maillage/api/rest"
)

// partnersServer is a test server with the demo data (three départements imported) and a token per demo account
// ("admin", "prefecture.70", "partenaire.caf.70"…).
func partnersServer(t *testing.T) (*testServer, map[string]string) {
	t.Helper()
	return registryServer(t)
}

// call sends a JSON request and checks its status; the decoded body goes into out when out is not nil.
func call(t *testing.T, s *testServer, method, path, token string, body any, etag string, want int, out any) string {
	t.Helper()
	req := request{method: method, path: "/api/v1" + path, token: token, body: body, headers: map[string]string{}}
	if etag != "" {
		req.headers["If-Match"] = etag
	}
	rec := s.do(req)
	if rec.Code != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, rec.Code, want, rec.Body)
	}
	if out != nil {
		decode(t, rec, out)
	}
	return rec.Header().Get("ETag")
}

func auditCount(t *testing.T, s *testServer, action, objectID string) int {
	t.Helper()
	return countRows(t, s, `SELECT count(*) FROM audit_log WHERE action = ? AND object_id = ?`, action, objectID)
}

func TestOperatorsSocleAndRenames(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	for at, want := range map[string]int{"2019-07-01": 9, "2023-12-31": 9, "2024-01-01": 11, "2025-01-01": 13} {
		var list rest.OperatorList
		call(t, s, "GET", "/operators?at="+at, tok["partenaire.caf.70"], nil, "", 200, &list)
		if list.SocleCount != want || len(list.Items) != 13 {
			t.Errorf("socle at %s: %d of %d operators, want %d", at, list.SocleCount, len(list.Items), want)
		}
		for _, o := range list.Items {
			if o.Code == "francetravail" && (o.Name == "France Travail") != (at >= "2024-01-01") {
				t.Errorf("at %s francetravail is named %q", at, o.Name)
			}
		}
	}
	wantProblem(t, "bad date", s.do(request{method: "GET", path: "/api/v1/operators?at=2024-13-01", token: tok["admin"]}), 422, "validation_failed")
	body := map[string]any{"code": "caf_test", "name": "Essai", "short_name": "Essai", "socle_from": "2026-01-01"}
	wantProblem(t, "prefecture creates", s.do(request{method: "POST", path: "/api/v1/operators", token: tok["prefecture.70"], body: body}), 403, "auth.forbidden")
	var created rest.OperatorDTO
	etag := call(t, s, "POST", "/operators", tok["admin"], body, "", 201, &created)
	if created.Names[0].From != "2026-01-01" || etag != `"1"` {
		t.Errorf("created %+v %s", created, etag)
	}
	wantProblem(t, "duplicate", s.do(request{method: "POST", path: "/api/v1/operators", token: tok["admin"], body: body}), 422, "operator.code_taken")
	rename := map[string]any{"name": "Essai renommé", "short_name": "Essai 2", "renamed_on": "2027-01-01"}
	wantProblem(t, "no If-Match", s.do(request{method: "PATCH", path: "/api/v1/operators/caf_test", token: tok["admin"], body: rename}), 428, "")
	var renamed rest.OperatorDTO
	etag = call(t, s, "PATCH", "/operators/caf_test", tok["admin"], rename, `"1"`, 200, &renamed)
	if len(renamed.Names) != 2 || renamed.Names[0].To != "2026-12-31" || renamed.Name != "Essai" || etag != `"2"` {
		t.Errorf("renamed %+v %s", renamed, etag)
	}
	wantProblem(t, "stale", s.do(request{method: "PATCH", path: "/api/v1/operators/caf_test", token: tok["admin"],
		body: rename, headers: map[string]string{"If-Match": `"1"`}}), 412, "request.if_match_mismatch")
	wantProblem(t, "unknown", s.do(request{method: "PATCH", path: "/api/v1/operators/inconnu", token: tok["admin"],
		body: rename, headers: map[string]string{"If-Match": `"1"`}}), 404, "operator.not_found")
	if auditCount(t, s, "operator.create", "caf_test") != 1 || auditCount(t, s, "operator.update", "caf_test") != 1 {
		t.Error("operator writes are not audited")
	}
}

func TestLocalPartnersAreScoped(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	body := map[string]any{"type": "mission_locale", "name": "Mission locale de Vesoul", "contact_email": "contact@ml-vesoul.fr"}
	for who, want := range map[string]int{"partenaire.caf.70": 403, "structure.70": 403, "region.bfc": 403} {
		if rec := s.do(request{method: "POST", path: "/api/v1/departements/70/local-partners", token: tok[who], body: body}); rec.Code != want {
			t.Errorf("%s creates a local partner: %d, want %d", who, rec.Code, want)
		}
	}
	wantProblem(t, "other département", s.do(request{method: "POST", path: "/api/v1/departements/57/local-partners",
		token: tok["prefecture.70"], body: body}), 404, "departement.not_found")
	wantProblem(t, "autre without label", s.do(request{method: "POST", path: "/api/v1/departements/70/local-partners",
		token: tok["animateur.70"], body: map[string]any{"type": "autre", "name": "X"}}), 422, "validation_failed")
	var before, list rest.LocalPartnerList
	call(t, s, "GET", "/departements/70/local-partners", tok["structure.70"], nil, "", 200, &before)
	var lp rest.LocalPartnerDTO
	call(t, s, "POST", "/departements/70/local-partners", tok["animateur.70"], body, "", 201, &lp)
	if lp.TypeLabel != "Mission locale" || lp.Version != 1 {
		t.Errorf("created %+v", lp)
	}
	call(t, s, "GET", "/departements/70/local-partners", tok["structure.70"], nil, "", 200, &list)
	if len(list.Items) != len(before.Items)+1 {
		t.Errorf("%d local partners after one was added to %d", len(list.Items), len(before.Items))
	}
	wantProblem(t, "read elsewhere", s.do(request{method: "GET", path: "/api/v1/departements/70/local-partners", token: tok["prefecture.57"]}), 404, "")
	wantProblem(t, "patch elsewhere", s.do(request{method: "PATCH", path: "/api/v1/local-partners/" + lp.ID, token: tok["prefecture.57"],
		body: map[string]any{"name": "x"}, headers: map[string]string{"If-Match": `"1"`}}), 404, "local_partner.not_found")
	var changed rest.LocalPartnerDTO
	call(t, s, "PATCH", "/local-partners/"+lp.ID, tok["prefecture.70"], map[string]any{"type": "autre", "type_label": "Espace jeunes"}, `"1"`, 200, &changed)
	if changed.TypeLabel != "Espace jeunes" || changed.Version != 2 || auditCount(t, s, "local_partner.update", lp.ID) != 1 {
		t.Errorf("changed %+v", changed)
	}
	call(t, s, "PATCH", "/local-partners/"+lp.ID, tok["prefecture.70"], map[string]any{"name": changed.Name}, `"2"`, 200, &changed)
	if changed.Version != 2 {
		t.Errorf("a PATCH that changes nothing moved the version to %d", changed.Version)
	}
	call(t, s, "POST", "/departements/70/referents", tok["prefecture.70"],
		map[string]any{"partner_kind": "local", "partner_id": lp.ID, "name": "Lucie Bernard"}, "", 201, nil)
	wantProblem(t, "in use", s.do(request{method: "DELETE", path: "/api/v1/local-partners/" + lp.ID, token: tok["prefecture.70"],
		headers: map[string]string{"If-Match": `"2"`}}), 409, "local_partner.in_use")
}

func TestReferentsOfPartnerUsers(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	caf := tok["partenaire.caf.70"]
	var own rest.ReferentDTO
	call(t, s, "POST", "/departements/70/referents", caf, map[string]any{"name": "Claire Dumont", "function": "Référente",
		"email": "claire.dumont@caf70.fr"}, "", 201, &own)
	if own.PartnerKind != "operator" || own.PartnerID != "cnaf" || own.PartnerName == "" || own.StructureID != nil {
		t.Errorf("a partner's referent is its organisation's by default: %+v", own)
	}
	wantProblem(t, "another organisation", s.do(request{method: "POST", path: "/api/v1/departements/70/referents", token: caf,
		body: map[string]any{"partner_kind": "operator", "partner_id": "msa", "name": "X"}}), 403, "partner.other_organisation")
	wantProblem(t, "outside the départements", s.do(request{method: "POST", path: "/api/v1/departements/57/referents", token: caf,
		body: map[string]any{"name": "X"}}), 404, "departement.not_found")
	var msa rest.ReferentDTO
	vesoul := matrixStructure(t, s, true)
	call(t, s, "POST", "/departements/70/referents", tok["prefecture.70"], map[string]any{"partner_kind": "operator",
		"partner_id": "msa", "name": "Paul Girard", "structure_id": vesoul, "valid_to": "2030-12-31"}, "", 201, &msa)
	if msa.StructureID == nil || *msa.StructureID != vesoul {
		t.Errorf("structure referent %+v", msa)
	}
	wantProblem(t, "structure of another département", s.do(request{method: "POST", path: "/api/v1/departements/70/referents",
		token: tok["prefecture.70"], body: map[string]any{"partner_kind": "operator", "partner_id": "msa", "name": "X",
			"structure_id": matrixStructure(t, s, false)}}), 422, "validation_failed")
	wantProblem(t, "partner edits another organisation's referent", s.do(request{method: "PATCH", path: "/api/v1/referents/" + msa.ID,
		token: caf, body: map[string]any{"name": "Y"}, headers: map[string]string{"If-Match": `"1"`}}), 403, "partner.other_organisation")
	wantProblem(t, "the partner of a referent does not change", s.do(request{method: "PATCH", path: "/api/v1/referents/" + own.ID,
		token: caf, body: map[string]any{"partner_id": "msa"}, headers: map[string]string{"If-Match": `"1"`}}), 422, "validation_failed")
	var elsewhere rest.ReferentDTO
	call(t, s, "POST", "/departements/70/referents", tok["prefecture.70"], map[string]any{"partner_kind": "operator",
		"partner_id": "msa", "name": "Anne Roche", "structure_id": withoutPermanence(t, s, "70")}, "", 201, &elsewhere)
	ids := func(list rest.ReferentList) (out []string) {
		for _, r := range list.Items {
			out = append(out, r.ID)
		}
		return out
	}
	var list rest.ReferentList
	call(t, s, "GET", "/departements/70/referents?structure_id="+vesoul, tok["structure.70"], nil, "", 200, &list)
	if got := ids(list); !slices.Contains(got, own.ID) || !slices.Contains(got, msa.ID) || slices.Contains(got, elsewhere.ID) {
		t.Errorf("referents of Vesoul (its own and the département's, not another structure's): %+v", list.Items)
	}
	call(t, s, "GET", "/departements/70/referents?partner_kind=operator&partner_id=msa", caf, nil, "", 200, &list)
	for _, r := range list.Items {
		if r.PartnerID != "msa" {
			t.Errorf("referents of the MSA: %+v", r)
		}
	}
	if got := ids(list); !slices.Contains(got, msa.ID) || !slices.Contains(got, elsewhere.ID) {
		t.Errorf("referents of the MSA: %+v", list.Items)
	}
	call(t, s, "DELETE", "/referents/"+own.ID, caf, nil, `"1"`, 204, nil)
	if auditCount(t, s, "referent.create", own.ID) != 1 || auditCount(t, s, "referent.delete", own.ID) != 1 {
		t.Error("referent writes are not audited")
	}
}
