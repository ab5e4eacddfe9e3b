package hours

import (
	"math/bits"
	"time"
)

// PrepareInput is what Prepare needs to build an EvaluationInput from stored data.
type PrepareInput struct {
	StructureID  string
	Today        Date // evaluation date: picks the regular schedule in force and the first real week
	Weeks        int  // real weeks to evaluate, from the week of Today; 0 means 12
	Layers       ResolveInput
	Agents       []Agent
	PartnerSocle *External
	Premises     *External
}

// Prepare resolves the typical week (TypicalWeek) and the real weeks from the week of Today (Resolve over the
// layers, holidays and exceptions applied) into an EvaluationInput. For an antenna, prepare its main site too and
// set MainSite from the result.
func Prepare(in PrepareInput) EvaluationInput {
	n := in.Weeks
	if n <= 0 {
		n = 12
	}
	out := EvaluationInput{StructureID: in.StructureID, Agents: in.Agents, PartnerSocle: in.PartnerSocle,
		Premises: in.Premises, TypicalWeek: TypicalWeek(in.Layers.Schedules, in.Today, in.Layers.Channel)}
	layers := in.Layers
	layers.From = in.Today.Monday()
	layers.To = layers.From.AddDays(7*n - 1)
	all := Resolve(layers)
	var holidays holidaySet
	if layers.ClosedOnHolidays {
		holidays = newHolidaySet(layers.Calendar, layers.HolidayOptions, layers.From.Year, layers.To.Year)
	}
	out.Weeks = make([]WeekIntervals, n)
	for i := range out.Weeks {
		monday := layers.From.AddDays(7 * i)
		w := WeekIntervals{Week: monday.ISOWeek()}
		for d := range 7 {
			if h, ok := holidays[monday.AddDays(d)]; ok {
				w.Holidays = append(w.Holidays, h)
			}
		}
		out.Weeks[i] = w
	}
	for _, iv := range all {
		if i := iv.Date.Sub(layers.From) / 7; i >= 0 && i < n {
			out.Weeks[i].Intervals = append(out.Weeks[i].Intervals, iv)
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
	var regular []Schedule
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
	for _, iv := range all {
		i := iv.Date.Sub(monday) / 7
		weeks[i] = append(weeks[i], iv)
	}
	best, bestTime, bestDays := 0, time.Duration(-1), 0
	for i, w := range weeks {
		t, days := openTime(w)
		if n := bits.OnesCount8(days); bestTime < 0 || t < bestTime || t == bestTime && n < bestDays {
			best, bestTime, bestDays = i, t, n
		}
	}
	return weeks[best]
}

func lcm(a, b int) int {
	x, y := a, b
	for y != 0 {
		x, y = y, x%y
	}
	return a / x * b
}
