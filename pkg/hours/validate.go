package hours

import (
	"fmt"
	"slices"

	"maillage/pkg/apperr"
)

// Validate checks a schedule. The error is an *apperr.Error of kind Invalid whose Fields map the JSON path of
// each wrong field ("valid_to", "slots[2].end", "slots[0].week_rule.anchor") to a French message, so the API
// can answer 422 as it is; nil when the schedule is fine.
func (s Schedule) Validate() error {
	var v apperr.Validation
	v.Check(slices.Contains([]OwnerKind{OwnerStructure, OwnerStop, OwnerPermanence}, s.Owner.Kind), "owner_kind",
		"Le propriétaire doit être une structure, un arrêt ou une permanence.")
	v.Check(s.Owner.ID != "", "owner_id", "Le propriétaire est obligatoire.")
	v.Check(slices.Contains([]Channel{"", ChannelAccueil, ChannelTelephone, ChannelRDV}, s.Channel), "channel",
		"Le canal doit être accueil, telephone ou rdv.")
	v.Check(slices.Contains([]ScheduleKind{KindRegular, KindSeasonal, KindTemporary}, s.Kind), "kind",
		"Le type doit être regular, seasonal ou temporary.")
	v.Check(slices.Contains([]Status{StatusDraft, StatusPublished}, s.Status), "status",
		"Le statut doit être draft ou published.")
	if !s.ValidFrom.IsZero() && !s.ValidTo.IsZero() && s.ValidTo.Before(s.ValidFrom) {
		v.Add("valid_to", "La fin de validité doit suivre le début de validité.")
	}
	if s.Kind != KindRegular && s.Kind != "" && (s.ValidFrom.IsZero() || s.ValidTo.IsZero()) {
		v.Add("valid_from", "Des horaires saisonniers ou temporaires ont une date de début et une date de fin.")
	}
	for i, slot := range s.Slots {
		validateSlot(&v, fmt.Sprintf("slots[%d]", i), slot, true)
	}
	return v.Err()
}

// Validate checks an exception the same way as Schedule.Validate ("to", "slots[1].start" …).
func (e Exception) Validate() error {
	var v apperr.Validation
	v.Check(e.Owner.ID != "", "owner_id", "Le propriétaire est obligatoire.")
	v.Check(!e.From.IsZero(), "from", "La date de début est obligatoire.")
	v.Check(!e.To.IsZero(), "to", "La date de fin est obligatoire.")
	if !e.From.IsZero() && !e.To.IsZero() {
		v.Check(!e.To.Before(e.From), "to", "La date de fin doit suivre la date de début.")
		v.Check(e.To.Sub(e.From) < 366, "to", "Une exception couvre au plus un an : créez des horaires saisonniers.")
	}
	switch e.Type {
	case ExceptionClosed:
		v.Check(len(e.Slots) == 0, "slots", "Une fermeture n’a pas de créneaux.")
	case ExceptionReduced, ExceptionExtra, ExceptionReplace:
		v.Check(len(e.Slots) > 0, "slots", "Indiquez les créneaux d’ouverture de cette période.")
	default:
		v.Add("type", "Le type doit être closed, reduced, extra ou replace.")
	}
	v.Check(len([]rune(e.PublicMessage)) <= 500, "public_message", "Le message public fait au plus 500 caractères.")
	for i, slot := range e.Slots {
		validateSlot(&v, fmt.Sprintf("slots[%d]", i), slot, false)
	}
	return v.Err()
}

func validateSlot(v *apperr.Validation, at string, s Slot, weekdayRequired bool) {
	if weekdayRequired || s.Weekday != 0 {
		v.Check(s.Weekday.Valid(), at+".weekday", "Le jour doit aller de 1 (lundi) à 7 (dimanche).")
	}
	v.Check(s.Start.Valid() && s.Start < 1440, at+".start", "L’heure de début doit être comprise entre 00:00 et 23:59.")
	switch {
	case !s.End.Valid():
		v.Add(at+".end", "L’heure de fin doit être comprise entre 00:01 et 24:00.")
	case s.End <= s.Start:
		v.Add(at+".end", "L’heure de fin doit suivre l’heure de début.")
	}
	switch s.WeekRule.Kind {
	case "", WeekEvery, WeekOdd, WeekEven:
	case WeekEveryN:
		v.Check(s.WeekRule.Interval >= 2 && s.WeekRule.Interval <= 52, at+".week_rule.interval",
			"L’intervalle doit être compris entre 2 et 52 semaines.")
		v.Check(!s.WeekRule.Anchor.IsZero(), at+".week_rule.anchor",
			"Indiquez une date de référence pour le rythme « toutes les n semaines ».")
	default:
		v.Add(at+".week_rule.kind", "La règle de semaine doit être every, odd, even ou every_n.")
	}
	v.Check(s.PlannedAgents >= 0 && s.PlannedAgents <= 50, at+".planned_agents",
		"Le nombre d’agents prévus doit être compris entre 0 et 50.")
	v.Check(slices.Contains([]Access{"", AccessSansRDV, AccessSurRDV, AccessMixte}, s.Access), at+".access",
		"L’accès doit être sans_rdv, sur_rdv ou mixte.")
	for j, id := range s.AgentIDs {
		if id == "" || slices.Contains(s.AgentIDs[:j], id) {
			v.Add(fmt.Sprintf("%s.agent_ids[%d]", at, j), "Agent vide ou en double.")
		}
	}
}
