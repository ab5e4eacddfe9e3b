package partnering

import (
	"context"
	"reflect"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/partner"
)

// ReferentFields create a referent or change one; nil means "not given". The partner is set at creation (a
// partner user's or client's own organisation by default) and never changes.
type ReferentFields struct {
	PartnerKind *string
	PartnerID   *string
	StructureID *string // "" : the whole département
	Name        *string
	Function    *string
	Email       *string
	Phone       *string
	ValidFrom   *string
	ValidTo     *string
}

// Referent is a referent with its partner's name.
type Referent struct {
	partner.Referent
	PartnerName string
}

// Referents lists the referents of a département, optionally of one partner or for one structure (with the
// département-wide ones).
func (s *Service) Referents(ctx context.Context, a auth.Actor, dep string, f partner.ReferentFilter) ([]Referent, error) {
	if err := seeDepartement(a, dep); err != nil {
		return nil, err
	}
	f.Departements = []string{dep}
	list, err := s.Partners.Referents(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.referentViews(ctx, list)
}

func (s *Service) referentViews(ctx context.Context, list []partner.Referent) ([]Referent, error) {
	refs := make([]partner.Ref, len(list))
	for i, r := range list {
		refs[i] = r.Partner
	}
	n, err := s.names(ctx, refs)
	if err != nil {
		return nil, err
	}
	out := make([]Referent, len(list))
	for i, r := range list {
		out[i] = Referent{Referent: r, PartnerName: n.of(r.Partner)}
	}
	return out, nil
}

// partnerOfInput is the partner named by the input, a partner's own organisation by default.
func partnerOfInput(a auth.Actor, kind, id *string) (string, string) {
	if kind == nil && id == nil && isPartner(a) {
		org := orgOf(a)
		return string(org.Kind), org.ID
	}
	return trimmed(kind), trimmed(id)
}

// CreateReferent adds a referent of a partner for a département (or one of its structures).
func (s *Service) CreateReferent(ctx context.Context, a auth.Actor, dep string, f ReferentFields) (Referent, error) {
	if err := seeDepartement(a, dep); err != nil {
		return Referent{}, err
	}
	if !a.HasRole(stewards...) && !isPartner(a) {
		return Referent{}, forbidden("Votre rôle ne permet pas de gérer les référents.")
	}
	var out Referent
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		kind, id := partnerOfInput(a, f.PartnerKind, f.PartnerID)
		ref, err := s.resolvePartner(ctx, kind, id, dep, "partner_id")
		if err != nil {
			return err
		}
		if err := mayWriteFor(a, ref); err != nil {
			return err
		}
		r := partner.Referent{Partner: ref, Departement: dep}
		if err := s.applyReferent(ctx, a, &r, f); err != nil {
			return err
		}
		created, err := s.Partners.SaveReferent(ctx, r, 0)
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "referent.create", ObjectType: "referent",
			ObjectID: created.ID, Departements: []string{dep}, After: referentView(created)}); err != nil {
			return err
		}
		views, err := s.referentViews(ctx, []partner.Referent{created})
		out = views[0]
		return err
	})
	return out, err
}

// UpdateReferent changes a referent at the expected version; nothing changed keeps the version.
func (s *Service) UpdateReferent(ctx context.Context, a auth.Actor, id string, version int, f ReferentFields) (Referent, error) {
	if f.PartnerKind != nil || f.PartnerID != nil {
		return Referent{}, apperr.Invalid("validation_failed", "partner_id",
			"Le partenaire d’un référent ne change pas : créez un autre référent.")
	}
	var out Referent
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		before, err := s.Partners.Referent(ctx, readDeps(a), id)
		if err != nil {
			return err
		}
		if err := mayWriteFor(a, before.Partner); err != nil {
			return err
		}
		if before.Version != version {
			return partner.ErrStaleReferent
		}
		next := before
		if err := s.applyReferent(ctx, a, &next, f); err != nil {
			return err
		}
		saved := before
		if !reflect.DeepEqual(before, next) {
			if saved, err = s.Partners.SaveReferent(ctx, next, version); err != nil {
				return err
			}
			if err := audit.Record(ctx, s.DB, audit.Entry{Action: "referent.update", ObjectType: "referent", ObjectID: id,
				Departements: []string{before.Departement}, Before: referentView(before), After: referentView(saved)}); err != nil {
				return err
			}
		}
		views, err := s.referentViews(ctx, []partner.Referent{saved})
		out = views[0]
		return err
	})
	return out, err
}

// DeleteReferent removes a referent at the expected version.
func (s *Service) DeleteReferent(ctx context.Context, a auth.Actor, id string, version int) error {
	return s.inTx(ctx, a, func(ctx context.Context) error {
		before, err := s.Partners.Referent(ctx, readDeps(a), id)
		if err != nil {
			return err
		}
		if err := mayWriteFor(a, before.Partner); err != nil {
			return err
		}
		if err := s.Partners.DeleteReferent(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "referent.delete", ObjectType: "referent", ObjectID: id,
			Departements: []string{before.Departement}, Before: referentView(before)})
	})
}

// applyReferent writes the given fields onto r and validates it; a structure must be in the referent's
// département and visible to the actor.
func (s *Service) applyReferent(ctx context.Context, a auth.Actor, r *partner.Referent, f ReferentFields) error {
	for _, c := range []struct {
		dst *string
		src *string
	}{{&r.StructureID, f.StructureID}, {&r.Name, f.Name}, {&r.Function, f.Function}, {&r.Email, f.Email},
		{&r.Phone, f.Phone}, {&r.ValidFrom, f.ValidFrom}, {&r.ValidTo, f.ValidTo}} {
		if c.src != nil {
			*c.dst = trimmed(c.src)
		}
	}
	var v apperr.Validation
	v.Check(r.Name != "" && !textTooLong(r.Name, 200), "name", "Le nom est obligatoire (200 caractères au plus).")
	v.Check(!textTooLong(r.Function, 200), "function", "200 caractères au plus.")
	checkContact(&v, "email", r.Email, "phone", r.Phone)
	validPeriod(&v, "valid_from", r.ValidFrom, "valid_to", r.ValidTo)
	if f.StructureID != nil && r.StructureID != "" {
		st, err := s.Structures.Get(ctx, a, r.StructureID)
		switch {
		case apperr.IsKind(err, apperr.KindNotFound) || err == nil && st.Departement != r.Departement:
			v.Add("structure_id", "Structure inconnue dans ce département.")
		case err != nil:
			return err
		}
	}
	return v.Err()
}

func referentView(r partner.Referent) map[string]any {
	return map[string]any{"id": r.ID, "partner_kind": r.Partner.Kind, "partner_id": r.Partner.ID,
		"departement_code": r.Departement, "structure_id": r.StructureID, "name": r.Name, "function": r.Function,
		"email": r.Email, "phone": r.Phone, "valid_from": r.ValidFrom, "valid_to": r.ValidTo}
}
