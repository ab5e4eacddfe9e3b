package rest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/demo"
)

// The quarterly plan over HTTP, with the server's clock moved to 15 February of next year: last year is settled
// (done or overdue), this year has Q1 under way. One structure is labelled mid-quarter last year.
func TestVisitPlanOverHTTP(t *testing.T) {
	t.Parallel()
	s, _ := registryServer(t)
	paris, _ := time.LoadLocation("Europe/Paris")
	year := parisToday(s).Year() + 1
	s.advance(time.Until(time.Date(year, 2, 15, 12, 0, 0, 0, paris)))
	last := year - 1
	sts := freeStructures(t, s, "70", 2)
	steady, newcomer := sts[0], sts[1]
	if err := s.db.Exec(`UPDATE structures SET label_date = ? WHERE id = ?`, fmt.Sprintf("%d-05-15", last), newcomer).Error; err != nil {
		t.Fatal(err)
	}
	pref := loginToken(t, s, "prefecture.70@maillage.test", demo.Password)
	date := func(y int, md string) string { return fmt.Sprintf("%d-%s", y, md) }
	v := createVisit(t, s, pref, map[string]any{"structure_id": steady, "type": "prefectorale", "planned_date": date(last, "08-10")})
	completeVisit(t, s, pref, v, date(last, "08-12"))
	planned := createVisit(t, s, pref, map[string]any{"structure_id": steady, "type": "prefectorale", "planned_date": date(year, "03-10")})
	cancelled := createVisit(t, s, pref, map[string]any{"structure_id": newcomer, "type": "prefectorale", "planned_date": date(last, "11-03")})
	patchVisit(s, pref, cancelled.ID, 1, map[string]any{"status": "annulee", "cancel_reason": "Reportée"})
	animation := createVisit(t, s, loginToken(t, s, "animateur.70@maillage.test", demo.Password),
		map[string]any{"structure_id": newcomer, "type": "animateur", "planned_date": date(last, "12-01")})
	completeVisit(t, s, loginToken(t, s, "animateur.70@maillage.test", demo.Password), animation, date(last, "12-01"))

	plan := func(y int) rest.VisitPlan {
		rec := s.do(request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/departements/70/visit-plan?year=%d", y), token: pref})
		var p rest.VisitPlan
		decode(t, rec, &p)
		if rec.Code != 200 || p.Year != y || len(p.Rows) != 24 || len(p.Quarters) != 4 {
			t.Fatalf("plan %d: %d %.300s", y, rec.Code, rec.Body)
		}
		return p
	}
	rowOf := func(p rest.VisitPlan, id string) string {
		for _, r := range p.Rows {
			if r.Structure.ID == id {
				out := make([]string, 4)
				for i, c := range r.Cells {
					out[i] = c.State
					if c.VisitID != nil {
						out[i] += "*"
					}
				}
				return strings.Join(out, " ")
			}
		}
		t.Fatalf("no row for %s", id)
		return ""
	}
	past := plan(last)
	if got := rowOf(past, steady); got != "overdue overdue done* overdue" {
		t.Errorf("last year, steady structure: %s", got)
	}
	// Labelled on 15 May: Q1 not owed, Q2 owed; the cancelled prefectoral visit and the animator's do not count.
	if got := rowOf(past, newcomer); got != "not_labelled overdue overdue overdue" {
		t.Errorf("last year, structure labelled mid-quarter: %s", got)
	}
	for _, q := range past.Quarters {
		if q.Phase != "past" {
			t.Errorf("last year's Q%d is %s", q.Quarter, q.Phase)
		}
	}
	now := plan(year)
	if now.Today != date(year, "02-15") || now.Quarters[0].Phase != "current" || now.Quarters[1].Phase != "future" ||
		now.Quarters[0].Start != date(year, "01-01") || now.Quarters[0].End != date(year, "03-31") {
		t.Errorf("this year: today %s, Q1 %+v", now.Today, now.Quarters[0])
	}
	if got := rowOf(now, steady); got != "planned* not_due not_due not_due" {
		t.Errorf("this year, steady structure: %s", got)
	}
	if got := rowOf(now, newcomer); got != "missing not_due not_due not_due" {
		t.Errorf("this year, newcomer: %s", got)
	}
	for _, r := range now.Rows {
		if r.Structure.ID == steady && (r.Cells[0].VisitID == nil || *r.Cells[0].VisitID != planned.ID || *r.Cells[0].Date != date(year, "03-10")) {
			t.Errorf("planned cell %+v", r.Cells[0])
		}
	}
	if q1 := now.Quarters[0].Totals; q1["planned"] < 1 || q1["missing"] < 1 || len(q1) != 6 {
		t.Errorf("Q1 totals %v", q1)
	}
	// Access: the région reads its départements; Moselle and the structure do not.
	for email, want := range map[string]int{"region.bfc@maillage.test": 200, "animateur.70@maillage.test": 200,
		"prefecture.57@maillage.test": 404, "structure.70@maillage.test": 403, "partenaire.caf.70@maillage.test": 403} {
		rec := s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/visit-plan", token: loginToken(t, s, email, demo.Password)})
		if rec.Code != want {
			t.Errorf("%s: %d, want %d", email, rec.Code, want)
		}
	}
	wantProblem(t, "bad year", s.do(request{method: http.MethodGet, path: "/api/v1/departements/70/visit-plan?year=deux", token: pref}),
		422, "validation_failed")
	wantProblem(t, "unknown département", s.do(request{method: http.MethodGet, path: "/api/v1/departements/99/visit-plan",
		token: loginToken(t, s, "admin@maillage.test", demo.Password)}), 404, "departement.not_found")
}
