package hours

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"maillage/pkg/territory"
)

func TestHolidaysTable(t *testing.T) {
	has := func(c Calendar, d Date, opts HolidayOptions) bool {
		return slices.ContainsFunc(Holidays(c, d.Year, opts), func(h Holiday) bool { return h.Date == d })
	}
	goodFriday2026 := NewDate(2026, time.April, 3)
	tests := []struct {
		name string
		cal  Calendar
		day  Date
		opts HolidayOptions
		want bool
	}{
		{"Good Friday in Moselle", CalendarAlsaceMoselle, goodFriday2026, HolidayOptions{}, true},
		{"no Good Friday in Oise", CalendarFR, goodFriday2026, HolidayOptions{}, false},
		{"26 December in Moselle", CalendarAlsaceMoselle, NewDate(2026, 12, 26), HolidayOptions{}, true},
		{"no 26 December in Oise", CalendarFR, NewDate(2026, 12, 26), HolidayOptions{}, false},
		{"14 July everywhere", "FR-974", NewDate(2026, 7, 14), HolidayOptions{}, true},
		{"Pentecost Monday by default", CalendarFR, NewDate(2026, 5, 25), HolidayOptions{}, true},
		{"Pentecost Monday worked", CalendarFR, NewDate(2026, 5, 25), HolidayOptions{OpenOnPentecostMonday: true}, false},
		{"Guadeloupe 27 May", "FR-971", NewDate(2027, 5, 27), HolidayOptions{}, true},
		{"Martinique 22 May", "FR-972", NewDate(2027, 5, 22), HolidayOptions{}, true},
		{"Guyane 10 June", "FR-973", NewDate(2027, 6, 10), HolidayOptions{}, true},
		{"La Réunion 20 December", "FR-974", NewDate(2027, 12, 20), HolidayOptions{}, true},
		{"Mayotte 27 April", "FR-976", NewDate(2027, 4, 27), HolidayOptions{}, true},
		{"Good Friday by usage in Martinique", "FR-972", goodFriday2026, HolidayOptions{}, true},
		{"usage days left out when legal only", "FR-972", goodFriday2026, HolidayOptions{LegalOnly: true}, false},
		{"no Good Friday in La Réunion", "FR-974", goodFriday2026, HolidayOptions{}, false},
		{"unknown calendar is metropolitan", "FR-999", NewDate(2026, 12, 26), HolidayOptions{}, false},
		{"Polynésie 29 June until 2024", "FR-987", NewDate(2024, 6, 29), HolidayOptions{}, true},
		{"Polynésie 20 November from 2025", "FR-987", NewDate(2025, 11, 20), HolidayOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := has(tt.cal, tt.day, tt.opts); got != tt.want {
				t.Errorf("%s on %s: holiday = %v, want %v", tt.cal, tt.day, got, tt.want)
			}
		})
	}
	if n := len(Holidays(CalendarFR, 2026, HolidayOptions{})); n != 11 {
		t.Errorf("metropolitan list has %d days, want the 11 of L3133-1", n)
	}
}

// departement is a row of pkg/territory's reference list.
type departement struct{ code, name string }

func departements(t *testing.T) []departement {
	t.Helper()
	f, err := os.Open("../territory/data/departements.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(gz).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []departement
	for _, r := range rows[1:] {
		out = append(out, departement{code: r[0], name: r[1]})
	}
	return out
}

// referenceState is the "state" opening_hours keys French holidays by: the département's (or collectivity's) name
// as it spells it. For metropolitan départements without local days any name gives the national list.
func referenceState(d departement) string {
	if d.code == "986" {
		return "Wallis-et-Futuna" // territory writes "Wallis et Futuna"
	}
	return d.name
}

// knownDifferences are the days where Maillage and opening_hours 3.15.0 disagree on purpose, by département,
// "+" for a day Maillage has and opening_hours has not, "-" for the reverse.
var knownDifferences = map[string][]string{
	// Saint-Barthélemy: opening_hours closes Good Friday. The Code du travail (art. L3133-1 and, for the
	// collectivity, art. L3422-2 which adds only 9 October) makes no such holiday, and Maillage has no source for
	// a local usage: it keeps the legal list (a structure can record the day as an exception).
	"977": {"-2024-03-29", "-2025-04-18", "-2026-04-03", "-2027-03-26", "-2028-04-14", "-2029-03-30", "-2030-04-19"},
	// Polynésie française: 29 June (fête de l’autonomie) was a holiday of the local labour code until 2024; the loi
	// du pays adopted by the Assemblée de la Polynésie française on 6 May 2025 replaced it by 20 November
	// (Matāri’i) from 2025. opening_hours applies the new list to every year.
	"987": {"+2024-06-29", "-2024-11-20"},
}

func TestHolidaysMatchOpeningHours(t *testing.T) {
	deps := departements(t)
	if len(deps) < 101 {
		t.Fatalf("only %d départements in the territory list", len(deps))
	}
	req := referenceRequest{}
	for _, d := range deps {
		req.Holidays = append(req.Holidays, holidayQuery{ID: d.code, State: referenceState(d), From: "2024-01-01", To: "2031-01-01"})
	}
	ans := reference(t, "Europe/Paris", req)
	matched := 0
	for _, d := range deps {
		cal := Calendar(territory.HolidayCalendarOf(d.code))
		if !KnownCalendar(cal) {
			t.Errorf("%s %s: territory gives calendar %q that Holidays does not know", d.code, d.name, cal)
		}
		ours := map[string]bool{}
		for y := 2024; y <= 2030; y++ {
			for _, h := range Holidays(cal, y, HolidayOptions{}) {
				ours[h.Date.String()] = true
			}
		}
		theirs := map[string]bool{}
		for _, h := range ans.Holidays[d.code] {
			theirs[h.Date] = true
		}
		var diff []string
		for day := range ours {
			if !theirs[day] {
				diff = append(diff, "+"+day)
			}
		}
		for day := range theirs {
			if !ours[day] {
				diff = append(diff, "-"+day)
			}
		}
		slices.SortFunc(diff, func(a, b string) int { return strings.Compare(a[1:], b[1:]) })
		want := knownDifferences[d.code]
		if !slices.Equal(diff, want) {
			t.Errorf("%s %s (%s): differences with opening_hours %v, documented %v", d.code, d.name, cal, diff, want)
			continue
		}
		if len(diff) == 0 {
			matched++
		}
	}
	t.Logf("%d départements and collectivities checked 2024–2030: %d identical, %d with documented differences",
		len(deps), matched, len(knownDifferences))
}

func ExampleHolidays() {
	for _, h := range Holidays(CalendarAlsaceMoselle, 2027, HolidayOptions{OpenOnPentecostMonday: true}) {
		if h.Basis != BasisNational {
			fmt.Println(h.Date, h.Name)
		}
	}
	// Output:
	// 2027-03-26 Vendredi saint
	// 2027-12-26 Saint-Étienne
}
