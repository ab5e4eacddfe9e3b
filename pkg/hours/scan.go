package hours

import (
	"math"
	"time"
)

// weekScan is what one pass over the intervals of a week tells the four weekly criteria; they go over the
// intervals again only to list failing slots.
type weekScan struct {
	open            time.Duration // real open time, overlaps counted once (openTime)
	days            uint8         // open weekdays, bit d for weekday d (openTime)
	lowestPlanned   int           // lowest planned count above 0, -1 when there is none
	plannedFindings bool          // some interval has no planned count or fewer planned agents than needed
	named           bool          // some interval names its agents
}

// scanWeek reads ivs once. Instants are compared as Unix nanoseconds; when the intervals are not sorted by start
// (given by hand, a main site's added) or lie outside the years unixNano covers, the open time and days come from
// openTime instead.
func scanWeek(ivs []Interval, need int) weekScan {
	s := weekScan{lowestPlanned: -1}
	fast := true
	prev, end := int64(math.MinInt64), int64(math.MinInt64) // the previous start, the end of the time counted
	var date Date                                           // of the previous interval, whose weekday is wd
	var wd Weekday
	for i := range ivs {
		iv := &ivs[i]
		start, ok1 := unixNano(iv.Start)
		stop, ok2 := unixNano(iv.End)
		fast = fast && ok1 && ok2 && start >= prev
		if fast {
			prev = start
			if from := max(start, end); stop > from {
				s.open += time.Duration(stop - from)
				end = stop
			}
			if iv.Date != date || wd == 0 {
				date, wd = iv.Date, iv.Date.Weekday()
			}
			if stop > start {
				s.days |= 1 << wd
			}
		}
		n := iv.PlannedAgents
		s.plannedFindings = s.plannedFindings || n == 0 || n < need
		if n > 0 && (s.lowestPlanned < 0 || n < s.lowestPlanned) {
			s.lowestPlanned = n
		}
		s.named = s.named || len(iv.AgentIDs) > 0
	}
	if !fast {
		s.open, s.days = openTime(ivs)
	}
	return s
}

// unixNano is t in nanoseconds since 1970 when t is within about 1830–2110, where the difference of two such
// values cannot overflow.
func unixNano(t time.Time) (int64, bool) {
	const bound = 4_400_000_000 // seconds
	sec := t.Unix()
	if sec < -bound || sec > bound {
		return 0, false
	}
	return sec*1e9 + int64(t.Nanosecond()), true
}

// agentsOnFile is what the structure's agents say, computed once per report.
type agentsOnFile struct {
	trained map[string]bool // by agent id (the last entry of an id wins); built only when slots name agents
	count   int             // trained agents
	counted bool
}

func (e *evaluator) agentsOnFile(named bool) *agentsOnFile {
	a := &e.agents
	if !a.counted {
		for _, agent := range e.in.Agents {
			if agent.Trained {
				a.count++
			}
		}
		a.counted = true
	}
	if named && a.trained == nil {
		a.trained = make(map[string]bool, len(e.in.Agents))
		for _, agent := range e.in.Agents {
			a.trained[agent.ID] = agent.Trained
		}
	}
	return a
}
