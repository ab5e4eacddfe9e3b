package rest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Opening hours, agents and compliance over HTTP (ADR 0006).

type reportJSON struct {
	StructureID string `json:"structure_id"`
	Status      string `json:"status"`
	RuleSet     string `json:"rule_set"`
	TypicalWeek struct {
		Criteria []criterionJSON `json:"criteria"`
	} `json:"typical_week"`
	Weeks []struct {
		Week     string          `json:"week"`
		Criteria []criterionJSON `json:"criteria"`
	} `json:"weeks"`
}

type criterionJSON struct {
	Code        string   `json:"code"`
	Measured    *float64 `json:"measured"`
	Threshold   *float64 `json:"threshold"`
	Status      string   `json:"status"`
	Explanation string   `json:"explanation"`
	Slots       []struct {
		Reason string `json:"reason"`
	} `json:"slots"`
}

func (r reportJSON) typical(code string) criterionJSON {
	for _, c := range r.TypicalWeek.Criteria {
		if c.Code == code {
			return c
		}
	}
	return criterionJSON{}
}

// weekdays builds a regular schedule: the given hours on the given ISO weekdays, 2 agents planned.
func weekdays(days []int, spans ...[2]string) map[string]any {
	var slots []map[string]any
	for _, d := range days {
		for _, sp := range spans {
			slots = append(slots, map[string]any{"weekday": d, "start": sp[0], "end": sp[1], "planned_agents": 2})
		}
	}
	return map[string]any{"kind": "regular", "status": "published", "slots": slots}
}

func putSchedules(t *testing.T, s *testServer, token, id, etag string, schedules ...map[string]any) string {
	t.Helper()
	rec := s.do(request{method: http.MethodPut, path: "/api/v1/structures/" + id + "/schedules", token: token,
		headers: map[string]string{"If-Match": etag}, body: map[string]any{"schedules": schedules}})
	if rec.Code != http.StatusOK {
		t.Fatalf("PUT schedules: %d %s", rec.Code, rec.Body)
	}
	return rec.Header().Get("ETag")
}

func getReport(t *testing.T, s *testServer, token, path string) reportJSON {
	t.Helper()
	rec := s.do(request{method: http.MethodGet, path: path, token: token})
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	var r reportJSON
	decode(t, rec, &r)
	return r
}

func TestSchedulesReplaceValidateAndCompliance(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	token := tokens["prefecture.70"]
	id := structureID(t, s, "2494") // Vesoul: demo hours from the file, two trained agents
	base := "/api/v1/structures/" + id

	rec := s.do(request{method: http.MethodGet, path: base + "/schedules", token: token})
	if rec.Code != http.StatusOK || rec.Header().Get("ETag") == "" {
		t.Fatalf("GET schedules: %d %s", rec.Code, rec.Body)
	}
	var set struct {
		Version   int              `json:"version"`
		Source    string           `json:"source"`
		Schedules []map[string]any `json:"schedules"`
	}
	decode(t, rec, &set)
	if len(set.Schedules) == 0 || set.Source != "maillage" {
		t.Fatalf("demo hours of Vesoul: %s", rec.Body)
	}
	etag := rec.Header().Get("ETag")

	twenty := weekdays([]int{1, 2, 3, 4, 5}, [2]string{"09:00", "13:00"})
	body := map[string]any{"schedules": []any{twenty}}
	if rec := s.do(request{method: http.MethodPut, path: base + "/schedules", token: token, body: body}); rec.Code != http.StatusPreconditionRequired {
		t.Fatalf("PUT without If-Match: %d", rec.Code)
	}
	if rec := s.do(request{method: http.MethodPut, path: base + "/schedules", token: token, body: body,
		headers: map[string]string{"If-Match": `"999"`}}); rec.Code != http.StatusPreconditionFailed {
		t.Fatalf("PUT stale: %d", rec.Code)
	}
	bad := weekdays([]int{1}, [2]string{"09:00", "12:00"}, [2]string{"14:00", "17:00"}, [2]string{"18:00", "17:30"})
	bad["valid_to"] = "2026-13-45"
	rec = s.do(request{method: http.MethodPut, path: base + "/schedules", token: token,
		body: map[string]any{"schedules": []any{twenty, bad}}, headers: map[string]string{"If-Match": etag}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("PUT invalid: %d %s", rec.Code, rec.Body)
	}
	p := problemOf(t, rec)
	if p.Errors["schedules[1].slots[2].end"] == "" || p.Errors["schedules[1].valid_to"] == "" {
		t.Fatalf("validation fields: %v", p.Errors)
	}
	if rec := s.do(request{method: http.MethodPut, path: base + "/schedules", token: tokens["prefecture.57"], body: body,
		headers: map[string]string{"If-Match": etag}}); rec.Code != http.StatusNotFound {
		t.Fatalf("PUT from another département: %d", rec.Code)
	}

	history := func() int {
		var h struct {
			Items []struct {
				Status, Cause string
				Changed       bool
			} `json:"items"`
		}
		rec := s.do(request{method: http.MethodGet, path: base + "/compliance/history", token: token})
		decode(t, rec, &h)
		return len(h.Items)
	}
	before := history()

	etag = putSchedules(t, s, token, id, etag, twenty)
	r := getReport(t, s, token, base+"/compliance")
	if len(r.Weeks) != 12 || r.RuleSet == "" || r.Status != "failure" || len(r.TypicalWeek.Criteria) != 6 {
		t.Fatalf("report shape: %+v", r)
	}
	wh := r.typical("weekly_hours")
	if wh.Status != "failure" || wh.Measured == nil || *wh.Measured != 20 || !strings.Contains(wh.Explanation, "de moins que les") {
		t.Fatalf("20 h: %+v", wh)
	}
	if c := r.typical("agents_trained"); c.Status != "ok" {
		t.Fatalf("two trained agents: %+v", c)
	}
	if got := history(); got != before+1 {
		t.Fatalf("history after PUT: %d, want %d", got, before+1)
	}

	// the Saturday morning goes into the same regular schedule: one schedule governs an owner's day
	saturday := weekdays([]int{1, 2, 3, 4, 5, 6}, [2]string{"09:00", "13:00"})
	rec = s.do(request{method: http.MethodPost, path: base + "/compliance/preview", token: token,
		body: map[string]any{"schedules": []any{saturday}}})
	if rec.Code != http.StatusOK {
		t.Fatalf("preview: %d %s", rec.Code, rec.Body)
	}
	var preview reportJSON
	decode(t, rec, &preview)
	if c := preview.typical("weekly_hours"); c.Status != "ok" || *c.Measured != 24 {
		t.Fatalf("preview with Saturday: %+v", c)
	}
	if c := getReport(t, s, token, base+"/compliance").typical("weekly_hours"); c.Status != "failure" {
		t.Fatal("preview saved the hours")
	}
	if got := history(); got != before+1 {
		t.Fatalf("preview recorded an evaluation: %d", got)
	}

	putSchedules(t, s, token, id, etag, saturday)
	r = getReport(t, s, token, base+"/compliance")
	if c := r.typical("weekly_hours"); c.Status != "ok" {
		t.Fatalf("with Saturday: %+v", c)
	}
	if c := r.typical("open_days"); c.Status != "ok" {
		t.Fatalf("open days with Saturday: %+v", c)
	}
	if got := history(); got != before+2 {
		t.Fatalf("history after the second PUT: %d", got)
	}
	// the partner socle and premises are not provided yet: the overall status is unknown, never a silent ok
	if r.Status != "unknown" {
		t.Fatalf("overall status %s", r.Status)
	}
}

func TestOpenAtCalendarICSAndFormats(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	token := tokens["animateur.70"]
	id := structureID(t, s, "2494")
	base := "/api/v1/structures/" + id
	rec := s.do(request{method: http.MethodGet, path: base + "/schedules", token: token})
	putSchedules(t, s, token, id, rec.Header().Get("ETag"), weekdays([]int{1, 2, 3, 4, 5}, [2]string{"09:00", "12:00"}))

	var open struct {
		Open    bool `json:"open"`
		Current *struct {
			Start time.Time `json:"start"`
		} `json:"current"`
		Next *struct {
			Start time.Time `json:"start"`
		} `json:"next"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/open-at?at=2027-03-01T10:00:00%2B01:00", token: token}), &open)
	if !open.Open || open.Current == nil {
		t.Fatalf("Monday 10:00: %+v", open)
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/open-at?at=2027-03-01T13:00:00%2B01:00", token: token}), &open)
	if open.Open || open.Next == nil || !open.Next.Start.Equal(time.Date(2027, 3, 2, 8, 0, 0, 0, time.UTC)) {
		t.Fatalf("Monday 13:00: %+v", open)
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/open-at?at=2027-03-01T10:00:00+01:00", token: token}), &open)
	if !open.Open {
		t.Fatalf("unencoded offset: %+v", open)
	}
	if rec := s.do(request{method: http.MethodGet, path: base + "/open-at?at=demain", token: token}); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad instant: %d", rec.Code)
	}

	listed := func(at string) bool {
		var list struct {
			Items []struct{ ID string } `json:"items"`
		}
		decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/structures?departement=70&limit=200&open_at=" + at, token: token}), &list)
		for _, it := range list.Items {
			if it.ID == id {
				return true
			}
		}
		return false
	}
	if !listed("2027-03-01T10:00:00%2B01:00") || listed("2027-03-07T10:00:00%2B01:00") {
		t.Fatal("open_at filter")
	}

	var cal struct {
		Intervals []struct {
			Date string `json:"date"`
		} `json:"intervals"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/calendar?from=2027-03-01&to=2027-03-14", token: token}), &cal)
	if len(cal.Intervals) != 10 {
		t.Fatalf("two weeks of calendar: %d intervals", len(cal.Intervals))
	}

	rec = s.do(request{method: http.MethodGet, path: base + "/hours.ics?weeks=4", token: token})
	ics := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/calendar") ||
		!strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") || !strings.HasSuffix(ics, "END:VCALENDAR\r\n") {
		t.Fatalf("ICS: %d %q", rec.Code, ics)
	}
	lines := strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n")
	uids := map[string]bool{}
	for _, l := range lines {
		if len(l) > 75 || strings.Contains(l, "\n") {
			t.Fatalf("line not folded or bare LF: %q", l)
		}
		if strings.HasPrefix(l, "UID:") {
			if uids[l] {
				t.Fatalf("duplicate %s", l)
			}
			uids[l] = true
		}
	}
	if events := strings.Count(ics, "BEGIN:VEVENT"); events < 15 || events != len(uids) || events != strings.Count(ics, "DTSTART:") {
		t.Fatalf("%d events, %d UIDs", events, len(uids))
	}

	var formats struct {
		OSM  string            `json:"osm"`
		ANCT map[string]string `json:"anct"`
		Org  []map[string]any  `json:"schema_org"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/hours/formats", token: token}), &formats)
	if formats.OSM != "Mo-Fr 09:00-12:00; PH off" || formats.ANCT["h_lundi"] != "09:00 - 12:00" ||
		formats.ANCT["h_samedi"] != "" || len(formats.Org) != 5 {
		t.Fatalf("formats: %+v", formats)
	}
}

func TestExceptionsAndAgents(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	token := tokens["structure.70"]
	id := structureID(t, s, "2494")
	base := "/api/v1/structures/" + id
	rec := s.do(request{method: http.MethodGet, path: base + "/schedules", token: token})
	putSchedules(t, s, token, id, rec.Header().Get("ETag"), weekdays([]int{1, 2, 3, 4, 5}, [2]string{"09:00", "12:00"}))

	rec = s.do(request{method: http.MethodPost, path: base + "/exceptions", token: token, body: map[string]any{
		"from": "2027-03-01", "to": "2027-03-02", "type": "closed", "reason": "Formation", "public_message": "Fermé pour formation"}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create exception: %d %s", rec.Code, rec.Body)
	}
	var exc struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}
	decode(t, rec, &exc)
	var cal struct {
		Intervals []struct{ Date string } `json:"intervals"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/calendar?from=2027-03-01&to=2027-03-07", token: token}), &cal)
	if len(cal.Intervals) != 3 {
		t.Fatalf("closed Monday and Tuesday: %d intervals", len(cal.Intervals))
	}
	rec = s.do(request{method: http.MethodPost, path: base + "/exceptions", token: token, body: map[string]any{
		"from": "2027-03-01", "to": "2027-03-02", "type": "extra"}})
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec).Errors["slots"] == "" {
		t.Fatalf("extra without slots: %d %s", rec.Code, rec.Body)
	}
	path := base + "/exceptions/" + exc.ID
	rec = s.do(request{method: http.MethodPatch, path: path, token: token, body: map[string]any{"to": "2027-03-01"},
		headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, exc.Version)}})
	if rec.Code != http.StatusOK {
		t.Fatalf("patch exception: %d %s", rec.Code, rec.Body)
	}
	if rec := s.do(request{method: http.MethodDelete, path: path, token: token, headers: map[string]string{"If-Match": `"1"`}}); rec.Code != http.StatusPreconditionFailed {
		t.Fatalf("delete stale exception: %d", rec.Code)
	}
	if rec := s.do(request{method: http.MethodDelete, path: path, token: token, headers: map[string]string{"If-Match": rec.Header().Get("ETag")}}); rec.Code != http.StatusNoContent {
		t.Fatalf("delete exception: %d %s", rec.Code, rec.Body)
	}

	rec = s.do(request{method: http.MethodPost, path: base + "/agents", token: token, body: map[string]any{
		"name": "Alex Nouveau", "work_email": "alex@france-services.test", "etp": 0.5}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create agent: %d %s", rec.Code, rec.Body)
	}
	var agent struct {
		ID      string `json:"id"`
		Trained bool   `json:"trained"`
		Version int    `json:"version"`
	}
	decode(t, rec, &agent)
	if agent.Trained {
		t.Fatal("new agent trained")
	}
	rec = s.do(request{method: http.MethodPost, path: "/api/v1/agents/" + agent.ID + "/trainings", token: token,
		body: map[string]any{"kind": "initial", "provider": "CNFPT", "days": 5, "completed_on": "2025-01-10"}})
	decode(t, rec, &agent)
	if rec.Code != http.StatusCreated || !agent.Trained {
		t.Fatalf("training: %d %s", rec.Code, rec.Body)
	}
	rec = s.do(request{method: http.MethodPatch, path: "/api/v1/agents/" + agent.ID, token: token, body: map[string]any{"role": "chef"},
		headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, agent.Version)}})
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec).Errors["role"] == "" {
		t.Fatalf("bad role: %d %s", rec.Code, rec.Body)
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/agents/" + agent.ID, token: tokens["prefecture.57"]}); rec.Code != http.StatusNotFound {
		t.Fatalf("agent from another département: %d", rec.Code)
	}
	var list struct {
		Items []struct{ ID string } `json:"items"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/agents", token: token}), &list)
	if len(list.Items) != 3 {
		t.Fatalf("agents of Vesoul: %d", len(list.Items))
	}
	if rec := s.do(request{method: http.MethodDelete, path: "/api/v1/agents/" + agent.ID, token: token,
		headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, agent.Version)}}); rec.Code != http.StatusNoContent {
		t.Fatalf("delete agent: %d %s", rec.Code, rec.Body)
	}
	var causes []string
	s.db.Raw(`SELECT cause FROM compliance_evaluations WHERE structure_id = ? ORDER BY evaluated_at`, id).Scan(&causes)
	want := []string{"exception.create", "exception.update", "exception.delete", "agent.create", "agent.training", "agent.delete"}
	for _, w := range want {
		if !strings.Contains(strings.Join(causes, " "), w) {
			t.Fatalf("evaluations %v lack %s", causes, w)
		}
	}
}

func TestImportBuildsHoursAndKeepsEditedOnes(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	admin := tokens["admin"]
	id := structureID(t, s, "329") // Moselle: hours from the file, never edited
	base := "/api/v1/structures/" + id
	var set struct {
		Source    string `json:"source"`
		Schedules []struct {
			Kind   string `json:"kind"`
			Status string `json:"status"`
			Slots  []struct {
				Weekday       int    `json:"weekday"`
				Start         string `json:"start"`
				PlannedAgents int    `json:"planned_agents"`
			} `json:"slots"`
		} `json:"schedules"`
	}
	rec := s.do(request{method: http.MethodGet, path: base + "/schedules", token: admin})
	decode(t, rec, &set)
	if set.Source != "import" || len(set.Schedules) != 1 || set.Schedules[0].Kind != "regular" ||
		set.Schedules[0].Status != "published" || len(set.Schedules[0].Slots) == 0 {
		t.Fatalf("imported hours: %s", rec.Body)
	}
	var withHours int
	s.db.Raw(`SELECT count(DISTINCT structure_id) FROM schedules`).Scan(&withHours)
	if withHours < 80 { // 89 with the 2022 extract: the others have empty day columns
		t.Fatalf("only %d of the 105 demo structures have hours", withHours)
	}

	etag := putSchedules(t, s, admin, id, rec.Header().Get("ETag"), weekdays([]int{2}, [2]string{"10:00", "11:00"}))
	if rep := uploadExtract(t, s, admin, extractPath, true); rep.Code != http.StatusOK {
		t.Fatalf("re-import: %d %s", rep.Code, rep.Body)
	}
	rec = s.do(request{method: http.MethodGet, path: base + "/schedules", token: admin})
	decode(t, rec, &set)
	if rec.Header().Get("ETag") != etag || set.Source != "maillage" || len(set.Schedules[0].Slots) != 1 ||
		set.Schedules[0].Slots[0].Start != "10:00" {
		t.Fatalf("the import overwrote hours a person edited: %s", rec.Body)
	}

	// a cell the parser cannot read stays raw with its quality flag; the other days still become slots
	var flagged struct {
		Items []struct{ ID string } `json:"items"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/structures?quality=unparsed_hours&limit=200", token: admin}), &flagged)
	for _, it := range flagged.Items {
		var raw string
		s.db.Raw(`SELECT hours_raw::text FROM structures WHERE id = ?`, it.ID).Scan(&raw)
		if raw == "{}" {
			t.Fatalf("structure %s flagged without raw hours", it.ID)
		}
	}
	t.Logf("%d structures with hours, %d keep unparsed cells", withHours, len(flagged.Items))
}
