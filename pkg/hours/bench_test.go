package hours

import (
	"fmt"
	"testing"
)

// nationalSet generates n structures like the national network: mostly fixed sites with two daily ranges,
// some with a Saturday, a single-agent afternoon or overlapping ranges, one in ten itinerant with odd/even stops,
// spread over the calendars (Alsace-Moselle, overseas).
func nationalSet(n int) []PrepareInput {
	calendars := []Calendar{CalendarFR, CalendarFR, CalendarFR, CalendarAlsaceMoselle, "FR-971", "FR-974"}
	out := make([]PrepareInput, n)
	for i := range out {
		id := fmt.Sprintf("fs-%04d", i)
		owner := Owner{OwnerStructure, id}
		var schedules []Schedule
		if i%10 == 9 { // itinerant
			for k := range 6 {
				rule := Odd
				if k%2 == 1 {
					rule = Even
				}
				s := regular(withRule(slot(Weekday(k%5+1), "09:00", "12:30", 2), rule), withRule(slot(Weekday(k%5+1), "13:30", "16:30", 2), rule))
				s.ID, s.Owner = fmt.Sprintf("%s-stop-%d", id, k), Owner{OwnerStop, fmt.Sprintf("%s-s%d", id, k)}
				schedules = append(schedules, s)
			}
		} else {
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
			schedules = append(schedules, s)
		}
		out[i] = PrepareInput{StructureID: id, Today: today, Agents: twoTrained, Layers: ResolveInput{
			Schedules: schedules, Calendar: calendars[i%len(calendars)], ClosedOnHolidays: true,
			Exceptions: []Exception{{ID: id + "-x", Owner: owner, From: NewDate(2026, 12, 24), To: NewDate(2026, 12, 31), Type: ExceptionClosed}},
		}}
	}
	return out
}

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
