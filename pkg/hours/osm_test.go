package hours

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

var today = NewDate(2026, 11, 24)

func withRule(s Slot, r WeekRule) Slot { s.WeekRule = r; return s }

// osmSample is a schedule set, its expected OSM string, and where to compare it with the reference parser.
type osmSample struct {
	name      string
	schedules []Schedule
	opts      OSMOptions
	want      string
	calendar  Calendar
	state     string // opening_hours state
	zone      string
	from, to  Date // to included
}

func osmSamples() []osmSample {
	saturday := standardWeek()
	saturday.Slots = append(saturday.Slots, slot(Saturday, "09:00", "12:00", 2))
	oddTuesday := standardWeek()
	oddTuesday.Slots = append(oddTuesday.Slots, withRule(slot(Tuesday, "14:00", "17:00", 2), Odd))
	oddTuesday.Slots[2] = slot(Tuesday, "09:00", "12:00", 2) // Tuesday afternoon on odd weeks only
	oddTuesday.Slots = slices.Delete(oddTuesday.Slots, 3, 4)
	bus := regular(withRule(slot(Monday, "09:30", "12:30", 2), Odd), withRule(slot(Monday, "13:30", "15:30", 2), Odd),
		withRule(slot(Thursday, "08:45", "12:15", 2), Even))
	overlap := regular(slot(Monday, "09:00", "12:00", 2), slot(Monday, "11:00", "13:00", 1), slot(Wednesday, "14:00", "17:00", 2))
	summer := Schedule{ID: "summer", Owner: site, Kind: KindSeasonal, Status: StatusPublished, ValidFrom: NewDate(2027, 7, 1),
		ValidTo: NewDate(2027, 8, 31), Slots: []Slot{slot(Tuesday, "10:00", "12:00", 2), slot(Thursday, "10:00", "12:00", 2)}}
	every3 := regular(slot(Monday, "09:00", "12:00", 2), withRule(slot(Tuesday, "10:00", "12:00", 2), EveryN(3, NewDate(2026, 12, 3))))
	closed := OSMOptions{Today: today, ClosedOnHolidays: true}
	pentecost := closed
	pentecost.HolidayOptions.OpenOnPentecostMonday = true
	return []osmSample{
		{name: "standard week", schedules: []Schedule{saturday}, opts: closed,
			want: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off", state: "Oise",
			from: NewDate(2026, 7, 6), to: NewDate(2026, 7, 26)},
		{name: "odd-week Tuesday afternoons across 2026-W53", schedules: []Schedule{oddTuesday}, opts: closed,
			want:  "Mo,We-Fr 09:00-12:00,14:00-17:00; Tu 09:00-12:00; week 01-53/2 Tu 09:00-12:00,14:00-17:00; PH off",
			state: "Oise", from: NewDate(2026, 12, 14), to: NewDate(2027, 1, 24)},
		{name: "bus stop odd and even", schedules: []Schedule{bus}, opts: closed,
			want:  "week 01-53/2 Mo 09:30-12:30,13:30-15:30; week 02-53/2 Th 08:45-12:15; PH off",
			state: "Charente", from: NewDate(2026, 12, 21), to: NewDate(2027, 1, 17)},
		{name: "overlapping slots", schedules: []Schedule{overlap}, opts: OSMOptions{Today: today},
			want: "Mo 09:00-13:00; We 14:00-17:00", state: "Oise", from: NewDate(2026, 11, 30), to: NewDate(2026, 12, 13)},
		{name: "seasonal layer", schedules: []Schedule{standardWeek(), summer}, opts: closed,
			want:  "Mo-Fr 09:00-12:00,14:00-17:00; 2027 Jul 01-2027 Aug 31 off; 2027 Jul 01-2027 Aug 31 Tu,Th 10:00-12:00; PH off",
			state: "Oise", from: NewDate(2027, 6, 21), to: NewDate(2027, 7, 18)},
		{name: "every 3 weeks, year by year", schedules: []Schedule{every3}, opts: OSMOptions{Today: today},
			want:  "2026 Mo 09:00-12:00; 2026 week 04-52/3 Tu 10:00-12:00; 2027 Mo 09:00-12:00; 2027 week 02-50/3 Tu 10:00-12:00",
			state: "Oise", from: NewDate(2026, 11, 30), to: NewDate(2027, 3, 7)},
		{name: "Good Friday in Moselle", schedules: []Schedule{standardWeek()}, opts: closed, calendar: CalendarAlsaceMoselle,
			want: "Mo-Fr 09:00-12:00,14:00-17:00; PH off", state: "Moselle", from: NewDate(2027, 3, 22), to: NewDate(2027, 4, 4)},
		{name: "Good Friday in Oise", schedules: []Schedule{standardWeek()}, opts: closed,
			want: "Mo-Fr 09:00-12:00,14:00-17:00; PH off", state: "Oise", from: NewDate(2027, 3, 22), to: NewDate(2027, 4, 4)},
		{name: "open on Pentecost Monday", schedules: []Schedule{standardWeek()}, opts: pentecost,
			want: "Mo-Fr 09:00-12:00,14:00-17:00; PH off; easter +50 days 09:00-12:00,14:00-17:00", state: "Oise",
			from: NewDate(2027, 5, 10), to: NewDate(2027, 5, 23)},
		{name: "14 July and DST in October", schedules: []Schedule{saturday}, opts: closed, state: "Oise",
			want: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off", from: NewDate(2027, 7, 12), to: NewDate(2027, 7, 18)},
		{name: "Martinique", schedules: []Schedule{standardWeek()}, opts: closed, calendar: "FR-972", zone: "America/Martinique",
			want: "Mo-Fr 09:00-12:00,14:00-17:00; PH off", state: "Martinique", from: NewDate(2027, 3, 22), to: NewDate(2027, 5, 30)},
	}
}

func TestFormatOSM(t *testing.T) {
	for _, s := range osmSamples() {
		got, notes := FormatOSM(s.opts, s.schedules...)
		if got != s.want {
			t.Errorf("%s:\n got %s\nwant %s", s.name, got, s.want)
		}
		if s.name == "every 3 weeks, year by year" && len(notes) == 0 {
			t.Errorf("%s: no note on the horizon", s.name)
		}
	}
}

// TestOSMMatchesReference: every OSM string FormatOSM emits for the samples parses with opening_hours (npm)
// without warnings, and opens exactly when the resolver says, over the sample weeks.
func TestOSMMatchesReference(t *testing.T) {
	byZone := map[string][]osmSample{}
	for _, s := range osmSamples() {
		byZone[cmpOr(s.zone, "Europe/Paris")] = append(byZone[cmpOr(s.zone, "Europe/Paris")], s)
	}
	checked := 0
	for zone, samples := range byZone {
		req := referenceRequest{}
		for i, s := range samples {
			value, _ := FormatOSM(s.opts, s.schedules...)
			req.OSM = append(req.OSM, osmQuery{ID: fmt.Sprint(i), Value: value, State: s.state, From: s.from.String(),
				To: s.to.AddDays(1).String()})
		}
		ans := reference(t, zone, req)
		loc := mustZone(t, zone)
		for i, s := range samples {
			got := ans.OSM[fmt.Sprint(i)]
			if got.Error != "" || len(significant(got.Warnings)) > 0 {
				t.Errorf("%s: %q rejected by opening_hours: %s %v", s.name, req.OSM[i].Value, got.Error, got.Warnings)
				continue
			}
			ours := Resolve(ResolveInput{From: s.from, To: s.to, Location: loc, Schedules: s.schedules,
				Calendar: s.calendar, HolidayOptions: s.opts.HolidayOptions, ClosedOnHolidays: s.opts.ClosedOnHolidays})
			if a, b := spans(ours), mergeSpans(got.Intervals); !slices.Equal(a, b) {
				t.Errorf("%s: %q\n resolver   %v\n reference  %v", s.name, req.OSM[i].Value, a, b)
			}
			checked++
		}
	}
	t.Logf("%d OSM strings checked against opening_hours", checked)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

type span struct{ from, to int64 }

func spans(ivs []Interval) []span {
	var raw [][2]int64
	for _, iv := range ivs {
		raw = append(raw, [2]int64{iv.Start.UnixMilli(), iv.End.UnixMilli()})
	}
	return mergeSpans(raw)
}

// mergeSpans joins touching or overlapping spans: the reference returns "09:00-12:00,12:00-13:00" as one or two.
func mergeSpans(raw [][2]int64) []span {
	slices.SortFunc(raw, func(a, b [2]int64) int { return int(a[0] - b[0]) })
	var out []span
	for _, r := range raw {
		if n := len(out); n > 0 && r[0] <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, r[1])
			continue
		}
		out = append(out, span{r[0], r[1]})
	}
	return out
}

// TestParseOSM: what ParseOSM reads opens exactly when opening_hours says, over six weeks across the year
// boundary; what it cannot read is an error (the caller keeps the value raw).
func TestParseOSM(t *testing.T) {
	tests := []struct {
		in      string
		wantPH  bool
		wantErr bool
	}{
		{in: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off", wantPH: true},
		{in: "Mo 09:30-12:30,13:30-15:30; PH off", wantPH: true},
		{in: "Mo-Fr 09:00-17:00; We off"},
		{in: "Mo-Fr 09:00-12:00; week 01-53/2 Tu 09:00-12:00,14:00-17:00"},
		{in: "week 02-53/2 Mo-We 10:00-12:00; Tu off; PH off", wantPH: true},
		{in: "Sa-Mo 10:00-11:00"},
		{in: "09:00-12:00"},
		{in: "Mo-Fr 09:00-12:00 \"sur rendez-vous\"", wantErr: true},
		{in: "Jan-Mar Mo 09:00-12:00", wantErr: true},
		{in: "Mo 18:00-02:00", wantErr: true},
		{in: "week 01-53/3 Mo 09:00-12:00", wantErr: true},
		{in: "Mo 9h-12h", wantErr: true},
	}
	from, to := NewDate(2026, 12, 14), NewDate(2027, 1, 24)
	req := referenceRequest{}
	parsed := map[string]OSMHours{}
	for i, tt := range tests {
		h, err := ParseOSM(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: error %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if h.ClosedOnHolidays != tt.wantPH {
			t.Errorf("%q: PH off %v", tt.in, h.ClosedOnHolidays)
		}
		id := fmt.Sprint(i)
		parsed[id] = h
		req.OSM = append(req.OSM, osmQuery{ID: id, Value: tt.in, State: "Oise", From: from.String(), To: to.AddDays(1).String()})
	}
	ans := reference(t, "Europe/Paris", req)
	for _, q := range req.OSM {
		h := parsed[q.ID]
		ours := Resolve(ResolveInput{From: from, To: to, Schedules: []Schedule{h.Schedule(site)}, ClosedOnHolidays: h.ClosedOnHolidays})
		if a, b := spans(ours), mergeSpans(ans.OSM[q.ID].Intervals); !slices.Equal(a, b) {
			t.Errorf("%q read differently:\n ParseOSM  %v\n reference %v", q.Value, a, b)
		}
	}
}

// significant drops the reference's advice to state public holidays, which Maillage leaves out on purpose for a
// structure that opens on them.
func significant(warnings []string) []string {
	var out []string
	for _, w := range warnings {
		if !strings.Contains(w, "There was no PH (public holiday) specified") {
			out = append(out, w)
		}
	}
	return out
}

// TestBusStopsFile imports the itinerant structure's stops of Charente: every stop's string parses (or would be
// reported raw with its reason), with its odd/even week column applied, and the stops' schedules re-emit the
// same week rule.
func TestBusStopsFile(t *testing.T) {
	data, err := os.ReadFile("/work/shared/data/anct/bus-france-services-charente.json")
	if err != nil {
		data, err = os.ReadFile("../../../shared/data/anct/bus-france-services-charente.json")
	}
	if err != nil {
		t.Fatal(err)
	}
	var stops []struct {
		ID        int    `json:"id"`
		Nom       string `json:"nom"`
		Horaires  string `json:"horaires"`
		Ouverture string `json:"ouverture"`
	}
	if err := json.Unmarshal(data, &stops); err != nil {
		t.Fatal(err)
	}
	var schedules []Schedule
	raw := 0
	for _, st := range stops {
		h, err := ParseOSM(st.Horaires)
		rule, ok := WeekRuleFromFrench(st.Ouverture)
		if err != nil || !ok {
			raw++
			t.Logf("stop %d kept raw: %q %q: %v", st.ID, st.Horaires, st.Ouverture, err)
			continue
		}
		s := h.Schedule(Owner{OwnerStop, fmt.Sprint(st.ID)})
		s.Slots = WithWeekRule(s.Slots, rule)
		if !h.ClosedOnHolidays || len(s.Slots) == 0 {
			t.Errorf("stop %d: %+v", st.ID, h)
		}
		osm, _ := FormatOSM(OSMOptions{Today: today, ClosedOnHolidays: true}, s)
		if want := map[WeekRuleKind]string{WeekOdd: "week 01-53/2 ", WeekEven: "week 02-53/2 "}[rule.Kind]; osm[:len(want)] != want {
			t.Errorf("stop %d re-emitted as %q", st.ID, osm)
		}
		schedules = append(schedules, s)
	}
	if len(stops) != 12 || raw != 0 {
		t.Errorf("%d stops, %d kept raw", len(stops), raw)
	}
	// The bus sums its stops: 12 stops over two weeks.
	ivs := Resolve(ResolveInput{From: NewDate(2026, 11, 30), To: NewDate(2026, 12, 13), Schedules: schedules,
		ClosedOnHolidays: true})
	if got := total(ivs); got != 46*time.Hour { // odd weeks 25 h 30, even weeks 20 h 30
		t.Errorf("two weeks of the bus: %v", got)
	}
}
