package rest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/visit"
)

// freeStructures returns n labelled structures of a département that have no visit yet (the demo data visits
// three structures of Haute-Saône), in name order.
func freeStructures(t *testing.T, s *testServer, dep string, n int) []string {
	t.Helper()
	var ids []string
	s.db.Raw(`SELECT id FROM structures WHERE departement_code = ? AND label_status = 'labellise'
		AND id NOT IN (SELECT structure_id FROM visits) ORDER BY name LIMIT ?`, dep, n).Scan(&ids)
	if len(ids) != n {
		t.Fatalf("%d free structures in %s, want %d", len(ids), dep, n)
	}
	return ids
}

func userIDOf(t *testing.T, s *testServer, email string) string {
	t.Helper()
	return sqlID(t, s, `SELECT id FROM users WHERE email = ?`, email)
}

// parisToday is the server's civil date in Europe/Paris.
func parisToday(s *testServer) time.Time { return visit.ParisDate(s.clock.now()) }

func ymd(t time.Time) string { return t.Format(time.DateOnly) }

func ifMatch(version int) map[string]string {
	return map[string]string{"If-Match": fmt.Sprintf(`"%d"`, version)}
}

// createVisit posts a visit and expects it created.
func createVisit(t *testing.T, s *testServer, token string, body map[string]any) rest.VisitDTO {
	t.Helper()
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/visits", token: token, body: body})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create visit: %d %s", rec.Code, rec.Body)
	}
	var v rest.VisitDTO
	decode(t, rec, &v)
	return v
}

func patchVisit(s *testServer, token, id string, version int, body any) *httptest.ResponseRecorder {
	return s.do(request{method: http.MethodPatch, path: "/api/v1/visits/" + id, token: token, body: body,
		headers: ifMatch(version)})
}

// requiredAnswers answers the required items of a visit's checklist with a value of the right type.
func requiredAnswers(v rest.VisitDTO) []map[string]any {
	out := []map[string]any{}
	if v.Checklist == nil {
		return out
	}
	values := map[string]any{"yes_no": true, "scale_1_4": 3, "number": 2, "text": "RAS"}
	for _, it := range v.Checklist.Items {
		if it.Required {
			out = append(out, map[string]any{"item_id": it.ID, "value": values[it.AnswerType]})
		}
	}
	return out
}

// completeVisit records a visit done on the date, answering its required items.
func completeVisit(t *testing.T, s *testServer, token string, v rest.VisitDTO, done string) rest.VisitDTO {
	t.Helper()
	rec := patchVisit(s, token, v.ID, v.Version, map[string]any{"status": "realisee", "done_date": done,
		"answers": requiredAnswers(v)})
	if rec.Code != http.StatusOK {
		t.Fatalf("complete visit: %d %s", rec.Code, rec.Body)
	}
	var out rest.VisitDTO
	decode(t, rec, &out)
	return out
}

// wantProblem checks the status and the problem code of a response.
func wantProblem(t *testing.T, what string, rec *httptest.ResponseRecorder, status int, code string) rest.Problem {
	t.Helper()
	if rec.Code != status {
		t.Errorf("%s: %d, want %d: %s", what, rec.Code, status, rec.Body)
		return rest.Problem{}
	}
	p := problemOf(t, rec)
	if code != "" && p.Code != code {
		t.Errorf("%s: code %q, want %q (%+v)", what, p.Code, code, p)
	}
	return p
}

func countRows(t *testing.T, s *testServer, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
