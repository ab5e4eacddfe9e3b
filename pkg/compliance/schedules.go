package compliance

import (
	"context"
	"fmt"
	"maps"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

// ScheduleSet is the hours of a structure with their structure-level version (the ETag of the set).
type ScheduleSet struct {
	StructureID string
	Version     int
	Source      string // "import", "maillage", "" when never written
	Schedules   []hours.Schedule
}

// Schedules returns the schedules of a structure.
func (s *Service) Schedules(ctx context.Context, actor auth.Actor, id string) (ScheduleSet, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return ScheduleSet{}, err
	}
	return s.scheduleSet(ctx, st.ID)
}

func (s *Service) scheduleSet(ctx context.Context, id string) (ScheduleSet, error) {
	version, source, err := s.Opening.HoursVersion(ctx, id)
	if err != nil {
		return ScheduleSet{}, err
	}
	all, err := s.Opening.Schedules(ctx, []string{id})
	if err != nil {
		return ScheduleSet{}, err
	}
	return ScheduleSet{StructureID: id, Version: version, Source: source, Schedules: schedulesToHours(all[id])}, nil
}

// Prefix re-keys the fields of a validation error under a JSON path prefix ("schedules[0].").
func Prefix(err error, prefix string) error {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || len(e.Fields) == 0 {
		return err
	}
	fields := make(map[string]string, len(e.Fields))
	for k, v := range e.Fields {
		fields[prefix+k] = v
	}
	out := *e
	out.Fields = fields
	return &out
}

// validateSchedules checks each schedule (hours.Schedule.Validate) and that owners, stops and named agents belong
// to the structure; the fields are keyed "schedules[i].slots[j].end".
func (s *Service) validateSchedules(ctx context.Context, st structure.Structure, list []hours.Schedule) error {
	stops, err := s.Structures.Stops(ctx, st.ID)
	if err != nil {
		return err
	}
	stopIDs := map[string]bool{}
	for _, sp := range stops {
		stopIDs[sp.ID] = true
	}
	agents, err := s.Opening.AgentStatuses(ctx, []string{st.ID}, s.today(st).String())
	if err != nil {
		return err
	}
	agentIDs := map[string]bool{}
	for _, a := range agents[st.ID] {
		agentIDs[a.AgentID] = true
	}
	fields := map[string]string{}
	for i, sc := range list {
		at := fmt.Sprintf("schedules[%d].", i)
		if err := sc.Validate(); err != nil {
			e, ok := apperr.As(Prefix(err, at))
			if !ok {
				return err
			}
			maps.Copy(fields, e.Fields)
		}
		switch sc.Owner.Kind {
		case hours.OwnerStructure:
			if sc.Owner.ID != st.ID {
				fields[at+"owner_id"] = "Le propriétaire doit être la structure elle-même."
			}
		case hours.OwnerStop:
			if !stopIDs[sc.Owner.ID] {
				fields[at+"owner_id"] = "Cet arrêt n’appartient pas à la structure."
			}
		case hours.OwnerPermanence:
			if uuid.Validate(sc.Owner.ID) != nil {
				fields[at+"owner_id"] = "Identifiant de permanence invalide."
			}
		}
		if sc.Priority < -1000 || sc.Priority > 1000 {
			fields[at+"priority"] = "La priorité doit être comprise entre -1000 et 1000."
		}
		for j, sl := range sc.Slots {
			if sl.StopID != "" && !stopIDs[sl.StopID] {
				fields[fmt.Sprintf("%sslots[%d].stop_id", at, j)] = "Cet arrêt n’appartient pas à la structure."
			}
			for k, a := range sl.AgentIDs {
				if !agentIDs[a] {
					fields[fmt.Sprintf("%sslots[%d].agent_ids[%d]", at, j, k)] = "Cet agent ne travaille pas dans la structure."
				}
			}
		}
	}
	if len(fields) > 0 {
		return &apperr.Error{Kind: apperr.KindInvalid, Code: "validation_failed", Message: "Certains champs sont invalides.", Fields: fields}
	}
	return nil
}

// ReplaceSchedules replaces all the schedules of a structure at the expected hours version, records who edited
// them (the ANCT import no longer overwrites them), the audit entry and a compliance evaluation.
func (s *Service) ReplaceSchedules(ctx context.Context, actor auth.Actor, id string, version int, list []hours.Schedule) (ScheduleSet, error) {
	var out ScheduleSet
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editable(ctx, actor, id)
		if err != nil {
			return err
		}
		if err := s.validateSchedules(ctx, st, list); err != nil {
			return err
		}
		before, err := s.scheduleSet(ctx, st.ID)
		if err != nil {
			return err
		}
		if _, err := s.Opening.BumpHours(ctx, st.ID, version, "maillage"); err != nil {
			return err
		}
		if err := s.writeSchedules(ctx, st.ID, list); err != nil {
			return err
		}
		if out, err = s.scheduleSet(ctx, st.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "schedules.replace", ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, Before: schedulesView(before.Schedules), After: schedulesView(out.Schedules)}); err != nil {
			return err
		}
		return s.record(ctx, "schedules.replace", st)
	})
	return out, err
}

func (s *Service) writeSchedules(ctx context.Context, id string, list []hours.Schedule) error {
	stored := make([]opening.Schedule, len(list))
	for i, sc := range list {
		stored[i] = scheduleFromHours(sc)
	}
	_, err := s.Opening.ReplaceSchedules(ctx, id, stored)
	return err
}

// schedulesView is the audit snapshot of a set of schedules, under the API's names (the OSM string per owner
// would lose data, so slots are written out).
func schedulesView(list []hours.Schedule) map[string]any {
	out := make([]map[string]any, len(list))
	for i, sc := range list {
		slots := make([]string, len(sc.Slots))
		for j, sl := range sc.Slots {
			slots[j] = sl.Label()
			if !sl.WeekRule.IsEvery() {
				slots[j] += " (" + sl.WeekRule.French() + ")"
			}
			if sl.PlannedAgents > 0 {
				slots[j] += fmt.Sprintf(", %d agents prévus", sl.PlannedAgents)
			}
		}
		out[i] = map[string]any{"owner_kind": sc.Owner.Kind, "owner_id": sc.Owner.ID, "channel": sc.Channel,
			"kind": sc.Kind, "valid_from": sc.ValidFrom.String(), "valid_to": sc.ValidTo.String(), "priority": sc.Priority,
			"status": sc.Status, "slots": slots}
	}
	return map[string]any{"schedules": out}
}

// unprefix removes a JSON path prefix from the fields of a validation error.
func unprefix(err error, prefix string) error {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		return err
	}
	fields := make(map[string]string, len(e.Fields))
	for k, v := range e.Fields {
		if len(k) >= len(prefix) && k[:len(prefix)] == prefix {
			k = k[len(prefix):]
		}
		fields[k] = v
	}
	out := *e
	out.Fields = fields
	return &out
}
