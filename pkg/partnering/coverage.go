package partnering

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/partner"
	"maillage/pkg/structure"
)

// CoverageReport is the matrix structures × operators of the socle of a département at a date.
type CoverageReport struct {
	At            string
	Departement   string
	Operators     []partner.Operator // the socle at At
	Names         []partner.Name     // the name of each operator at At
	Rows          []partner.CoverageRow
	StructureName map[string]string
	FullyCovered  int
}

var coverageReaders = []auth.Role{auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur, auth.RolePartner}

// Coverage computes the coverage of the structures of a département (closed or withdrawn ones left out) by the
// operators of the socle at date at ("" : today).
func (s *Service) Coverage(ctx context.Context, a auth.Actor, dep, at string) (CoverageReport, error) {
	if err := seeDepartement(a, dep); err != nil {
		return CoverageReport{}, err
	}
	if !a.HasRole(coverageReaders...) {
		return CoverageReport{}, forbidden("Votre rôle ne permet pas de consulter la couverture des partenaires.")
	}
	if at == "" {
		at = s.today()
	}
	var v apperr.Validation
	validDate(&v, "at", at)
	if err := v.Err(); err != nil {
		return CoverageReport{}, err
	}
	ops, err := s.Partners.Operators(ctx)
	if err != nil {
		return CoverageReport{}, err
	}
	sts, _, err := s.Structures.List(ctx, a, structure.Filter{Departement: dep}, "", 0)
	if err != nil {
		return CoverageReport{}, err
	}
	r := CoverageReport{At: at, Departement: dep, Operators: partner.SocleAt(ops, at), StructureName: map[string]string{}}
	ids := make([]string, 0, len(sts))
	for _, st := range sts {
		if !partner.IsClosingState(st.LabelStatus) {
			ids = append(ids, st.ID)
			r.StructureName[st.ID] = st.Name
		}
	}
	refs, err := s.Partners.Referents(ctx, partner.ReferentFilter{Departements: []string{dep}})
	if err != nil {
		return CoverageReport{}, err
	}
	perms, err := s.Partners.Permanences(ctx, partner.PermanenceFilter{Departements: []string{dep}})
	if err != nil {
		return CoverageReport{}, err
	}
	for _, o := range r.Operators {
		r.Names = append(r.Names, o.NameAt(at))
	}
	r.Rows = partner.Coverage(partner.CoverageInput{At: at, Departement: dep, Structures: ids, Socle: r.Operators,
		Referents: refs, Permanences: perms})
	for _, row := range r.Rows {
		if row.Missing == 0 {
			r.FullyCovered++
		}
	}
	return r, nil
}

// PartnerPage is what the page of one partner organisation shows within the actor's territory.
type PartnerPage struct {
	Operator    *partner.Operator
	Local       *partner.LocalPartner
	Name        string
	Referents   []Referent
	Permanences []Permanence
	Structures  map[string]string // names of the structures of the permanences
}

// Page returns a partner organisation with its referents and permanences in the actor's territory (in one
// département when dep is given).
func (s *Service) Page(ctx context.Context, a auth.Actor, kind, id, dep string) (PartnerPage, error) {
	deps := readDeps(a)
	if dep != "" {
		if err := seeDepartement(a, dep); err != nil {
			return PartnerPage{}, err
		}
		deps = []string{dep}
	}
	var page PartnerPage
	ref := partner.Ref{Kind: partner.Kind(kind), ID: id}
	switch ref.Kind {
	case partner.KindOperator:
		o, err := s.Partners.Operator(ctx, id)
		if err != nil {
			return PartnerPage{}, err
		}
		page.Operator, page.Name = &o, o.NameAt(s.today()).Name
	case partner.KindLocal:
		l, err := s.Partners.LocalPartner(ctx, readDeps(a), id)
		if err != nil {
			return PartnerPage{}, err
		}
		page.Local, page.Name = &l, l.Name
	default:
		return PartnerPage{}, apperr.NotFound("partner.not_found", "Ce partenaire n’existe pas.")
	}
	refs, err := s.Partners.Referents(ctx, partner.ReferentFilter{Departements: deps, Partner: &ref})
	if err != nil {
		return PartnerPage{}, err
	}
	if page.Referents, err = s.referentViews(ctx, refs); err != nil {
		return PartnerPage{}, err
	}
	return s.withPermanences(ctx, a, page, deps, ref)
}

// withPermanences adds the partner's permanences at structures the actor can see.
func (s *Service) withPermanences(ctx context.Context, a auth.Actor, page PartnerPage, deps []string, ref partner.Ref) (PartnerPage, error) {
	perms, err := s.Partners.Permanences(ctx, partner.PermanenceFilter{Departements: deps, Partner: &ref})
	if err != nil || len(perms) == 0 {
		page.Permanences, page.Structures = []Permanence{}, map[string]string{}
		return page, err
	}
	ids := make([]string, len(perms))
	for i, p := range perms {
		ids[i] = p.StructureID
	}
	sts, _, err := s.Structures.List(ctx, a, structure.Filter{IDs: ids}, "", 0)
	if err != nil {
		return page, err
	}
	page.Structures = map[string]string{}
	for _, st := range sts {
		page.Structures[st.ID] = st.Name
	}
	visible := perms[:0]
	for _, p := range perms {
		if _, ok := page.Structures[p.StructureID]; ok {
			visible = append(visible, p)
		}
	}
	page.Permanences, err = s.permanenceViews(ctx, visible)
	return page, err
}
