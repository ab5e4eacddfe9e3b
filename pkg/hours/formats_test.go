package hours

import (
	"encoding/json"
	"testing"
)

func TestFromANCT(t *testing.T) {
	imp := FromANCT([6]string{
		"09:00 - 12:00 / 14:00 - 17:00", // national form
		"09:30-12:00/13:30-17:00",       // no spaces
		"-",                             // closed
		"09:00 - 16:30 / 09:00 - 11:30", // overlap, merged
		"le matin sur rendez-vous",      // free text, kept raw
		"9h - 12h",                      // h for :
	})
	if len(imp.Unparsed) != 1 || imp.Unparsed[0].Column != "h_vendredi" || imp.Unparsed[0].Raw != "le matin sur rendez-vous" {
		t.Errorf("unparsed %+v", imp.Unparsed)
	}
	if len(imp.Merged) != 1 || imp.Merged[0] != Thursday {
		t.Errorf("merged %v", imp.Merged)
	}
	cells, notes := ANCTColumns(imp.Schedule)
	want := [6]string{"09:00 - 12:00 / 14:00 - 17:00", "09:30 - 12:00 / 13:30 - 17:00", "", "09:00 - 16:30", "", "09:00 - 12:00"}
	if cells != want || len(notes) != 0 {
		t.Errorf("columns %q %v", cells, notes)
	}
	odd := regular(slot(Monday, "09:00", "12:00", 2), withRule(slot(Tuesday, "09:00", "12:00", 2), Odd), slot(Sunday, "10:00", "12:00", 2))
	cells, notes = ANCTColumns(odd)
	if cells[0] != "09:00 - 12:00" || cells[1] != "" || len(notes) != 2 {
		t.Errorf("lossy columns %q %v", cells, notes)
	}
}

func TestSchemaOrg(t *testing.T) {
	s := regular(slot(Monday, "09:00", "12:00", 2), withRule(slot(Tuesday, "09:00", "12:00", 2), Even))
	closed := Exception{Owner: site, From: NewDate(2026, 12, 24), To: NewDate(2026, 12, 26), Type: ExceptionClosed, PublicMessage: "Fermé pour les fêtes"}
	specs, notes := SchemaOrg(s, closed)
	b, _ := json.Marshal(specs)
	want := `[{"@type":"OpeningHoursSpecification","dayOfWeek":"https://schema.org/Monday","opens":"09:00:00","closes":"12:00:00"},` +
		`{"@type":"OpeningHoursSpecification","opens":"00:00:00","closes":"00:00:00","validFrom":"2026-12-24","validThrough":"2026-12-26","description":"Fermé pour les fêtes"}]`
	if string(b) != want || len(notes) != 1 {
		t.Errorf("schema.org\n got %s\nwant %s\n%v", b, want, notes)
	}
}

func TestDatesAndWeeks(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		week string
	}{
		{NewDate(2026, 12, 31), "2026-W53"}, {NewDate(2027, 1, 3), "2026-W53"}, {NewDate(2027, 1, 4), "2027-W01"},
		{NewDate(2024, 12, 30), "2025-W01"}, {NewDate(2026, 12, 2), "2026-W49"},
	} {
		if got := tt.d.ISOWeek().String(); got != tt.week {
			t.Errorf("%s: %s, want %s", tt.d, got, tt.week)
		}
		w, err := ParseISOWeek(tt.week)
		if err != nil || !w.Monday().Within(tt.d.AddDays(-6), tt.d) {
			t.Errorf("%s: Monday %s %v", tt.week, w.Monday(), err)
		}
	}
	if _, err := ParseISOWeek("2027-W53"); err == nil {
		t.Error("2027 has no week 53")
	}
	for in, want := range map[string]Clock{"09:30": 570, "9h": 540, "9h30": 570, "24:00": 1440} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"24:01", "9:3", "", "12:60", "abc"} {
		if _, err := ParseClock(in); err == nil {
			t.Errorf("ParseClock(%q) accepted", in)
		}
	}
	if d, _ := ParseDate("2026-02-29"); !d.IsZero() {
		t.Error("2026-02-29 accepted")
	}
}
