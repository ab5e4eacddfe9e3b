package hours

import (
	"fmt"
	"slices"
	"strings"
)

// OSMHours is what ParseOSM understood of an opening_hours value.
type OSMHours struct {
	Slots            []Slot // weekly slots, with odd/even week rules where the value had them
	ClosedOnHolidays bool   // the value had "PH off"
}

// Schedule makes the parsed hours a regular published schedule of owner.
func (h OSMHours) Schedule(owner Owner) Schedule {
	return Schedule{Owner: owner, Channel: ChannelAccueil, Kind: KindRegular, Status: StatusPublished, Slots: h.Slots}
}

// ParseOSM reads the subset of OSM opening_hours that FormatOSM writes, without date or year selectors: rules
// separated by ";", each "[week 01-53/2|week 02-53/2] [weekdays] HH:MM-HH:MM[,HH:MM-HH:MM…]" or
// "[weekdays] off", and "PH off". A later rule replaces the earlier ones on the days (and weeks) it selects, as
// in OSM. Anything else is an error whose message (French) says which rule could not be read: the caller keeps
// the value raw and flags it for review, never a partial reading.
func ParseOSM(value string) (OSMHours, error) {
	var h OSMHours
	var days [8][]Slot
	for _, raw := range strings.Split(value, ";") {
		rule := strings.Join(strings.Fields(raw), " ")
		if rule == "" {
			continue
		}
		if rule == "PH off" || rule == "PH closed" {
			h.ClosedOnHolidays = true
			continue
		}
		if err := applyOSMRule(&days, rule); err != nil {
			return OSMHours{}, fmt.Errorf("règle « %s » : %w", rule, err)
		}
	}
	for d := Monday; d <= Sunday; d++ {
		h.Slots = append(h.Slots, days[d]...)
	}
	return h, nil
}

func applyOSMRule(days *[8][]Slot, rule string) error {
	fields := strings.Fields(rule)
	week := Every
	if fields[0] == "week" {
		if len(fields) < 3 {
			return fmt.Errorf("sélecteur de semaines incomplet")
		}
		switch fields[1] {
		case "01-53/2", "1-53/2":
			week = Odd
		case "02-53/2", "2-53/2", "02-52/2", "2-52/2":
			week = Even
		default:
			return fmt.Errorf("seules les semaines paires (week 02-53/2) ou impaires (week 01-53/2) sont prises en charge")
		}
		fields = fields[2:]
	}
	selected := []Weekday{Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday}
	if len(fields) > 0 && !startsWithDigit(fields[0]) && fields[0] != "off" && fields[0] != "closed" {
		var err error
		if selected, err = parseOSMDays(fields[0]); err != nil {
			return err
		}
		fields = fields[1:]
	}
	var slots []Slot
	switch {
	case len(fields) == 1 && (fields[0] == "off" || fields[0] == "closed"):
	case len(fields) == 1:
		for _, span := range strings.Split(fields[0], ",") {
			start, end, ok := strings.Cut(span, "-")
			s, err1 := ParseClock(start)
			e, err2 := ParseClock(end)
			if !ok || err1 != nil || err2 != nil || len(start) != 5 || len(end) != 5 {
				return fmt.Errorf("plage horaire %q illisible (HH:MM-HH:MM attendu)", span)
			}
			if e <= s {
				return fmt.Errorf("plage horaire %q : la fin doit suivre le début le même jour", span)
			}
			slots = append(slots, Slot{Start: s, End: e, WeekRule: week})
		}
	default:
		return fmt.Errorf("sélecteur non pris en charge (jours, semaines paires ou impaires et heures seulement)")
	}
	for _, d := range selected {
		days[d] = overrideDay(days[d], week)
		for _, s := range slots {
			s.Weekday = d
			days[d] = append(days[d], s)
		}
	}
	return nil
}

// overrideDay removes what a rule for the weeks of rule replaces: everything for every week; for odd weeks, the
// odd-week slots, and every-week slots become even-week ones (and the other way round).
func overrideDay(slots []Slot, rule WeekRule) []Slot {
	if rule.IsEvery() {
		return slots[:0]
	}
	other := Even
	if rule.Kind == WeekEven {
		other = Odd
	}
	out := slots[:0]
	for _, s := range slots {
		switch {
		case s.WeekRule.IsEvery():
			s.WeekRule = other
			out = append(out, s)
		case s.WeekRule.Kind != rule.Kind:
			out = append(out, s)
		}
	}
	return out
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// parseOSMDays reads "Mo-Fr", "Mo,We,Fr", "Sa-Mo".
func parseOSMDays(sel string) ([]Weekday, error) {
	var out []Weekday
	for _, part := range strings.Split(sel, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a := slices.Index(osmDayNames[:], from)
		b := a
		if isRange {
			b = slices.Index(osmDayNames[:], to)
		}
		if a < 1 || b < 1 {
			return nil, fmt.Errorf("jours %q illisibles (Mo, Tu, We, Th, Fr, Sa, Su attendus)", part)
		}
		for d := a; ; d = d%7 + 1 {
			if !slices.Contains(out, Weekday(d)) {
				out = append(out, Weekday(d))
			}
			if d == b {
				break
			}
		}
	}
	return out, nil
}

// WeekRuleFromFrench reads the week columns of partner files: "Semaine impaire", "Semaine paire", "" or
// "Toutes les semaines". ok is false for anything else.
func WeekRuleFromFrench(s string) (rule WeekRule, ok bool) {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "", "toutes les semaines", "chaque semaine":
		return Every, true
	case "semaine impaire", "semaines impaires":
		return Odd, true
	case "semaine paire", "semaines paires":
		return Even, true
	}
	return WeekRule{}, false
}

// WithWeekRule returns the slots with every-week ones set to rule (e.g. a stop served on odd weeks only).
func WithWeekRule(slots []Slot, rule WeekRule) []Slot {
	out := slices.Clone(slots)
	for i := range out {
		if out[i].WeekRule.IsEvery() {
			out[i].WeekRule = rule
		}
	}
	return out
}
