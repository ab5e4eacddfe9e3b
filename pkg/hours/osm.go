package hours

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OSMOptions tune FormatOSM.
type OSMOptions struct {
	Today            Date           // schedules that ended before are left out; every_n rules are written from its year
	ClosedOnHolidays bool           // append "PH off"
	HolidayOptions   HolidayOptions // OpenOnPentecostMonday reopens Pentecost Monday after "PH off"
	Channel          Channel        // "" means accueil
}

// FormatOSM writes the published schedules of ONE owner (a structure or a stop) as an OSM opening_hours value,
// with the notes (in French) on what the string cannot say. The subset Maillage emits:
//
//		Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; week 01-53/2 Tu 09:00-12:00,14:00-17:00; PH off
//
//	  - one rule per group of weekdays with the same times; weekdays as ranges and lists (Mo-We,Fr);
//	  - odd and even ISO weeks as year-independent week ranges "week 01-53/2" and "week 02-53/2". OSM lets a later
//	    rule replace the earlier ones on the days it selects, so an odd-week rule repeats the every-week times of
//	    that day;
//	  - a schedule with a validity (seasonal, temporary, or a regular one that starts or ends) is written after the
//	    weaker layers, as "2026 Jul 01-2026 Aug 31 off" followed by its own rules prefixed with the same range: it
//	    replaces the whole day, like the resolver's layers;
//	  - "every n weeks" cannot be said without a year: such a schedule is written year by year ("2026 week
//	    03-51/3 Tu …") for the year of Today and the next, and a note says until when the string holds;
//	  - "PH off" last when the structure closes on public holidays, then "easter +50 days" with the Monday hours
//	    when it opens on Pentecost Monday (taken from the every-week slots of the regular schedule);
//	  - not expressed (notes say so): exceptions (they are published through the API and iCalendar), access
//	    (sur rendez-vous), agents, stops.
func FormatOSM(opts OSMOptions, schedules ...Schedule) (string, []string) {
	channel := cmp.Or(opts.Channel, ChannelAccueil)
	var kept []Schedule
	for _, s := range schedules {
		if s.Status == StatusPublished && s.channel() == channel && (s.ValidTo.IsZero() || !s.ValidTo.Before(opts.Today)) {
			kept = append(kept, s)
		}
	}
	slices.SortStableFunc(kept, func(a, b Schedule) int {
		return cmp.Or(cmp.Compare(a.Kind.rank(), b.Kind.rank()), cmp.Compare(a.Priority, b.Priority),
			a.ValidFrom.Compare(b.ValidFrom))
	})
	var rules, notes []string
	for _, s := range kept {
		r, n := osmSchedule(s, opts.Today)
		rules, notes = append(rules, r...), append(notes, n...)
	}
	if opts.ClosedOnHolidays {
		rules = append(rules, "PH off")
		if opts.HolidayOptions.OpenOnPentecostMonday {
			if monday := pentecostTimes(kept); monday != "" {
				rules = append(rules, "easter +50 days "+monday)
			}
		}
	}
	return strings.Join(rules, "; "), slices.Compact(notes)
}

func osmSchedule(s Schedule, today Date) (rules, notes []string) {
	for _, slot := range s.Slots {
		switch {
		case slot.Access == AccessSurRDV || slot.Access == AccessMixte:
			notes = append(notes, "L’accès sur rendez-vous n’est pas exprimable en OSM : les créneaux figurent comme ouverts.")
		case slot.StopID != "":
			notes = append(notes, "Les arrêts ne sont pas exprimables en OSM : produisez une chaîne par arrêt.")
		}
	}
	prefix := ""
	if !s.ValidFrom.IsZero() && s.ValidFrom.After(today) || !s.ValidTo.IsZero() {
		prefix = osmDateRange(s.ValidFrom, s.ValidTo, today)
		rules = append(rules, prefix+" off")
		prefix += " "
	}
	if !slices.ContainsFunc(s.Slots, func(sl Slot) bool { return sl.WeekRule.Kind == WeekEveryN }) {
		return append(rules, osmWeekClassRules(prefix, s.Slots)...), notes
	}
	// every_n: year by year over the horizon.
	last := NewDate(today.Year+1, time.December, 31)
	for y := today.Year; y <= today.Year+1; y++ {
		from, to := maxDate(NewDate(y, time.January, 1), s.ValidFrom), NewDate(y, time.December, 31)
		if !s.ValidTo.IsZero() && s.ValidTo.Before(to) {
			to = s.ValidTo
		}
		if to.Before(from) {
			continue
		}
		sel := strconv.Itoa(y)
		if from.Month != time.January || from.Day != 1 || to.Month != time.December || to.Day != 31 {
			sel = osmDateRange(from, to, Date{})
		}
		rules = append(rules, osmYearRules(sel, from, to, s.Slots)...)
	}
	if s.ValidTo.IsZero() || s.ValidTo.After(last) {
		notes = append(notes, fmt.Sprintf("Le rythme « toutes les n semaines » est écrit année par année : la chaîne OSM vaut jusqu’au %s.", last.French()))
	}
	return rules, notes
}

func maxDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}

var osmMonths = [13]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// osmDateRange writes "2026 Jul 01-2026 Aug 31"; an open start begins at today, an open end runs 10 years.
func osmDateRange(from, to, today Date) string {
	if from.IsZero() {
		from = today
	}
	if to.IsZero() {
		to = NewDate(from.Year+10, time.December, 31)
	}
	return osmDate(from) + "-" + osmDate(to)
}

func osmDate(d Date) string { return fmt.Sprintf("%d %s %02d", d.Year, osmMonths[d.Month], d.Day) }

// osmWeekClassRules writes slots whose week rules are every, odd or even.
func osmWeekClassRules(prefix string, slots []Slot) []string {
	var every, odd, even [8][]Slot
	for _, s := range slots {
		if !s.Weekday.Valid() {
			continue
		}
		switch s.WeekRule.Kind {
		case WeekOdd:
			odd[s.Weekday] = append(odd[s.Weekday], s)
		case WeekEven:
			even[s.Weekday] = append(even[s.Weekday], s)
		default:
			every[s.Weekday] = append(every[s.Weekday], s)
		}
	}
	var base, oddTimes, evenTimes [8]string
	for d := Monday; d <= Sunday; d++ {
		base[d] = osmTimes(every[d])
		if len(odd[d]) > 0 {
			oddTimes[d] = osmTimes(append(slices.Clone(every[d]), odd[d]...))
		}
		if len(even[d]) > 0 {
			evenTimes[d] = osmTimes(append(slices.Clone(every[d]), even[d]...))
		}
	}
	rules := groupDays(prefix, base)
	rules = append(rules, groupDays(prefix+"week 01-53/2 ", oddTimes)...)
	return append(rules, groupDays(prefix+"week 02-53/2 ", evenTimes)...)
}

// osmYearRules writes all the slots of one calendar-year segment, listing for each weekday the ISO weeks whose
// times differ from the every-week ones.
func osmYearRules(sel string, from, to Date, slots []Slot) []string {
	var every [8][]Slot
	for _, s := range slots {
		if s.Weekday.Valid() && s.WeekRule.IsEvery() {
			every[s.Weekday] = append(every[s.Weekday], s)
		}
	}
	var base [8]string
	type variant struct {
		times string
		weeks []int
	}
	var variants [8][]variant
	for d := from; !d.After(to); d = d.AddDays(1) {
		wd := d.Weekday()
		if base[wd] == "" {
			base[wd] = osmTimes(every[wd])
		}
		var day []Slot
		for _, s := range slots {
			if s.Weekday == wd && s.WeekRule.Matches(d) {
				day = append(day, s)
			}
		}
		times := osmTimes(day)
		if times == base[wd] {
			continue
		}
		i := slices.IndexFunc(variants[wd], func(v variant) bool { return v.times == times })
		if i < 0 {
			variants[wd] = append(variants[wd], variant{times: times})
			i = len(variants[wd]) - 1
		}
		variants[wd][i].weeks = append(variants[wd][i].weeks, d.ISOWeek().Week)
	}
	rules := groupDays(sel+" ", base)
	byKey := map[string]*[8]string{}
	var keys []string
	for wd := Monday; wd <= Sunday; wd++ {
		for _, v := range variants[wd] {
			key := "week " + osmWeekList(v.weeks) + " "
			if byKey[key] == nil {
				byKey[key], keys = &[8]string{}, append(keys, key)
			}
			byKey[key][wd] = cmp.Or(v.times, "off")
		}
	}
	for _, k := range keys {
		rules = append(rules, groupDays(sel+" "+k, *byKey[k])...)
	}
	return rules
}

// osmWeekList compresses sorted week numbers: "03-51/3,53".
func osmWeekList(weeks []int) string {
	var parts []string
	for i := 0; i < len(weeks); {
		j := i
		if i+1 < len(weeks) {
			step := weeks[i+1] - weeks[i]
			for j+1 < len(weeks) && weeks[j+1]-weeks[j] == step {
				j++
			}
			if j-i >= 2 {
				part := fmt.Sprintf("%02d-%02d", weeks[i], weeks[j])
				if step > 1 {
					part += "/" + strconv.Itoa(step)
				}
				parts, i = append(parts, part), j+1
				continue
			}
		}
		parts, i = append(parts, fmt.Sprintf("%02d", weeks[i])), i+1
	}
	return strings.Join(parts, ",")
}

// osmTimes writes the day's slots as "09:00-12:00,14:00-17:00", overlapping slots merged.
func osmTimes(slots []Slot) string {
	ws := make([]window, 0, len(slots))
	for _, s := range slots {
		if s.End > s.Start {
			ws = append(ws, window{start: s.Start, end: s.End})
		}
	}
	slices.SortFunc(ws, func(a, b window) int { return cmp.Compare(a.start, b.start) })
	var parts []string
	for i := 0; i < len(ws); {
		start, end := ws[i].start, ws[i].end
		for i++; i < len(ws) && ws[i].start <= end; i++ {
			end = max(end, ws[i].end)
		}
		parts = append(parts, start.String()+"-"+end.String())
	}
	return strings.Join(parts, ",")
}

// groupDays writes one rule per distinct times, its weekdays as ranges: "Mo-We,Fr 09:00-12:00".
func groupDays(prefix string, times [8]string) []string {
	var rules []string
	done := [8]bool{}
	for d := Monday; d <= Sunday; d++ {
		if times[d] == "" || done[d] {
			continue
		}
		var days []Weekday
		for e := d; e <= Sunday; e++ {
			if times[e] == times[d] {
				days, done[e] = append(days, e), true
			}
		}
		rules = append(rules, prefix+osmDays(days)+" "+times[d])
	}
	return rules
}

func osmDays(days []Weekday) string {
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1] == days[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, osmDayNames[days[i]]+"-"+osmDayNames[days[j]])
		case j > i:
			parts = append(parts, osmDayNames[days[i]], osmDayNames[days[j]])
		default:
			parts = append(parts, osmDayNames[days[i]])
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// pentecostTimes are the Monday every-week times of the regular schedule without end.
func pentecostTimes(schedules []Schedule) string {
	for _, s := range schedules {
		if s.Kind == KindRegular && s.ValidTo.IsZero() {
			var monday []Slot
			for _, sl := range s.Slots {
				if sl.Weekday == Monday && sl.WeekRule.IsEvery() {
					monday = append(monday, sl)
				}
			}
			return osmTimes(monday)
		}
	}
	return ""
}
