package rest_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"maillage/api/rest"
)

// Documents of a candidature: type recognised by content, size limited, removed at the file's version, kept
// when a decision names them; the file locks after the audit request.
func TestCandidatureDocuments(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	id := structureID(t, s, "2653")
	base := "/api/v1/structures/" + id + "/candidature"
	if rec := s.do(request{method: http.MethodGet, path: base, token: pref}); rec.Code != http.StatusNotFound || problemOf(t, rec).Code != "candidature.not_found" {
		t.Fatalf("no file yet: %d", rec.Code)
	}
	if err := s.db.Exec(`UPDATE structures SET label_status = 'instruction', label_version = label_version + 1 WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	expectProblem(t, uploadDocument(s, pref, id, "dossier", "dossier.pdf", samplePDF), http.StatusConflict, "candidature.missing", "", "")
	rec := s.do(request{method: http.MethodPut, path: base, token: tokens["structure.70"], body: map[string]any{"carrier_name": "x"}})
	if rec.Code != http.StatusNotFound {
		t.Fatalf("another structure's account: %d", rec.Code)
	}
	expectProblem(t, s.do(request{method: http.MethodPut, path: base, token: pref, body: map[string]any{"carrier_siret": "123",
		"planned_sites": []map[string]any{{"name": "Mairie", "commune_code": "99999"}}}}),
		http.StatusUnprocessableEntity, "validation_failed", "planned_sites[0].commune_code", "Commune inconnue")
	rec = s.do(request{method: http.MethodPut, path: base, token: pref, body: map[string]any{"carrier_name": "Communauté de communes"}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}

	expectProblem(t, uploadDocument(s, pref, id, "dossier", "page.pdf", []byte("<!DOCTYPE html><html><script>x</script>")),
		http.StatusUnsupportedMediaType, "document.unsupported_type", "", "")
	expectProblem(t, uploadDocument(s, pref, id, "dossier", "gros.pdf", append(append([]byte{}, samplePDF...), bytes.Repeat([]byte("0"), 10<<20)...)),
		http.StatusRequestEntityTooLarge, "document.too_large", "", "")
	expectProblem(t, uploadDocument(s, pref, id, "photo", "d.pdf", samplePDF), http.StatusUnprocessableEntity, "validation_failed", "kind", "Nature")
	rec = uploadDocument(s, pref, id, "deliberation", "C:\\Documents\\délibération du conseil.PDF", samplePDF)
	var doc rest.CandidatureDocumentDTO
	decode(t, rec, &doc)
	if rec.Code != http.StatusCreated || doc.Name != "délibération du conseil.PDF" || doc.ContentType != "application/pdf" || doc.Kind != "deliberation" {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	get := s.do(request{method: http.MethodGet, path: base + "/documents/" + doc.ID, token: tokens["animateur.70"]})
	if get.Code != http.StatusOK || !bytes.Equal(get.Body.Bytes(), samplePDF) || get.Header().Get("X-Content-Type-Options") != "nosniff" ||
		get.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("download: %d %v", get.Code, get.Header())
	}
	if rec := s.do(request{method: http.MethodGet, path: base + "/documents/" + doc.ID, token: tokens["partenaire.caf.70"]}); rec.Code != http.StatusForbidden {
		t.Fatalf("partner download: %d", rec.Code)
	}
	var file rest.CandidatureDTO
	decode(t, s.do(request{method: http.MethodGet, path: base, token: pref}), &file)
	if file.Version != 2 || len(file.Documents) != 1 { // the upload moved the file's version on
		t.Fatalf("file after upload: version %d, %d documents", file.Version, len(file.Documents))
	}
	del := func(version int) int {
		return s.do(request{method: http.MethodDelete, path: base + "/documents/" + doc.ID, token: pref, headers: ifMatch(version)}).Code
	}
	if code := del(1); code != http.StatusPreconditionFailed {
		t.Fatalf("delete at a stale version: %d", code)
	}
	// a decision naming the document keeps it on file
	ls := labelOf(t, s, pref, id)
	decideOK(t, s, pref, id, ls.Version, map[string]any{"to": "rejete", "reason": "Dossier hors délais", "document_ids": []string{doc.ID}})
	if code := del(file.Version); code != http.StatusConflict {
		t.Fatalf("delete from a decided file: %d", code)
	}
	if err := s.db.Exec(`UPDATE structures SET label_status = 'instruction', label_version = label_version + 1 WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	expectProblem(t, s.do(request{method: http.MethodDelete, path: base + "/documents/" + doc.ID, token: pref, headers: ifMatch(file.Version)}),
		http.StatusConflict, "document.referenced", "", "")
	rec = uploadDocument(s, pref, id, "autre", "plan.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"))
	var png rest.CandidatureDocumentDTO
	decode(t, rec, &png)
	if rec.Code != http.StatusCreated || png.Name != "plan.png" {
		t.Fatalf("png: %d %s", rec.Code, rec.Body)
	}
	if rec := s.do(request{method: http.MethodDelete, path: base + "/documents/" + png.ID, token: pref, headers: ifMatch(file.Version + 1)}); rec.Code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
}

// Publishing a new grid version leaves open audits on theirs; audits opened from its entry into force take it.
func TestLabelGridVersions(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref, admin := tokens["prefecture.70"], tokens["admin"]
	first, second := structureID(t, s, "2653"), structureID(t, s, "2492")
	if err := s.db.Exec(`UPDATE structures SET label_status = 'audit_demande', label_version = label_version + 1 WHERE id IN (?, ?)`, first, second).Error; err != nil {
		t.Fatal(err)
	}
	audit := labelAuditOf(t, s, pref, first)
	rec := s.do(request{method: http.MethodPut, path: "/api/v1/structures/" + first + "/audit", token: pref,
		body: map[string]any{"answers": manualAnswers(audit, "a_verifier")[:2]}})
	if rec.Code != http.StatusOK {
		t.Fatalf("open the first audit: %d %s", rec.Code, rec.Body)
	}
	grid := map[string]any{"version": "qualite-2026", "title": "Grille qualité 2026",
		"valid_from": time.Now().AddDate(0, 0, -1).Format(time.DateOnly), "criteria": []map[string]any{
			{"code": "ACC-01", "label": "Ouverture 24 h", "category": "Accueil", "automatic": true, "compliance_code": "weekly_hours"},
			{"code": "LOC-01", "label": "Bureau fermé", "category": "Locaux", "automatic": false, "compliance_code": nil}}}
	if rec := s.do(request{method: http.MethodPost, path: "/api/v1/label-grids", token: pref, body: grid}); rec.Code != http.StatusForbidden {
		t.Fatalf("grid by a prefecture: %d", rec.Code)
	}
	if rec := s.do(request{method: http.MethodPost, path: "/api/v1/label-grids", token: admin, body: grid}); rec.Code != http.StatusCreated {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	expectProblem(t, s.do(request{method: http.MethodPost, path: "/api/v1/label-grids", token: admin, body: grid}),
		http.StatusConflict, "label_grid.version_taken", "", "")
	var list rest.GridList
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/label-grids", token: tokens["partenaire.caf.70"]}), &list)
	if len(list.Items) != 2 || list.Items[0].CriteriaCount != 30 || list.Items[1].Version != "qualite-2026" {
		t.Fatalf("grids %+v", list)
	}
	if a := labelAuditOf(t, s, pref, first); a.GridVersion != "qualite-2025" || len(a.Criteria) != 30 || a.Version != 1 {
		t.Fatalf("open audit: %s, %d criteria", a.GridVersion, len(a.Criteria))
	}
	if a := labelAuditOf(t, s, pref, second); a.GridVersion != "qualite-2026" || len(a.Criteria) != 2 || a.Version != 0 {
		t.Fatalf("new audit: %s, %d criteria", a.GridVersion, len(a.Criteria))
	}
	rec = s.do(request{method: http.MethodGet, path: "/api/v1/label-grids/qualite-2026", token: pref})
	var g rest.GridDTO
	decode(t, rec, &g)
	if rec.Code != http.StatusOK || *g.Criteria[0].ComplianceCode != "weekly_hours" || g.Criteria[1].ComplianceCode != nil {
		t.Fatalf("grid: %d %s", rec.Code, rec.Body)
	}
	if rec := s.do(request{method: http.MethodPut, path: "/api/v1/structures/" + first + "/audit", token: pref,
		body: map[string]any{"answers": []any{}}}); rec.Code != http.StatusPreconditionRequired {
		t.Fatalf("second save without If-Match: %d", rec.Code)
	}
	if rec := s.do(request{method: http.MethodPut, path: "/api/v1/structures/" + first + "/audit", token: tokens["animateur.70"],
		body: map[string]any{"answers": []any{}}, headers: ifMatch(1)}); rec.Code != http.StatusForbidden {
		t.Fatalf("audit by the animator: %d", rec.Code)
	}
	vesoul := structureID(t, s, "2494")
	expectProblem(t, s.do(request{method: http.MethodPut, path: "/api/v1/structures/" + vesoul + "/audit", token: pref,
		body: map[string]any{"answers": []any{}}}), http.StatusConflict, "audit.not_open", "", "")
}
