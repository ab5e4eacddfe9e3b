package partnering

import (
	"fmt"
	"strings"

	"maillage/pkg/apperr"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
)

// The hours of a permanence are schedules of owner kind "permanence" (DESIGN.md §4): validated by pkg/hours,
// stored by pkg/opening, written out as an OSM opening_hours string by pkg/hours.

func date(s string) hours.Date {
	d, _ := hours.ParseDate(s) // stored dates are valid; "" gives the zero date
	return d
}

func toHours(s opening.Schedule) hours.Schedule {
	out := hours.Schedule{ID: s.ID, Owner: hours.Owner{Kind: hours.OwnerKind(s.OwnerKind), ID: s.OwnerID},
		Channel: hours.Channel(s.Channel), Kind: hours.ScheduleKind(s.Kind), ValidFrom: date(s.ValidFrom),
		ValidTo: date(s.ValidTo), Priority: s.Priority, Status: hours.Status(s.Status), Slots: make([]hours.Slot, len(s.Slots))}
	for i, sl := range s.Slots {
		out.Slots[i] = hours.Slot{Weekday: hours.Weekday(sl.Weekday), Start: hours.Clock(sl.Start), End: hours.Clock(sl.End),
			WeekRule: hours.WeekRule{Kind: hours.WeekRuleKind(sl.WeekRule), Interval: sl.WeekInterval, Anchor: date(sl.WeekAnchor)},
			StopID:   sl.StopID, PlannedAgents: sl.PlannedAgents, Access: hours.Access(sl.Access)}
	}
	return out
}

func fromHours(s hours.Schedule) opening.Schedule {
	out := opening.Schedule{OwnerKind: string(s.Owner.Kind), OwnerID: s.Owner.ID, Channel: string(s.Channel),
		Kind: string(s.Kind), ValidFrom: s.ValidFrom.String(), ValidTo: s.ValidTo.String(), Priority: s.Priority,
		Status: string(s.Status), Slots: make([]opening.Slot, len(s.Slots))}
	if out.Channel == "" {
		out.Channel = string(hours.ChannelAccueil)
	}
	for i, sl := range s.Slots {
		rule, access := string(sl.WeekRule.Kind), string(sl.Access)
		if rule == "" {
			rule = string(hours.WeekEvery)
		}
		if access == "" {
			access = string(hours.AccessSansRDV)
		}
		out.Slots[i] = opening.Slot{Weekday: int(sl.Weekday), Start: int(sl.Start), End: int(sl.End), WeekRule: rule,
			WeekInterval: sl.WeekRule.Interval, WeekAnchor: sl.WeekRule.Anchor.String(), StopID: sl.StopID,
			PlannedAgents: sl.PlannedAgents, Access: access}
	}
	return out
}

// checkPermanenceHours sets the owner of each schedule to the permanence and validates them: the rules of
// pkg/hours, stops of the structure only, no named agents (they are the structure's agents, not the partner's).
// Fields are keyed "schedules[i].slots[j].end".
func checkPermanenceHours(list []hours.Schedule, permanenceID string, stops map[string]bool) error {
	fields := map[string]string{}
	for i := range list {
		sc := &list[i]
		sc.Owner = hours.Owner{Kind: hours.OwnerPermanence, ID: permanenceID}
		at := fmt.Sprintf("schedules[%d].", i)
		if err := sc.Validate(); err != nil {
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindInvalid {
				return err
			}
			for k, msg := range e.Fields {
				fields[at+k] = msg
			}
		}
		for j, sl := range sc.Slots {
			if sl.StopID != "" && !stops[sl.StopID] {
				fields[fmt.Sprintf("%sslots[%d].stop_id", at, j)] = "Cet arrêt n’appartient pas à la structure."
			}
			if len(sl.AgentIDs) > 0 {
				fields[fmt.Sprintf("%sslots[%d].agent_ids", at, j)] = "Une permanence ne nomme pas d’agents de la structure."
			}
		}
	}
	if len(fields) > 0 {
		return &apperr.Error{Kind: apperr.KindInvalid, Code: "validation_failed", Message: "Certains champs sont invalides.",
			Fields: fields}
	}
	return nil
}

// osmOf writes the published hours of a permanence as an OSM opening_hours value ("" when it has none), closed
// on public holidays like the structure that hosts it.
func osmOf(list []hours.Schedule, today hours.Date) (string, []string) {
	osm, notes := hours.FormatOSM(hours.OSMOptions{Today: today, ClosedOnHolidays: true}, list...)
	if osm == "PH off" {
		return "", nil
	}
	return osm, notes
}

// summaryOf describes the regular published hours in French when the permanence has no summary of its own:
// "mardi 09:00–12:00 (toutes les 4 semaines à partir de la semaine du 5 janvier 2026)".
func summaryOf(list []hours.Schedule) string {
	var parts []string
	for _, sc := range list {
		if sc.Status != hours.StatusPublished || sc.Kind != hours.KindRegular {
			continue
		}
		for _, sl := range sc.Slots {
			p := sl.Label()
			if !sl.WeekRule.IsEvery() {
				p += " (" + sl.WeekRule.French() + ")"
			}
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}
