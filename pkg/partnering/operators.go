package partnering

import (
	"context"
	"regexp"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/partner"
)

// OperatorFields create an operator or change one; nil means "not given". A new name applies from RenamedOn
// (today by default): earlier names stay in the history.
type OperatorFields struct {
	Code      *string // creation only
	Name      *string
	ShortName *string
	RenamedOn *string
	SocleFrom *string // "" takes the operator out of the socle
	SocleTo   *string
}

// Operators returns the operators (reference data, readable by every signed-in caller).
func (s *Service) Operators(ctx context.Context) ([]partner.Operator, error) {
	return s.Partners.Operators(ctx)
}

var operatorCode = regexp.MustCompile(`^[a-z][a-z0-9_]{1,30}$`)

func validDate(v *apperr.Validation, field, d string) {
	if d == "" {
		return
	}
	t, err := time.Parse(partner.DateLayout, d)
	v.Check(err == nil && t.Year() >= 1990 && t.Year() <= 2100, field, "Date invalide : AAAA-MM-JJ attendu.")
}

func validPeriod(v *apperr.Validation, fromField, from, toField, to string) {
	validDate(v, fromField, from)
	validDate(v, toField, to)
	if from != "" && to != "" && to < from {
		v.Add(toField, "La fin ne peut pas précéder le début.")
	}
}

// CreateOperator adds a national operator (admin).
func (s *Service) CreateOperator(ctx context.Context, a auth.Actor, f OperatorFields) (partner.Operator, error) {
	if !a.IsNational() || a.Kind == auth.ActorClient {
		return partner.Operator{}, forbidden("Seule l’administration nationale gère les opérateurs nationaux.")
	}
	var v apperr.Validation
	code := trimmed(f.Code)
	v.Check(operatorCode.MatchString(code), "code", "Code invalide : lettres minuscules, chiffres et _, 2 à 31 caractères.")
	name := partner.Name{From: trimmed(f.RenamedOn), Name: trimmed(f.Name), ShortName: trimmed(f.ShortName)}
	o := partner.Operator{Code: code, SocleFrom: trimmed(f.SocleFrom), SocleTo: trimmed(f.SocleTo)}
	if name.From == "" {
		name.From = o.SocleFrom
	}
	if name.From == "" {
		name.From = s.today()
	}
	checkName(&v, name)
	validPeriod(&v, "socle_from", o.SocleFrom, "socle_to", o.SocleTo)
	v.Check(o.SocleTo == "" || o.SocleFrom != "", "socle_from", "Une fin de socle demande un début.")
	if err := v.Err(); err != nil {
		return partner.Operator{}, err
	}
	o.Names = []partner.Name{name}
	var out partner.Operator
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		if err := s.Partners.InsertOperator(ctx, o); err != nil {
			return err
		}
		var err error
		if out, err = s.Partners.Operator(ctx, code); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "operator.create", ObjectType: "operator", ObjectID: code,
			After: operatorView(out)})
	})
	return out, err
}

func checkName(v *apperr.Validation, n partner.Name) {
	v.Check(n.Name != "" && !textTooLong(n.Name, 200), "name", "Le nom est obligatoire (200 caractères au plus).")
	v.Check(n.ShortName != "" && !textTooLong(n.ShortName, 40), "short_name",
		"Le nom court est obligatoire (40 caractères au plus).")
	validDate(v, "renamed_on", n.From)
}

// UpdateOperator changes the socle period or renames an operator from a date (admin).
func (s *Service) UpdateOperator(ctx context.Context, a auth.Actor, code string, version int, f OperatorFields) (partner.Operator, error) {
	if !a.IsNational() || a.Kind == auth.ActorClient {
		return partner.Operator{}, forbidden("Seule l’administration nationale gère les opérateurs nationaux.")
	}
	if f.Code != nil {
		return partner.Operator{}, apperr.Invalid("validation_failed", "code", "Le code d’un opérateur ne change pas.")
	}
	var out partner.Operator
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		before, err := s.Partners.Operator(ctx, code)
		if err != nil {
			return err
		}
		if before.Version != version {
			return partner.ErrStaleOperator
		}
		next, rename, err := s.applyOperator(before, f)
		if err != nil {
			return err
		}
		if rename == nil && next.SocleFrom == before.SocleFrom && next.SocleTo == before.SocleTo {
			out = before
			return nil
		}
		if rename != nil {
			if err := s.Partners.SetOperatorName(ctx, code, *rename); err != nil {
				return err
			}
		}
		if err := s.Partners.UpdateOperator(ctx, next, version); err != nil {
			return err
		}
		if out, err = s.Partners.Operator(ctx, code); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "operator.update", ObjectType: "operator", ObjectID: code,
			Before: operatorView(before), After: operatorView(out)})
	})
	return out, err
}

// applyOperator returns the operator with the socle changes and the new name, if the name changes.
func (s *Service) applyOperator(before partner.Operator, f OperatorFields) (partner.Operator, *partner.Name, error) {
	var v apperr.Validation
	next := before
	if f.SocleFrom != nil {
		next.SocleFrom = trimmed(f.SocleFrom)
	}
	if f.SocleTo != nil {
		next.SocleTo = trimmed(f.SocleTo)
	}
	validPeriod(&v, "socle_from", next.SocleFrom, "socle_to", next.SocleTo)
	v.Check(next.SocleTo == "" || next.SocleFrom != "", "socle_from", "Une fin de socle demande un début.")
	var rename *partner.Name
	if f.Name != nil || f.ShortName != nil || f.RenamedOn != nil {
		current := before.NameAt(s.today())
		n := partner.Name{From: trimmed(f.RenamedOn), Name: current.Name, ShortName: current.ShortName}
		if f.Name != nil {
			n.Name = trimmed(f.Name)
		}
		if f.ShortName != nil {
			n.ShortName = trimmed(f.ShortName)
		}
		if n.From == "" {
			n.From = s.today()
		}
		checkName(&v, n)
		if n.Name != current.Name || n.ShortName != current.ShortName || f.RenamedOn != nil {
			rename = &n
		}
	}
	return next, rename, v.Err()
}

func operatorView(o partner.Operator) map[string]any {
	names := make([]map[string]any, len(o.Names))
	for i, n := range o.Names {
		names[i] = map[string]any{"from": n.From, "to": n.To, "name": n.Name, "short_name": n.ShortName}
	}
	return map[string]any{"code": o.Code, "names": names, "socle_from": o.SocleFrom, "socle_to": o.SocleTo}
}

// Operator returns one operator (404 for an unknown code).
func (s *Service) Operator(ctx context.Context, code string) (partner.Operator, error) {
	return s.Partners.Operator(ctx, code)
}
