package visit

import (
	"strings"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dp(s string) *time.Time { t := d(s); return &t }

// The civil date is Europe/Paris's, summer and winter time included.
func TestParisDateAroundQuarterBoundaries(t *testing.T) {
	cases := []struct {
		instant string
		date    string
		quarter int
	}{
		{"2026-03-31T21:59:59Z", "2026-03-31", 1}, // 23:59:59 CEST (summer time since 29 March)
		{"2026-03-31T22:00:00Z", "2026-04-01", 2}, // midnight in Paris, still 31 March in UTC
		{"2026-06-30T22:00:00Z", "2026-07-01", 3},
		{"2026-09-30T21:59:59Z", "2026-09-30", 3},
		{"2026-12-31T22:59:59Z", "2026-12-31", 4}, // 23:59:59 CET (winter time)
		{"2026-12-31T23:00:00Z", "2027-01-01", 1},
	}
	for _, tc := range cases {
		now, _ := time.Parse(time.RFC3339, tc.instant)
		got := ParisDate(now)
		if got.Format(time.DateOnly) != tc.date || QuarterOf(got) != tc.quarter {
			t.Errorf("%s: %s Q%d, want %s Q%d", tc.instant, got.Format(time.DateOnly), QuarterOf(got), tc.date, tc.quarter)
		}
	}
}

func TestQuarterBounds(t *testing.T) {
	for q, want := range map[int]string{1: "2026-01-01..2026-03-31", 2: "2026-04-01..2026-06-30",
		3: "2026-07-01..2026-09-30", 4: "2026-10-01..2026-12-31"} {
		start, end := QuarterBounds(2026, q)
		if got := start.Format(time.DateOnly) + ".." + end.Format(time.DateOnly); got != want {
			t.Errorf("Q%d: %s, want %s", q, got, want)
		}
	}
}

func pv(id, typ, status, planned, done string) PlanVisit {
	v := PlanVisit{ID: id, StructureID: "s", Type: Type(typ), Status: Status(status)}
	if planned != "" {
		v.PlannedDate = dp(planned)
	}
	if done != "" {
		v.DoneDate = dp(done)
	}
	return v
}

// cells renders a row as "Q1 Q2 Q3 Q4" states, with the deciding visit: "done:v1 overdue planned:v2 not_due".
func cells(r PlanRow) string {
	out := make([]string, 4)
	for i, c := range r.Cells {
		out[i] = string(c.State)
		if c.VisitID != "" {
			out[i] += ":" + c.VisitID
		}
	}
	return strings.Join(out, " ")
}

func TestComputePlan(t *testing.T) {
	labelled := PlanStructure{ID: "s", LabelStatus: "labellise", LabelDate: dp("2020-01-01")}
	withLabel := func(date string) PlanStructure {
		return PlanStructure{ID: "s", LabelStatus: "labellise", LabelDate: dp(date)}
	}
	cases := []struct {
		name      string
		structure PlanStructure
		visits    []PlanVisit
		today     string
		want      string
	}{
		{"last day of Q1, nothing done: missing, not yet overdue", labelled, nil, "2026-03-31",
			"missing not_due not_due not_due"},
		{"first day of Q2: Q1 is overdue", labelled, nil, "2026-04-01",
			"overdue missing not_due not_due"},
		{"planned on the last day of the quarter counts as planned until it ends", labelled,
			[]PlanVisit{pv("p", "prefectorale", "planifiee", "2026-03-31", "")}, "2026-03-31",
			"planned:p not_due not_due not_due"},
		{"a planned visit never recorded: overdue once the quarter ended", labelled,
			[]PlanVisit{pv("p", "prefectorale", "planifiee", "2026-03-20", "")}, "2026-04-01",
			"overdue missing not_due not_due"},
		{"done on the last day of the quarter counts for that quarter", labelled,
			[]PlanVisit{pv("v", "prefectorale", "realisee", "2026-03-31", "2026-03-31")}, "2026-04-01",
			"done:v missing not_due not_due"},
		{"done on the first day of Q2 counts for Q2, not Q1", labelled,
			[]PlanVisit{pv("v", "prefectorale", "realisee", "2026-03-30", "2026-04-01")}, "2026-04-02",
			"overdue done:v not_due not_due"},
		{"the done date decides, not the planned one", labelled,
			[]PlanVisit{pv("v", "prefectorale", "realisee", "2026-06-29", "2026-07-02")}, "2026-07-03",
			"overdue overdue done:v not_due"},
		{"cancelled and non-prefectoral visits do not count", labelled,
			[]PlanVisit{pv("c", "prefectorale", "annulee", "2026-02-10", ""),
				pv("a", "animateur", "realisee", "2026-02-10", "2026-02-10"),
				pv("q", "audit_qualite", "realisee", "2026-02-11", "2026-02-11")}, "2026-05-01",
			"overdue missing not_due not_due"},
		{"future quarters: planned or not due", labelled,
			[]PlanVisit{pv("p3", "prefectorale", "planifiee", "2026-08-10", "")}, "2026-02-01",
			"missing not_due planned:p3 not_due"},
		{"done wins over planned in the same quarter; the earliest done decides", labelled,
			[]PlanVisit{pv("late", "prefectorale", "realisee", "2026-03-01", "2026-03-02"),
				pv("early", "prefectorale", "realisee", "2026-01-15", "2026-01-15"),
				pv("p", "prefectorale", "planifiee", "2026-03-25", "")}, "2026-02-01",
			"done:early not_due not_due not_due"},
		{"labelled mid-quarter owes that quarter's visit", withLabel("2026-05-15"), nil, "2026-07-01",
			"not_labelled overdue missing not_due"},
		{"labelled on a quarter's last day owes it", withLabel("2026-06-30"), nil, "2026-07-01",
			"not_labelled overdue missing not_due"},
		{"labelled on a quarter's first day owes it, not the one before", withLabel("2026-07-01"), nil, "2026-07-01",
			"not_labelled not_labelled missing not_due"},
		{"labelled mid-quarter, visited before the label date in that quarter: done", withLabel("2026-05-15"),
			[]PlanVisit{pv("v", "prefectorale", "realisee", "2026-04-20", "2026-04-20")}, "2026-07-01",
			"not_labelled done:v missing not_due"},
		{"labelled after the year", withLabel("2027-01-04"), nil, "2026-06-01",
			"not_labelled not_labelled not_labelled not_labelled"},
		{"a project is not labelled", PlanStructure{ID: "s", LabelStatus: "projet"}, nil, "2026-06-01",
			"not_labelled not_labelled not_labelled not_labelled"},
		{"under watch it still owes its visits", PlanStructure{ID: "s", LabelStatus: "sous_surveillance",
			LabelDate: dp("2021-03-01")}, nil, "2026-06-01", "overdue missing not_due not_due"},
		{"labelled without a known date owes every quarter", PlanStructure{ID: "s", LabelStatus: "labellise"}, nil,
			"2026-10-01", "overdue overdue overdue missing"},
		{"a past year is all settled", labelled,
			[]PlanVisit{pv("v", "prefectorale", "realisee", "2026-11-05", "2026-11-05")}, "2027-01-01",
			"overdue overdue overdue done:v"},
		{"last day of the year: Q4 is still missing, not overdue", labelled, nil, "2026-12-31",
			"overdue overdue overdue missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ComputePlan(2026, d(tc.today), []PlanStructure{tc.structure}, tc.visits)
			if got := cells(p.Rows[0]); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestComputePlanPhasesAndTotals(t *testing.T) {
	sts := []PlanStructure{
		{ID: "a", LabelStatus: "labellise", LabelDate: dp("2019-06-01")},
		{ID: "b", LabelStatus: "labellise", LabelDate: dp("2026-08-20")},
		{ID: "c", LabelStatus: "projet"},
	}
	visits := []PlanVisit{
		{ID: "v1", StructureID: "a", Type: TypePrefectorale, Status: StatusDone, DoneDate: dp("2026-02-03"), PlannedDate: dp("2026-02-03")},
		{ID: "v2", StructureID: "a", Type: TypePrefectorale, Status: StatusPlanned, PlannedDate: dp("2026-08-25")},
		{ID: "v3", StructureID: "b", Type: TypePrefectorale, Status: StatusPlanned, PlannedDate: dp("2026-09-02")},
	}
	p := ComputePlan(2026, d("2026-08-01"), sts, visits)
	if p.Quarters[0].Phase != PhasePast || p.Quarters[1].Phase != PhasePast || p.Quarters[2].Phase != PhaseCurrent ||
		p.Quarters[3].Phase != PhaseFuture {
		t.Errorf("phases %v %v %v %v", p.Quarters[0].Phase, p.Quarters[1].Phase, p.Quarters[2].Phase, p.Quarters[3].Phase)
	}
	want := map[string]string{
		"a": "done:v1 overdue planned:v2 not_due",
		"b": "not_labelled not_labelled planned:v3 not_due",
		"c": "not_labelled not_labelled not_labelled not_labelled",
	}
	for _, r := range p.Rows {
		if got := cells(r); got != want[r.StructureID] {
			t.Errorf("%s: %s, want %s", r.StructureID, got, want[r.StructureID])
		}
	}
	if q3 := p.Quarters[2].Totals; q3[CellPlanned] != 2 || q3[CellNotLabelled] != 1 || len(q3) != 2 {
		t.Errorf("Q3 totals %v", q3)
	}
	if q1 := p.Quarters[0].Totals; q1[CellDone] != 1 || q1[CellNotLabelled] != 2 {
		t.Errorf("Q1 totals %v", q1)
	}
}
