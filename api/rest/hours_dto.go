package rest

import (
	"fmt"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/compliance"
	"maillage/pkg/hours"
)

// WeekRuleDTO says in which weeks a slot applies (ISO week parity, or every n weeks from the week of anchor).
type WeekRuleDTO struct {
	Kind     string `json:"kind" enums:"every,odd,even,every_n" example:"every"`
	Interval int    `json:"interval,omitempty" example:"2"`
	Anchor   string `json:"anchor,omitempty" format:"date" example:"2026-01-05"`
} //@name WeekRule

// SlotDTO is a weekly opening (schedules) or a slot of an exception (weekday 0: every day of its range).
type SlotDTO struct {
	Weekday       int          `json:"weekday" minimum:"0" maximum:"7" example:"2"`
	Start         string       `json:"start" example:"09:00"`
	End           string       `json:"end" example:"12:00"`
	WeekRule      *WeekRuleDTO `json:"week_rule,omitempty"`
	StopID        string       `json:"stop_id,omitempty" format:"uuid"`
	PlannedAgents int          `json:"planned_agents" example:"2"`
	AgentIDs      []string     `json:"agent_ids"`
	Access        string       `json:"access" enums:"sans_rdv,sur_rdv,mixte"`
} //@name ScheduleSlot

// ScheduleDTO is one layer of hours of the structure, of one of its stops or of a permanence.
type ScheduleDTO struct {
	ID        string    `json:"id,omitempty" format:"uuid"`
	OwnerKind string    `json:"owner_kind" enums:"structure,stop,permanence"`
	OwnerID   string    `json:"owner_id" format:"uuid"`
	Channel   string    `json:"channel" enums:"accueil,telephone,rdv"`
	Kind      string    `json:"kind" enums:"regular,seasonal,temporary"`
	ValidFrom string    `json:"valid_from,omitempty" format:"date"`
	ValidTo   string    `json:"valid_to,omitempty" format:"date"`
	Priority  int       `json:"priority"`
	Status    string    `json:"status" enums:"draft,published"`
	Slots     []SlotDTO `json:"slots"`
} //@name Schedule

// HolidayPolicyDTO is how a structure treats public holidays (its territory's calendar): closed on them, and
// whether Pentecost Monday (journée de solidarité) is nevertheless a working day.
type HolidayPolicyDTO struct {
	ClosedOnPublicHolidays bool `json:"closed_on_public_holidays" example:"true"`
	OpenOnPentecostMonday  bool `json:"open_on_pentecost_monday" example:"false"`
} //@name HolidayPolicy

// HolidayPolicyInput changes the public-holiday policy; an absent field keeps its current value.
type HolidayPolicyInput struct {
	ClosedOnPublicHolidays *bool `json:"closed_on_public_holidays"`
	OpenOnPentecostMonday  *bool `json:"open_on_pentecost_monday"`
} //@name HolidayPolicyInput

// StopHoursRawDTO is the hours of a stop as published in an imported file, kept whether or not they could be
// read; needs_review says a person must enter the stop's slots.
type StopHoursRawDTO struct {
	StopID      string    `json:"stop_id" format:"uuid"`
	Raw         string    `json:"raw" example:"Mo 09:30-12:30,13:30-15:30; PH off"`
	WeekNote    string    `json:"week_note" example:"Semaine impaire"`
	NeedsReview bool      `json:"needs_review"`
	Reason      string    `json:"reason"`
	ImportedAt  time.Time `json:"imported_at"`
} //@name StopHoursRaw

// ScheduleSetDTO is all the schedules of a structure and its public-holiday policy; version is the ETag of the
// set. stop_hours_raw lists the hours of its stops as published in an imported file (buses).
type ScheduleSetDTO struct {
	StructureID  string            `json:"structure_id" format:"uuid"`
	Version      int               `json:"version"`
	Source       string            `json:"source" enums:"import,maillage,"`
	Schedules    []ScheduleDTO     `json:"schedules"`
	Holidays     HolidayPolicyDTO  `json:"holidays"`
	StopHoursRaw []StopHoursRawDTO `json:"stop_hours_raw"`
} //@name ScheduleSet

// ScheduleSetInput replaces all the schedules of a structure (PUT), or is evaluated without saving (preview);
// holidays, when given, changes the public-holiday policy with them (absent: unchanged).
type ScheduleSetInput struct {
	Schedules *[]ScheduleDTO      `json:"schedules"`
	Holidays  *HolidayPolicyInput `json:"holidays"`
} //@name ScheduleSetInput

// holidays is the change of policy of the input, nil when absent.
func (in ScheduleSetInput) holidays() *compliance.HolidayPatch {
	if in.Holidays == nil {
		return nil
	}
	return &compliance.HolidayPatch{ClosedOnPublicHolidays: in.Holidays.ClosedOnPublicHolidays,
		OpenOnPentecostMonday: in.Holidays.OpenOnPentecostMonday}
}

func slotDTO(s hours.Slot) SlotDTO {
	out := SlotDTO{Weekday: int(s.Weekday), Start: s.Start.String(), End: s.End.String(), StopID: s.StopID,
		PlannedAgents: s.PlannedAgents, AgentIDs: s.AgentIDs, Access: string(s.Access)}
	if out.AgentIDs == nil {
		out.AgentIDs = []string{}
	}
	if out.Access == "" {
		out.Access = string(hours.AccessSansRDV)
	}
	if !s.WeekRule.IsEvery() {
		out.WeekRule = &WeekRuleDTO{Kind: string(s.WeekRule.Kind), Interval: s.WeekRule.Interval, Anchor: s.WeekRule.Anchor.String()}
	}
	return out
}

func slotDTOs(in []hours.Slot) []SlotDTO {
	out := make([]SlotDTO, len(in))
	for i, s := range in {
		out[i] = slotDTO(s)
	}
	return out
}

func scheduleDTO(s hours.Schedule) ScheduleDTO {
	channel := string(s.Channel)
	if channel == "" {
		channel = string(hours.ChannelAccueil)
	}
	return ScheduleDTO{ID: s.ID, OwnerKind: string(s.Owner.Kind), OwnerID: s.Owner.ID, Channel: channel,
		Kind: string(s.Kind), ValidFrom: s.ValidFrom.String(), ValidTo: s.ValidTo.String(), Priority: s.Priority,
		Status: string(s.Status), Slots: slotDTOs(s.Slots)}
}

func scheduleSetDTO(set compliance.ScheduleSet) ScheduleSetDTO {
	out := ScheduleSetDTO{StructureID: set.StructureID, Version: set.Version, Source: set.Source,
		Schedules: make([]ScheduleDTO, len(set.Schedules)), Holidays: HolidayPolicyDTO(set.Holidays),
		StopHoursRaw: make([]StopHoursRawDTO, len(set.StopHours))}
	for i, s := range set.Schedules {
		out.Schedules[i] = scheduleDTO(s)
	}
	for i, r := range set.StopHours {
		out.StopHoursRaw[i] = StopHoursRawDTO{StopID: r.StopID, Raw: r.Raw, WeekNote: r.WeekNote,
			NeedsReview: r.NeedsReview, Reason: r.Reason, ImportedAt: r.ImportedAt}
	}
	return out
}

// parseDateField reads an optional date, reporting a bad one under field.
func parseDateField(v *apperr.Validation, field, s string) hours.Date {
	if s == "" {
		return hours.Date{}
	}
	d, err := hours.ParseDate(s)
	v.Check(err == nil, field, "Date invalide : AAAA-MM-JJ attendu.")
	return d
}

func (in SlotDTO) slot(v *apperr.Validation, at string) hours.Slot {
	s := hours.Slot{Weekday: hours.Weekday(in.Weekday), StopID: in.StopID, PlannedAgents: in.PlannedAgents,
		AgentIDs: in.AgentIDs, Access: hours.Access(in.Access)}
	var err error
	if s.Start, err = hours.ParseClock(in.Start); err != nil {
		v.Add(at+"start", "Heure invalide : HH:MM attendu.")
	}
	if s.End, err = hours.ParseClock(in.End); err != nil {
		v.Add(at+"end", "Heure invalide : HH:MM attendu.")
	}
	if r := in.WeekRule; r != nil {
		s.WeekRule = hours.WeekRule{Kind: hours.WeekRuleKind(r.Kind), Interval: r.Interval,
			Anchor: parseDateField(v, at+"week_rule.anchor", r.Anchor)}
	}
	return s
}

func slotsOf(v *apperr.Validation, at string, in []SlotDTO) []hours.Slot {
	out := make([]hours.Slot, len(in))
	for i, s := range in {
		out[i] = s.slot(v, fmt.Sprintf("%sslots[%d].", at, i))
	}
	return out
}

// schedules reads the input; the structure is the default owner. Syntax errors are keyed like the validation
// of the use case ("schedules[0].slots[2].end").
func (in ScheduleSetInput) schedules(structureID string) ([]hours.Schedule, error) {
	if in.Schedules == nil {
		return nil, apperr.Invalid("validation_failed", "schedules", "La liste des horaires est obligatoire (vide pour tout effacer).")
	}
	var v apperr.Validation
	out := make([]hours.Schedule, len(*in.Schedules))
	for i, d := range *in.Schedules {
		at := fmt.Sprintf("schedules[%d].", i)
		s := hours.Schedule{Owner: hours.Owner{Kind: hours.OwnerKind(d.OwnerKind), ID: d.OwnerID},
			Channel: hours.Channel(d.Channel), Kind: hours.ScheduleKind(d.Kind), Priority: d.Priority,
			Status: hours.Status(d.Status), ValidFrom: parseDateField(&v, at+"valid_from", d.ValidFrom),
			ValidTo: parseDateField(&v, at+"valid_to", d.ValidTo), Slots: slotsOf(&v, at, d.Slots)}
		if s.Owner.Kind == "" {
			s.Owner.Kind = hours.OwnerStructure
		}
		if s.Owner.Kind == hours.OwnerStructure && s.Owner.ID == "" {
			s.Owner.ID = structureID
		}
		if s.Kind == "" {
			s.Kind = hours.KindRegular
		}
		if s.Status == "" {
			s.Status = hours.StatusPublished
		}
		out[i] = s
	}
	err := v.Err()
	if err == nil {
		return out, nil
	}
	// report the rules' errors together with the syntax ones (a field already wrong keeps its first message)
	fields := err.(*apperr.Error).Fields
	for i, s := range out {
		if e, ok := apperr.As(compliance.Prefix(s.Validate(), fmt.Sprintf("schedules[%d].", i))); ok {
			for k, msg := range e.Fields {
				if _, seen := fields[k]; !seen {
					fields[k] = msg
				}
			}
		}
	}
	return out, err
}

// ExceptionDTO is a closure, a reduced or an extra opening, or replacement hours over a date range.
type ExceptionDTO struct {
	ID            string    `json:"id" format:"uuid"`
	OwnerKind     string    `json:"owner_kind" enums:"structure,stop,permanence"`
	OwnerID       string    `json:"owner_id" format:"uuid"`
	From          string    `json:"from" format:"date" example:"2026-12-24"`
	To            string    `json:"to" format:"date" example:"2026-12-31"`
	Type          string    `json:"type" enums:"closed,reduced,extra,replace"`
	Reason        string    `json:"reason" example:"Congés"`
	PublicMessage string    `json:"public_message" example:"Fermeture pour les fêtes de fin d’année"`
	Slots         []SlotDTO `json:"slots"`
	Version       int       `json:"version"`
} //@name HoursException

// ExceptionList lists the exceptions of a structure by start date.
type ExceptionList struct {
	Items []ExceptionDTO `json:"items"`
} //@name HoursExceptionList

// ExceptionInput creates an exception, or patches the given fields of one.
type ExceptionInput struct {
	OwnerKind     *string    `json:"owner_kind"`
	OwnerID       *string    `json:"owner_id"`
	From          *string    `json:"from" format:"date"`
	To            *string    `json:"to" format:"date"`
	Type          *string    `json:"type" enums:"closed,reduced,extra,replace"`
	Reason        *string    `json:"reason"`
	PublicMessage *string    `json:"public_message"`
	Slots         *[]SlotDTO `json:"slots"`
} //@name HoursExceptionInput

func exceptionDTO(e compliance.StoredException) ExceptionDTO {
	return ExceptionDTO{ID: e.ID, OwnerKind: string(e.Owner.Kind), OwnerID: e.Owner.ID, From: e.From.String(),
		To: e.To.String(), Type: string(e.Type), Reason: e.Reason, PublicMessage: e.PublicMessage,
		Slots: slotDTOs(e.Slots), Version: e.Version}
}

// apply writes the given fields onto e.
func (in ExceptionInput) apply(e *hours.Exception) error {
	var v apperr.Validation
	if in.OwnerKind != nil {
		e.Owner.Kind = hours.OwnerKind(*in.OwnerKind)
	}
	if in.OwnerID != nil {
		e.Owner.ID = *in.OwnerID
	}
	if in.From != nil {
		e.From = parseDateField(&v, "from", *in.From)
	}
	if in.To != nil {
		e.To = parseDateField(&v, "to", *in.To)
	}
	if in.Type != nil {
		e.Type = hours.ExceptionType(*in.Type)
	}
	if in.Reason != nil {
		e.Reason = *in.Reason
	}
	if in.PublicMessage != nil {
		e.PublicMessage = *in.PublicMessage
	}
	if in.Slots != nil {
		e.Slots = slotsOf(&v, "", *in.Slots)
	}
	return v.Err()
}

// IntervalDTO is a concrete opening.
type IntervalDTO struct {
	Date          string    `json:"date" format:"date"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	OwnerKind     string    `json:"owner_kind" enums:"structure,stop,permanence"`
	OwnerID       string    `json:"owner_id" format:"uuid"`
	StopID        string    `json:"stop_id,omitempty" format:"uuid"`
	PlannedAgents int       `json:"planned_agents"`
	AgentIDs      []string  `json:"agent_ids"`
	Access        string    `json:"access" enums:"sans_rdv,sur_rdv,mixte"`
	Source        string    `json:"source" enums:"regular,seasonal,temporary,exception"`
	ExceptionID   string    `json:"exception_id,omitempty" format:"uuid"`
} //@name OpeningInterval

func intervalDTO(iv hours.Interval) IntervalDTO {
	out := IntervalDTO{Date: iv.Date.String(), Start: iv.Start, End: iv.End, OwnerKind: string(iv.Owner.Kind),
		OwnerID: iv.Owner.ID, StopID: iv.StopID, PlannedAgents: iv.PlannedAgents, AgentIDs: iv.AgentIDs,
		Access: string(iv.Access), Source: string(iv.Source), ExceptionID: iv.ExceptionID}
	if out.AgentIDs == nil {
		out.AgentIDs = []string{}
	}
	if out.Access == "" {
		out.Access = string(hours.AccessSansRDV)
	}
	return out
}

func intervalPtr(iv *hours.Interval) *IntervalDTO {
	if iv == nil {
		return nil
	}
	d := intervalDTO(*iv)
	return &d
}

// CalendarDTO is the resolved openings of a structure over a period.
type CalendarDTO struct {
	StructureID string        `json:"structure_id" format:"uuid"`
	Timezone    string        `json:"timezone" example:"Europe/Paris"`
	From        string        `json:"from" format:"date"`
	To          string        `json:"to" format:"date"`
	Intervals   []IntervalDTO `json:"intervals"`
} //@name OpeningCalendar

// OpenAtDTO tells whether a structure is open at an instant.
type OpenAtDTO struct {
	StructureID string       `json:"structure_id" format:"uuid"`
	At          time.Time    `json:"at"`
	Open        bool         `json:"open"`
	Current     *IntervalDTO `json:"current"`
	Next        *IntervalDTO `json:"next"` // within 14 days
} //@name OpenAt

// ANCTHoursDTO are the six day columns of the national file.
type ANCTHoursDTO struct {
	Lundi    string `json:"h_lundi" example:"09:00 - 12:00 / 14:00 - 17:00"`
	Mardi    string `json:"h_mardi"`
	Mercredi string `json:"h_mercredi"`
	Jeudi    string `json:"h_jeudi"`
	Vendredi string `json:"h_vendredi"`
	Samedi   string `json:"h_samedi"`
} //@name ANCTHours

// HoursFormatsDTO are the published hours of the structure in the derived formats.
type HoursFormatsDTO struct {
	OSM            string                            `json:"osm" example:"Mo-Fr 09:00-12:00,14:00-17:00; PH off"`
	OSMNotes       []string                          `json:"osm_notes"`
	ANCT           ANCTHoursDTO                      `json:"anct"`
	ANCTNotes      []string                          `json:"anct_notes"`
	SchemaOrg      []hours.OpeningHoursSpecification `json:"schema_org"`
	SchemaOrgNotes []string                          `json:"schema_org_notes"`
} //@name HoursFormats

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
