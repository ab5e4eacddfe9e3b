package compliance

import (
	"context"
	"encoding/json"
	"slices"

	"maillage/pkg/anct"
	"maillage/pkg/auth"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

// ImportHours turns the day columns of structures read from the ANCT file (HoursRaw) into one regular,
// published schedule of the structure (hours.FromANCT), inside the import's transaction.
//
// The rule: hours a person edited in Maillage (PUT /schedules: source "maillage") are never overwritten by an
// import; imported hours (source "import", or none yet) follow the file, and are rewritten only when the file's
// columns give different slots. Cells that cannot be read stay in hours_raw (and keep the unparsed_hours quality
// flag); the other days still become slots. Planned agents are unknown in the file (0). The import's own audit
// entry of the structure already records the day columns (hours_raw), so no second entry is written; each
// structure whose hours changed gets a compliance evaluation. The statements are bounded whatever the number of
// structures.
func (s *Service) ImportHours(ctx context.Context, list []structure.Structure) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]string, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	sources, err := s.Opening.Sources(ctx, ids)
	if err != nil {
		return err
	}
	current, err := s.Opening.Schedules(ctx, ids)
	if err != nil {
		return err
	}
	changed := map[string][]opening.Schedule{}
	var changedList []structure.Structure
	for _, st := range list {
		if sources[st.ID] == "maillage" {
			continue
		}
		var cells [6]string
		for i, col := range anct.HourColumns {
			cells[i] = st.HoursRaw[col]
		}
		imp := hours.FromANCT(cells)
		var want []hours.Schedule
		if len(imp.Schedule.Slots) > 0 {
			sc := imp.Schedule
			sc.Owner = hours.Owner{Kind: hours.OwnerStructure, ID: st.ID}
			want = []hours.Schedule{sc}
		}
		before := schedulesToHours(current[st.ID])
		if sameSchedules(before, want) {
			continue
		}
		stored := make([]opening.Schedule, len(want))
		for i, sc := range want {
			stored[i] = scheduleFromHours(sc)
		}
		changed[st.ID] = stored
		changedList = append(changedList, st)
	}
	if len(changed) == 0 {
		return nil
	}
	if _, err := s.Opening.ReplaceMany(ctx, changed); err != nil {
		return err
	}
	changedIDs := make([]string, len(changedList))
	for i, st := range changedList {
		changedIDs[i] = st.ID
	}
	if err := s.Opening.MarkImported(ctx, changedIDs); err != nil {
		return err
	}
	return s.recordMany(ctx, "import.anct", changedList)
}

// recordMany evaluates structures in a bounded number of statements and records one evaluation each.
func (s *Service) recordMany(ctx context.Context, cause string, list []structure.Structure) error {
	reports, err := s.reports(ctx, list, DefaultWeeks)
	if err != nil {
		return err
	}
	evals := make([]opening.Evaluation, len(list))
	for i, st := range list {
		raw, err := json.Marshal(reports[i])
		if err != nil {
			return err
		}
		evals[i] = opening.Evaluation{StructureID: st.ID, Departement: st.Departement, RuleSet: reports[i].RuleSet,
			Status: string(reports[i].Status), Cause: cause, Report: raw}
	}
	return s.Opening.RecordEvaluations(ctx, evals)
}

// Reevaluate records an evaluation of the structures (after a change made outside the use case, such as the demo
// seed), in a bounded number of statements.
func (s *Service) Reevaluate(ctx context.Context, cause string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	list, _, err := s.Structures.List(ctx, auth.System, structure.Filter{IDs: ids}, "", 0)
	if err != nil {
		return err
	}
	return s.recordMany(ctx, cause, list)
}

func sameSchedules(a, b []hours.Schedule) bool {
	return slices.EqualFunc(a, b, func(x, y hours.Schedule) bool {
		return x.Owner == y.Owner && x.Channel == y.Channel && x.Kind == y.Kind && x.ValidFrom == y.ValidFrom &&
			x.ValidTo == y.ValidTo && x.Priority == y.Priority && x.Status == y.Status &&
			slices.EqualFunc(x.Slots, y.Slots, func(p, q hours.Slot) bool {
				return p.Weekday == q.Weekday && p.Start == q.Start && p.End == q.End && (p.WeekRule == q.WeekRule || p.WeekRule.IsEvery() && q.WeekRule.IsEvery()) &&
					p.StopID == q.StopID && p.PlannedAgents == q.PlannedAgents && slices.Equal(p.AgentIDs, q.AgentIDs) &&
					(p.Access == q.Access || p.Access == "" && q.Access == hours.AccessSansRDV ||
						q.Access == "" && p.Access == hours.AccessSansRDV)
			})
	})
}
