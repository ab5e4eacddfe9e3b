package visiting

import (
	"context"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/structure"
	"maillage/pkg/visit"
)

// PlanResult is the quarterly plan of a département with its structures (in the rows' order).
type PlanResult struct {
	Departement string
	Plan        visit.Plan
	Structures  []structure.Structure
}

// Plan computes, for a year, whether each structure of the département had (or will have) its prefectoral visit
// each quarter, as things stand today (Europe/Paris).
func (s *Service) Plan(ctx context.Context, a auth.Actor, dep string, year int) (PlanResult, error) {
	if !a.HasRole(stewards...) {
		return PlanResult{}, forbidden("Votre rôle ne permet pas de consulter le plan de visites.")
	}
	if err := s.departementVisible(ctx, a, dep); err != nil {
		return PlanResult{}, err
	}
	if year < 2000 || year > 2100 {
		return PlanResult{}, apperr.Invalid("validation_failed", "year", "Année invalide.")
	}
	list, _, err := s.Structures.List(ctx, a, structure.Filter{Departement: dep}, "", 0)
	if err != nil {
		return PlanResult{}, err
	}
	start, _ := visit.QuarterBounds(year, 1)
	_, end := visit.QuarterBounds(year, 4)
	visits, err := s.Visits.PlanVisits(ctx, dep, start, end)
	if err != nil {
		return PlanResult{}, err
	}
	sts := make([]visit.PlanStructure, len(list))
	for i, st := range list {
		sts[i] = visit.PlanStructure{ID: st.ID, LabelStatus: st.LabelStatus, LabelDate: civil(st.LabelDate)}
	}
	return PlanResult{Departement: dep, Plan: visit.ComputePlan(year, s.today(), sts, visits), Structures: list}, nil
}

// departementVisible is the 404 of a département outside the actor's territory, or unknown.
func (s *Service) departementVisible(ctx context.Context, a auth.Actor, dep string) error {
	if !a.CanSeeDepartement(dep) {
		return apperr.NotFound("departement.not_found", "Ce département n’est pas dans votre territoire.")
	}
	_, err := s.Territory.Departement(ctx, dep)
	return err
}

// ThisYear is the current year in Europe/Paris.
func (s *Service) ThisYear() int { return s.today().Year() }

func civil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := visit.CivilDate(*t)
	return &d
}
