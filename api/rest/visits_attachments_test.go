package rest_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"maillage/api/rest"
)

func upload(s *testServer, token, visitID, field, name string, content []byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile(field, name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/visits/"+visitID+"/attachments", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}

func pngImage(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 0, G: 0, B: 145, A: 255}) // bleu de France
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const minimalPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// Oversize is 413 and a wrong type 415, whatever the name claims; nothing is stored on failure.
func TestAttachmentLimits(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	st := freeStructures(t, s, "70", 1)[0]
	v := createVisit(t, s, pref, map[string]any{"structure_id": st, "type": "prefectorale", "planned_date": ymd(parisToday(s))})
	justOver := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{' '}, 10<<20)...)
	cases := []struct {
		name, field, file string
		content           []byte
		status            int
		code              string
	}{
		{"a PDF one byte over 10 MiB", "file", "rapport.pdf", justOver[:10<<20+1], 413, "attachment.too_large"},
		{"a body far over the limit", "file", "video.pdf", bytes.Repeat([]byte{'%'}, 12<<20), 413, "attachment.too_large"},
		{"HTML named as a photo", "file", "photo.png", []byte("<html><script>alert(1)</script></html>"), 415, "attachment.unsupported_type"},
		{"SVG", "file", "plan.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>`), 415, "attachment.unsupported_type"},
		{"GIF", "file", "anim.gif", []byte("GIF89a\x01\x00\x01\x00"), 415, "attachment.unsupported_type"},
		{"a Word document", "file", "cr.docx", []byte("PK\x03\x04\x14\x00\x06\x00"), 415, "attachment.unsupported_type"},
		{"no file field", "photo", "x.pdf", []byte(minimalPDF), 422, "validation_failed"},
	}
	for _, tc := range cases {
		rec := upload(s, pref, v.ID, tc.field, tc.file, tc.content)
		wantProblem(t, tc.name, rec, tc.status, tc.code)
	}
	wantProblem(t, "JSON instead of multipart", s.do(request{method: http.MethodPost, path: "/api/v1/visits/" + v.ID + "/attachments",
		token: pref, body: map[string]any{"file": "x"}}), 415, "request.unsupported_media_type")
	if n := countRows(t, s, `SELECT count(*) FROM visit_attachments WHERE visit_id = ?`, v.ID); n != 0 {
		t.Errorf("%d attachments stored after refusals", n)
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE object_type = 'attachment'`); n != 0 {
		t.Errorf("%d audit entries after refusals", n)
	}
	// Exactly 10 MiB is accepted.
	if rec := upload(s, pref, v.ID, "file", "limite.pdf", justOver[:10<<20]); rec.Code != 201 {
		t.Errorf("exactly 10 MiB: %d %.300s", rec.Code, rec.Body)
	}
}

// A PDF and a PNG go in and come back byte for byte, with their type, a safe disposition and nosniff; the
// structure reads them, another département does not; removal needs the ETag.
func TestAttachmentRoundTrip(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	vesoul := matrixStructure(t, s, true)
	v := createVisit(t, s, pref, map[string]any{"structure_id": vesoul, "type": "prefectorale", "planned_date": ymd(parisToday(s))})
	photo := pngImage(t)
	files := map[string]struct {
		name    string
		content []byte
		ct      string
		saved   string
	}{
		"pdf": {"compte-rendu.pdf", []byte(minimalPDF), "application/pdf", "compte-rendu.pdf"},
		"png": {`C:\Photos\accueil "entrée".png`, photo, "image/png", "accueil entrée.png"},
	}
	for key, f := range files {
		rec := upload(s, pref, v.ID, "file", f.name, f.content)
		var a rest.AttachmentDTO
		decode(t, rec, &a)
		if rec.Code != 201 || a.ContentType != f.ct || a.Size != len(f.content) || a.Name != f.saved || a.UploadedBy != "prefecture.70@maillage.test" {
			t.Fatalf("%s upload: %d %s", key, rec.Code, rec.Body)
		}
		for _, token := range []string{pref, tokens["structure.70"], tokens["animateur.70"]} {
			dl := s.do(request{method: http.MethodGet, path: a.URL, token: token})
			h := dl.Header()
			if dl.Code != 200 || !bytes.Equal(dl.Body.Bytes(), f.content) || h.Get("Content-Type") != f.ct ||
				h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") ||
				!strings.Contains(h.Get("Content-Disposition"), "filename*=UTF-8''") || h.Get("ETag") != `"`+a.SHA256+`"` {
				t.Errorf("%s download: %d %v", key, dl.Code, h)
			}
		}
		if rec := s.do(request{method: http.MethodGet, path: a.URL, token: pref,
			headers: map[string]string{"If-None-Match": `"` + a.SHA256 + `"`}}); rec.Code != 304 {
			t.Errorf("%s If-None-Match: %d", key, rec.Code)
		}
		if rec := s.do(request{method: http.MethodGet, path: a.URL, token: tokens["prefecture.57"]}); rec.Code != 404 {
			t.Errorf("%s read from Moselle: %d", key, rec.Code)
		}
		if key == "png" {
			wantProblem(t, "remove without If-Match", s.do(request{method: http.MethodDelete, path: a.URL, token: pref}), 428, "")
			wantProblem(t, "remove with another ETag", s.do(request{method: http.MethodDelete, path: a.URL, token: pref,
				headers: map[string]string{"If-Match": `"0000"`}}), 412, "request.if_match_mismatch")
			wantProblem(t, "the structure removes", s.do(request{method: http.MethodDelete, path: a.URL, token: tokens["structure.70"],
				headers: map[string]string{"If-Match": `"` + a.SHA256 + `"`}}), 403, "auth.forbidden")
			if rec := s.do(request{method: http.MethodDelete, path: a.URL, token: pref,
				headers: map[string]string{"If-Match": `"` + a.SHA256 + `"`}}); rec.Code != 204 {
				t.Errorf("remove: %d %s", rec.Code, rec.Body)
			}
		}
	}
	var list rest.AttachmentList
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits/" + v.ID + "/attachments", token: tokens["structure.70"]}), &list)
	if len(list.Items) != 1 || list.Items[0].ContentType != "application/pdf" {
		t.Errorf("list after removal: %+v", list.Items)
	}
	var got rest.VisitDTO
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits/" + v.ID, token: pref}), &got)
	if got.Counts.Attachments != 1 {
		t.Errorf("counts %+v", got.Counts)
	}
	if rec := s.do(request{method: http.MethodGet, path: list.Items[0].URL + "?inline=true", token: pref}); !strings.HasPrefix(
		rec.Header().Get("Content-Disposition"), "inline;") {
		t.Errorf("inline: %q", rec.Header().Get("Content-Disposition"))
	}
}
