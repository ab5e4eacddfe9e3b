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
	buf := resolvePool.Get().(*resolveBuffers)
	ivs := buf.resolve(in)
	out := make([]Interval, len(ivs))
	copy(out, ivs)
	buf.release()
	return out
}

// resolveBuffers are the working slices of one resolution, reused across calls (resolvePool): the intervals are
// gathered there and copied once, at their final count, into the result. (Going over the days twice, to count
// and then to write in place, measured slower than this copy.)
type resolveBuffers struct {
	intervals  []Interval
	pieces     []window // normalise
	bounds     []Clock  // normalise
	owners     []ownerLayers
	owned      []ownedSchedule // ownersOf
	layers     []layer         // ownersOf
	slots      []int32         // ownersOf
	exceptions []Exception     // of the resolution, in the order they apply
	spans      []dayRange      // of the exceptions
}

var resolvePool = sync.Pool{New: func() any { return new(resolveBuffers) }}

// maxPooledIntervals bounds what the pool keeps: a resolution over years does not pin its buffer.
const maxPooledIntervals = 4096

func (b *resolveBuffers) release() {
	clear(b.intervals) // drop the references to the caller's data (each use clears what it wrote)
	clear(b.pieces[:cap(b.pieces)])
	clear(b.owners[:cap(b.owners)])
	clear(b.owned[:cap(b.owned)])
	clear(b.layers[:cap(b.layers)])
	b.exceptions = nil
	if cap(b.intervals) <= maxPooledIntervals {
		resolvePool.Put(b)
	}
}

func (b *resolveBuffers) resolve(in ResolveInput) []Interval {
	loc := in.Location
	if loc == nil {
		loc = DefaultLocation()
	}
	owners := b.ownersOf(in)
	var holidays holidaySet
	if in.ClosedOnHolidays {
		holidays = newHolidaySet(in.Calendar, in.HolidayOptions, in.From.Year, in.To.Year)
	}
	b.exceptions = exceptionsIn(in.Exceptions, in.From, in.To)
	b.spans = b.spans[:0]
	for _, e := range b.exceptions {
		b.spans = append(b.spans, newDayRange(e.From, e.To))
	}
	zw := zoneWalker{loc: loc}
	// The windows of a day start on the stack: writing them there costs no write barrier while the collector runs.
	var stack [16]window
	out, ws := b.intervals[:0], stack[:0]
	var day resolveDay
	for n, last := in.From.days(), in.To.days(); n <= last; n++ {
		day.set(n)
		holiday := holidays.has(n)
		for i := range owners {
			out, ws = b.expand(out, ws[:0], &owners[i], &day, holiday, &zw)
		}
	}
	b.intervals = out
	if !sortedByStart(out) {
		slices.SortStableFunc(out, byStart)
	}
	return out
}

// expand appends the intervals of owner o on the day; ws is room for its windows. On a day no exception touches,
// slots that do not overlap become intervals directly (appendSlots); otherwise the windows of the day go through
// the exceptions and normalise.
func (b *resolveBuffers) expand(out []Interval, ws []window, o *ownerLayers, day *resolveDay, holiday bool,
	zw *zoneWalker) ([]Interval, []window) {
	if !b.touches(o.owner, day) {
		l := o.governing(day)
		if holiday || l == nil {
			return out, ws
		}
		if l.disjoint&(1<<day.weekday) != 0 {
			return o.appendSlots(out, zw, day, l), ws
		}
	}
	ws = o.dayWindows(ws, day, holiday)
	ws = applyExceptions(ws, b.exceptions, o.owner, day.date)
	if len(ws) == 0 {
		return out, ws
	}
	pieces := b.normalise(ws)
	for k := range pieces {
		out = zw.appendInterval(out, day.date, &pieces[k], o.owner)
	}
	return out, ws
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

func slotWindow(s *Slot, source Source, scheduleID, exceptionID string) window {
	access := s.Access
	if access == "" {
		access = AccessSansRDV
	}
	return window{start: s.Start, end: s.End, agents: s.Agents(), ids: s.AgentIDs, access: access, stop: s.StopID,
		source: source, scheduleID: scheduleID, exceptionID: exceptionID}
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

// dayRange is a range of days (see daySpan).
type dayRange struct {
	from, to int
	exact    bool
}

func newDayRange(from, to Date) dayRange {
	s := dayRange{}
	s.from, s.to, s.exact = daySpan(from, to)
	return s
}

// touches tells whether one of the exceptions of the resolution applies to owner o on the day.
func (b *resolveBuffers) touches(o Owner, day *resolveDay) bool {
	for i := range b.exceptions {
		e, s := &b.exceptions[i], &b.spans[i]
		within := s.exact && day.days >= s.from && day.days <= s.to ||
			!s.exact && !day.date.Before(e.From) && !day.date.After(e.To)
		if within && (e.Owner == o || e.Owner.Kind == OwnerStructure) {
			return true
		}
	}
	return false
}

func applyExceptions(ws []window, exceptions []Exception, o Owner, d Date) []window {
	for i := range exceptions {
		e := &exceptions[i]
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

func appendExceptionSlots(ws []window, e *Exception, d Date) []window {
	for i, s := range e.Slots {
		if (s.Weekday == 0 || s.Weekday == d.Weekday()) && s.End > s.Start {
			ws = append(ws, slotWindow(&e.Slots[i], SourceException, "", e.ID))
		}
	}
	return ws
}

func intersect(ws []window, e *Exception, d Date) []window {
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

// normalise sorts the windows and makes overlapping ones count once (see Resolve). The pieces it returns are
// valid until its next call.
func (b *resolveBuffers) normalise(ws []window) []window {
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
	bounds := b.bounds[:0]
	for _, w := range ws {
		bounds = append(bounds, w.start, w.end)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	out := b.pieces[:0]
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
	b.bounds, b.pieces = bounds, out
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
