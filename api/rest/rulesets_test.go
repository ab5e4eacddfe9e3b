package rest_test

import (
	"net/http"
	"testing"
	"time"

	"maillage/pkg/demo"
	"maillage/pkg/hours"
)

// Rule sets as dated data (ADR 0006, "Rule sets as data").

type ruleSetJSON struct {
	Code             string    `json:"code"`
	ValidFrom        string    `json:"valid_from"`
	MinWeeklyMinutes int       `json:"min_weekly_minutes"`
	InForce          bool      `json:"in_force"`
	CreatedAt        time.Time `json:"created_at"`
	CreatedBy        string    `json:"created_by"`
}

func listRuleSets(t *testing.T, s *testServer, token string) []ruleSetJSON {
	t.Helper()
	var out struct {
		Items []ruleSetJSON `json:"items"`
	}
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/rule-sets", token: token})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET rule-sets: %d %s", rec.Code, rec.Body)
	}
	decode(t, rec, &out)
	return out.Items
}

func ruleSetBody(code string, from hours.Date, minutes int) map[string]any {
	return map[string]any{"code": code, "title": "Référentiel d’essai", "source": "Arrêté d’essai",
		"valid_from": from.String(), "min_weekly_minutes": minutes, "min_open_days": 5, "min_agents_present": 2,
		"trained_agents_required": true, "partner_socle_required": true, "premises_required": true}
}

func TestRuleSetsAddedByAdminApplyFromTheirDate(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	admin := tokens["admin"]
	sets := listRuleSets(t, s, tokens["partenaire.caf.70"]) // any signed-in user reads them
	if len(sets) != 2 || sets[0].Code != "fs-2019" || sets[1].Code != "fs-2025-06" || sets[0].InForce || !sets[1].InForce ||
		sets[1].MinWeeklyMinutes != 1440 || sets[1].ValidFrom != "2025-06-16" || sets[1].CreatedBy == "" {
		t.Fatalf("built-in rule sets: %+v", sets)
	}
	today := hours.DateOf(s.clock.now().In(hours.DefaultLocation()))
	future := today.AddDays(30)
	post := func(token string, body map[string]any) (int, string, map[string]string) {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/rule-sets", token: token, body: body})
		if rec.Code >= 400 {
			p := problemOf(t, rec)
			return rec.Code, p.Code, p.Errors
		}
		return rec.Code, "", nil
	}
	if code, _, _ := post(tokens["prefecture.70"], ruleSetBody("fs-essai", future, 1800)); code != http.StatusForbidden {
		t.Fatalf("POST by a prefecture: %d", code)
	}
	bad := ruleSetBody("-Essai", today.AddDays(-1), 0)
	bad["title"], bad["min_open_days"], bad["min_agents_present"] = " ", 8, 21
	code, problem, fields := post(admin, bad)
	if code != http.StatusUnprocessableEntity || problem != "validation_failed" {
		t.Fatalf("invalid rule set: %d %s", code, problem)
	}
	for _, f := range []string{"code", "title", "valid_from", "min_weekly_minutes", "min_open_days", "min_agents_present"} {
		if fields[f] == "" {
			t.Errorf("no error on %s: %v", f, fields)
		}
	}
	if code, _, fields := post(admin, ruleSetBody("fs-avant", hours.NewDate(2025, 6, 16), 1800)); code != 422 || fields["valid_from"] == "" {
		t.Fatalf("a rule set rewriting the past: %d %v", code, fields)
	}

	// min 30 h from a future date
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/rule-sets", token: admin, body: ruleSetBody("fs-essai-30h", future, 1800)})
	var created ruleSetJSON
	decode(t, rec, &created)
	if rec.Code != http.StatusCreated || created.Code != "fs-essai-30h" || created.InForce || created.CreatedBy != "admin@maillage.test" {
		t.Fatalf("POST rule set: %d %s", rec.Code, rec.Body)
	}
	if code, problem, _ := post(admin, ruleSetBody("fs-essai-30h", future.AddDays(10), 1800)); code != 409 || problem != "rule_set.code_taken" {
		t.Fatalf("same code again: %d %s", code, problem)
	}
	if code, _, fields := post(admin, ruleSetBody("fs-entre-deux", future.AddDays(-1), 1800)); code != 422 || fields["valid_from"] == "" {
		t.Fatalf("a rule set before the last one: %d %v", code, fields)
	}
	var audited int
	s.db.Raw(`SELECT count(*) FROM audit_log WHERE action = 'rule_set.create' AND object_id = 'fs-essai-30h'`).Scan(&audited)
	if audited != 1 {
		t.Fatalf("%d audit entries for the creation", audited)
	}

	// an evaluation at that date uses it; the day before, the set in force today
	base := "/api/v1/structures/" + structureID(t, s, "2494") + "/compliance?weeks=1&at="
	threshold := func(at hours.Date) (string, float64) {
		r := getReport(t, s, tokens["prefecture.70"], base+at.String())
		return r.RuleSet, *r.typical("weekly_hours").Threshold
	}
	if rs, h := threshold(future); rs != "fs-essai-30h" || h != 30 {
		t.Fatalf("at %s: %s, %v h", future, rs, h)
	}
	if rs, h := threshold(future.AddDays(-1)); rs != "fs-2025-06" || h != 24 {
		t.Fatalf("the day before: %s, %v h", rs, h)
	}

	// a set may be removed only before it comes into force
	del := func(token, code string) *problemOrStatus {
		rec := s.do(request{method: http.MethodDelete, path: "/api/v1/rule-sets/" + code, token: token})
		out := &problemOrStatus{status: rec.Code}
		if rec.Code >= 400 {
			out.code = problemOf(t, rec).Code
		}
		return out
	}
	if r := del(admin, "fs-2025-06"); r.status != http.StatusConflict || r.code != "rule_set.in_force" {
		t.Fatalf("DELETE the set in force: %+v", r)
	}
	if r := del(tokens["prefecture.70"], "fs-essai-30h"); r.status != http.StatusForbidden {
		t.Fatalf("DELETE by a prefecture: %+v", r)
	}
	s.advance(31 * 24 * time.Hour)
	admin = loginToken(t, s, "admin@maillage.test", demo.Password) // the access token expired meanwhile
	if sets := listRuleSets(t, s, admin); len(sets) != 3 || !sets[2].InForce || sets[1].InForce {
		t.Fatalf("a month later the new set is in force: %+v", sets)
	}
	if r := del(admin, "fs-essai-30h"); r.status != http.StatusConflict || r.code != "rule_set.in_force" {
		t.Fatalf("DELETE once in force: %+v", r)
	}
	later := future.AddDays(60)
	if code, _, _ := post(admin, ruleSetBody("fs-essai-2", later, 1500)); code != http.StatusCreated {
		t.Fatalf("POST a second future set: %d", code)
	}
	if r := del(admin, "fs-essai-2"); r.status != http.StatusNoContent {
		t.Fatalf("DELETE before it is in force: %+v", r)
	}
	if r := del(admin, "fs-essai-2"); r.status != http.StatusNotFound || r.code != "rule_set.not_found" {
		t.Fatalf("DELETE again: %+v", r)
	}
	s.db.Raw(`SELECT count(*) FROM audit_log WHERE action = 'rule_set.delete' AND object_id = 'fs-essai-2'`).Scan(&audited)
	if audited != 1 || len(listRuleSets(t, s, admin)) != 3 {
		t.Fatalf("after the deletion: %d audit entries", audited)
	}
}

type problemOrStatus struct {
	status int
	code   string
}
