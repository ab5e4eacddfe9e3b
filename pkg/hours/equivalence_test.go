package hours

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/rickar/cal/v2/aa"
)

// The optimised Resolve, TypicalWeek, Prepare and Evaluate must give exactly what the straightforward reference
// (refresolve_test.go, refevaluate_test.go) gives, nil and empty slices included, on generated structures:
// several owners and layers, every week rule, every exception type, overlapping slots, named agents, the DST
// weeks and the holiday weeks of several calendars and zones, antennas with their main site.

// generator draws structures from a fixed seed: the same cases on every run.
type generator struct {
	r     *rand.Rand
	zones []*time.Location
}

func newGenerator(t testing.TB, seed uint64) *generator {
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	for _, name := range []string{"Europe/Paris", "UTC", "America/Guadeloupe", "Indian/Reunion", "America/Cayenne",
		"Pacific/Noumea", "America/Miquelon", "America/Santiago", "Pacific/Tahiti"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		g.zones = append(g.zones, loc)
	}
	return g
}

func (g *generator) pick(n int) int { return g.r.IntN(n) }

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// day draws a date, one time in two in a week that is special: the changes of time (last Sunday of March and
// October), the holidays of May, Christmas and the new year, Easter and 14 July, or a 53-week year's end.
func (g *generator) day() Date {
	year := 2024 + g.pick(8)
	var d Date
	switch g.pick(8) {
	case 0:
		d = NewDate(year, time.April, 1).AddDays(-1) // 31 March: its week or the one before has the change
		d = d.AddDays(-int(d.Weekday()%7) - g.pick(7))
	case 1:
		d = NewDate(year, time.November, 1).AddDays(-1)
		d = d.AddDays(-int(d.Weekday()%7) - g.pick(7))
	case 2:
		d = NewDate(year, time.May, 1+g.pick(30))
	case 3:
		d = NewDate(year, time.December, 18+g.pick(20))
	case 4:
		d = calcDate(aa.Easter, year).AddDays(g.pick(14) - 7)
	case 5:
		d = NewDate(year, time.July, 10+g.pick(7))
	default:
		d = NewDate(year, time.January, 1+g.pick(365))
	}
	return d
}

// raw is d, or one time in ten the same month with a day past its end (31 February), as a Date literal allows.
func (g *generator) raw(d Date) Date {
	if g.chance(0.1) {
		d.Day = 29 + g.pick(4)
	}
	return d
}

var clocks = []Clock{0, 1, 60, 120, 150, 180, 240, 480, 510, 540, 570, 600, 690, 720, 750, 780, 810, 840, 900, 960,
	1020, 1080, 1200, 1380, 1439, 1440}

func (g *generator) span() (Clock, Clock) {
	a, b := clocks[g.pick(len(clocks))], clocks[g.pick(len(clocks))]
	if g.chance(0.05) {
		return a, a // empty: ignored
	}
	return min(a, b), max(a, b)
}

func (g *generator) rule() WeekRule {
	switch g.pick(8) {
	case 0:
		return Odd
	case 1:
		return Even
	case 2:
		return EveryN(g.pick(5), g.day())
	case 3:
		return WeekRule{}
	}
	return Every
}

var agentPool = []string{"a", "b", "c", "d", "e"}

func (g *generator) slot(stops []string) Slot {
	s := Slot{Weekday: Weekday(1 + g.pick(7)), WeekRule: g.rule(), PlannedAgents: g.pick(4)}
	s.Start, s.End = g.span()
	if g.chance(0.3) {
		s.AgentIDs = []string{agentPool[g.pick(5)], agentPool[g.pick(5)]}[:1+g.pick(2)]
	}
	s.Access = []Access{"", AccessSansRDV, AccessSurRDV, AccessMixte}[g.pick(4)]
	if len(stops) > 0 && g.chance(0.3) {
		s.StopID = stops[g.pick(len(stops))]
	}
	return s
}

func (g *generator) schedule(id string, o Owner, at Date) Schedule {
	s := Schedule{ID: id, Owner: o, Kind: KindRegular, Status: StatusPublished, Priority: g.pick(3)}
	if g.chance(0.1) {
		s.Status = StatusDraft
	}
	if g.chance(0.1) {
		s.Channel = []Channel{ChannelAccueil, ChannelTelephone, ChannelRDV}[g.pick(3)]
	}
	switch g.pick(6) {
	case 0:
		s.Kind = KindSeasonal
	case 1:
		s.Kind = KindTemporary
	case 2:
		s.Kind = ""
	}
	if s.Kind != KindRegular && s.Kind != "" || g.chance(0.3) {
		s.ValidFrom = g.raw(at.AddDays(g.pick(80) - 40))
		s.ValidTo = g.raw(s.ValidFrom.AddDays(g.pick(60)))
		if s.Kind == KindRegular && g.chance(0.5) {
			s.ValidTo = Date{}
		}
	}
	n := 1 + g.pick(12)
	for range n {
		s.Slots = append(s.Slots, g.slot([]string{"s1", "s2"}))
	}
	return s
}

func (g *generator) exception(id string, o Owner, at Date) Exception {
	e := Exception{ID: id, Owner: o, From: g.raw(at.AddDays(g.pick(90) - 20)),
		Type: []ExceptionType{ExceptionClosed, ExceptionReduced, ExceptionExtra, ExceptionReplace}[g.pick(4)]}
	e.To = g.raw(e.From.AddDays(g.pick(10)))
	for range g.pick(3) {
		s := g.slot(nil)
		if g.chance(0.5) {
			s.Weekday = 0
		}
		e.Slots = append(e.Slots, s)
	}
	return e
}

// structure draws the layers of one structure: its own schedules, those of up to two stops and a permanence.
func (g *generator) structure(id string, at Date) ResolveInput {
	owners := []Owner{{OwnerStructure, id}}
	for k := range g.pick(3) {
		owners = append(owners, Owner{OwnerStop, fmt.Sprintf("%s-s%d", id, k)})
	}
	if g.chance(0.2) {
		owners = append(owners, Owner{OwnerPermanence, id + "-p"})
	}
	in := ResolveInput{ClosedOnHolidays: g.chance(0.7), IncludeDrafts: g.chance(0.1),
		HolidayOptions: HolidayOptions{OpenOnPentecostMonday: g.chance(0.2), LegalOnly: g.chance(0.2)}}
	calendars := append(slices.Clone(Calendars), "XX")
	in.Calendar = calendars[g.pick(len(calendars))]
	if k := g.pick(len(g.zones) + 2); k < len(g.zones) {
		in.Location = g.zones[k]
	}
	if g.chance(0.1) {
		in.Channel = ChannelTelephone
	}
	for k := range 1 + g.pick(4) {
		in.Schedules = append(in.Schedules, g.schedule(fmt.Sprintf("%s-h%d", id, k), owners[g.pick(len(owners))], at))
	}
	for k := range g.pick(4) {
		in.Exceptions = append(in.Exceptions, g.exception(fmt.Sprintf("%s-x%d", id, k), owners[g.pick(len(owners))], at))
	}
	return in
}

func (g *generator) agents() []Agent {
	switch g.pick(4) {
	case 0:
		return nil
	case 1:
		return []Agent{}
	}
	var out []Agent
	for range 1 + g.pick(5) {
		out = append(out, Agent{ID: agentPool[g.pick(5)], Trained: g.chance(0.7)})
	}
	return out
}

func (g *generator) external() *External {
	if g.chance(0.5) {
		return nil
	}
	v, th := float64(g.pick(4)), 2.0
	return &External{Status: []Verdict{VerdictOK, VerdictFailure, VerdictUnknown}[g.pick(3)], Measured: &v,
		Threshold: &th, Unit: "partners", Explanation: "socle"}
}

func (g *generator) prepareInput(id string) PrepareInput {
	at := g.day()
	return PrepareInput{StructureID: id, Today: at, Weeks: g.pick(15), Layers: g.structure(id, at), Agents: g.agents(),
		PartnerSocle: g.external(), Premises: g.external()}
}

func ruleSetsForTest() []RuleSet {
	sets := CurrentRuleSets()
	lax := sets[1]
	lax.Code, lax.MinWeeklyMinutes, lax.MinOpenDays, lax.MinAgentsPresent = "lax", 600, 3, 1
	lax.TrainedAgentsRequired, lax.PartnerSocleRequired, lax.PremisesRequired = false, false, false
	return append(sets, lax)
}

func TestResolveMatchesReference(t *testing.T) {
	g := newGenerator(t, 1)
	for i := range 3000 {
		at := g.day()
		in := g.structure(fmt.Sprintf("fs-%d", i), at)
		in.From = at.AddDays(-g.pick(10))
		in.To = in.From.AddDays(g.pick(120) - 2)
		if got, want := Resolve(in), refResolve(in); !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d %+v:\n got %s\nwant %s", i, in, labels(got), labels(want))
		}
		ch := in.Channel
		if got, want := TypicalWeek(in.Schedules, at, ch), refTypicalWeek(in.Schedules, at, ch); !reflect.DeepEqual(got, want) {
			t.Fatalf("typical week, case %d %+v:\n got %s\nwant %s", i, in, labels(got), labels(want))
		}
	}
}

func TestPrepareAndEvaluateMatchReference(t *testing.T) {
	g := newGenerator(t, 2)
	sets := ruleSetsForTest()
	var previous EvaluationInput
	for i := range 1500 {
		p := g.prepareInput(fmt.Sprintf("fs-%d", i))
		got, want := Prepare(p), refPrepare(p)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("prepare, case %d %+v:\n got %+v\nwant %+v", i, p, got, want)
		}
		if g.chance(0.2) { // an antenna judged with the previous structure as its main site
			got.MainSite = &MainSite{StructureID: previous.StructureID, TypicalWeek: previous.TypicalWeek, Weeks: previous.Weeks}
		}
		if g.chance(0.2) { // intervals given by hand, out of order
			for _, w := range got.Weeks {
				g.r.Shuffle(len(w.Intervals), func(a, b int) { w.Intervals[a], w.Intervals[b] = w.Intervals[b], w.Intervals[a] })
			}
		}
		for _, rs := range sets {
			if r, ref := Evaluate(rs, got), refEvaluate(rs, got); !reflect.DeepEqual(r, ref) {
				t.Fatalf("evaluate %s, case %d:\n got %+v\nwant %+v", rs.Code, i, r, ref)
			}
		}
		previous = got
	}
}

func TestNationalSetMatchesReference(t *testing.T) {
	rs := CurrentRuleSets()[1]
	for i, p := range nationalSet(700) {
		got, want := Prepare(p), refPrepare(p)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("prepare %d:\n got %+v\nwant %+v", i, got, want)
		}
		if r, ref := Evaluate(rs, got), refEvaluate(rs, got); !reflect.DeepEqual(r, ref) {
			t.Fatalf("evaluate %d:\n got %+v\nwant %+v", i, r, ref)
		}
	}
}
