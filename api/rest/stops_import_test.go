package rest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"maillage/pkg/hours"
)

// Import of the published stops of a bus (ADR 0006, "Stop import"), with the real file of the Charente bus.

const busStopsPath = "../../pkg/compliance/testdata/bus-france-services-charente.json"

type stopImportJSON struct {
	DryRun    bool `json:"dry_run"`
	Created   int  `json:"created"`
	Updated   int  `json:"updated"`
	Unchanged int  `json:"unchanged"`
	Rejected  int  `json:"rejected"`
	Rows      []struct {
		Index       int      `json:"index"`
		Name        string   `json:"name"`
		CommuneCode string   `json:"commune_code"`
		StopID      *string  `json:"stop_id"`
		Status      string   `json:"status"`
		OSM         string   `json:"osm"`
		Slots       int      `json:"slots"`
		WeekRule    string   `json:"week_rule"`
		NeedsReview bool     `json:"needs_review"`
		Reasons     []string `json:"reasons"`
	} `json:"rows"`
}

func importStops(t *testing.T, s *testServer, token, id, query string, body any) stopImportJSON {
	t.Helper()
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures/" + id + "/stops/import" + query, token: token, body: body})
	if rec.Code != http.StatusOK {
		t.Fatalf("import %s: %d %s", query, rec.Code, rec.Body)
	}
	var out stopImportJSON
	decode(t, rec, &out)
	return out
}

// charenteBus creates an itinerant structure in Charente (16) and returns its id.
func charenteBus(t *testing.T, s *testServer, token string) string {
	t.Helper()
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures", token: token, body: map[string]any{
		"departement_code": "16", "name": "France services itinérante du Ruffécois", "commune_code": "16292",
		"format": "itinerant"}})
	var st struct {
		ID string `json:"id"`
	}
	decode(t, rec, &st)
	if rec.Code != http.StatusCreated {
		t.Fatalf("create the bus: %d %s", rec.Code, rec.Body)
	}
	return st.ID
}

// writes counts what an import may write for a structure: stops, slots, published hours, audit entries,
// evaluations.
func writes(t *testing.T, s *testServer, id string) string {
	t.Helper()
	var n [5]int
	s.db.Raw(`SELECT count(*) FROM structure_stops WHERE structure_id = ?`, id).Scan(&n[0])
	s.db.Raw(`SELECT count(*) FROM schedule_slots sl JOIN schedules sc ON sc.id = sl.schedule_id WHERE sc.structure_id = ?`, id).Scan(&n[1])
	s.db.Raw(`SELECT count(*) FROM stop_hours_raw WHERE structure_id = ?`, id).Scan(&n[2])
	s.db.Raw(`SELECT count(*) FROM audit_log WHERE object_id = ?`, id).Scan(&n[3])
	s.db.Raw(`SELECT count(*) FROM compliance_evaluations WHERE structure_id = ?`, id).Scan(&n[4])
	return fmt.Sprintf("%d/%d/%d/%d/%d", n[0], n[1], n[2], n[3], n[4])
}

func TestStopImportOfTheCharenteBus(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	admin := tokens["admin"]
	id := structureID(t, s, "2494")
	data, err := os.ReadFile(busStopsPath)
	if err != nil {
		t.Fatal(err)
	}
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures/" + id + "/stops/import", token: admin, body: data})
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec).Code != "stops.not_itinerant" {
		t.Fatalf("import into a fixed site: %d %s", rec.Code, rec.Body)
	}
	bus := charenteBus(t, s, admin)
	if rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures/" + bus + "/stops/import", token: tokens["prefecture.70"],
		body: data}); rec.Code != http.StatusNotFound {
		t.Fatalf("import by the prefecture of 70 into a bus of 16: %d", rec.Code)
	}
	for _, body := range []any{`{"nom": "x"}`, `[]`, `pas du JSON`} {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/structures/" + bus + "/stops/import", token: admin, body: body})
		if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec).Code != "stops.invalid_file" {
			t.Fatalf("import of %s: %d %s", body, rec.Code, rec.Body)
		}
	}

	before := writes(t, s, bus)
	dry := importStops(t, s, admin, bus, "", data) // a dry run by default
	if !dry.DryRun || dry.Created != 12 || len(dry.Rows) != 12 || writes(t, s, bus) != before {
		t.Fatalf("dry run: %+v, writes %s → %s", dry, before, writes(t, s, bus))
	}
	applied := importStops(t, s, admin, bus, "?dry_run=false", data)
	if applied.DryRun || applied.Created != 12 || applied.Updated+applied.Unchanged+applied.Rejected != 0 {
		t.Fatalf("apply: %+v", applied)
	}
	for i, row := range applied.Rows {
		wantRule := map[bool]string{true: "odd", false: "even"}[i < 6]
		if row.Status != "created" || row.StopID == nil || row.Slots < 1 || row.WeekRule != wantRule || row.NeedsReview ||
			row.CommuneCode[:2] != "16" || row.OSM == "" || dry.Rows[i].Slots != row.Slots || dry.Rows[i].StopID != nil {
			t.Fatalf("row %d: %+v (dry run %+v)", i, row, dry.Rows[i])
		}
	}
	// audit: the structure's creation, 12 stops, the schedule
	if got := writes(t, s, bus); got != "12/16/12/14/1" {
		t.Fatalf("after the import: stops/slots/raw/audit/evaluations %s", got)
	}
	checkBusCompliance(t, s, admin, bus)

	// idempotent
	again := importStops(t, s, admin, bus, "?dry_run=false", data)
	if again.Unchanged != 12 || again.Created+again.Updated+again.Rejected != 0 {
		t.Fatalf("second import: %+v", again)
	}
	if got := writes(t, s, bus); got != "12/16/12/14/1" {
		t.Fatalf("the second import wrote: %s", got)
	}
}

// checkBusCompliance: the bus sums its stops. Odd weeks: 25 h 30 over 5 days; even weeks: 20 h 30 over 4 days,
// the weaker one makes the typical week.
func checkBusCompliance(t *testing.T, s *testServer, token, bus string) {
	t.Helper()
	r := getReport(t, s, token, "/api/v1/structures/"+bus+"/compliance?weeks=12")
	if c := r.typical("weekly_hours"); c.Status != "failure" || *c.Measured != 20.5 {
		t.Fatalf("typical week of the bus: %+v", c)
	}
	if c := r.typical("open_days"); *c.Measured != 4 {
		t.Fatalf("typical open days of the bus: %+v", c)
	}
	seen := map[float64]bool{}
	for i, w := range r.Weeks {
		iso, err := hours.ParseISOWeek(w.Week)
		if err != nil {
			t.Fatal(err)
		}
		if hasHoliday(iso) {
			continue
		}
		want := map[bool]float64{true: 25.5, false: 20.5}[iso.Week%2 == 1]
		if got := *weekCriterion(r, i, "weekly_hours").Measured; got != want {
			t.Fatalf("week %s: %v h, want %v", w.Week, got, want)
		}
		seen[want] = true
	}
	if !seen[25.5] || !seen[20.5] {
		t.Fatalf("no odd and even weeks without holidays in %d weeks", len(r.Weeks))
	}
	var history struct {
		Items []struct{ Cause string } `json:"items"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/structures/" + bus + "/compliance/history", token: token}), &history)
	if len(history.Items) != 1 || history.Items[0].Cause != "import.stops" {
		t.Fatalf("history: %+v", history)
	}
}

func hasHoliday(w hours.ISOWeek) bool {
	monday := w.Monday()
	for _, y := range []int{monday.Year, monday.AddDays(6).Year} {
		for _, h := range hours.Holidays(hours.CalendarFR, y, hours.HolidayOptions{}) {
			if !h.Date.Before(monday) && !h.Date.After(monday.AddDays(6)) {
				return true
			}
		}
	}
	return false
}

func TestStopImportKeepsUnreadableHoursForReview(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	admin := tokens["admin"]
	bus := charenteBus(t, s, admin)
	raw, err := os.ReadFile(busStopsPath)
	if err != nil {
		t.Fatal(err)
	}
	var entries []map[string]any
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	importStops(t, s, admin, bus, "?dry_run=false", entries)

	// the first stop's hours become unreadable; a new stop comes with unreadable hours; one entry is elsewhere
	entries[0]["horaires"] = "Mo 09:30-12:30 sauf vacances scolaires; PH off"
	entries[1]["nom"] = strings.ToUpper("Bus France Services - [Place de la Poste]") // same stop: case is ignored
	entries = append(entries,
		map[string]any{"nom": "Bus France Services - [Salle des fêtes]", "commune": "Ruffec", "code_insee": 16292,
			"adresse": "Place du Jumelage", "horaires": "le mardi matin", "ouverture": "Semaine paire"},
		map[string]any{"nom": "Bus France Services - [Ailleurs]", "commune": "Vesoul", "code_insee": "70550",
			"horaires": "Tu 09:00-12:00"})
	rep := importStops(t, s, admin, bus, "?dry_run=false", entries)
	if rep.Updated != 2 || rep.Created != 1 || rep.Rejected != 1 || rep.Unchanged != 10 {
		t.Fatalf("second import: %+v", rep)
	}
	first, renamed, added, elsewhere := rep.Rows[0], rep.Rows[1], rep.Rows[12], rep.Rows[13]
	if first.Status != "updated" || !first.NeedsReview || first.Slots != 0 || len(first.Reasons) == 0 {
		t.Fatalf("unreadable hours of an existing stop: %+v", first)
	}
	if renamed.Status != "updated" || renamed.NeedsReview {
		t.Fatalf("renamed stop: %+v", renamed)
	}
	if added.Status != "created" || added.StopID == nil || !added.NeedsReview || len(added.Reasons) == 0 {
		t.Fatalf("new stop with unreadable hours: %+v", added)
	}
	if elsewhere.Status != "rejected" || elsewhere.StopID != nil || len(elsewhere.Reasons) == 0 {
		t.Fatalf("stop outside the département: %+v", elsewhere)
	}
	var kept int
	s.db.Raw(`SELECT count(*) FROM schedule_slots WHERE stop_id = ?`, *first.StopID).Scan(&kept)
	if kept != 2 {
		t.Fatalf("the slots of a stop whose hours became unreadable: %d, want the 2 kept", kept)
	}
	var set struct {
		StopHoursRaw []struct {
			StopID      string `json:"stop_id"`
			Raw         string `json:"raw"`
			NeedsReview bool   `json:"needs_review"`
			Reason      string `json:"reason"`
		} `json:"stop_hours_raw"`
	}
	rec := s.do(request{method: http.MethodGet, path: "/api/v1/structures/" + bus + "/schedules", token: admin})
	decode(t, rec, &set)
	flagged := map[string]string{}
	for _, r := range set.StopHoursRaw {
		if r.NeedsReview {
			flagged[r.StopID] = r.Raw
		}
	}
	if len(set.StopHoursRaw) != 13 || len(flagged) != 2 || flagged[*first.StopID] != entries[0]["horaires"] ||
		flagged[*added.StopID] != "le mardi matin" {
		t.Fatalf("published hours kept for review: %s", rec.Body)
	}

	// a person enters the new stop's slots: it is reviewed; importing the same file again changes nothing
	var full struct {
		Schedules []map[string]any `json:"schedules"`
	}
	decode(t, rec, &full)
	slots := full.Schedules[0]["slots"].([]any)
	full.Schedules[0]["slots"] = append(slots, map[string]any{"weekday": 2, "start": "09:00", "end": "12:00",
		"stop_id": *added.StopID, "week_rule": map[string]any{"kind": "even"}})
	putSchedules(t, s, admin, bus, rec.Header().Get("ETag"), full.Schedules...)
	var still int
	s.db.Raw(`SELECT count(*) FROM stop_hours_raw WHERE structure_id = ? AND needs_review`, bus).Scan(&still)
	if still != 1 {
		t.Fatalf("%d stops still to review, want 1", still)
	}
	if again := importStops(t, s, admin, bus, "?dry_run=false", entries); again.Unchanged != 13 || again.Rejected != 1 ||
		again.Rows[12].NeedsReview {
		t.Fatalf("third import: %+v", again)
	}
}
