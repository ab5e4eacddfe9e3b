package hours

import (
	"maillage/pkg/apperr"
	"strings"
	"testing"
	"time"
)

var site = Owner{Kind: OwnerStructure, ID: "fs-1"}

func slot(day Weekday, start, end string, agents int) Slot {
	s, _ := ParseClock(start)
	e, _ := ParseClock(end)
	return Slot{Weekday: day, Start: s, End: e, PlannedAgents: agents}
}

func regular(slots ...Slot) Schedule {
	return Schedule{ID: "reg", Owner: site, Kind: KindRegular, Status: StatusPublished, Slots: slots}
}

// standardWeek is Mo-Fr 09:00-12:00,14:00-17:00 with 2 agents: 30 h over 5 days.
func standardWeek() Schedule {
	var slots []Slot
	for d := Monday; d <= Friday; d++ {
		slots = append(slots, slot(d, "09:00", "12:00", 2), slot(d, "14:00", "17:00", 2))
	}
	return regular(slots...)
}

func total(ivs []Interval) time.Duration {
	d, _ := openTime(ivs)
	return d
}

func labels(ivs []Interval) string {
	var out []string
	for _, iv := range ivs {
		out = append(out, iv.Date.String()+" "+iv.Start.Format("15:04")+"-"+clockLabel(iv))
	}
	return strings.Join(out, " | ")
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestResolve(t *testing.T) {
	odd := slot(Tuesday, "14:00", "17:00", 2)
	odd.WeekRule = Odd
	night := slot(Sunday, "01:00", "04:00", 2)
	gap := slot(Sunday, "02:30", "04:00", 2)
	seasonal := Schedule{ID: "summer", Owner: site, Kind: KindSeasonal, Status: StatusPublished,
		ValidFrom: NewDate(2026, 7, 1), ValidTo: NewDate(2026, 8, 31), Slots: []Slot{slot(Tuesday, "10:00", "12:00", 2)}}
	draft := regular(slot(Monday, "08:00", "18:00", 2))
	draft.ID, draft.Status, draft.Priority = "draft", StatusDraft, 5
	tests := []struct {
		name      string
		in        ResolveInput
		wantTotal time.Duration
		wantCount int
		want      string // labels, when given
	}{
		{name: "plain week", in: ResolveInput{From: NewDate(2026, 11, 30), To: NewDate(2026, 12, 6),
			Schedules: []Schedule{standardWeek()}}, wantTotal: 30 * time.Hour, wantCount: 10},
		{name: "DST March: 01:00-04:00 lasts 2 h", in: ResolveInput{From: NewDate(2026, 3, 23), To: NewDate(2026, 3, 29),
			Schedules: []Schedule{regular(night)}}, wantTotal: 2 * time.Hour, want: "2026-03-29 01:00-04:00"},
		{name: "DST March: 02:30 does not exist, opens at 03:00", in: ResolveInput{From: NewDate(2026, 3, 29), To: NewDate(2026, 3, 29),
			Schedules: []Schedule{regular(gap)}}, wantTotal: time.Hour, want: "2026-03-29 03:00-04:00"},
		{name: "DST October: 01:00-04:00 lasts 4 h", in: ResolveInput{From: NewDate(2026, 10, 19), To: NewDate(2026, 10, 25),
			Schedules: []Schedule{regular(night)}}, wantTotal: 4 * time.Hour},
		{name: "DST weeks keep office hours whole", in: ResolveInput{From: NewDate(2026, 3, 23), To: NewDate(2026, 4, 5),
			Schedules: []Schedule{standardWeek()}, ClosedOnHolidays: true}, wantTotal: 60 * time.Hour}, // Easter Monday 6/4 is after
		{name: "14 July week closed on the holiday", in: ResolveInput{From: NewDate(2026, 7, 13), To: NewDate(2026, 7, 19),
			Schedules: []Schedule{standardWeek()}, ClosedOnHolidays: true}, wantTotal: 24 * time.Hour, wantCount: 8},
		{name: "14 July week open when the policy says so", in: ResolveInput{From: NewDate(2026, 7, 13), To: NewDate(2026, 7, 19),
			Schedules: []Schedule{standardWeek()}}, wantTotal: 30 * time.Hour},
		{name: "Good Friday closed in Moselle", in: ResolveInput{From: NewDate(2026, 3, 30), To: NewDate(2026, 4, 5),
			Schedules: []Schedule{standardWeek()}, ClosedOnHolidays: true, Calendar: CalendarAlsaceMoselle}, wantTotal: 24 * time.Hour},
		{name: "Good Friday open in Oise", in: ResolveInput{From: NewDate(2026, 3, 30), To: NewDate(2026, 4, 5),
			Schedules: []Schedule{standardWeek()}, ClosedOnHolidays: true, Calendar: CalendarFR}, wantTotal: 30 * time.Hour},
		{name: "odd weeks across 2026 (53 weeks) into 2027", in: ResolveInput{From: NewDate(2026, 12, 14), To: NewDate(2027, 1, 17),
			Schedules: []Schedule{regular(odd)}},
			want: "2026-12-15 14:00-17:00 | 2026-12-29 14:00-17:00 | 2027-01-05 14:00-17:00"},
		{name: "every 3 weeks across the year boundary", in: ResolveInput{From: NewDate(2026, 12, 1), To: NewDate(2027, 2, 1),
			Schedules: []Schedule{regular(Slot{Weekday: Tuesday, Start: 600, End: 720, WeekRule: EveryN(3, NewDate(2026, 12, 3))})}},
			want: "2026-12-01 10:00-12:00 | 2026-12-22 10:00-12:00 | 2027-01-12 10:00-12:00"},
		{name: "overlapping slots count once", in: ResolveInput{From: NewDate(2026, 11, 30), To: NewDate(2026, 11, 30),
			Schedules: []Schedule{regular(slot(Monday, "09:00", "12:00", 2), slot(Monday, "11:00", "13:00", 1), slot(Monday, "09:00", "12:00", 2))}},
			wantTotal: 4 * time.Hour, want: "2026-11-30 09:00-12:00 | 2026-11-30 12:00-13:00"},
		{name: "seasonal replaces the whole day", in: ResolveInput{From: NewDate(2026, 6, 29), To: NewDate(2026, 7, 10),
			Schedules: []Schedule{standardWeek(), seasonal}},
			want: "2026-06-29 09:00-12:00 | 2026-06-29 14:00-17:00 | 2026-06-30 09:00-12:00 | 2026-06-30 14:00-17:00 | 2026-07-07 10:00-12:00"},
		{name: "drafts ignored", in: ResolveInput{From: NewDate(2026, 11, 30), To: NewDate(2026, 11, 30),
			Schedules: []Schedule{standardWeek(), draft}}, wantTotal: 6 * time.Hour},
		{name: "drafts previewed", in: ResolveInput{From: NewDate(2026, 11, 30), To: NewDate(2026, 11, 30),
			Schedules: []Schedule{standardWeek(), draft}, IncludeDrafts: true}, wantTotal: 10 * time.Hour},
		{name: "Guadeloupe zone and abolition day", in: ResolveInput{From: NewDate(2027, 5, 24), To: NewDate(2027, 5, 30),
			Location: mustZone(t, "America/Guadeloupe"), Calendar: "FR-971", ClosedOnHolidays: true,
			Schedules: []Schedule{standardWeek()}}, wantTotal: 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Resolve(tt.in)
			if tt.wantTotal != 0 && total(got) != tt.wantTotal {
				t.Errorf("open time %v, want %v (%s)", total(got), tt.wantTotal, labels(got))
			}
			if tt.wantCount != 0 && len(got) != tt.wantCount {
				t.Errorf("%d intervals, want %d", len(got), tt.wantCount)
			}
			if tt.want != "" && labels(got) != tt.want {
				t.Errorf("intervals\n got %s\nwant %s", labels(got), tt.want)
			}
		})
	}
}

func TestResolveExceptions(t *testing.T) {
	monday := NewDate(2026, 11, 30)
	base := ResolveInput{From: monday, To: monday, Schedules: []Schedule{standardWeek()}}
	tests := []struct {
		name string
		ex   Exception
		want string
	}{
		{"closed", Exception{ID: "x", Owner: site, From: monday, To: monday, Type: ExceptionClosed}, ""},
		{"reduced", Exception{ID: "x", Owner: site, From: monday, To: monday, Type: ExceptionReduced,
			Slots: []Slot{slot(0, "10:00", "16:00", 0)}}, "2026-11-30 10:00-12:00 | 2026-11-30 14:00-16:00"},
		{"extra", Exception{ID: "x", Owner: site, From: monday, To: monday, Type: ExceptionExtra,
			Slots: []Slot{slot(0, "12:00", "14:00", 2)}}, "2026-11-30 09:00-12:00 | 2026-11-30 12:00-14:00 | 2026-11-30 14:00-17:00"},
		{"replace", Exception{ID: "x", Owner: site, From: monday, To: monday, Type: ExceptionReplace,
			Slots: []Slot{slot(Monday, "13:00", "18:00", 2), slot(Tuesday, "08:00", "09:00", 2)}}, "2026-11-30 13:00-18:00"},
		{"other structure's exception ignored", Exception{ID: "x", Owner: Owner{OwnerStop, "s9"}, From: monday, To: monday,
			Type: ExceptionClosed}, "2026-11-30 09:00-12:00 | 2026-11-30 14:00-17:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.Exceptions = []Exception{tt.ex}
			if got := labels(Resolve(in)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	// An extra opening on a public holiday opens it.
	in := ResolveInput{From: NewDate(2026, 7, 14), To: NewDate(2026, 7, 14), Schedules: []Schedule{standardWeek()},
		ClosedOnHolidays: true, Exceptions: []Exception{{ID: "x", Owner: site, From: NewDate(2026, 7, 14),
			To: NewDate(2026, 7, 14), Type: ExceptionExtra, Slots: []Slot{slot(0, "10:00", "12:00", 2)}}}}
	if got := labels(Resolve(in)); got != "2026-07-14 10:00-12:00" {
		t.Errorf("extra on 14 July: %q", got)
	}
}

func TestValidate(t *testing.T) {
	s := regular(slot(Monday, "09:00", "12:00", 2), slot(Tuesday, "09:00", "12:00", 2), slot(Wednesday, "14:00", "13:00", 2))
	s.Slots = append(s.Slots, Slot{Weekday: 8, Start: 60, End: 120, WeekRule: WeekRule{Kind: WeekEveryN, Interval: 1}})
	err := s.Validate()
	fields := fieldsOf(t, err)
	for _, f := range []string{"slots[2].end", "slots[3].weekday", "slots[3].week_rule.interval", "slots[3].week_rule.anchor"} {
		if fields[f] == "" {
			t.Errorf("no message for %s in %v", f, fields)
		}
	}
	if fields["slots[2].end"] != "L’heure de fin doit suivre l’heure de début." {
		t.Errorf("slots[2].end: %q", fields["slots[2].end"])
	}
	if err := standardWeek().Validate(); err != nil {
		t.Errorf("valid schedule: %v", err)
	}
	ex := Exception{Owner: site, From: NewDate(2026, 12, 2), To: NewDate(2026, 12, 1), Type: ExceptionReduced}
	fields = fieldsOf(t, ex.Validate())
	if fields["to"] == "" || fields["slots"] == "" {
		t.Errorf("exception fields: %v", fields)
	}
}

func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		t.Fatalf("want an invalid apperr, got %v", err)
	}
	return e.Fields
}
