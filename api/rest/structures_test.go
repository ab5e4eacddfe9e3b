package rest_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"maillage/pkg/demo"
)

const extractPath = "../../pkg/anct/testdata/liste-fs-20221201-extrait-57-60-70.csv"

// registryServer is a test server with the demo accounts and the three départements of the extract imported.
func registryServer(t testing.TB) (*testServer, map[string]string) {
	t.Helper()
	s := newTestServer(t)
	if err := demo.Seed(context.Background(), s.db, time.Now, ioDiscard{}); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{}
	for _, email := range []string{"admin@maillage.test", "prefecture.70@maillage.test", "prefecture.57@maillage.test",
		"animateur.70@maillage.test", "structure.70@maillage.test", "partenaire.caf.70@maillage.test", "region.bfc@maillage.test"} {
		tokens[strings.Split(email, "@")[0]] = loginToken(t, s, email, demo.Password)
	}
	return s, tokens
}

func uploadExtract(t *testing.T, s *testServer, token, path string, apply bool) *httptest.ResponseRecorder {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "extrait.csv")
	_, _ = fw.Write(data)
	_ = mw.Close()
	url := "/api/v1/imports/anct"
	if apply {
		url += "?apply=true"
	}
	req := httptest.NewRequest(http.MethodPost, url, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}

type importReport struct {
	Applied bool `json:"applied"`
	Summary struct {
		Create, Update, Unchanged, Rejected, Warnings int
	} `json:"summary"`
	Rejected []struct {
		Line     int `json:"line"`
		Problems []struct{ Column, Message string }
		Cells    map[string]string `json:"cells"`
	} `json:"rejected"`
}

func structureID(t *testing.T, s *testServer, idfs string) string {
	t.Helper()
	var id string
	s.db.Raw(`SELECT id FROM structures WHERE id_fs = ?`, idfs).Scan(&id)
	if id == "" {
		t.Fatalf("no structure %s", idfs)
	}
	return id
}

func TestImportOverHTTPIsScopedAndIdempotent(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t) // the demo seed has imported the extract already
	// The prefecture of 70 sends the whole extract with one phone number corrected: its 24 rows are taken (one
	// update), the 81 others rejected as outside its territory, each with its reason and its raw cells kept.
	data, err := os.ReadFile(extractPath)
	if err != nil {
		t.Fatal(err)
	}
	corrected := t.TempDir() + "/corrige.csv"
	if err := os.WriteFile(corrected, bytes.Replace(data, []byte("03 84 67 64 10"), []byte("03 84 67 64 99"), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	var dry importReport
	rec := uploadExtract(t, s, tokens["prefecture.70"], corrected, false)
	decode(t, rec, &dry)
	if rec.Code != 200 || dry.Applied || dry.Summary.Update != 1 || dry.Summary.Unchanged != 23 || dry.Summary.Rejected != 81 {
		t.Fatalf("dry run: %d %+v", rec.Code, dry.Summary)
	}
	if r := dry.Rejected[0]; !strings.Contains(r.Problems[0].Message, "hors de votre territoire") || r.Cells["lib_fs"] == "" {
		t.Errorf("rejected row: %+v", r)
	}
	if !strings.Contains(rec.Body.String(), `"phone":{"from":"03 84 67 64 10","to":"03 84 67 64 99"}`) {
		t.Errorf("the dry run does not show the field diff: %.400s", rec.Body)
	}
	var kept int64
	s.db.Raw(`SELECT count(*) FROM import_rejected_rows`).Scan(&kept)
	if kept != 81 {
		t.Errorf("%d rejected rows kept for review, want 81", kept)
	}
	var phone string
	s.db.Raw(`SELECT phone FROM structures WHERE id_fs = 'temp_75'`).Scan(&phone)
	if phone != "03 84 67 64 10" {
		t.Fatalf("the dry run wrote: phone %q", phone)
	}
	var applied, again importReport
	decode(t, uploadExtract(t, s, tokens["prefecture.70"], corrected, true), &applied)
	decode(t, uploadExtract(t, s, tokens["prefecture.70"], corrected, true), &again)
	if !applied.Applied || applied.Summary.Update != 1 || again.Summary.Unchanged != 24 || again.Summary.Create+again.Summary.Update != 0 {
		t.Errorf("apply %+v, then %+v", applied.Summary, again.Summary)
	}
	s.db.Raw(`SELECT phone FROM structures WHERE id_fs = 'temp_75'`).Scan(&phone)
	if phone != "03 84 67 64 99" {
		t.Errorf("after apply: phone %q", phone)
	}
	if rec := uploadExtract(t, s, tokens["animateur.70"], extractPath, false); rec.Code != http.StatusForbidden {
		t.Errorf("animateur import: %d, want 403", rec.Code)
	}
	var list struct {
		Items      []map[string]any `json:"items"`
		NextCursor *string          `json:"next_cursor"`
	}
	decode(t, s.do(request{method: "GET", path: "/api/v1/structures?limit=200", token: tokens["prefecture.70"]}), &list)
	if len(list.Items) != 24 {
		t.Errorf("prefecture 70 lists %d structures, want 24", len(list.Items))
	}
}

func TestImportRejectsAFileThatIsNotTheList(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	bad := t.TempDir() + "/bad.csv"
	_ = os.WriteFile(bad, []byte("nom;ville\nx;y\n"), 0o600)
	rec := uploadExtract(t, s, tokens["admin"], bad, true)
	if p := problemOf(t, rec); rec.Code != 422 || p.Code != "import.not_anct_file" || p.Errors["file"] == "" {
		t.Errorf("%d %+v", rec.Code, p)
	}
}

func TestStructuresScopingOnEveryVerb(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	uploadExtract(t, s, tokens["admin"], extractPath, true)
	moselle := structureID(t, s, "329") // Entrange, 57
	for _, r := range []request{
		{method: "GET", path: "/api/v1/structures/" + moselle},
		{method: "PATCH", path: "/api/v1/structures/" + moselle, body: map[string]any{"phone": "0300000000"}, headers: map[string]string{"If-Match": `"1"`}},
		{method: "PATCH", path: "/api/v1/structures/" + moselle, body: map[string]any{"phone": "0300000000"}},
		{method: "DELETE", path: "/api/v1/structures/" + moselle, headers: map[string]string{"If-Match": `"1"`}},
		{method: "GET", path: "/api/v1/structures/" + moselle + "/stops"},
		{method: "POST", path: "/api/v1/structures/" + moselle + "/stops", body: map[string]any{"label": "Place"}},
	} {
		r.token = tokens["prefecture.70"]
		rec := s.do(r)
		if rec.Code != http.StatusNotFound || problemOf(t, rec).Code != "structure.not_found" {
			t.Errorf("%s %s by prefecture 70: %d %s", r.method, r.path, rec.Code, rec.Body)
		}
	}
	// Lists and the map never show another département's structures.
	for _, path := range []string{"/api/v1/structures?departement=57", "/api/v1/structures.geojson?departement=57"} {
		rec := s.do(request{method: "GET", path: path, token: tokens["prefecture.70"]})
		if rec.Code != 200 || strings.Contains(rec.Body.String(), "Entrange") {
			t.Errorf("%s: %d %.200s", path, rec.Code, rec.Body)
		}
	}
	// The structure user sees its own structure only.
	var list struct{ Items []struct{ ID string } }
	decode(t, s.do(request{method: "GET", path: "/api/v1/structures", token: tokens["structure.70"]}), &list)
	var own []string
	s.db.Raw(`SELECT structure_id::text FROM user_structures us JOIN users u ON u.id = us.user_id WHERE u.email = 'structure.70@maillage.test'`).Scan(&own)
	if len(list.Items) != len(own) || len(own) == 0 || list.Items[0].ID != own[0] {
		t.Errorf("structure user sees %v, owns %v", list.Items, own)
	}
}

func TestStructureConcurrencyAndValidation(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	uploadExtract(t, s, tokens["admin"], extractPath, true)
	champlitte := structureID(t, s, "temp_75")
	path := "/api/v1/structures/" + champlitte
	get := s.do(request{method: "GET", path: path, token: tokens["prefecture.70"]})
	etag := get.Header().Get("ETag")
	if get.Code != 200 || etag == "" {
		t.Fatalf("GET: %d, ETag %q", get.Code, etag)
	}
	patch := func(body any, ifMatch string) *httptest.ResponseRecorder {
		h := map[string]string{}
		if ifMatch != "" {
			h["If-Match"] = ifMatch
		}
		return s.do(request{method: "PATCH", path: path, token: tokens["prefecture.70"], body: body, headers: h})
	}
	if rec := patch(map[string]any{"phone": "03 84 67 64 11"}, ""); rec.Code != http.StatusPreconditionRequired {
		t.Errorf("no If-Match: %d", rec.Code)
	}
	first := patch(map[string]any{"phone": "0384676411"}, etag)
	second := patch(map[string]any{"phone": "03 84 67 64 12"}, etag) // the same ETag: someone else's concurrent edit
	if first.Code != 200 || second.Code != http.StatusPreconditionFailed {
		t.Errorf("concurrent edits: %d then %d, want 200 then 412", first.Code, second.Code)
	}
	var after struct{ Phone string }
	decode(t, first, &after)
	if after.Phone != "03 84 67 64 11" {
		t.Errorf("phone %q: not normalised", after.Phone)
	}
	// Every bad field is named at once.
	rec := s.do(request{method: "POST", path: "/api/v1/structures", token: tokens["prefecture.70"], body: map[string]any{
		"departement_code": "70", "name": "", "commune_code": "57194", "format": "antenne",
		"email": "pas un mail", "carrier": map[string]any{"siret": "12345678901234"}, "latitude": 48.0}})
	p := problemOf(t, rec)
	for _, field := range []string{"name", "commune_code", "parent_id", "email", "carrier.siret", "latitude"} {
		if p.Errors[field] == "" {
			t.Errorf("no error on %s: %v", field, p.Errors)
		}
	}
	if rec := s.do(request{method: "POST", path: "/api/v1/structures", token: tokens["prefecture.70"], body: map[string]any{
		"departement_code": "57", "name": "X", "commune_code": "57194"}}); rec.Code != http.StatusForbidden {
		t.Errorf("create in 57 by prefecture 70: %d, want 403", rec.Code)
	}
	// A project can be created then deleted; a labelled structure cannot be deleted.
	created := s.do(request{method: "POST", path: "/api/v1/structures", token: tokens["prefecture.70"], body: map[string]any{
		"departement_code": "70", "name": "France services de Jussey", "commune_code": "70292"}})
	var projRaw map[string]any
	decode(t, created, &projRaw)
	if created.Code != 201 || projRaw["label_status"] != "projet" || projRaw["coordinates_source"] != "commune" {
		t.Fatalf("create: %d %v", created.Code, projRaw)
	}
	del := s.do(request{method: "DELETE", path: "/api/v1/structures/" + projRaw["id"].(string), token: tokens["prefecture.70"],
		headers: map[string]string{"If-Match": created.Header().Get("ETag")}})
	if del.Code != http.StatusNoContent {
		t.Errorf("delete project: %d %s", del.Code, del.Body)
	}
	refused := s.do(request{method: "DELETE", path: path, token: tokens["prefecture.70"], headers: map[string]string{"If-Match": first.Header().Get("ETag")}})
	if refused.Code != http.StatusConflict {
		t.Errorf("delete labelled: %d, want 409", refused.Code)
	}
	var audited int64
	s.db.Raw(`SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'structure.update'`, champlitte).Scan(&audited)
	if audited != 1 {
		t.Errorf("%d audit entries for the phone change, want 1", audited)
	}
}

func TestExportsAndMap(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	uploadExtract(t, s, tokens["admin"], extractPath, true)
	tok := tokens["prefecture.70"]
	rec := s.do(request{method: "GET", path: "/api/v1/structures/export?format=csv", token: tok})
	if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "\xef\xbb\xbf") || rec.Header().Get("X-Export-Count") != "24" {
		t.Fatalf("csv: %d %q", rec.Code, rec.Header())
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\xef\xbb\xbf")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != 25 {
		t.Fatalf("csv rows %d: %v", len(rows), err)
	}
	// The ANCT layout re-imports as "unchanged": it is a faithful copy of what Maillage holds.
	anctExport := s.do(request{method: "GET", path: "/api/v1/structures/export?format=anct", token: tok})
	tmp := t.TempDir() + "/anct.csv"
	if err := os.WriteFile(tmp, anctExport.Body.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var round importReport
	decode(t, uploadExtract(t, s, tok, tmp, false), &round)
	if round.Summary.Unchanged != 24 || round.Summary.Rejected != 0 {
		t.Errorf("re-import of the ANCT export: %+v", round.Summary)
	}
	xlsx := s.do(request{method: "GET", path: "/api/v1/structures/export?format=xlsx", token: tok})
	book, err := excelize.OpenReader(bytes.NewReader(xlsx.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	meta, _ := book.GetRows("Métadonnées")
	data, _ := book.GetRows("Structures")
	if len(data) != 25 || len(meta) < 4 || meta[3][1] != "24" {
		t.Errorf("xlsx: %d rows, metadata %v", len(data), meta)
	}
	var geo struct{ Features []map[string]any }
	decode(t, s.do(request{method: "GET", path: "/api/v1/structures.geojson", token: tok}), &geo)
	if len(geo.Features) != 24 {
		t.Errorf("map: %d features, want 24 (every Haute-Saône structure has a position)", len(geo.Features))
	}
	var quality struct {
		Structures int
		Flags      []struct {
			Code  string
			Count int
		}
	}
	decode(t, s.do(request{method: "GET", path: "/api/v1/departements/70/quality", token: tok}), &quality)
	counts := map[string]int{}
	for _, f := range quality.Flags {
		counts[f.Code] = f.Count
	}
	if quality.Structures != 24 || counts["temporary_id"] != 3 {
		t.Errorf("quality: %+v", quality)
	}
	if rec := s.do(request{method: "GET", path: "/api/v1/departements/57/quality", token: tok}); rec.Code != 404 {
		t.Errorf("quality of 57 by prefecture 70: %d", rec.Code)
	}
}

func TestRegistryFollowUps(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	tok := tokens["prefecture.70"]
	bus := structureID(t, s, "415") // France services Quers, itinerant
	post := func(label string, position int) *httptest.ResponseRecorder {
		body := map[string]any{"label": label, "commune_code": "70432"}
		if position > 0 {
			body["position"] = position
		}
		return s.do(request{method: "POST", path: "/api/v1/structures/" + bus + "/stops", token: tok, body: body})
	}
	if rec := post("Mairie", 0); rec.Code != http.StatusCreated {
		t.Fatalf("first stop: %d %s", rec.Code, rec.Body)
	}
	// A taken position inserts there (it used to fail with a 500).
	rec := post("Salle des fêtes", 1)
	var stop struct {
		Position    int    `json:"position"`
		CommuneName string `json:"commune_name"`
	}
	decode(t, rec, &stop)
	if rec.Code != http.StatusCreated || stop.Position != 1 || stop.CommuneName != "Quers" {
		t.Fatalf("insert at a taken position: %d %s", rec.Code, rec.Body)
	}
	var stops struct{ Items []struct{ Label string } }
	decode(t, s.do(request{method: "GET", path: "/api/v1/structures/" + bus + "/stops", token: tok}), &stops)
	if len(stops.Items) != 2 || stops.Items[0].Label != "Salle des fêtes" || stops.Items[1].Label != "Mairie" {
		t.Errorf("order: %+v", stops.Items)
	}

	// Coordinates typed by hand, then back to the commune's centre.
	vesoul := structureID(t, s, "2494")
	path := "/api/v1/structures/" + vesoul
	etag := s.do(request{method: "GET", path: path, token: tok}).Header().Get("ETag")
	rec = s.do(request{method: "PATCH", path: path, token: tok, body: map[string]any{"latitude": 47.62, "longitude": 6.15},
		headers: map[string]string{"If-Match": etag}})
	var got struct {
		CoordinatesSource string  `json:"coordinates_source"`
		Latitude          float64 `json:"latitude"`
	}
	decode(t, rec, &got)
	if got.CoordinatesSource != "manual" {
		t.Fatalf("manual coordinates: %d %s", rec.Code, rec.Body)
	}
	rec = s.do(request{method: "PATCH", path: path, token: tok, body: map[string]any{"reset_coordinates": true},
		headers: map[string]string{"If-Match": rec.Header().Get("ETag")}})
	decode(t, rec, &got)
	if got.CoordinatesSource != "commune" || got.Latitude == 47.62 {
		t.Errorf("reset: %d %s", rec.Code, rec.Body)
	}

	// The history speaks the API's field names.
	var history struct {
		Items []struct {
			Action string         `json:"action"`
			Diff   map[string]any `json:"diff"`
		}
	}
	decode(t, s.do(request{method: "GET", path: "/api/v1/audit?object_type=structure&object_id=" + vesoul, token: tok}), &history)
	if len(history.Items) == 0 || history.Items[0].Diff["coordinates_source"] == nil || history.Items[0].Diff["CoordinatesSource"] != nil {
		t.Errorf("audit diff keys: %+v", history.Items)
	}

	// The list says how many match in all, whatever the page size.
	var list struct {
		Items []any `json:"items"`
		Total int   `json:"total"`
	}
	decode(t, s.do(request{method: "GET", path: "/api/v1/structures?limit=5", token: tok}), &list)
	if len(list.Items) != 5 || list.Total != 24 {
		t.Errorf("page of %d, total %d (want 5 of 24)", len(list.Items), list.Total)
	}
	decode(t, s.do(request{method: "GET", path: "/api/v1/structures?quality=temporary_id&limit=2", token: tok}), &list)
	if list.Total != 3 {
		t.Errorf("total with a computed quality flag: %d, want 3", list.Total)
	}
}
