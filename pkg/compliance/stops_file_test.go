package compliance

import (
	"os"
	"strings"
	"testing"

	"maillage/pkg/apperr"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
)

func asInvalid(err error) (map[string]string, bool) {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		return nil, false
	}
	return e.Fields, true
}

func TestParseTheCharenteBusFile(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/bus-france-services-charente.json")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := parseStopsFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 12 {
		t.Fatalf("%d entries", len(entries))
	}
	first := entries[0]
	if first.Name != "Bus France Services - [Face à la boulangerie]" || first.Code != "16317" || first.Address != "Rue du Chant du Coq" ||
		first.Latitude == nil || *first.Latitude != 45.952791 || first.Hours != "Mo 09:30-12:30,13:30-15:30; PH off" ||
		first.Weeks != "Semaine impaire" || first.Index != 0 || first.BadCoordinates {
		t.Fatalf("first entry: %+v", first)
	}
	slots := 0
	for _, e := range entries {
		s, problem, notes := readStopHours(e, opening.DefaultHolidayPolicy)
		if problem != "" || len(notes) != 0 || len(s) == 0 {
			t.Fatalf("entry %d %q: %q %v", e.Index, e.Hours, problem, notes)
		}
		slots += len(s)
	}
	if slots != 16 {
		t.Fatalf("%d slots", slots)
	}
	for _, bad := range []string{`{}`, `[]`, `[1, 2]`, `[{"nom": "x"}] [{}]`, ``} {
		if _, err := parseStopsFile([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	e, err := parseStopsFile([]byte(`[{"nom": " A ", "code_insee": 1001, "latitude": "46,5", "longitude": "x"}]`))
	if err != nil || e[0].Name != "A" || e[0].Code != "01001" || e[0].Latitude != nil || !e[0].BadCoordinates {
		t.Fatalf("numbers and strings: %+v %v", e, err)
	}
}

func TestReadStopHours(t *testing.T) {
	t.Parallel()
	open := opening.HolidayPolicy{}
	for _, tc := range []struct {
		hours, weeks string
		policy       opening.HolidayPolicy
		slots        int
		rule         string // of the slots: every, odd, even, mixed
		problem      string // part of the problem, "" when read
		note         string // part of a note
	}{
		{"Mo 09:30-12:30,13:30-15:30; PH off", "Semaine impaire", opening.DefaultHolidayPolicy, 2, "odd", "", ""},
		{"Tu 09:30-12:00; PH off", "Semaine paire", opening.DefaultHolidayPolicy, 1, "even", "", ""},
		{"Mo-Fr 09:00-12:00; PH off", "", opening.DefaultHolidayPolicy, 5, "every", "", ""},
		{"week 01-53/2 Mo 09:00-12:00; PH off", "Semaine paire", opening.DefaultHolidayPolicy, 1, "odd", "", "ignorée"},
		{"Mo 09:00-12:00", "", opening.DefaultHolidayPolicy, 1, "every", "", "reste fermée"},
		{"Mo 09:00-12:00; PH off", "", open, 1, "every", "", "ouvre les jours fériés"},
		{"", "", opening.DefaultHolidayPolicy, 0, "", "Aucun horaire", ""},
		{"le lundi matin", "", opening.DefaultHolidayPolicy, 0, "", "illisibles", ""},
		{"PH off", "", opening.DefaultHolidayPolicy, 0, "", "aucun jour", ""},
		{"Mo 09:00-12:00", "Une semaine sur trois", opening.DefaultHolidayPolicy, 0, "", "non comprise", ""},
	} {
		slots, problem, notes := readStopHours(stopEntry{Hours: tc.hours, Weeks: tc.weeks}, tc.policy)
		if len(slots) != tc.slots || weekRuleName(slots) != tc.rule || !strings.Contains(problem, tc.problem) ||
			(tc.problem == "") != (problem == "") || !strings.Contains(strings.Join(notes, " "), tc.note) ||
			(tc.note == "") != (len(notes) == 0) {
			t.Errorf("%q %q: %d slots (%s), problem %q, notes %v", tc.hours, tc.weeks, len(slots), weekRuleName(slots), problem, notes)
		}
	}
	mixed := []hours.Slot{{WeekRule: hours.Odd}, {WeekRule: hours.Every}}
	if weekRuleName(mixed) != "mixed" {
		t.Error("mixed weeks")
	}
}

func TestNameKeyAndINSEECode(t *testing.T) {
	t.Parallel()
	if nameKey("Bus France Services - [Place de la Poste]") != nameKey("bus  france services - [PLACE DE LA POSTE]") {
		t.Error("names differing by case and spaces")
	}
	if nameKey("La Foret de Tessé") != nameKey("la forêt-de-tessé") {
		t.Error("accents and hyphens")
	}
	for in, want := range map[string]string{"16317": "16317", "1001": "01001", "2a004": "2A004", "": ""} {
		if got := inseeCode(in); got != want {
			t.Errorf("inseeCode(%q) = %q, want %q", in, got, want)
		}
	}
}
