package hours

import (
	"cmp"
	"slices"
	"sync"
	"time"
	_ "time/tzdata" // the overseas zones must resolve even on a host without a zoneinfo database
)

// DefaultLocation is Europe/Paris, the zone of metropolitan structures.
var DefaultLocation = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil { // cannot happen: time/tzdata is embedded
		panic(err)
	}
	return loc
})

// ResolveInput is what the resolver needs to expand the layers of one structure (its own schedules, its stops'
// and its permanences') into concrete intervals.
type ResolveInput struct {
	From, To   Date           // the days to expand, both included
	Location   *time.Location // the structure's zone; nil means Europe/Paris
	Schedules  []Schedule
	Exceptions []Exception
	// Calendar and HolidayOptions give the public holidays; with ClosedOnHolidays (the site's policy) the
	// structure is closed on them, unless an exception opens it.
	Calendar         Calendar
	HolidayOptions   HolidayOptions
	ClosedOnHolidays bool
	Channel          Channel // "" means accueil
	IncludeDrafts    bool    // preview: draft schedules count as if published
}

// Resolve expands the layers into intervals, sorted by start then owner. For each owner and each day, the
// governing schedule is the valid one of the highest layer (temporary > seasonal > regular), then of the highest
// priority (then the latest valid_from, then the smallest id, so the result is deterministic); its slots of that
// weekday whose week rule matches give the day's openings. Then public holidays close the day (policy), then
// exceptions apply in this order: replace, reduced, extra, closed. An exception of the structure applies to all
// its owners (stops, permanences); its extra or replacement slots belong to the structure.
//
// Overlapping openings of one owner on one day are counted once: they are cut at every boundary and each piece
// keeps the highest planned agents, the union of the named agents, and the access ("mixte" when they differ);
// equal neighbouring pieces are joined again.
//
// Wall-clock times become instants in the location. A time that does not exist (the hour skipped when clocks go
// forward) is moved to the instant of the change: 01:00–04:00 on the last Sunday of March in Paris lasts 2 h, and
// 02:30–04:00 becomes 03:00–04:00. A time that exists twice (when clocks go back) takes its first occurrence:
// 01:00–04:00 on the last Sunday of October lasts 4 h. An interval left empty by this is dropped.
func Resolve(in ResolveInput) []Interval {
	if in.To.Before(in.From) || in.From.IsZero() {
		return nil
	}
	loc := in.Location
	if loc == nil {
		loc = DefaultLocation()
	}
	owners := ownersOf(in)
	var holidays holidaySet
	if in.ClosedOnHolidays {
		holidays = newHolidaySet(in.Calendar, in.HolidayOptions, in.From.Year, in.To.Year)
	}
	exceptions := exceptionsIn(in.Exceptions, in.From, in.To)
	zw := zoneWalker{loc: loc}
	out := make([]Interval, 0, in.To.Sub(in.From)*2+4)
	var scratch []window
	for d := in.From; !d.After(in.To); d = d.AddDays(1) {
		_, holiday := holidays[d]
		for i := range owners {
			o := &owners[i]
			scratch = o.dayWindows(scratch[:0], d, holiday)
			scratch = applyExceptions(scratch, exceptions, o.owner, d)
			if len(scratch) == 0 {
				continue
			}
			for _, w := range normalise(scratch) {
				if iv, ok := zw.interval(d, w, o.owner); ok {
					out = append(out, iv)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	return out
}

// ownerLayers are the schedules of one owner, the strongest first.
type ownerLayers struct {
	owner     Owner
	schedules []Schedule
}

func ownersOf(in ResolveInput) []ownerLayers {
	channel := in.Channel
	if channel == "" {
		channel = ChannelAccueil
	}
	var owners []ownerLayers
	find := func(o Owner) *ownerLayers {
		for i := range owners {
			if owners[i].owner == o {
				return &owners[i]
			}
		}
		owners = append(owners, ownerLayers{owner: o})
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

// window is an opening on the wall clock of one day, before it becomes an Interval.
type window struct {
	start, end  Clock
	agents      int
	ids         []string
	access      Access
	stop        string
	source      Source
	scheduleID  string
	exceptionID string
}

func slotWindow(s Slot, source Source, scheduleID, exceptionID string) window {
	access := s.Access
	if access == "" {
		access = AccessSansRDV
	}
	return window{start: s.Start, end: s.End, agents: s.Agents(), ids: s.AgentIDs, access: access, stop: s.StopID,
		source: source, scheduleID: scheduleID, exceptionID: exceptionID}
}

func (o *ownerLayers) dayWindows(dst []window, d Date, holiday bool) []window {
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
				dst = append(dst, slotWindow(slot, source, s.ID, ""))
			}
		}
		return dst // the strongest valid schedule governs the whole day
	}
	return dst
}

var exceptionOrder = map[ExceptionType]int{ExceptionReplace: 0, ExceptionReduced: 1, ExceptionExtra: 2, ExceptionClosed: 3}

func exceptionsIn(all []Exception, from, to Date) []Exception {
	var out []Exception
	for _, e := range all {
		if !e.To.Before(from) && !e.From.After(to) {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b Exception) int {
		return cmp.Compare(exceptionOrder[a.Type], exceptionOrder[b.Type])
	})
	return out
}

func applyExceptions(ws []window, exceptions []Exception, o Owner, d Date) []window {
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
				ws = appendExceptionSlots(ws, e, d)
			}
		case ExceptionExtra:
			if own {
				ws = appendExceptionSlots(ws, e, d)
			}
		case ExceptionReduced:
			ws = intersect(ws, e, d)
		}
	}
	return ws
}

func appendExceptionSlots(ws []window, e Exception, d Date) []window {
	for _, s := range e.Slots {
		if (s.Weekday == 0 || s.Weekday == d.Weekday()) && s.End > s.Start {
			ws = append(ws, slotWindow(s, SourceException, "", e.ID))
		}
	}
	return ws
}

func intersect(ws []window, e Exception, d Date) []window {
	var out []window
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

// normalise sorts the windows and makes overlapping ones count once (see Resolve).
func normalise(ws []window) []window {
	slices.SortFunc(ws, func(a, b window) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
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
	var out []window
	for i := 0; i+1 < len(bounds); i++ {
		piece, covered := window{start: bounds[i], end: bounds[i+1]}, false
		for _, w := range ws {
			if w.start > piece.start || w.end < piece.end {
				continue
			}
			piece = mergeInto(piece, w, covered)
			covered = true
		}
		if !covered {
			continue
		}
		if n := len(out); n > 0 && out[n-1].end == piece.start && sameAttributes(out[n-1], piece) {
			out[n-1].end = piece.end
			continue
		}
		out = append(out, piece)
	}
	return out
}

func mergeInto(piece, w window, covered bool) window {
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

func sameAttributes(a, b window) bool {
	return a.agents == b.agents && a.access == b.access && a.stop == b.stop && a.source == b.source &&
		a.scheduleID == b.scheduleID && a.exceptionID == b.exceptionID && slices.Equal(a.ids, b.ids)
}
