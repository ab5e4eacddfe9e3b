package compliance

import (
	"sync"
	"time"

	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

func date(s string) hours.Date {
	d, _ := hours.ParseDate(s) // stored dates are valid; "" gives the zero date
	return d
}

func slotToHours(s opening.Slot) hours.Slot {
	return hours.Slot{Weekday: hours.Weekday(s.Weekday), Start: hours.Clock(s.Start), End: hours.Clock(s.End),
		WeekRule: hours.WeekRule{Kind: hours.WeekRuleKind(s.WeekRule), Interval: s.WeekInterval, Anchor: date(s.WeekAnchor)},
		StopID:   s.StopID, PlannedAgents: s.PlannedAgents, AgentIDs: s.AgentIDs, Access: hours.Access(s.Access)}
}

func slotFromHours(s hours.Slot) opening.Slot {
	rule := string(s.WeekRule.Kind)
	if rule == "" {
		rule = string(hours.WeekEvery)
	}
	access := string(s.Access)
	if access == "" {
		access = string(hours.AccessSansRDV)
	}
	return opening.Slot{Weekday: int(s.Weekday), Start: int(s.Start), End: int(s.End), WeekRule: rule,
		WeekInterval: s.WeekRule.Interval, WeekAnchor: s.WeekRule.Anchor.String(), StopID: s.StopID,
		PlannedAgents: s.PlannedAgents, AgentIDs: s.AgentIDs, Access: access}
}

func slotsToHours(in []opening.Slot) []hours.Slot {
	out := make([]hours.Slot, len(in))
	for i, s := range in {
		out[i] = slotToHours(s)
	}
	return out
}

func slotsFromHours(in []hours.Slot) []opening.Slot {
	out := make([]opening.Slot, len(in))
	for i, s := range in {
		out[i] = slotFromHours(s)
	}
	return out
}

// ScheduleToHours turns a stored schedule into the pure model.
func ScheduleToHours(s opening.Schedule) hours.Schedule {
	return hours.Schedule{ID: s.ID, Owner: hours.Owner{Kind: hours.OwnerKind(s.OwnerKind), ID: s.OwnerID},
		Channel: hours.Channel(s.Channel), Kind: hours.ScheduleKind(s.Kind), ValidFrom: date(s.ValidFrom),
		ValidTo: date(s.ValidTo), Priority: s.Priority, Status: hours.Status(s.Status), Slots: slotsToHours(s.Slots)}
}

func scheduleFromHours(s hours.Schedule) opening.Schedule {
	channel := string(s.Channel)
	if channel == "" {
		channel = string(hours.ChannelAccueil)
	}
	return opening.Schedule{ID: s.ID, OwnerKind: string(s.Owner.Kind), OwnerID: s.Owner.ID, Channel: channel,
		Kind: string(s.Kind), ValidFrom: s.ValidFrom.String(), ValidTo: s.ValidTo.String(), Priority: s.Priority,
		Status: string(s.Status), Slots: slotsFromHours(s.Slots)}
}

func schedulesToHours(in []opening.Schedule) []hours.Schedule {
	out := make([]hours.Schedule, len(in))
	for i, s := range in {
		out[i] = ScheduleToHours(s)
	}
	return out
}

// ExceptionToHours turns a stored exception into the pure model.
func ExceptionToHours(e opening.Exception) hours.Exception {
	return hours.Exception{ID: e.ID, Owner: hours.Owner{Kind: hours.OwnerKind(e.OwnerKind), ID: e.OwnerID},
		From: date(e.From), To: date(e.To), Type: hours.ExceptionType(e.Type), Slots: slotsToHours(e.Slots),
		Reason: e.Reason, PublicMessage: e.PublicMessage}
}

func exceptionsToHours(in []opening.Exception) []hours.Exception {
	out := make([]hours.Exception, len(in))
	for i, e := range in {
		out[i] = ExceptionToHours(e)
	}
	return out
}

// locations keeps the zones already loaded: time.LoadLocation reads and parses the zone file on every call, a
// quarter of the CPU of a département report (ADR 0006, Performance). Only valid IANA names are kept, so the
// cache is bounded by the zone database.
var locations sync.Map // string -> *time.Location

// Location is the structure's IANA zone (Europe/Paris when unknown).
func Location(st structure.Structure) *time.Location {
	if st.Timezone == "" {
		return hours.DefaultLocation()
	}
	if loc, ok := locations.Load(st.Timezone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(st.Timezone)
	if err != nil {
		return hours.DefaultLocation()
	}
	locations.Store(st.Timezone, loc)
	return loc
}

// Layers are the stored hours of one structure, ready for the resolver.
type Layers struct {
	Structure  structure.Structure
	Schedules  []hours.Schedule
	Exceptions []hours.Exception
	Holidays   opening.HolidayPolicy
}

// resolveInput is the resolver input of a structure over [from, to], with its public-holiday policy.
func (l Layers) resolveInput(from, to hours.Date, drafts bool) hours.ResolveInput {
	return hours.ResolveInput{From: from, To: to, Location: Location(l.Structure), Schedules: l.Schedules,
		Exceptions: l.Exceptions, Calendar: hours.Calendar(l.Structure.HolidayCalendar),
		ClosedOnHolidays: l.Holidays.ClosedOnPublicHolidays,
		HolidayOptions:   hours.HolidayOptions{OpenOnPentecostMonday: l.Holidays.OpenOnPentecostMonday},
		IncludeDrafts:    drafts}
}
