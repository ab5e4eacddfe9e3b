package hours

import (
	"cmp"
	"math/bits"
	"slices"
	"time"
)

// This file keeps the straightforward resolver (the algorithm as first written: a map of holidays rebuilt per
// call, one Date step per day, every instant through wallInstant) as the reference the optimised Resolve and
// Prepare are compared with on generated inputs (equivalence_test.go).

// refResolve is Resolve as specified on it.
func refResolve(in ResolveInput) []Interval {
	if in.To.Before(in.From) || in.From.IsZero() {
		return nil
	}
	loc := in.Location
	if loc == nil {
		loc = DefaultLocation()
	}
	owners := refOwnersOf(in)
	var holidays refHolidaySet
	if in.ClosedOnHolidays {
		holidays = refNewHolidaySet(in.Calendar, in.HolidayOptions, in.From.Year, in.To.Year)
	}
	exceptions := refExceptionsIn(in.Exceptions, in.From, in.To)
	out := []Interval{}
	var scratch []refWindow
	for d := in.From; !d.After(in.To); d = d.AddDays(1) {
		_, holiday := holidays[d]
		for i := range owners {
			o := &owners[i]
			scratch = o.refDayWindows(scratch[:0], d, holiday)
			scratch = refApplyExceptions(scratch, exceptions, o.owner, d)
			if len(scratch) == 0 {
				continue
			}
			for _, w := range refNormalise(scratch) {
				if iv, ok := refInterval(d, w, o.owner, loc); ok {
					out = append(out, iv)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	return out
}

// refOwnerLayers are the schedules of one owner, the strongest first.
type refOwnerLayers struct {
	owner     Owner
	schedules []Schedule
}

func refOwnersOf(in ResolveInput) []refOwnerLayers {
	channel := in.Channel
	if channel == "" {
		channel = ChannelAccueil
	}
	var owners []refOwnerLayers
	find := func(o Owner) *refOwnerLayers {
		for i := range owners {
			if owners[i].owner == o {
				return &owners[i]
			}
		}
		owners = append(owners, refOwnerLayers{owner: o})
		return &owners[len(owners)-1]
	}
	for _, s := range in.Schedules {
		if s.channel() != channel || s.Status != StatusPublished && !in.IncludeDrafts {
			continue
		}
		if !s.ValidTo.IsZero() && s.ValidTo.Before(in.From) || !s.ValidFrom.IsZero() && s.ValidFrom.After(in.To) {
			continue
		}
		o := find(s.Owner)
		o.schedules = append(o.schedules, s)
	}
	for _, e := range in.Exceptions {
		if e.Type == ExceptionExtra || e.Type == ExceptionReplace {
			find(e.Owner)
		}
	}
	for i := range owners {
		slices.SortStableFunc(owners[i].schedules, func(a, b Schedule) int {
			return cmp.Or(cmp.Compare(b.Kind.rank(), a.Kind.rank()), cmp.Compare(b.Priority, a.Priority),
				b.ValidFrom.Compare(a.ValidFrom), cmp.Compare(a.ID, b.ID))
		})
	}
	return owners
}

// refWindow is an opening on the wall clock of one day, before it becomes an Interval.
type refWindow struct {
	start, end  Clock
	agents      int
	ids         []string
	access      Access
	stop        string
	source      Source
	scheduleID  string
	exceptionID string
}

func refSlotWindow(s Slot, source Source, scheduleID, exceptionID string) refWindow {
	access := s.Access
	if access == "" {
		access = AccessSansRDV
	}
	return refWindow{start: s.Start, end: s.End, agents: s.Agents(), ids: s.AgentIDs, access: access, stop: s.StopID,
		source: source, scheduleID: scheduleID, exceptionID: exceptionID}
}

func (o *refOwnerLayers) refDayWindows(dst []refWindow, d Date, holiday bool) []refWindow {
	if holiday {
		return dst
	}
	wd := d.Weekday()
	for _, s := range o.schedules {
		if !s.ValidOn(d) {
			continue
		}
		source := Source(s.Kind)
		if s.Kind == "" {
			source = SourceRegular
		}
		for _, slot := range s.Slots {
			if slot.Weekday == wd && slot.WeekRule.Matches(d) && slot.End > slot.Start {
				dst = append(dst, refSlotWindow(slot, source, s.ID, ""))
			}
		}
		return dst // the strongest valid schedule governs the whole day
	}
	return dst
}

var refExceptionOrder = map[ExceptionType]int{ExceptionReplace: 0, ExceptionReduced: 1, ExceptionExtra: 2, ExceptionClosed: 3}

func refExceptionsIn(all []Exception, from, to Date) []Exception {
	var out []Exception
	for _, e := range all {
		if !e.To.Before(from) && !e.From.After(to) {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b Exception) int {
		return cmp.Compare(refExceptionOrder[a.Type], refExceptionOrder[b.Type])
	})
	return out
}

func refApplyExceptions(ws []refWindow, exceptions []Exception, o Owner, d Date) []refWindow {
	for _, e := range exceptions {
		if d.Before(e.From) || d.After(e.To) || e.Owner != o && e.Owner.Kind != OwnerStructure {
			continue
		}
		own := e.Owner == o
		switch e.Type {
		case ExceptionClosed:
			ws = ws[:0]
		case ExceptionReplace:
			ws = ws[:0]
			if own {
				ws = refAppendExceptionSlots(ws, e, d)
			}
		case ExceptionExtra:
			if own {
				ws = refAppendExceptionSlots(ws, e, d)
			}
		case ExceptionReduced:
			ws = refIntersect(ws, e, d)
		}
	}
	return ws
}

func refAppendExceptionSlots(ws []refWindow, e Exception, d Date) []refWindow {
	for _, s := range e.Slots {
		if (s.Weekday == 0 || s.Weekday == d.Weekday()) && s.End > s.Start {
			ws = append(ws, refSlotWindow(s, SourceException, "", e.ID))
		}
	}
	return ws
}

func refIntersect(ws []refWindow, e Exception, d Date) []refWindow {
	var out []refWindow
	for _, w := range ws {
		for _, s := range e.Slots {
			if s.Weekday != 0 && s.Weekday != d.Weekday() {
				continue
			}
			start, end := max(w.start, s.Start), min(w.end, s.End)
			if end > start {
				cut := w
				cut.start, cut.end, cut.exceptionID = start, end, e.ID
				out = append(out, cut)
			}
		}
	}
	return append(ws[:0], out...)
}

// refNormalise sorts the windows and makes overlapping ones count once (see refResolve).
func refNormalise(ws []refWindow) []refWindow {
	slices.SortFunc(ws, func(a, b refWindow) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
	overlap := false
	for i := 1; i < len(ws); i++ {
		if ws[i].start < ws[i-1].end {
			overlap = true
			break
		}
	}
	if !overlap {
		return ws
	}
	bounds := make([]Clock, 0, 2*len(ws))
	for _, w := range ws {
		bounds = append(bounds, w.start, w.end)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	var out []refWindow
	for i := 0; i+1 < len(bounds); i++ {
		piece, covered := refWindow{start: bounds[i], end: bounds[i+1]}, false
		for _, w := range ws {
			if w.start > piece.start || w.end < piece.end {
				continue
			}
			piece = refMergeInto(piece, w, covered)
			covered = true
		}
		if !covered {
			continue
		}
		if n := len(out); n > 0 && out[n-1].end == piece.start && refSameAttributes(out[n-1], piece) {
			out[n-1].end = piece.end
			continue
		}
		out = append(out, piece)
	}
	return out
}

func refMergeInto(piece, w refWindow, covered bool) refWindow {
	if !covered {
		w.start, w.end = piece.start, piece.end
		w.ids = slices.Clone(w.ids)
		return w
	}
	piece.agents = max(piece.agents, w.agents)
	for _, id := range w.ids {
		if !slices.Contains(piece.ids, id) {
			piece.ids = append(piece.ids, id)
		}
	}
	if piece.access != w.access {
		piece.access = AccessMixte
	}
	if w.source == SourceException {
		piece.source, piece.exceptionID = w.source, w.exceptionID
	}
	return piece
}

func refSameAttributes(a, b refWindow) bool {
	return a.agents == b.agents && a.access == b.access && a.stop == b.stop && a.source == b.source &&
		a.scheduleID == b.scheduleID && a.exceptionID == b.exceptionID && slices.Equal(a.ids, b.ids)
}

// refInterval is the interval of window w on day d, each bound through wallInstant (no zone walker).
func refInterval(d Date, w refWindow, o Owner, loc *time.Location) (Interval, bool) {
	start, end := wallInstant(d, w.start, loc), wallInstant(d, w.end, loc)
	if !end.After(start) {
		return Interval{}, false
	}
	stop := w.stop
	if stop == "" && o.Kind == OwnerStop {
		stop = o.ID
	}
	return Interval{Start: start, End: end, Date: d, Owner: o, StopID: stop, PlannedAgents: w.agents,
		AgentIDs: w.ids, Access: w.access, Source: w.source, ScheduleID: w.scheduleID, ExceptionID: w.exceptionID}, true
}

// refHolidaySet is the holidays of a calendar over a span of years, by date.
type refHolidaySet map[Date]Holiday

func refNewHolidaySet(c Calendar, opts HolidayOptions, fromYear, toYear int) refHolidaySet {
	set := refHolidaySet{}
	for y := fromYear; y <= toYear; y++ {
		for _, h := range Holidays(c, y, opts) {
			if _, dup := set[h.Date]; !dup { // two holidays on one day (Ascension on 1 May): the first name wins
				set[h.Date] = h
			}
		}
	}
	return set
}

// refPrepare is Prepare as specified on it.
func refPrepare(in PrepareInput) EvaluationInput {
	n := in.Weeks
	if n <= 0 {
		n = 12
	}
	out := EvaluationInput{StructureID: in.StructureID, Agents: in.Agents, PartnerSocle: in.PartnerSocle,
		Premises: in.Premises, TypicalWeek: refTypicalWeek(in.Layers.Schedules, in.Today, in.Layers.Channel)}
	layers := in.Layers
	layers.From = in.Today.Monday()
	layers.To = layers.From.AddDays(7*n - 1)
	all := refResolve(layers)
	var holidays refHolidaySet
	if layers.ClosedOnHolidays {
		holidays = refNewHolidaySet(layers.Calendar, layers.HolidayOptions, layers.From.Year, layers.To.Year)
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

// refTypicalWeek expands, for each owner, the published regular schedule in force on date at (channel "" means
// accueil) over a neutral week: no holidays, no exceptions, no seasonal layer, wall-clock hours as they are (no
// daylight-saving change). When slots repeat on odd/even or every-n weeks, every week of the cycle (up to 52
// weeks) is expanded from the week of at and the weakest one (least open time, then fewest days) is the typical
// week: the rule asks for 24 h in every week, not on average.
func refTypicalWeek(schedules []Schedule, at Date, channel Channel) []Interval {
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
	all := refResolve(ResolveInput{From: monday, To: monday.AddDays(7*cycle - 1), Location: time.UTC, Schedules: regular,
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
		t, days := refOpenTime(w)
		if n := bits.OnesCount8(days); bestTime < 0 || t < bestTime || t == bestTime && n < bestDays {
			best, bestTime, bestDays = i, t, n
		}
	}
	return weeks[best]
}
