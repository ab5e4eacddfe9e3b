package partnering

import (
	"context"
	"reflect"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/partner"
	"maillage/pkg/structure"
)

// PermanenceFields create a permanence or change one; nil means "not given". The partner is set at creation
// (a partner user's or client's own organisation by default) and never changes. Schedules replace the
// permanence's hours (their owner is always the permanence).
type PermanenceFields struct {
	PartnerKind  *string
	PartnerID    *string
	StopID       *string
	Modality     *string
	BookingURL   *string
	Summary      *string
	PublicNote   *string
	InternalNote *string
	Schedules    *[]hours.Schedule
}

// Permanence is a permanence with its partner's name, its hours, their OSM form and a French summary (the one
// given, else one written from the regular hours).
type Permanence struct {
	partner.Permanence
	PartnerName string
	Schedules   []hours.Schedule
	OSM         string
	OSMNotes    []string
	Description string
}

// Permanences lists the permanences of a structure of the actor's territory.
func (s *Service) Permanences(ctx context.Context, a auth.Actor, structureID string) ([]Permanence, error) {
	st, err := s.Structures.Get(ctx, a, structureID)
	if err != nil {
		return nil, err
	}
	list, err := s.Partners.Permanences(ctx, partner.PermanenceFilter{StructureIDs: []string{st.ID}})
	if err != nil {
		return nil, err
	}
	return s.permanenceViews(ctx, list)
}

func (s *Service) permanenceViews(ctx context.Context, list []partner.Permanence) ([]Permanence, error) {
	refs := make([]partner.Ref, len(list))
	ids := make([]string, len(list))
	for i, p := range list {
		refs[i], ids[i] = p.Partner, p.ID
	}
	n, err := s.names(ctx, refs)
	if err != nil {
		return nil, err
	}
	stored, err := s.Opening.OwnerSchedules(ctx, string(hours.OwnerPermanence), ids)
	if err != nil {
		return nil, err
	}
	today := date(s.today())
	out := make([]Permanence, len(list))
	for i, p := range list {
		v := Permanence{Permanence: p, PartnerName: n.of(p.Partner), Schedules: []hours.Schedule{}}
		for _, sc := range stored[p.ID] {
			v.Schedules = append(v.Schedules, toHours(sc))
		}
		v.OSM, v.OSMNotes = osmOf(v.Schedules, today)
		v.Description = p.Summary
		if v.Description == "" {
			v.Description = summaryOf(v.Schedules)
		}
		out[i] = v
	}
	return out, nil
}

func mayWritePermanences(a auth.Actor) error {
	if !a.HasRole(stewards...) && !isPartner(a) {
		return forbidden("Votre rôle ne permet pas de gérer les permanences.")
	}
	return nil
}

// CreatePermanence adds a partner's permanence at a structure of the actor's territory.
func (s *Service) CreatePermanence(ctx context.Context, a auth.Actor, structureID string, f PermanenceFields) (Permanence, error) {
	var out Permanence
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		st, err := s.Structures.Get(ctx, a, structureID)
		if err != nil {
			return err
		}
		if err := mayWritePermanences(a); err != nil {
			return err
		}
		kind, id := partnerOfInput(a, f.PartnerKind, f.PartnerID)
		ref, err := s.resolvePartner(ctx, kind, id, st.Departement, "partner_id")
		if err != nil {
			return err
		}
		if err := mayWriteFor(a, ref); err != nil {
			return err
		}
		p := partner.Permanence{ID: partner.NewPermanenceID(), StructureID: st.ID, Departement: st.Departement, Partner: ref}
		list, err := s.applyPermanence(ctx, st, &p, f, true)
		if err != nil {
			return err
		}
		if _, err := s.Partners.InsertPermanence(ctx, p); err != nil {
			return err
		}
		return s.savedPermanence(ctx, "permanence.create", nil, p.ID, st, list, &out)
	})
	return out, err
}

// UpdatePermanence changes a permanence and its hours at the expected version; nothing changed keeps it.
func (s *Service) UpdatePermanence(ctx context.Context, a auth.Actor, id string, version int, f PermanenceFields) (Permanence, error) {
	if f.PartnerKind != nil || f.PartnerID != nil {
		return Permanence{}, apperr.Invalid("validation_failed", "partner_id",
			"Le partenaire d’une permanence ne change pas : créez-en une autre.")
	}
	var out Permanence
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		before, st, err := s.writablePermanence(ctx, a, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return partner.ErrStalePermanence
		}
		next := before.Permanence
		list, err := s.applyPermanence(ctx, st, &next, f, f.Schedules != nil)
		if err != nil {
			return err
		}
		if list == nil {
			list = before.Schedules
		}
		if next == before.Permanence && sameHours(before.Schedules, list) {
			out = before
			return nil
		}
		if _, err := s.Partners.UpdatePermanence(ctx, next, version); err != nil {
			return err
		}
		return s.savedPermanence(ctx, "permanence.update", &before, id, st, list, &out)
	})
	return out, err
}

// savedPermanence writes the hours of a permanence just inserted or updated, reads it back and records the audit
// entry.
func (s *Service) savedPermanence(ctx context.Context, action string, before *Permanence, id string,
	st structure.Structure, list []hours.Schedule, out *Permanence) error {
	stored := make([]opening.Schedule, len(list))
	for i, sc := range list {
		stored[i] = fromHours(sc)
	}
	if _, err := s.Opening.ReplaceOwnerSchedules(ctx, st.ID, string(hours.OwnerPermanence), id, stored); err != nil {
		return err
	}
	saved, err := s.Partners.Permanence(ctx, nil, id)
	if err != nil {
		return err
	}
	views, err := s.permanenceViews(ctx, []partner.Permanence{saved})
	if err != nil {
		return err
	}
	*out = views[0]
	e := audit.Entry{Action: action, ObjectType: "permanence", ObjectID: id, Departements: []string{st.Departement},
		After: permanenceView(*out)}
	if before != nil {
		e.Before = permanenceView(*before)
	}
	return audit.Record(ctx, s.DB, e)
}

// DeletePermanence removes a permanence and its hours at the expected version.
func (s *Service) DeletePermanence(ctx context.Context, a auth.Actor, id string, version int) error {
	return s.inTx(ctx, a, func(ctx context.Context) error {
		before, st, err := s.writablePermanence(ctx, a, id)
		if err != nil {
			return err
		}
		if err := s.Partners.DeletePermanence(ctx, id, version); err != nil {
			return err
		}
		if _, err := s.Opening.ReplaceOwnerSchedules(ctx, st.ID, string(hours.OwnerPermanence), id, nil); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "permanence.delete", ObjectType: "permanence", ObjectID: id,
			Departements: []string{st.Departement}, Before: permanenceView(before)})
	})
}

// writablePermanence reads a permanence at a structure of the actor's territory (404 otherwise) that the actor
// may change (403 otherwise).
func (s *Service) writablePermanence(ctx context.Context, a auth.Actor, id string) (Permanence, structure.Structure, error) {
	p, err := s.Partners.Permanence(ctx, readDeps(a), id)
	if err != nil {
		return Permanence{}, structure.Structure{}, err
	}
	st, err := s.Structures.Get(ctx, a, p.StructureID)
	if apperr.IsKind(err, apperr.KindNotFound) {
		return Permanence{}, st, partner.ErrPermanenceNotFound
	}
	if err != nil {
		return Permanence{}, st, err
	}
	if err := mayWritePermanences(a); err != nil {
		return Permanence{}, st, err
	}
	if err := mayWriteFor(a, p.Partner); err != nil {
		return Permanence{}, st, err
	}
	views, err := s.permanenceViews(ctx, []partner.Permanence{p})
	if err != nil {
		return Permanence{}, st, err
	}
	return views[0], st, nil
}

// applyPermanence writes the given fields onto p and validates them; with withHours it returns the validated
// schedules (empty when none are given), else nil.
func (s *Service) applyPermanence(ctx context.Context, st structure.Structure, p *partner.Permanence, f PermanenceFields,
	withHours bool) ([]hours.Schedule, error) {
	for _, c := range []struct {
		dst *string
		src *string
	}{{&p.StopID, f.StopID}, {&p.BookingURL, f.BookingURL}, {&p.Summary, f.Summary}, {&p.PublicNote, f.PublicNote},
		{&p.InternalNote, f.InternalNote}} {
		if c.src != nil {
			*c.dst = trimmed(c.src)
		}
	}
	if f.Modality != nil {
		p.Modality = partner.Modality(trimmed(f.Modality))
	}
	stops, err := s.Structures.Stops(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	stopIDs := map[string]bool{}
	for _, sp := range stops {
		stopIDs[sp.ID] = true
	}
	var v apperr.Validation
	v.Check(p.Modality.Valid(), "modality", "Modalité inconnue : physique, visio ou telephone.")
	v.Check(p.StopID == "" || stopIDs[p.StopID], "stop_id", "Cet arrêt n’appartient pas à la structure.")
	checkURL(&v, "booking_url", p.BookingURL)
	v.Check(!textTooLong(p.Summary, 200), "summary", "200 caractères au plus.")
	v.Check(!textTooLong(p.PublicNote, 2000), "public_note", "2 000 caractères au plus.")
	v.Check(!textTooLong(p.InternalNote, 2000), "internal_note", "2 000 caractères au plus.")
	var list []hours.Schedule
	if withHours {
		list = []hours.Schedule{}
		if f.Schedules != nil {
			list = *f.Schedules
		}
		v.Check(len(list) <= 20, "schedules", "20 horaires au plus par permanence.")
		if err := checkPermanenceHours(list, p.ID, stopIDs); err != nil {
			return nil, mergeFields(v.Err(), err)
		}
	}
	return list, v.Err()
}

// mergeFields joins the field errors of two validation errors (the first message of a field wins).
func mergeFields(first, second error) error {
	if first == nil {
		return second
	}
	a, _ := apperr.As(first)
	b, ok := apperr.As(second)
	if !ok || b.Kind != apperr.KindInvalid {
		return second
	}
	for k, msg := range b.Fields {
		if _, seen := a.Fields[k]; !seen {
			a.Fields[k] = msg
		}
	}
	return a
}

func sameHours(a, b []hours.Schedule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.ID, y.ID = "", ""
		if !reflect.DeepEqual(fromHours(x), fromHours(y)) {
			return false
		}
	}
	return true
}

func permanenceView(p Permanence) map[string]any {
	slots := []string{}
	for _, sc := range p.Schedules {
		for _, sl := range sc.Slots {
			label := sl.Label()
			if !sl.WeekRule.IsEvery() {
				label += " (" + sl.WeekRule.French() + ")"
			}
			slots = append(slots, label)
		}
	}
	return map[string]any{"id": p.ID, "structure_id": p.StructureID, "stop_id": p.StopID,
		"partner_kind": p.Partner.Kind, "partner_id": p.Partner.ID, "modality": p.Modality, "booking_url": p.BookingURL,
		"summary": p.Summary, "public_note": p.PublicNote, "internal_note": p.InternalNote, "hours": slots, "osm": p.OSM}
}
