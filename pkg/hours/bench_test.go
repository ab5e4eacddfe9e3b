package hours

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// nationalSet generates n structures like the national network: mostly fixed sites with two daily ranges, some
// with a Saturday, a single-agent afternoon or overlapping ranges, one in ten itinerant with odd/even stops, one in
// five hosting a partner's permanence on even weeks, one in eight naming the agents of each slot (one in sixteen
// with an untrained one), one in thirteen on reduced temporary hours in January, one in seventeen with reduced
// hours for a week, every one closed from 24 to 31 December. The calendars are skewed as the network is: mostly
// metropolitan, a few in Alsace-Moselle and overseas, each in its own time zone.
func nationalSet(n int) []PrepareInput {
	out := make([]PrepareInput, n)
	for i := range out {
		id := fmt.Sprintf("fs-%04d", i)
		owner := Owner{OwnerStructure, id}
		var schedules []Schedule
		if i%10 == 9 {
			schedules = busStops(id)
		} else {
			schedules = append(schedules, fixedSite(i, id, owner))
		}
		if i%5 == 2 {
			p := regular(withRule(slot(Thursday, "14:00", "17:00", 2), Even))
			p.ID, p.Owner = id+"-perm", Owner{OwnerPermanence, id + "-p"}
			schedules = append(schedules, p)
		}
		if i%13 == 5 {
			tmp := regular(slot(Monday, "09:00", "12:00", 2), slot(Tuesday, "09:00", "12:00", 2), slot(Wednesday, "09:00", "12:00", 2),
				slot(Thursday, "09:00", "12:00", 2), slot(Friday, "09:00", "12:00", 2))
			tmp.ID, tmp.Owner, tmp.Kind = id+"-tmp", owner, KindTemporary
			tmp.ValidFrom, tmp.ValidTo = NewDate(2027, 1, 4), NewDate(2027, 1, 17)
			schedules = append(schedules, tmp)
		}
		exceptions := []Exception{{ID: id + "-x", Owner: owner, From: NewDate(2026, 12, 24), To: NewDate(2026, 12, 31), Type: ExceptionClosed}}
		if i%17 == 6 {
			exceptions = append(exceptions, Exception{ID: id + "-r", Owner: owner, From: NewDate(2027, 2, 1), To: NewDate(2027, 2, 5),
				Type: ExceptionReduced, Slots: []Slot{slot(0, "09:00", "12:00", 2)}})
		}
		agents := twoTrained
		if i%16 == 3 {
			agents = append(slices.Clone(twoTrained), Agent{ID: "c"})
		}
		cal := benchCalendars[i%len(benchCalendars)]
		out[i] = PrepareInput{StructureID: id, Today: today, Agents: agents, Layers: ResolveInput{
			Schedules: schedules, Calendar: cal.calendar, Location: cal.zone(), ClosedOnHolidays: true, Exceptions: exceptions,
		}}
	}
	return out
}

// fixedSite is the regular week of a fixed site.
func fixedSite(i int, id string, owner Owner) Schedule {
	s := standardWeek()
	s.ID, s.Owner = id+"-reg", owner
	if i%3 == 0 {
		s.Slots = append(s.Slots, slot(Saturday, "09:00", "12:00", 2))
	}
	if i%7 == 0 {
		s.Slots[3].PlannedAgents = 1
	}
	if i%11 == 0 {
		s.Slots = append(s.Slots, slot(Monday, "11:00", "13:00", 2))
	}
	if i%8 == 3 {
		for k := range s.Slots {
			s.Slots[k].AgentIDs = []string{"a", "b"}
		}
		if i%16 == 3 {
			s.Slots[0].AgentIDs = []string{"a", "c"}
		}
	}
	return s
}

// busStops are the six stops of an itinerant structure, each on one day every other week.
func busStops(id string) []Schedule {
	var out []Schedule
	for k := range 6 {
		rule := Odd
		if k%2 == 1 {
			rule = Even
		}
		s := regular(withRule(slot(Weekday(k%5+1), "09:00", "12:30", 2), rule), withRule(slot(Weekday(k%5+1), "13:30", "16:30", 2), rule))
		s.ID, s.Owner = fmt.Sprintf("%s-stop-%d", id, k), Owner{OwnerStop, fmt.Sprintf("%s-s%d", id, k)}
		out = append(out, s)
	}
	return out
}

type benchCalendar struct {
	calendar Calendar
	zone     func() *time.Location
}

// benchCalendars: per hundred structures, 88 metropolitan, 4 in Alsace-Moselle, 8 overseas.
var benchCalendars = func() []benchCalendar {
	zone := func(name string) func() *time.Location {
		return sync.OnceValue(func() *time.Location {
			loc, err := time.LoadLocation(name)
			if err != nil {
				panic(err)
			}
			return loc
		})
	}
	paris := zone("Europe/Paris")
	out := make([]benchCalendar, 0, 100)
	for range 88 {
		out = append(out, benchCalendar{CalendarFR, paris})
	}
	for range 4 {
		out = append(out, benchCalendar{CalendarAlsaceMoselle, paris})
	}
	for _, c := range []struct {
		cal  Calendar
		zone string
		n    int
	}{{"FR-971", "America/Guadeloupe", 2}, {"FR-972", "America/Martinique", 1}, {"FR-973", "America/Cayenne", 1},
		{"FR-974", "Indian/Reunion", 3}, {"FR-976", "Indian/Mayotte", 1}} {
		z := zone(c.zone)
		for range c.n {
			out = append(out, benchCalendar{c.cal, z})
		}
	}
	return out
}()

// BenchmarkEvaluateNational: compliance of 2,800 structures (typical week + 12 real weeks each, resolved
// beforehand) per operation. Target: under 100 ms.
func BenchmarkEvaluateNational(b *testing.B) {
	set := nationalSet(2800)
	inputs := make([]EvaluationInput, len(set))
	for i, p := range set {
		inputs[i] = Prepare(p)
	}
	rs := CurrentRuleSets()[1]
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			if r := Evaluate(rs, in); len(r.Weeks) != 12 {
				b.Fatal(len(r.Weeks))
			}
		}
	}
}

// BenchmarkPrepareAndEvaluateNational includes the resolution of the layers (typical week and 12 weeks).
func BenchmarkPrepareAndEvaluateNational(b *testing.B) {
	set := nationalSet(2800)
	rs := CurrentRuleSets()[1]
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range set {
			Evaluate(rs, Prepare(p))
		}
	}
}
