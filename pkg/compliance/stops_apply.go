package compliance

import (
	"context"
	"fmt"
	"slices"

	"maillage/pkg/audit"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

// readStopHours reads the hours of an entry. problem (French) is set when they cannot be used as they are: the
// value is then kept raw for review. notes are remarks on hours that were read.
func readStopHours(e stopEntry, policy opening.HolidayPolicy) (slots []hours.Slot, problem string, notes []string) {
	const kept = " Valeur gardée telle quelle pour relecture ; les créneaux actuels de l’arrêt ne changent pas."
	if e.Hours == "" {
		return nil, "Aucun horaire publié (horaires vide) : à saisir pour cet arrêt.", nil
	}
	h, err := hours.ParseOSM(e.Hours)
	if err != nil {
		return nil, "Horaires illisibles, " + err.Error() + "." + kept, nil
	}
	if len(h.Slots) == 0 {
		return nil, "Les horaires n’ouvrent l’arrêt aucun jour." + kept, nil
	}
	rule, ok := hours.WeekRuleFromFrench(e.Weeks)
	if !ok {
		return nil, "Mention de semaines « " + e.Weeks + " » non comprise (« Semaine paire » ou « Semaine impaire » attendue)." + kept, nil
	}
	switch {
	case !slices.ContainsFunc(h.Slots, func(s hours.Slot) bool { return !s.WeekRule.IsEvery() }):
		h.Slots = hours.WithWeekRule(h.Slots, rule)
	case !rule.IsEvery():
		notes = append(notes, "La mention « "+e.Weeks+" » est ignorée : les horaires précisent déjà leurs semaines.")
	}
	switch {
	case policy.ClosedOnPublicHolidays && !h.ClosedOnHolidays:
		notes = append(notes, "Le fichier n’indique pas « PH off » : la structure reste fermée les jours fériés, selon sa politique.")
	case !policy.ClosedOnPublicHolidays && h.ClosedOnHolidays:
		notes = append(notes, "Le fichier indique « PH off » mais la structure ouvre les jours fériés, selon sa politique.")
	}
	return h.Slots, "", notes
}

// weekRuleName sums up the weeks of a stop's slots: every, odd, even, or mixed.
func weekRuleName(slots []hours.Slot) string {
	name := ""
	for _, s := range slots {
		k := string(s.WeekRule.Kind)
		if s.WeekRule.IsEvery() {
			k = string(hours.WeekEvery)
		}
		if name != "" && name != k {
			return "mixed"
		}
		name = k
	}
	return name
}

// planHours plans the stop's slots and its published hours. Slots equal to current ones keep their planned and
// named agents and access; hours that cannot be read leave the stop's slots as they are.
func (in *stopImportInput) planHours(p *stopPlan, e stopEntry, raws map[string]opening.StopHoursRaw) {
	slots, problem, notes := readStopHours(e, in.set.Holidays)
	p.row.Reasons = append(p.row.Reasons, notes...)
	p.raw = opening.StopHoursRaw{StructureID: in.structure.ID, Raw: e.Hours, WeekNote: e.Weeks, NeedsReview: problem != "",
		Reason: problem}
	if problem == "" {
		current := in.stopSlots(p.row.StopID)
		p.row.Slots, p.row.WeekRule = len(slots), weekRuleName(slots)
		p.slotsChanged = !sameSlotKeys(current, slots)
		p.slots = mergeStopSlots(current, slots)
	} else {
		p.row.Reasons = append(p.row.Reasons, problem)
	}
	p.row.NeedsReview = p.raw.NeedsReview
	if p.before == nil {
		p.rawChanged = true
		return
	}
	r, ok := raws[p.before.ID]
	if ok {
		p.rawBefore = &r
	}
	if ok && r.Raw == p.raw.Raw && r.WeekNote == p.raw.WeekNote && problem != "" && !r.NeedsReview {
		// the same unreadable value, already reviewed: the slots a person entered stay, and so does the record
		p.raw.NeedsReview, p.raw.Reason, p.row.NeedsReview = false, "", false
		p.row.Reasons = append(p.row.Reasons, "Déjà relu : les créneaux saisis pour cet arrêt sont gardés.")
	}
	p.rawChanged = !ok || r.Raw != p.raw.Raw || r.WeekNote != p.raw.WeekNote || r.NeedsReview != p.raw.NeedsReview ||
		r.Reason != p.raw.Reason
}

// stopSlots are the slots of a stop in the regular schedule.
func (in *stopImportInput) stopSlots(stopID string) []hours.Slot {
	if stopID == "" || in.target < 0 {
		return nil
	}
	var out []hours.Slot
	for _, sl := range in.set.Schedules[in.target].Slots {
		if sl.StopID == stopID {
			out = append(out, sl)
		}
	}
	return out
}

func slotKey(s hours.Slot) string {
	rule := s.WeekRule
	if rule.IsEvery() {
		rule = hours.Every
	}
	return fmt.Sprintf("%d %d %d %s %d %s", s.Weekday, s.Start, s.End, rule.Kind, rule.Interval, rule.Anchor)
}

func sameSlotKeys(a, b []hours.Slot) bool {
	keys := func(list []hours.Slot) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = slotKey(s)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(keys(a), keys(b))
}

func mergeStopSlots(current, fresh []hours.Slot) []hours.Slot {
	out := make([]hours.Slot, len(fresh))
	for i, f := range fresh {
		out[i] = f
		for _, c := range current {
			if slotKey(c) == slotKey(f) {
				out[i] = c
				break
			}
		}
	}
	return out
}

// applyStops writes the plan: stops created or updated, the regular schedule with the stops' new slots (the
// hours then count as edited in Maillage, so the ANCT import leaves them), the published hours, the audit
// entries and a compliance evaluation. Nothing is written when every entry is unchanged or rejected.
func (s *Service) applyStops(ctx context.Context, st structure.Structure, in *stopImportInput, plans []*stopPlan) error {
	var entries []audit.Entry
	var raws []opening.StopHoursRaw
	schedules := slices.Clone(in.set.Schedules)
	target := in.target
	if target < 0 {
		schedules = append(schedules, hours.Schedule{Owner: hours.Owner{Kind: hours.OwnerStructure, ID: st.ID},
			Channel: hours.ChannelAccueil, Kind: hours.KindRegular, Status: hours.StatusPublished})
		target = len(schedules) - 1
	}
	slotsChanged := false
	for _, p := range plans {
		if p.row.Status == StopRejected || p.row.Status == StopUnchanged {
			continue
		}
		stop, err := s.saveStop(ctx, p)
		if err != nil {
			return err
		}
		p.row.StopID = stop.ID
		if p.before == nil || p.stopChanged || p.rawChanged {
			entries = append(entries, stopEntryAudit(st, p, stop))
		}
		if p.rawChanged {
			p.raw.StopID = stop.ID
			raws = append(raws, p.raw)
		}
		if p.slotsChanged {
			slotsChanged = true
			schedules[target].Slots = replaceStopSlots(schedules[target].Slots, stop.ID, p.slots)
		}
	}
	if len(entries) == 0 && !slotsChanged {
		return nil
	}
	if slotsChanged {
		if err := s.writeImportedSlots(ctx, st, in.set, schedules, &entries); err != nil {
			return err
		}
	}
	if err := s.Opening.SaveStopHoursRaws(ctx, raws); err != nil {
		return err
	}
	if err := audit.RecordAll(ctx, s.DB, entries); err != nil {
		return err
	}
	return s.record(ctx, "import.stops", st)
}

func (s *Service) saveStop(ctx context.Context, p *stopPlan) (structure.Stop, error) {
	switch {
	case p.before == nil:
		return s.Structures.InsertStop(ctx, p.stop) // position 0: last
	case p.stopChanged:
		return s.Structures.UpdateStop(ctx, p.stop, p.before.Version)
	}
	return *p.before, nil
}

// replaceStopSlots replaces the slots of one stop, keeping the others, ordered by day and time.
func replaceStopSlots(all []hours.Slot, stopID string, slots []hours.Slot) []hours.Slot {
	out := slices.DeleteFunc(slices.Clone(all), func(s hours.Slot) bool { return s.StopID == stopID })
	for _, sl := range slots {
		sl.StopID = stopID
		out = append(out, sl)
	}
	slices.SortStableFunc(out, func(a, b hours.Slot) int {
		if a.Weekday != b.Weekday {
			return int(a.Weekday) - int(b.Weekday)
		}
		return int(a.Start) - int(b.Start)
	})
	return out
}

// writeImportedSlots writes the schedules with the stops' new slots and adds the audit entry of the change.
func (s *Service) writeImportedSlots(ctx context.Context, st structure.Structure, before ScheduleSet, schedules []hours.Schedule,
	entries *[]audit.Entry) error {
	for _, sc := range schedules {
		if err := sc.Validate(); err != nil {
			return err
		}
	}
	if _, err := s.Opening.BumpHours(ctx, st.ID, 0, "maillage"); err != nil {
		return err
	}
	if err := s.writeSchedules(ctx, st.ID, schedules); err != nil {
		return err
	}
	after := before
	after.Schedules = schedules
	*entries = append(*entries, audit.Entry{Action: "schedules.import_stops", ObjectType: "structure", ObjectID: st.ID,
		Departements: []string{st.Departement}, Before: setView(before), After: setView(after)})
	return nil
}

func stopEntryAudit(st structure.Structure, p *stopPlan, stop structure.Stop) audit.Entry {
	view := func(sp *structure.Stop, raw *opening.StopHoursRaw) map[string]any {
		if sp == nil {
			return nil
		}
		out := map[string]any{"id": sp.ID, "position": sp.Position, "label": sp.Label, "address": sp.Address,
			"commune_code": sp.CommuneCode, "latitude": sp.Latitude, "longitude": sp.Longitude}
		if raw != nil {
			out["hours_raw"], out["week_note"], out["needs_review"] = raw.Raw, raw.WeekNote, raw.NeedsReview
		}
		return out
	}
	action := "stop.update"
	if p.before == nil {
		action = "stop.create"
	}
	return audit.Entry{Action: action, ObjectType: "structure", ObjectID: st.ID, Departements: []string{st.Departement},
		Before: view(p.before, p.rawBefore), After: view(&stop, &p.raw)}
}
