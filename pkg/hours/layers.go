package hours

import (
	"cmp"
	"math"
	"slices"
)

// The layers of each owner, and the windows they open on one day.

// resolveDay is the day being resolved, with what the week rules read of it.
type resolveDay struct {
	days    int // since 1970-01-01
	date    Date
	weekday Weekday
	monday  int // days since 1970-01-01 of the Monday of its ISO week
	week    int // ISO week number
}

// set moves to the day n days after 1970-01-01; the ISO week is computed again only when the week changes.
func (d *resolveDay) set(n int) {
	if n == d.days+1 && d.date.Day < 28 && d.week != 0 {
		d.date.Day++ // the same month
	} else {
		d.date = dateFromDays(n)
	}
	d.days = n
	d.weekday = Weekday(mod(n+3, 7) + 1)
	if monday := n + 1 - int(d.weekday); monday != d.monday || d.week == 0 {
		d.monday, d.week = monday, d.date.ISOWeek().Week
	}
}

// matches is WeekRule.Matches for the day.
func (d *resolveDay) matches(r WeekRule) bool {
	switch r.Kind {
	case WeekOdd:
		return d.week%2 == 1
	case WeekEven:
		return d.week%2 == 0
	case WeekEveryN:
		return r.Matches(d.date)
	}
	return true
}

// ownerLayers are the schedules of one owner, the strongest first.
type ownerLayers struct {
	owner     Owner
	schedules []layer
}

// layer is a schedule with its slots indexed by weekday: the positions in Slots of the slots of weekday d are
// slots[first[d]:first[d+1]] in their order, and sorted[first[d]:first[d+1]] by start then end.
type layer struct {
	schedule *Schedule // into ResolveInput.Schedules
	from, to int       // the validity in days since 1970-01-01 (see validOn)
	exact    bool      // from and to are set: the validity bounds are normalised dates, or zero
	source   Source
	slots    []int32
	sorted   []int32
	first    [9]int32
	disjoint uint8 // bit d: the slots of weekday d do not overlap (each starts at or after the end of the previous)
}

// ownersOf sorts out the layers of each owner, in the buffers of b.
func (b *resolveBuffers) ownersOf(in ResolveInput) []ownerLayers {
	channel := in.Channel
	if channel == "" {
		channel = ChannelAccueil
	}
	owners := b.owners[:0]
	find := func(o Owner) int {
		for i := range owners {
			if owners[i].owner == o {
				return i
			}
		}
		owners = append(owners, ownerLayers{owner: o})
		return len(owners) - 1
	}
	layers := b.owned[:0]
	for i := range in.Schedules {
		s := &in.Schedules[i]
		if s.channel() != channel || s.Status != StatusPublished && !in.IncludeDrafts {
			continue
		}
		if !s.ValidTo.IsZero() && s.ValidTo.Before(in.From) || !s.ValidFrom.IsZero() && s.ValidFrom.After(in.To) {
			continue
		}
		layers = append(layers, ownedSchedule{find(s.Owner), s})
	}
	for _, e := range in.Exceptions {
		if e.Type == ExceptionExtra || e.Type == ExceptionReplace {
			find(e.Owner)
		}
	}
	b.owners, b.owned = owners, layers
	b.group(owners, layers)
	return owners
}

// group gives each owner its layers, the strongest first, with their slots indexed. layers come in the order of
// ResolveInput.Schedules.
func (b *resolveBuffers) group(owners []ownerLayers, layers []ownedSchedule) {
	// By owner, then the strongest first; stable, so equal schedules keep their order.
	slices.SortStableFunc(layers, func(x, y ownedSchedule) int {
		sx, sy := x.schedule, y.schedule
		return cmp.Or(cmp.Compare(x.owner, y.owner), cmp.Compare(sy.Kind.rank(), sx.Kind.rank()),
			cmp.Compare(sy.Priority, sx.Priority), sy.ValidFrom.Compare(sx.ValidFrom), cmp.Compare(sx.ID, sy.ID))
	})
	sorted := slices.Grow(b.layers[:0], len(layers))[:len(layers)]
	slots := 0
	for _, l := range layers {
		slots += len(l.schedule.Slots)
	}
	index := slices.Grow(b.slots[:0], 2*slots)[:2*slots] // the slots of every layer, twice, in one array
	b.layers, b.slots = sorted, index
	for i, l := range layers {
		n := len(l.schedule.Slots)
		sorted[i] = newLayer(l.schedule, index[:n:n], index[n:2*n:2*n])
		index = index[2*n:]
	}
	for i := 0; i < len(layers); {
		j := i + 1
		for j < len(layers) && layers[j].owner == layers[i].owner {
			j++
		}
		owners[layers[i].owner].schedules = sorted[i:j:j]
		i = j
	}
}

// newLayer indexes the slots of s by weekday into slots and sorted (each len(s.Slots) long); slots of no weekday
// are left out.
func newLayer(s *Schedule, slots, sorted []int32) layer {
	l := layer{schedule: s, source: Source(s.Kind)}
	if s.Kind == "" {
		l.source = SourceRegular
	}
	l.from, l.to, l.exact = daySpan(s.ValidFrom, s.ValidTo)
	for _, sl := range s.Slots {
		if sl.Weekday.Valid() {
			l.first[sl.Weekday+1]++ // counts first
		}
	}
	for d := Monday; d <= Sunday; d++ {
		l.first[d+1] += l.first[d] // then the slots before weekday d+1
	}
	next := l.first
	for j, sl := range s.Slots {
		if sl.Weekday.Valid() {
			slots[next[sl.Weekday]] = int32(j)
			next[sl.Weekday]++
		}
	}
	l.slots, l.sorted = slots[:l.first[Sunday+1]], sorted[:l.first[Sunday+1]]
	copy(l.sorted, l.slots)
	for d := Monday; d <= Sunday; d++ {
		day := l.sorted[l.first[d]:l.first[d+1]]
		slices.SortStableFunc(day, func(a, b int32) int {
			return cmp.Or(cmp.Compare(s.Slots[a].Start, s.Slots[b].Start), cmp.Compare(s.Slots[a].End, s.Slots[b].End))
		})
		if disjoint(s.Slots, day) {
			l.disjoint |= 1 << d
		}
	}
	return l
}

// disjoint tells whether the slots at the positions sorted, by start then end, do not overlap (empty ones aside).
func disjoint(slots []Slot, sorted []int32) bool {
	end := Clock(-1)
	for _, j := range sorted {
		s := &slots[j]
		if s.End <= s.Start {
			continue
		}
		if s.Start < end {
			return false
		}
		end = s.End
	}
	return true
}

// governing is the strongest layer valid on the day, nil if none.
func (o *ownerLayers) governing(day *resolveDay) *layer {
	for i := range o.schedules {
		if l := &o.schedules[i]; l.exact && day.days >= l.from && day.days <= l.to || !l.exact && l.schedule.ValidOn(day.date) {
			return l
		}
	}
	return nil
}

// daySpan is [from, to] in days since 1970-01-01, a zero bound being open, when both bounds are normalised dates
// (Date.Compare, which Within uses, orders them as their days; not so a 31 February): exact is false otherwise.
func daySpan(from, to Date) (first, last int, exact bool) {
	first, last = math.MinInt, math.MaxInt
	if !from.IsZero() {
		first = from.days()
	}
	if !to.IsZero() {
		last = to.days()
	}
	exact = (from.IsZero() || dateFromDays(first) == from) && (to.IsZero() || dateFromDays(last) == to)
	return first, last, exact
}

// ownedSchedule is a schedule and the position of its owner in ownersOf.
type ownedSchedule struct {
	owner    int
	schedule *Schedule
}

func (o *ownerLayers) dayWindows(dst []window, day *resolveDay, holiday bool) []window {
	if holiday {
		return dst
	}
	l := o.governing(day) // the strongest valid schedule governs the whole day
	if l == nil {
		return dst
	}
	wd := day.weekday
	for _, j := range l.slots[l.first[wd]:l.first[wd+1]] {
		slot := &l.schedule.Slots[j]
		if slot.End > slot.Start && day.matches(slot.WeekRule) {
			dst = append(dst, slotWindow(slot, l.source, l.schedule.ID, ""))
		}
	}
	return dst
}

// appendSlots appends the intervals of the slots of l on the day, for a day where no exception applies and the
// slots do not overlap: what dayWindows, applyExceptions and normalise would give, without their windows.
func (o *ownerLayers) appendSlots(out []Interval, z *zoneWalker, day *resolveDay, l *layer) []Interval {
	s := l.schedule
	for _, j := range l.sorted[l.first[day.weekday]:l.first[day.weekday+1]] {
		slot := &s.Slots[j]
		if slot.End <= slot.Start || !day.matches(slot.WeekRule) {
			continue
		}
		start, end := z.instant(day.date, slot.Start), z.instant(day.date, slot.End)
		if !end.After(start) {
			continue
		}
		out = slices.Grow(out, 1)
		out = out[:len(out)+1]
		iv := &out[len(out)-1]
		iv.Start, iv.End, iv.Date, iv.Owner, iv.StopID, iv.PlannedAgents = start, end, day.date, o.owner, slot.StopID, slot.Agents()
		if iv.StopID == "" && o.owner.Kind == OwnerStop {
			iv.StopID = o.owner.ID
		}
		iv.AgentIDs, iv.Access, iv.Source, iv.ScheduleID, iv.ExceptionID = slot.AgentIDs, slot.Access, l.source, s.ID, ""
		if iv.Access == "" {
			iv.Access = AccessSansRDV
		}
	}
	return out
}
