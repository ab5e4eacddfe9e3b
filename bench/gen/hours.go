package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
)

// slotSpec is a weekly opening of a structure.
type slotSpec struct {
	day, start, end int    // ISO weekday, minutes from midnight
	stop            int    // 1-based stop of a bus; 0 at the premises
	rule            string // "" (every week), "odd" or "even"
}

// weekPattern is one of the typical weeks of the fixed sites (drawn 50/15/15/10/10): the standard week (35 h over
// five days), with a Saturday morning, with a short Friday, four days only (fails open_days) and part time
// (fails weekly_hours).
func weekPattern(p int) []slotSpec {
	var out []slotSpec
	full := func(d int) {
		out = append(out, slotSpec{day: d, start: 540, end: 750}, slotSpec{day: d, start: 810, end: 1020})
	}
	half := func(d int) { out = append(out, slotSpec{day: d, start: 540, end: 720}) }
	switch p {
	case 0, 1:
		for d := 1; d <= 5; d++ {
			full(d)
		}
		if p == 1 {
			half(6)
		}
	case 2:
		for d := 1; d <= 4; d++ {
			full(d)
		}
		half(5)
	case 3:
		for _, d := range []int{1, 2, 4, 5} {
			full(d)
		}
	default:
		for d := 2; d <= 5; d++ {
			half(d)
		}
	}
	return out
}

// weekSlots is the structure's week: its pattern, or for a bus one stop a day in turn, with odd and even weeks on
// Fridays for half of the buses that have several stops.
func (s site) weekSlots() []slotSpec {
	if s.format != "itinerant" {
		return weekPattern(s.pattern)
	}
	n := len(s.stops)
	var out []slotSpec
	for d := 1; d <= 5; d++ {
		if d == 5 && n >= 2 && s.pattern%2 == 1 {
			out = append(out, slotSpec{day: 5, start: 540, end: 720, stop: 1, rule: "odd"},
				slotSpec{day: 5, start: 540, end: 720, stop: 2, rule: "even"})
			continue
		}
		stop := (d-1)%n + 1
		out = append(out, slotSpec{day: d, start: 540, end: 720, stop: stop}, slotSpec{day: d, start: 810, end: 990, stop: stop})
	}
	return out
}

var (
	firstNames = []string{"Camille", "Dominique", "Claude", "Sacha", "Alix", "Maxime", "Morgane", "Lou", "Charlie", "Noa", "Eden", "Andréa"}
	lastNames  = []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel"}
)

// hoursRows are the rows of the opening-hours tables.
type hoursRows struct {
	agents, assignments, trainings, schedules, slots, slotAgents, exceptions [][]any
}

// hours writes agents (with assignments and trainings), schedules with their slots (agents named on some) and
// exceptions: enough variety for the compliance report to have real work (failures, odd/even weeks, seasons).
func (w *writer) hours(ctx context.Context) error {
	r := w.stream("hours")
	var h hoursRows
	for i := range w.sites {
		s := &w.sites[i]
		w.agentsOf(r, s, &h)
		w.schedulesOf(r, s, &h)
		w.exceptionsOf(r, s, &h)
	}
	w.counts.Agents, w.counts.Trainings, w.counts.Exceptions = len(h.agents), len(h.trainings), len(h.exceptions)
	w.counts.Schedules, w.counts.Slots, w.counts.SlotAgents = len(h.schedules), len(h.slots), len(h.slotAgents)
	for _, t := range []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"agents", []string{"id", "name", "work_email", "role"}, h.agents},
		{"agent_assignments", []string{"id", "agent_id", "structure_id", "etp", "start_date"}, h.assignments},
		{"agent_trainings", []string{"id", "agent_id", "kind", "provider", "days", "completed_on"}, h.trainings},
		{"schedules", scheduleColumns, h.schedules},
		{"schedule_slots", slotColumns, h.slots},
		{"schedule_slot_agents", []string{"slot_id", "agent_id", "position"}, h.slotAgents},
		{"schedule_exceptions", []string{"id", "structure_id", "owner_kind", "owner_id", "date_from", "date_to", "type",
			"reason", "public_message", "slots"}, h.exceptions},
	} {
		if err := w.copyRows(ctx, t.table, t.columns, t.rows); err != nil {
			return err
		}
	}
	return nil
}

var (
	scheduleColumns = []string{"id", "structure_id", "position", "owner_kind", "owner_id", "channel", "kind", "valid_from",
		"valid_to", "priority", "status"}
	slotColumns = []string{"id", "schedule_id", "position", "weekday", "start_minute", "end_minute", "week_rule",
		"week_interval", "week_anchor", "stop_id", "planned_agents", "access"}
)

// agentsOf gives the structure two agents (one for 10 %, three for 5 %), trained for 90 % of them.
func (w *writer) agentsOf(r *rand.Rand, s *site, h *hoursRows) {
	n := []int{2, 1, 3}[pick(r, 85, 10, 5)]
	for k := range n {
		id := newID(r)
		s.agents = append(s.agents, id)
		j := len(h.agents)
		h.agents = append(h.agents, []any{id, firstNames[j%len(firstNames)] + " " + lastNames[(j/7)%len(lastNames)],
			fmt.Sprintf("agent%d@france-services.bench.test", j+1), []string{"referent", "agent", "agent"}[k]})
		start := w.day(-30 - r.IntN(2000))
		etp := 1.0
		if r.IntN(5) == 0 {
			etp = 0.5
		}
		h.assignments = append(h.assignments, []any{newID(r), id, s.id, etp, start})
		if r.IntN(10) != 0 {
			h.trainings = append(h.trainings, []any{newID(r), id, "initial", "CNFPT", 5.0, start.AddDate(0, 0, 20)})
		}
	}
}

// schedulesOf writes the regular week, and for one fixed site in ten a summer season of mornings only.
func (w *writer) schedulesOf(r *rand.Rand, s *site, h *hoursRows) {
	named := r.IntN(10) < 3
	regular := newID(r)
	h.schedules = append(h.schedules, []any{regular, s.id, 0, "structure", s.id, "accueil", "regular", nil, nil, 0, "published"})
	for j, sl := range s.weekSlots() {
		w.slot(r, s, h, regular, j, sl, named)
	}
	if s.format == "itinerant" || r.IntN(10) != 0 {
		return
	}
	season := newID(r)
	h.schedules = append(h.schedules, []any{season, s.id, 1, "structure", s.id, "accueil", "seasonal", w.day(21), w.day(63), 0, "published"})
	for d := 1; d <= 5; d++ {
		w.slot(r, s, h, season, d-1, slotSpec{day: d, start: 540, end: 720}, named)
	}
}

func (w *writer) slot(r *rand.Rand, s *site, h *hoursRows, schedule uuid.UUID, position int, sl slotSpec, named bool) {
	id := newID(r)
	rule := sl.rule
	if rule == "" {
		rule = "every"
	}
	var stop any
	if sl.stop > 0 {
		stop = s.stops[sl.stop-1]
	}
	planned := len(s.agents)
	if r.IntN(100) == 0 {
		planned = 1
	}
	h.slots = append(h.slots, []any{id, schedule, position, sl.day, sl.start, sl.end, rule, 0, nil, stop, planned, "sans_rdv"})
	if named {
		for k, a := range s.agents {
			h.slotAgents = append(h.slotAgents, []any{id, a, k})
		}
	}
}

// exceptionsOf closes most structures between Christmas and New Year, and adds a closed day (40 %), a reduced
// day (20 %) and an extra Saturday (10 %) within the twelve weeks the compliance report looks at.
func (w *writer) exceptionsOf(r *rand.Rand, s *site, h *hoursRows) {
	add := func(from, to time.Time, kind, reason, message, slots string) {
		h.exceptions = append(h.exceptions, []any{newID(r), s.id, "structure", s.id, from, to, kind, reason, message, slots})
	}
	if r.IntN(10) < 7 {
		year := w.cfg.Today.Year()
		if w.cfg.Today.Month() == time.December && w.cfg.Today.Day() > 24 {
			year++
		}
		add(time.Date(year, 12, 24, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC), "closed",
			"Fermeture de fin d’année", "Fermé entre Noël et le jour de l’an.", "[]")
	}
	if r.IntN(10) < 4 {
		d := w.day(3 + r.IntN(80))
		add(d, d, "closed", "Formation de l’équipe", "", "[]")
	}
	if r.IntN(10) < 2 {
		d := w.day(3 + r.IntN(80))
		add(d, d, "reduced", "Réunion du réseau", "Ouvert le matin seulement.",
			fmt.Sprintf(`[{"weekday":0,"start":540,"end":720,"planned_agents":%d}]`, len(s.agents)))
	}
	if r.IntN(10) == 0 {
		d := w.day(7 + r.IntN(70))
		for d.Weekday() != time.Saturday {
			d = d.AddDate(0, 0, 1)
		}
		add(d, d, "extra", "Journée portes ouvertes", "", fmt.Sprintf(`[{"weekday":0,"start":540,"end":720,"planned_agents":%d}]`, len(s.agents)))
	}
}
