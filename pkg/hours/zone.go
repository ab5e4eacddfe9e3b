package hours

import (
	"math"
	"slices"
	"time"
)

// zoneWalker turns wall-clock times of successive days into instants. On a day without a change of UTC offset
// (nearly all of them) it is plain arithmetic; around a change it falls back to wallInstant.
type zoneWalker struct {
	loc          *time.Location
	offset       int64 // seconds east of UTC of the current zone period
	start, end   int64 // the current zone period, Unix seconds [start, end)
	initialised  bool
	lastDay      Date
	lastUniform  bool
	lastMidnight int64
}

// day tells whether d has one UTC offset from 00:00 to 24:00 and, if so, the Unix time of its midnight. 24:00
// itself must fall before the end of the zone period: when clocks go back at midnight (America/Santiago), the
// wall clock shows 24:00 (00:00 of the next day) only one hour after the change.
func (z *zoneWalker) day(d Date) (midnight int64, uniform bool) {
	if z.initialised && d == z.lastDay {
		return z.lastMidnight, z.lastUniform
	}
	base := int64(d.days()) * 86400
	for range 2 {
		m := base - z.offset
		if z.initialised && m >= z.start && m+86400 < z.end {
			z.lastDay, z.lastMidnight, z.lastUniform = d, m, true
			return m, true
		}
		t := time.Unix(m, 0).In(z.loc)
		_, off := t.Zone()
		s, e := t.ZoneBounds()
		z.offset, z.start, z.end, z.initialised = int64(off), math.MinInt64, math.MaxInt64, true
		if !s.IsZero() {
			z.start = s.Unix()
		}
		if !e.IsZero() {
			z.end = e.Unix()
		}
	}
	z.lastDay, z.lastUniform = d, false
	return 0, false
}

func (z *zoneWalker) instant(d Date, c Clock) time.Time {
	if m, ok := z.day(d); ok {
		return time.Unix(m+int64(c)*60, 0).In(z.loc)
	}
	return wallInstant(d, c, z.loc)
}

// appendInterval appends the interval of window w on day d, unless the change of time leaves it empty. It is
// written in place: an Interval is large, and copies of it were most of the resolver's time.
func (z *zoneWalker) appendInterval(out []Interval, d Date, w *window, o Owner) []Interval {
	start, end := z.instant(d, w.start), z.instant(d, w.end)
	if !end.After(start) {
		return out
	}
	out = slices.Grow(out, 1)
	out = out[:len(out)+1]
	iv := &out[len(out)-1]
	iv.Start, iv.End, iv.Date, iv.Owner, iv.StopID, iv.PlannedAgents = start, end, d, o, w.stop, w.agents
	if iv.StopID == "" && o.Kind == OwnerStop {
		iv.StopID = o.ID
	}
	iv.AgentIDs, iv.Access, iv.Source, iv.ScheduleID, iv.ExceptionID = w.ids, w.access, w.source, w.scheduleID, w.exceptionID
	return out
}

// wallInstant is the instant the wall clock of loc shows c on day d. A time skipped by a change of offset maps to
// the instant of the change; a time shown twice maps to its first occurrence.
func wallInstant(d Date, c Clock, loc *time.Location) time.Time {
	wall := int64(d.days())*86400 + int64(c)*60 // the wall time read as if it were UTC
	offBefore := offsetAt(wall-86400, loc)
	offAfter := offsetAt(wall+86400, loc)
	u1, u2 := wall-offBefore, wall-offAfter
	ok1, ok2 := offsetAt(u1, loc) == offBefore, offsetAt(u2, loc) == offAfter
	switch {
	case ok1 && ok2:
		return time.Unix(min(u1, u2), 0).In(loc)
	case ok1:
		return time.Unix(u1, 0).In(loc)
	case ok2:
		return time.Unix(u2, 0).In(loc)
	}
	// In a gap: u2 (read with the later, larger offset) falls before the change; its zone period ends at it.
	if _, end := time.Unix(min(u1, u2), 0).In(loc).ZoneBounds(); !end.IsZero() {
		return end.In(loc)
	}
	return time.Date(d.Year, d.Month, d.Day, int(c)/60, int(c)%60, 0, 0, loc)
}

func offsetAt(unix int64, loc *time.Location) int64 {
	_, off := time.Unix(unix, 0).In(loc).Zone()
	return int64(off)
}
