package rest_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"maillage/api/rest"
)

// labelOf reads the label state of a structure.
func labelOf(t *testing.T, s *testServer, token, id string) rest.LabelStateDTO {
	t.Helper()
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/structures/" + id + "/label", token: token})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET label: %d %s", rec.Code, rec.Body)
	}
	var ls rest.LabelStateDTO
	decode(t, rec, &ls)
	if rec.Header().Get("ETag") != fmt.Sprintf(`"%d"`, ls.Version) {
		t.Fatalf("label ETag %q for version %d", rec.Header().Get("ETag"), ls.Version)
	}
	return ls
}

// transition posts a decision at the given label version.
func transition(s *testServer, token, id string, version int, body map[string]any) *httptest.ResponseRecorder {
	return s.do(request{method: http.MethodPost, path: "/api/v1/structures/" + id + "/label/transitions", token: token,
		body: body, headers: ifMatch(version)})
}

// decideOK posts a decision and expects it taken; it returns the new state.
func decideOK(t *testing.T, s *testServer, token, id string, version int, body map[string]any) rest.LabelStateDTO {
	t.Helper()
	rec := transition(s, token, id, version, body)
	if rec.Code != http.StatusOK {
		t.Fatalf("transition to %v: %d %s", body["to"], rec.Code, rec.Body)
	}
	var ls rest.LabelStateDTO
	decode(t, rec, &ls)
	return ls
}

// expectProblem checks the status, the code and (when given) that a field has an error containing a text.
func expectProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, code, field, contains string) rest.Problem {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d (%s): %s", rec.Code, status, code, rec.Body)
	}
	p := problemOf(t, rec)
	if p.Code != code {
		t.Fatalf("code %s, want %s: %s", p.Code, code, rec.Body)
	}
	if field != "" && !strings.Contains(p.Errors[field], contains) {
		t.Fatalf("error on %s: %q, want it to contain %q (all: %v)", field, p.Errors[field], contains, p.Errors)
	}
	return p
}

// uploadDocument sends one document to the candidature file of a structure.
func uploadDocument(s *testServer, token, id, kind, name string, content []byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/structures/"+id+"/candidature/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}

var samplePDF = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

// schedulesETag reads the hours version of a structure.
func schedulesETag(t *testing.T, s *testServer, token, id string) string {
	t.Helper()
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/structures/" + id + "/schedules", token: token})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET schedules: %d", rec.Code)
	}
	return rec.Header().Get("ETag")
}

// draftWeek is a regular draft schedule: the given hours on Monday to Friday with two planned agents.
func draftWeek(start, end string) map[string]any {
	sc := weekdays([]int{1, 2, 3, 4, 5}, [2]string{start, end})
	sc["status"] = "draft"
	return sc
}

// trainedAgent adds an agent with a completed initial training to a structure.
func trainedAgent(t *testing.T, s *testServer, token, id, name string) {
	t.Helper()
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures/" + id + "/agents", token: token,
		body: map[string]any{"name": name, "work_email": strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@gray.test"}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create agent: %d %s", rec.Code, rec.Body)
	}
	var a struct {
		ID string `json:"id"`
	}
	decode(t, rec, &a)
	rec = s.do(request{method: http.MethodPost, path: "/api/v1/agents/" + a.ID + "/trainings", token: token,
		body: map[string]any{"kind": "initial", "provider": "CNFPT", "days": 5, "completed_on": "2025-01-10"}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("training: %d %s", rec.Code, rec.Body)
	}
}

// progressOf reads the label progress of a département or a région ("departements/70", "regions/27").
func progressOf(t *testing.T, s *testServer, token, scope string) rest.ProgressDTO {
	t.Helper()
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/" + scope + "/label-progress", token: token})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s progress: %d %s", scope, rec.Code, rec.Body)
	}
	var p rest.ProgressDTO
	decode(t, rec, &p)
	return p
}

// manualAnswers answers every manual criterion of an audit with a status.
func manualAnswers(a rest.AuditDTO, status string) []map[string]any {
	out := []map[string]any{}
	for _, c := range a.Criteria {
		if !c.Automatic {
			out = append(out, map[string]any{"code": c.Code, "status": status, "comment": ""})
		}
	}
	return out
}

func labelAuditOf(t *testing.T, s *testServer, token, id string) rest.AuditDTO {
	t.Helper()
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/structures/" + id + "/audit", token: token})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET audit: %d %s", rec.Code, rec.Body)
	}
	var a rest.AuditDTO
	decode(t, rec, &a)
	return a
}
