package partnering

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/partner"
)

// names gives the display name of partners: operators by their name in force today, local partners by name.
type names struct {
	today     string
	operators map[string]partner.Operator
	locals    map[string]partner.LocalPartner
}

// names reads the operators and the local partners the refs name (two to three statements).
func (s *Service) names(ctx context.Context, refs []partner.Ref) (names, error) {
	ops, err := s.Partners.Operators(ctx)
	if err != nil {
		return names{}, err
	}
	n := names{today: s.today(), operators: map[string]partner.Operator{}, locals: map[string]partner.LocalPartner{}}
	for _, o := range ops {
		n.operators[o.Code] = o
	}
	var ids []string
	for _, r := range refs {
		if r.Kind == partner.KindLocal && r.ID != "" {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) > 0 {
		locals, err := s.Partners.LocalPartners(ctx, nil, ids)
		if err != nil {
			return names{}, err
		}
		for _, l := range locals {
			n.locals[l.ID] = l
		}
	}
	return n, nil
}

func (n names) of(r partner.Ref) string {
	if r.Kind == partner.KindOperator {
		if o, ok := n.operators[r.ID]; ok {
			return o.NameAt(n.today).Name
		}
		return r.ID
	}
	return n.locals[r.ID].Name
}

// resolvePartner checks that the partner exists and, for a local partner, that it belongs to the département.
func (s *Service) resolvePartner(ctx context.Context, kind, id, dep, field string) (partner.Ref, error) {
	r := partner.Ref{Kind: partner.Kind(kind), ID: id}
	switch r.Kind {
	case partner.KindOperator:
		if _, err := s.Partners.Operator(ctx, id); err != nil {
			if apperr.IsKind(err, apperr.KindNotFound) {
				return r, apperr.Invalid("validation_failed", field, "Opérateur national inconnu.")
			}
			return r, err
		}
	case partner.KindLocal:
		if _, err := s.Partners.LocalPartner(ctx, []string{dep}, id); err != nil {
			if apperr.IsKind(err, apperr.KindNotFound) {
				return r, apperr.Invalid("validation_failed", field, "Partenaire local inconnu dans ce département.")
			}
			return r, err
		}
	default:
		return r, apperr.Invalid("validation_failed", "partner_kind", "Type de partenaire inconnu : operator ou local.")
	}
	return r, nil
}
