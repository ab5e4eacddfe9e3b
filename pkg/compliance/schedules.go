package compliance

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

// ScheduleSet is the hours of a structure with their structure-level version (the ETag of the set): the
// schedules, the public-holiday policy, and the hours of its stops as published in an imported file.
type ScheduleSet struct {
	StructureID string
	Version     int
	Source      string // "import", "maillage", "" when never written
	Schedules   []hours.Schedule
	Holidays    opening.HolidayPolicy
	StopHours   []opening.StopHoursRaw // by stop position
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
	policies, err := s.Opening.HolidayPolicies(ctx, []string{id})
	if err != nil {
		return ScheduleSet{}, err
	}
	set := ScheduleSet{StructureID: id, Version: version, Source: source, Schedules: schedulesToHours(all[id]),
		Holidays: policies[id], StopHours: []opening.StopHoursRaw{}}
	raws, err := s.Opening.StopHoursRaws(ctx, id)
	if err != nil || len(raws) == 0 {
		return set, err
	}
	stops, err := s.Structures.Stops(ctx, id)
	if err != nil {
		return set, err
	}
	for _, sp := range stops {
		if r, ok := raws[sp.ID]; ok {
			set.StopHours = append(set.StopHours, r)
		}
	}
	return set, nil
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
			// A permanence's hours belong to the partner and are written through its permanence (ADR 0008); the
			// structure's set neither reads nor deletes them, so accepting them here would hide rows nobody owns.
			fields[at+"owner_kind"] = "Les horaires d’une permanence se modifient depuis la permanence, pas depuis les horaires de la structure."
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

// ReplaceSchedules replaces all the schedules of a structure at the expected hours version, and its public-holiday
// policy when given (nil keeps it), records who edited them (the ANCT import no longer overwrites them), the
// audit entry and a compliance evaluation. Stops whose imported hours were flagged for review count as reviewed
// once a person gives them slots or changes their slots.
func (s *Service) ReplaceSchedules(ctx context.Context, actor auth.Actor, id string, version int, list []hours.Schedule,
	holidays *HolidayPatch) (ScheduleSet, error) {
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
		if holidays != nil {
			if err := s.Opening.SetHolidayPolicy(ctx, st.ID, holidays.apply(before.Holidays)); err != nil {
				return err
			}
		}
		if err := s.writeSchedules(ctx, st.ID, list); err != nil {
			return err
		}
		if err := s.Opening.ReviewedStops(ctx, st.ID, reviewedStops(before.Schedules, list)); err != nil {
			return err
		}
		if out, err = s.scheduleSet(ctx, st.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "schedules.replace", ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, Before: setView(before), After: setView(out)}); err != nil {
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

// HolidayPatch changes the public-holiday policy of a structure; a nil field keeps the current value.
type HolidayPatch struct {
	ClosedOnPublicHolidays *bool
	OpenOnPentecostMonday  *bool
}

func (p *HolidayPatch) apply(current opening.HolidayPolicy) opening.HolidayPolicy {
	if p == nil {
		return current
	}
	if p.ClosedOnPublicHolidays != nil {
		current.ClosedOnPublicHolidays = *p.ClosedOnPublicHolidays
	}
	if p.OpenOnPentecostMonday != nil {
		current.OpenOnPentecostMonday = *p.OpenOnPentecostMonday
	}
	return current
}

// stopSlots describes the slots of each stop (as a slot's stop or a schedule's owner), in a comparable form.
func stopSlots(list []hours.Schedule) map[string]string {
	parts := map[string][]string{}
	for _, sc := range list {
		for _, sl := range sc.Slots {
			stop := sl.StopID
			if sc.Owner.Kind == hours.OwnerStop {
				stop = sc.Owner.ID
			}
			if stop != "" {
				parts[stop] = append(parts[stop], fmt.Sprintf("%s %s %s %s", sc.Kind, sc.Status, sl.Label(), sl.WeekRule.French()))
			}
		}
	}
	out := make(map[string]string, len(parts))
	for stop, p := range parts {
		slices.Sort(p)
		out[stop] = strings.Join(p, "|")
	}
	return out
}

// reviewedStops lists the stops a person gave slots to, or changed the slots of: their imported hours that could
// not be read have been reviewed.
func reviewedStops(before, after []hours.Schedule) []string {
	was := stopSlots(before)
	var out []string
	for stop, now := range stopSlots(after) {
		if now != was[stop] {
			out = append(out, stop)
		}
	}
	return out
}

// setView is the audit snapshot of a set: its schedules and its public-holiday policy.
func setView(set ScheduleSet) map[string]any {
	out := schedulesView(set.Schedules)
	out["holidays"] = map[string]any{"closed_on_public_holidays": set.Holidays.ClosedOnPublicHolidays,
		"open_on_pentecost_monday": set.Holidays.OpenOnPentecostMonday}
	return out
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
