package hours

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"maillage/pkg/anct"
)

func rules2025(t *testing.T) RuleSet {
	t.Helper()
	rs, ok := RuleSetAt(CurrentRuleSets(), today)
	if !ok || rs.Code != "fs-2025-06" || rs.MinWeeklyMinutes != 1440 {
		t.Fatalf("rule set in force: %+v", rs)
	}
	return rs
}

func criterion(w WeekReport, code CriterionCode) Criterion {
	for _, c := range w.Criteria {
		if c.Code == code {
			return c
		}
	}
	return Criterion{}
}

func prepare(s Schedule, cal Calendar, agents []Agent, from Date) EvaluationInput {
	return Prepare(PrepareInput{StructureID: "fs-1", Today: from, Weeks: 1, Agents: agents,
		Layers: ResolveInput{Schedules: []Schedule{s}, Calendar: cal, ClosedOnHolidays: true}})
}

var twoTrained = []Agent{{ID: "a", Trained: true}, {ID: "b", Trained: true}}

func TestEvaluate(t *testing.T) {
	rs := rules2025(t)
	oneAgentTuesday := standardWeek()
	oneAgentTuesday.Slots[3].PlannedAgents = 1 // mardi 14:00–17:00
	short := regular(slot(Monday, "09:00", "12:00", 2), slot(Tuesday, "09:00", "12:00", 2), slot(Wednesday, "09:00", "12:00", 2),
		slot(Thursday, "09:00", "12:00", 2))
	overlapping := standardWeek()
	overlapping.Slots = append(overlapping.Slots, slot(Monday, "09:00", "12:00", 2), slot(Monday, "10:00", "11:00", 2))
	unknownAgents := standardWeek()
	unknownAgents.Slots[0].PlannedAgents = 0
	tests := []struct {
		name   string
		in     EvaluationInput
		week   bool // check weeks[0] rather than the typical week
		code   CriterionCode
		status Verdict
		value  float64
		reason string // first slot finding
	}{
		{name: "30 h typical week", in: prepare(standardWeek(), CalendarFR, twoTrained, today), code: CodeWeeklyHours, status: VerdictOK, value: 30},
		{name: "5 days", in: prepare(standardWeek(), CalendarFR, twoTrained, today), code: CodeOpenDays, status: VerdictOK, value: 5},
		{name: "12 h over 4 days fails", in: prepare(short, CalendarFR, twoTrained, today), code: CodeWeeklyHours, status: VerdictFailure, value: 12},
		{name: "4 days fail", in: prepare(short, CalendarFR, twoTrained, today), code: CodeOpenDays, status: VerdictFailure, value: 4},
		{name: "overlaps counted once", in: prepare(overlapping, CalendarFR, twoTrained, today), code: CodeWeeklyHours, status: VerdictOK, value: 30},
		{name: "slot with 1 agent", in: prepare(oneAgentTuesday, CalendarFR, twoTrained, today), code: CodeAgentsPresent,
			status: VerdictFailure, value: 1, reason: "mardi 14:00–17:00 : 1 agent prévu, 2 requis"},
		{name: "slot with 1 agent in a real week", in: prepare(oneAgentTuesday, CalendarFR, twoTrained, today), week: true,
			code: CodeAgentsPresent, status: VerdictFailure, value: 1, reason: "mardi 14:00–17:00 (24/11/2026) : 1 agent prévu, 2 requis"},
		{name: "planned agents unknown", in: prepare(unknownAgents, CalendarFR, twoTrained, today), code: CodeAgentsPresent,
			status: VerdictUnknown, value: 2, reason: "lundi 09:00–12:00 : nombre d’agents prévus non renseigné"},
		{name: "no agent data", in: prepare(standardWeek(), CalendarFR, nil, today), code: CodeAgentsTrained, status: VerdictUnknown, value: -1},
		{name: "one trained agent", in: prepare(standardWeek(), CalendarFR, []Agent{{ID: "a", Trained: true}, {ID: "b"}}, today),
			code: CodeAgentsTrained, status: VerdictFailure, value: 1},
		{name: "14 July week: 24 h, still ok", in: prepare(standardWeek(), CalendarFR, twoTrained, NewDate(2026, 7, 14)), week: true,
			code: CodeWeeklyHours, status: VerdictOK, value: 24},
		{name: "14 July week: 4 days is a warning", in: prepare(standardWeek(), CalendarFR, twoTrained, NewDate(2026, 7, 14)), week: true,
			code: CodeOpenDays, status: VerdictWarning, value: 4},
		{name: "Good Friday in Moselle: warning", in: prepare(standardWeek(), CalendarAlsaceMoselle, twoTrained, NewDate(2026, 4, 1)),
			week: true, code: CodeOpenDays, status: VerdictWarning, value: 4},
		{name: "Good Friday in Oise: ok", in: prepare(standardWeek(), CalendarFR, twoTrained, NewDate(2026, 4, 1)),
			week: true, code: CodeOpenDays, status: VerdictOK, value: 5},
		{name: "partner socle unknown until provided", in: prepare(standardWeek(), CalendarFR, twoTrained, today),
			code: CodePartnerSocle, status: VerdictUnknown, value: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Evaluate(rs, tt.in)
			w := r.TypicalWeek
			if tt.week {
				w = r.Weeks[0]
			}
			c := criterion(w, tt.code)
			got := -1.0
			if c.Measured != nil {
				got = *c.Measured
			}
			if c.Status != tt.status || got != tt.value {
				t.Errorf("%s: %s %v, want %s %v (%s)", tt.code, c.Status, got, tt.status, tt.value, c.Explanation)
			}
			if tt.reason != "" && (len(c.Slots) == 0 || c.Slots[0].Reason != tt.reason) {
				t.Errorf("slots %+v, want reason %q", c.Slots, tt.reason)
			}
		})
	}
}

func TestEvaluateItinerantAndAntenna(t *testing.T) {
	rs := rules2025(t)
	stop := func(id string, rule WeekRule, slots ...Slot) Schedule {
		s := regular(WithWeekRule(slots, rule)...)
		s.ID, s.Owner = "sched-"+id, Owner{OwnerStop, id}
		return s
	}
	bus := []Schedule{
		stop("s1", Odd, slot(Monday, "09:00", "17:00", 2), slot(Tuesday, "09:00", "17:00", 2), slot(Wednesday, "09:00", "17:00", 2)),
		stop("s2", Odd, slot(Thursday, "09:00", "12:00", 2), slot(Friday, "09:00", "12:00", 2)),
		stop("s3", Even, slot(Monday, "09:00", "17:00", 2)),
	}
	in := Prepare(PrepareInput{StructureID: "bus", Today: today, Weeks: 2, Agents: twoTrained,
		Layers: ResolveInput{Schedules: bus, ClosedOnHolidays: true}})
	r := Evaluate(rs, in)
	// Odd weeks: 24 + 6 = 30 h over 5 days; even weeks: 8 h. The typical week is the weaker of the cycle.
	if c := criterion(r.TypicalWeek, CodeWeeklyHours); *c.Measured != 8 || c.Status != VerdictFailure {
		t.Errorf("typical week of the bus: %v %s", *c.Measured, c.Explanation)
	}
	for _, w := range r.Weeks {
		c := criterion(w, CodeWeeklyHours)
		want := map[bool]float64{true: 30, false: 8}[strings.HasSuffix(w.Week, "W49")]
		if *c.Measured != want {
			t.Errorf("%s: %v h, want %v", w.Week, *c.Measured, want)
		}
	}
	// An antenna open 9 h is judged with its main site.
	antenna := regular(slot(Monday, "14:00", "17:00", 2), slot(Saturday, "09:00", "15:00", 1))
	antenna.Owner = Owner{OwnerStructure, "antenna"}
	main := Prepare(PrepareInput{StructureID: "fs-1", Today: today, Weeks: 1, Layers: ResolveInput{Schedules: []Schedule{standardWeek()}}})
	ain := Prepare(PrepareInput{StructureID: "antenna", Today: today, Weeks: 1, Agents: twoTrained,
		Layers: ResolveInput{Schedules: []Schedule{antenna}}})
	ain.MainSite = &MainSite{StructureID: "fs-1", TypicalWeek: main.TypicalWeek, Weeks: main.Weeks}
	ar := Evaluate(rs, ain)
	if c := criterion(ar.TypicalWeek, CodeWeeklyHours); *c.Measured != 36 || c.Status != VerdictOK {
		t.Errorf("antenna with its main site: %v (%s)", *c.Measured, c.Explanation)
	}
	if c := criterion(ar.TypicalWeek, CodeOpenDays); *c.Measured != 6 {
		t.Errorf("antenna days: %v", *c.Measured)
	}
	if c := criterion(ar.TypicalWeek, CodeAgentsPresent); len(c.Slots) != 1 || c.Slots[0].StructureID != "" ||
		c.Slots[0].Reason != "samedi 09:00–15:00 : 1 agent prévu, 2 requis" {
		t.Errorf("antenna agents: %+v", c.Slots)
	}
}

// TestReportShape pins the wire shape integrators build on.
func TestReportShape(t *testing.T) {
	r := Evaluate(rules2025(t), prepare(standardWeek(), CalendarFR, twoTrained, NewDate(2026, 12, 2)))
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var shape map[string]any
	_ = json.Unmarshal(b, &shape)
	for _, k := range []string{"structure_id", "status", "rule_set", "typical_week", "weeks"} {
		if _, ok := shape[k]; !ok {
			t.Errorf("no %q in %s", k, b)
		}
	}
	if shape["status"] != "unknown" {
		t.Errorf("status %v: partner_socle and premises are unknown until their data exists", shape["status"])
	}
	week := shape["weeks"].([]any)[0].(map[string]any)
	if week["week"] != "2026-W49" {
		t.Errorf("week key %v", week["week"])
	}
	c := shape["typical_week"].(map[string]any)["criteria"].([]any)[0].(map[string]any)
	for _, k := range []string{"code", "measured", "threshold", "unit", "status", "explanation", "slots"} {
		if _, ok := c[k]; !ok {
			t.Errorf("criterion without %q: %v", k, c)
		}
	}
	codes := []string{}
	for _, c := range shape["typical_week"].(map[string]any)["criteria"].([]any) {
		codes = append(codes, c.(map[string]any)["code"].(string))
	}
	if strings.Join(codes, ",") != "weekly_hours,open_days,agents_present,agents_trained,partner_socle,premises" {
		t.Errorf("codes %v", codes)
	}
}

// TestANCTExtract imports the published hours of Moselle, Oise and Haute-Saône (ANCT list of 2022-12-01) and
// counts the structures meeting 24 h and 5 days on their typical week.
func TestANCTExtract(t *testing.T) {
	data, err := os.ReadFile("../anct/testdata/liste-fs-20221201-extrait-57-60-70.csv")
	if err != nil {
		t.Fatal(err)
	}
	file, _, err := anct.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	rs := rules2025(t)
	type tally struct{ structures, both, hours, days, noHours int }
	per := map[string]*tally{}
	unparsed, merged := 0, 0
	for _, row := range file.Rows {
		rec := anct.Interpret(row)
		imp := FromANCT(rec.Hours)
		unparsed += len(imp.Unparsed)
		merged += len(imp.Merged)
		s := imp.Schedule
		s.ID, s.Owner = rec.IDFS, Owner{OwnerStructure, rec.IDFS}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: imported schedule invalid: %v", rec.IDFS, err)
		}
		tl := per[rec.Departement]
		if tl == nil {
			tl = &tally{}
			per[rec.Departement] = tl
		}
		tl.structures++
		if len(s.Slots) == 0 {
			tl.noHours++
		}
		r := Evaluate(rs, EvaluationInput{StructureID: rec.IDFS, TypicalWeek: TypicalWeek([]Schedule{s}, today, "")})
		h := criterion(r.TypicalWeek, CodeWeeklyHours).Status == VerdictOK
		d := criterion(r.TypicalWeek, CodeOpenDays).Status == VerdictOK
		if h {
			tl.hours++
		}
		if d {
			tl.days++
		}
		if h && d {
			tl.both++
		}
	}
	want := map[string]tally{
		"57": {structures: 34, both: 30, hours: 30, days: 31, noHours: 1},
		"60": {structures: 47, both: 31, hours: 32, days: 32, noHours: 14},
		"70": {structures: 24, both: 19, hours: 19, days: 21, noHours: 1},
	}
	for dep, w := range want {
		got := per[dep]
		t.Logf("%s: %d structures, %d meet 24 h and 5 days (%d meet 24 h, %d meet 5 days), %d publish no hours",
			dep, got.structures, got.both, got.hours, got.days, got.noHours)
		if *got != w {
			t.Errorf("%s: %+v, want %+v", dep, *got, w)
		}
	}
	t.Logf("cells not parsed: %d; cells with duplicate or overlapping ranges merged: %d", unparsed, merged)
	if unparsed != 0 || merged != 6 {
		t.Errorf("unparsed %d, merged %d", unparsed, merged)
	}
}
