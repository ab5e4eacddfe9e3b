package hours

import (
	"math/bits"
	"slices"
	"time"
)

// TypicalWeekOnly as PrepareInput.Weeks evaluates the typical week alone (the département report's default).
const TypicalWeekOnly = -1

// PrepareInput is what Prepare needs to build an EvaluationInput from stored data.
type PrepareInput struct {
	StructureID  string
	Today        Date // evaluation date: picks the regular schedule in force and the first real week
	Weeks        int  // real weeks to evaluate, from the week of Today; 0 means 12, TypicalWeekOnly none
	Layers       ResolveInput
	Agents       []Agent
	PartnerSocle *External
	Premises     *External
}

// Prepare resolves the typical week (TypicalWeek) and the real weeks from the week of Today (Resolve over the
// layers, holidays and exceptions applied) into an EvaluationInput. For an antenna, prepare its main site too and
// set MainSite from the result. The intervals of the weeks are windows on one array, and so are their holidays,
// each capped at its length: appending to a week copies it, changing an element in place changes only that week.
func Prepare(in PrepareInput) EvaluationInput {
	n := in.Weeks
	if n == 0 {
		n = 12
	}
	out := EvaluationInput{StructureID: in.StructureID, Agents: in.Agents, PartnerSocle: in.PartnerSocle,
		Premises: in.Premises, TypicalWeek: TypicalWeek(in.Layers.Schedules, in.Today, in.Layers.Channel)}
	if n < 0 {
		out.Weeks = []WeekIntervals{}
		return out
	}
	layers := in.Layers
	layers.From = in.Today.Monday()
	layers.To = layers.From.AddDays(7*n - 1)
	all := Resolve(layers)
	var holidays holidaySet
	if layers.ClosedOnHolidays {
		holidays = newHolidaySet(layers.Calendar, layers.HolidayOptions, layers.From.Year, layers.To.Year)
	}
	out.Weeks = make([]WeekIntervals, n)
	first := layers.From.days()
	var found []Holiday // the holidays of all the weeks, in date order, in one array
	if layers.ClosedOnHolidays {
		found = holidays.appendBetween(nil, first, first+7*n-1)
	}
	byWeek(all, layers.From, n, func(i int, ivs []Interval) { out.Weeks[i].Intervals = ivs })
	next := 0
	for i := range out.Weeks {
		monday := first + 7*i
		w := &out.Weeks[i]
		w.Week = dateFromDays(monday).ISOWeek()
		from := next
		for next < len(found) && found[next].Date.days() < monday+7 {
			next++
		}
		if next > from {
			w.Holidays = found[from:next:next]
		}
	}
	return out
}

// TypicalWeek expands, for each owner, the published regular schedule in force on date at (channel "" means
// accueil) over a neutral week: no holidays, no exceptions, no seasonal layer, wall-clock hours as they are (no
// daylight-saving change). When slots repeat on odd/even or every-n weeks, every week of the cycle (up to 52
// weeks) is expanded from the week of at and the weakest one (least open time, then fewest days) is the typical
// week: the rule asks for 24 h in every week, not on average.
func TypicalWeek(schedules []Schedule, at Date, channel Channel) []Interval {
	regular := make([]Schedule, 0, len(schedules))
	cycle := 1
	for _, s := range schedules {
		if s.Kind != KindRegular && s.Kind != "" || !s.ValidOn(at) {
			continue
		}
		s.ValidFrom, s.ValidTo = Date{}, Date{}
		regular = append(regular, s)
		for _, sl := range s.Slots {
			cycle = lcm(cycle, sl.WeekRule.cycle())
		}
	}
	cycle = min(cycle, 52)
	monday := at.Monday()
	all := Resolve(ResolveInput{From: monday, To: monday.AddDays(7*cycle - 1), Location: time.UTC, Schedules: regular,
		Channel: channel})
	if cycle == 1 {
		return all
	}
	weeks := make([][]Interval, cycle)
	byWeek(all, monday, cycle, func(i int, ivs []Interval) { weeks[i] = ivs })
	best, bestTime, bestDays := 0, time.Duration(-1), 0
	for i, w := range weeks {
		t, days := openTime(w)
		if n := bits.OnesCount8(days); bestTime < 0 || t < bestTime || t == bestTime && n < bestDays {
			best, bestTime, bestDays = i, t, n
		}
	}
	return slices.Clone(weeks[best]) // not a window on the whole cycle
}

// byWeek splits intervals sorted by start into the n weeks from monday (week i holds the dates monday + 7i to
// monday + 7i + 6; intervals of other dates are left out) and calls set with each week that has some. Sorted by
// start, the intervals of a week are one run: the weeks are windows on all, each capped at its length so that
// appending to one never writes into the next. Should the runs not follow each other (intervals built by hand),
// each week gets a copy instead.
func byWeek(all []Interval, monday Date, n int, set func(i int, ivs []Interval)) {
	first, from, current := monday.days(), 0, -1
	var date Date // of the previous interval, in week current
	for j := range all {
		if j > 0 && all[j].Date == date {
			continue
		}
		date = all[j].Date
		i := floorDiv(date.days()-first, 7)
		if i == current {
			continue
		}
		if i < max(current, 0) || i >= n {
			byWeekCopied(all, monday, n, set)
			return
		}
		if current >= 0 {
			set(current, all[from:j:j])
		}
		from, current = j, i
	}
	if current >= 0 {
		set(current, all[from:len(all):len(all)])
	}
}

func byWeekCopied(all []Interval, monday Date, n int, set func(i int, ivs []Interval)) {
	weeks := make([][]Interval, n)
	for _, iv := range all {
		if i := iv.Date.Sub(monday) / 7; i >= 0 && i < n {
			weeks[i] = append(weeks[i], iv)
		}
	}
	for i, w := range weeks {
		if w != nil {
			set(i, w)
		}
	}
}

func lcm(a, b int) int {
	x, y := a, b
	for y != 0 {
		x, y = y, x%y
	}
	return a / x * b
}
