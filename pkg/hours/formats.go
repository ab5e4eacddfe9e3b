package hours

import (
	"fmt"
	"slices"
	"strings"

	"maillage/pkg/anct"
)

// ANCTColumns writes a schedule as the six day columns of the national file (h_lundi … h_samedi), with
// anct.FormatDay: "09:00 - 12:00 / 14:00 - 17:00". The file has no Sunday and no week rule: Sunday slots and
// slots that do not apply every week are left out, and the notes (French) say so.
func ANCTColumns(s Schedule) (cells [6]string, notes []string) {
	var days [6][]anct.Range
	for _, slot := range s.Slots {
		switch {
		case slot.Weekday == Sunday:
			notes = append(notes, "Le fichier national n’a pas de colonne pour le dimanche : "+slot.Label()+" omis.")
		case !slot.Weekday.Valid():
		case !slot.WeekRule.IsEvery():
			notes = append(notes, fmt.Sprintf("Le fichier national n’exprime pas les %s : %s omis.", slot.WeekRule.French(), slot.Label()))
		default:
			days[slot.Weekday-1] = append(days[slot.Weekday-1], anct.Range{Start: int(slot.Start), End: int(slot.End)})
		}
	}
	for i, ranges := range days {
		cells[i] = anct.FormatDay(mergeANCT(ranges))
	}
	return cells, notes
}

func mergeANCT(rs []anct.Range) []anct.Range {
	slices.SortFunc(rs, func(a, b anct.Range) int { return a.Start - b.Start })
	var out []anct.Range
	for _, r := range rs {
		if n := len(out); n > 0 && r.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}

// ANCTImport is a schedule read from the six day columns of the national file.
type ANCTImport struct {
	Schedule Schedule       // regular, accueil, published, owner left for the caller; slots of the cells read
	Unparsed []UnparsedCell // cells that could not be read: kept raw, to be reviewed by a person
	Merged   []Weekday      // days whose cell had duplicate or overlapping ranges, merged (worth a look)
}

// UnparsedCell is a day cell kept as it was.
type UnparsedCell struct {
	Weekday Weekday
	Column  string // h_lundi …
	Raw     string
	Reason  string // French
}

// FromANCT reads the six day columns (Monday first) with anct.ParseDay: spacing variants, "h" for ":", "-" or
// "fermé" for closed, duplicates and overlaps merged. A cell it cannot read is kept raw in Unparsed, never
// dropped silently; the other days still become slots. Planned agents are unknown (0) in the national file.
func FromANCT(cells [6]string) ANCTImport {
	imp := ANCTImport{Schedule: Schedule{Channel: ChannelAccueil, Kind: KindRegular, Status: StatusPublished}}
	for i, cell := range cells {
		day := Weekday(i + 1)
		ranges, ok := anct.ParseDay(cell)
		if !ok {
			imp.Unparsed = append(imp.Unparsed, UnparsedCell{Weekday: day, Column: anct.HourColumns[i], Raw: cell,
				Reason: fmt.Sprintf("Horaires du %s illisibles (« HH:MM - HH:MM / HH:MM - HH:MM » attendu) : conservés tels quels.", day.French())})
			continue
		}
		if parts := strings.Count(cell, "/") + 1; len(ranges) > 0 && parts > len(ranges) {
			imp.Merged = append(imp.Merged, day)
		}
		for _, r := range ranges {
			imp.Schedule.Slots = append(imp.Schedule.Slots, Slot{Weekday: day, Start: Clock(r.Start), End: Clock(r.End)})
		}
	}
	return imp
}

// OpeningHoursSpecification is a schema.org OpeningHoursSpecification for JSON-LD. It is an output format, not a
// domain type: the json tags are its wire shape (https://schema.org/OpeningHoursSpecification).
type OpeningHoursSpecification struct {
	Type         string `json:"@type"`
	DayOfWeek    string `json:"dayOfWeek,omitempty"` // https://schema.org/Monday …
	Opens        string `json:"opens"`               // "09:00:00"
	Closes       string `json:"closes"`
	ValidFrom    string `json:"validFrom,omitempty"` // "2026-07-01"
	ValidThrough string `json:"validThrough,omitempty"`
	Description  string `json:"description,omitempty"` // the public message of an exception
}

// SchemaOrg writes a schedule (and closing or special days) as OpeningHoursSpecification values: one per slot,
// with the schedule's validity; a closed exception becomes opens = closes = "00:00:00" over its dates (the
// convention search engines read), other exceptions their slots over their dates. schema.org has no week rule:
// slots that do not apply every week are left out, and the notes say so.
func SchemaOrg(s Schedule, exceptions ...Exception) ([]OpeningHoursSpecification, []string) {
	var out []OpeningHoursSpecification
	var notes []string
	for _, slot := range s.Slots {
		if !slot.WeekRule.IsEvery() {
			notes = append(notes, fmt.Sprintf("schema.org n’exprime pas les %s : %s omis.", slot.WeekRule.French(), slot.Label()))
			continue
		}
		out = append(out, specification(slot, "https://schema.org/"+schemaDays[slot.Weekday], s.ValidFrom, s.ValidTo))
	}
	for _, e := range exceptions {
		if e.Type == ExceptionClosed {
			out = append(out, OpeningHoursSpecification{Type: "OpeningHoursSpecification", Opens: "00:00:00",
				Closes: "00:00:00", ValidFrom: e.From.String(), ValidThrough: e.To.String(), Description: e.PublicMessage})
			continue
		}
		if e.Type == ExceptionReduced {
			notes = append(notes, "Une ouverture réduite est écrite avec ses seuls créneaux : "+e.From.French()+".")
		}
		for _, slot := range e.Slots {
			day := ""
			if slot.Weekday.Valid() {
				day = "https://schema.org/" + schemaDays[slot.Weekday]
			}
			spec := specification(slot, day, e.From, e.To)
			spec.Description = e.PublicMessage
			out = append(out, spec)
		}
	}
	return out, notes
}

func specification(slot Slot, day string, from, to Date) OpeningHoursSpecification {
	closes := slot.End.String() + ":00"
	if slot.End == 1440 {
		closes = "23:59:59"
	}
	return OpeningHoursSpecification{Type: "OpeningHoursSpecification", DayOfWeek: day,
		Opens: slot.Start.String() + ":00", Closes: closes, ValidFrom: from.String(), ValidThrough: to.String()}
}
