package rest_test

import (
	"context"
	"reflect"
	"testing"

	"maillage/pkg/auth"
	"maillage/pkg/structure"
)

// The one-statement read of the evaluation inputs (opening.Store.ReportInputs) returns exactly what the per-table
// reads return, on every demo structure, with named agents, exception slots and a holiday policy of each kind.
func TestReportInputsMatchPerTableReads(t *testing.T) {
	t.Parallel()
	s, _ := registryServer(t)
	if err := s.db.Exec(`UPDATE structure_hours SET closed_on_public_holidays = false, open_on_pentecost_monday = true
		WHERE structure_id = (SELECT structure_id FROM structure_hours ORDER BY structure_id LIMIT 1)`).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`INSERT INTO schedule_exceptions (structure_id, owner_kind, owner_id, date_from, date_to, type, reason, slots)
		SELECT id, 'structure', id, CURRENT_DATE + 3, CURRENT_DATE + 4, 'replace', 'Formation',
			'[{"weekday": 0, "start": 540, "end": 720}]'::jsonb
		FROM structures WHERE departement_code = '70' ORDER BY id LIMIT 3`).Error; err != nil {
		t.Fatal(err)
	}
	// two named agents on a few slots, in the reverse order of their ids (the read keeps the stored position)
	if err := s.db.Exec(`INSERT INTO schedule_slot_agents (slot_id, agent_id, position)
		SELECT sl.id, a.id, 2 - a.n FROM (SELECT id FROM schedule_slots ORDER BY id LIMIT 5) sl
		CROSS JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM agents ORDER BY id LIMIT 2) a`).Error; err != nil {
		t.Fatal(err)
	}
	ctx := auth.WithActor(context.Background(), auth.System)
	list, _, err := s.deps.Services.Structures.List(ctx, auth.System, structure.Filter{}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	store := s.deps.Services.Compliance.Opening
	const from, day = "2020-01-06", "2026-01-15"
	got, err := store.ReportInputs(ctx, ids, from, day)
	if err != nil {
		t.Fatal(err)
	}
	schedules, err := store.Schedules(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	exceptions, err := store.Exceptions(ctx, ids, from)
	if err != nil {
		t.Fatal(err)
	}
	holidays, err := store.HolidayPolicies(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	agents, err := store.AgentStatuses(ctx, ids, day)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := store.RuleSets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	named, withSlots, trained := 0, 0, 0
	for _, list := range schedules {
		for _, sc := range list {
			for _, sl := range sc.Slots {
				named += len(sl.AgentIDs)
			}
		}
	}
	for _, list := range exceptions {
		for _, e := range list {
			withSlots += len(e.Slots)
		}
	}
	for _, list := range agents {
		for _, a := range list {
			if a.Trained {
				trained++
			}
		}
	}
	if len(schedules) < 20 || named == 0 || withSlots == 0 || len(agents) == 0 || trained == 0 || len(sets) == 0 {
		t.Fatalf("the demo data does not exercise the read: %d structures with schedules, %d named agents, %d exception slots, %d with agents, %d trained, %d rule sets",
			len(schedules), named, withSlots, len(agents), trained, len(sets))
	}
	for name, pair := range map[string][2]any{"schedules": {got.Schedules, schedules}, "exceptions": {got.Exceptions, exceptions},
		"holidays": {got.Holidays, holidays}, "agents": {got.Agents, agents}} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s differ:\n one statement: %+v\n per table:     %+v", name, pair[0], pair[1])
		}
	}
	if len(got.RuleSets) != len(sets) {
		t.Fatalf("rule sets: %d, want %d", len(got.RuleSets), len(sets))
	}
	for i := range sets {
		g, w := got.RuleSets[i], sets[i]
		if !g.CreatedAt.Equal(w.CreatedAt) {
			t.Errorf("rule set %s created at %v, want %v", w.Code, g.CreatedAt, w.CreatedAt)
		}
		g.CreatedAt = w.CreatedAt
		if !reflect.DeepEqual(g, w) {
			t.Errorf("rule set %d: %+v, want %+v", i, g, w)
		}
	}
}
