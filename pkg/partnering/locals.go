package partnering

import (
	"context"
	"net/mail"
	"net/url"
	"reflect"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/partner"
)

// LocalFields create a local partner or change one; nil means "not given".
type LocalFields struct {
	Type         *string
	TypeLabel    *string
	Name         *string
	ContactEmail *string
	Phone        *string
	Website      *string
	Notes        *string
}

// LocalPartners lists the local partners of a département (every signed-in caller of the territory).
func (s *Service) LocalPartners(ctx context.Context, a auth.Actor, dep string) ([]partner.LocalPartner, error) {
	if err := seeDepartement(a, dep); err != nil {
		return nil, err
	}
	return s.Partners.LocalPartners(ctx, []string{dep}, nil)
}

func mayManage(a auth.Actor) error {
	if a.Kind == auth.ActorClient || !a.HasRole(stewards...) {
		return forbidden("Votre rôle ne permet pas de gérer les partenaires locaux.")
	}
	return nil
}

// CreateLocalPartner adds a local partner to a département (admin, prefecture, animateur).
func (s *Service) CreateLocalPartner(ctx context.Context, a auth.Actor, dep string, f LocalFields) (partner.LocalPartner, error) {
	if err := seeDepartement(a, dep); err != nil {
		return partner.LocalPartner{}, err
	}
	if err := mayManage(a); err != nil {
		return partner.LocalPartner{}, err
	}
	p := partner.LocalPartner{Departement: dep}
	if err := applyLocal(&p, f); err != nil {
		return partner.LocalPartner{}, err
	}
	var out partner.LocalPartner
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		var err error
		if out, err = s.Partners.SaveLocalPartner(ctx, p, 0); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "local_partner.create", ObjectType: "local_partner",
			ObjectID: out.ID, Departements: []string{dep}, After: localView(out)})
	})
	return out, err
}

// UpdateLocalPartner changes a local partner at the expected version; nothing changed keeps the version.
func (s *Service) UpdateLocalPartner(ctx context.Context, a auth.Actor, id string, version int, f LocalFields) (partner.LocalPartner, error) {
	var out partner.LocalPartner
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		before, err := s.Partners.LocalPartner(ctx, readDeps(a), id)
		if err != nil {
			return err
		}
		if err := mayManage(a); err != nil {
			return err
		}
		if before.Version != version {
			return partner.ErrStaleLocal
		}
		next := before
		if err := applyLocal(&next, f); err != nil {
			return err
		}
		if reflect.DeepEqual(before, next) {
			out = before
			return nil
		}
		if out, err = s.Partners.SaveLocalPartner(ctx, next, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "local_partner.update", ObjectType: "local_partner",
			ObjectID: id, Departements: []string{before.Departement}, Before: localView(before), After: localView(out)})
	})
	return out, err
}

// DeleteLocalPartner removes a local partner that has no referent, permanence or API client left.
func (s *Service) DeleteLocalPartner(ctx context.Context, a auth.Actor, id string, version int) error {
	return s.inTx(ctx, a, func(ctx context.Context) error {
		before, err := s.Partners.LocalPartner(ctx, readDeps(a), id)
		if err != nil {
			return err
		}
		if err := mayManage(a); err != nil {
			return err
		}
		if before.Version != version {
			return partner.ErrStaleLocal
		}
		if n, err := s.Partners.LocalPartnerUses(ctx, id); err != nil || n > 0 {
			if err != nil {
				return err
			}
			return apperr.Conflict("local_partner.in_use",
				"Ce partenaire a encore des référents, des permanences ou des clients d’API : supprimez-les d’abord.")
		}
		if err := s.Partners.DeleteLocalPartner(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "local_partner.delete", ObjectType: "local_partner",
			ObjectID: id, Departements: []string{before.Departement}, Before: localView(before)})
	})
}

func applyLocal(p *partner.LocalPartner, f LocalFields) error {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = trimmed(src)
		}
	}
	if f.Type != nil {
		p.Type = partner.LocalType(trimmed(f.Type))
	}
	set(&p.TypeLabel, f.TypeLabel)
	set(&p.Name, f.Name)
	set(&p.ContactEmail, f.ContactEmail)
	set(&p.Phone, f.Phone)
	set(&p.Website, f.Website)
	set(&p.Notes, f.Notes)
	var v apperr.Validation
	v.Check(p.Type.Label() != "", "type", "Type inconnu : mission_locale, pij, cidff, conciliateur, france_victimes, mdph, adil, conseiller_numerique ou autre.")
	v.Check(p.Type != "autre" || p.TypeLabel != "", "type_label", "Précisez le type d’un partenaire « autre ».")
	v.Check(!textTooLong(p.TypeLabel, 80), "type_label", "80 caractères au plus.")
	v.Check(p.Name != "" && !textTooLong(p.Name, 200), "name", "Le nom est obligatoire (200 caractères au plus).")
	checkContact(&v, "contact_email", p.ContactEmail, "phone", p.Phone)
	checkURL(&v, "website", p.Website)
	v.Check(!textTooLong(p.Notes, 4000), "notes", "4 000 caractères au plus.")
	return v.Err()
}

func checkContact(v *apperr.Validation, emailField, email, phoneField, phone string) {
	if email != "" {
		addr, err := mail.ParseAddress(email)
		v.Check(err == nil && addr.Address == email && !textTooLong(email, 254), emailField, "Adresse électronique invalide.")
	}
	v.Check(!textTooLong(phone, 30), phoneField, "Numéro de téléphone trop long.")
}

func checkURL(v *apperr.Validation, field, raw string) {
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	v.Check(err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !textTooLong(raw, 500), field,
		"Adresse web invalide : https://… attendu.")
}

func localView(p partner.LocalPartner) map[string]any {
	return map[string]any{"id": p.ID, "departement_code": p.Departement, "type": p.Type, "type_label": p.TypeLabel,
		"name": p.Name, "contact_email": p.ContactEmail, "phone": p.Phone, "website": p.Website, "notes": p.Notes}
}
