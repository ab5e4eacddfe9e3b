// Package visiting holds the use cases of visits that cross domains: planning and recording visits of the
// structures of one's territory, their checklists with figures prefilled from the system, findings, action items
// and their history, attachments, the quarterly plan of a département and the calendar feeds. Who may do what is
// decided here (ADR 0005); the route table only filters roles coarsely.
package visiting

import (
	"context"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
	"maillage/pkg/user"
	"maillage/pkg/visit"
)

// Service runs the visit use cases.
type Service struct {
	DB         *gorm.DB
	Visits     *visit.Store
	Structures *structure.Store
	Territory  *territory.Store
	Users      *user.Service
	Now        func() time.Time
}

// today is the civil date in Europe/Paris: due dates, quarters and "not in the future" are judged on it.
func (s *Service) today() time.Time { return visit.ParisDate(s.Now()) }

var (
	readers  = []auth.Role{auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure}
	planners = []auth.Role{auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur}
	stewards = []auth.Role{auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur}
	managers = []auth.Role{auth.RoleAdmin, auth.RolePrefecture}
)

func forbidden(message string) error { return apperr.Forbidden("auth.forbidden", message) }

func mayRead(a auth.Actor) error {
	if !a.HasRole(readers...) {
		return forbidden("Votre rôle ne permet pas de consulter les visites.")
	}
	return nil
}

// mayWrite says whether the actor may plan, record and follow up a visit of this type: the prefecture and the
// national level every type, the departmental animator its own visits (type « animateur »).
func mayWrite(a auth.Actor, t visit.Type) error {
	switch {
	case a.HasRole(managers...):
		return nil
	case a.Role == auth.RoleAnimateur && t == visit.TypeAnimateur:
		return nil
	case a.Role == auth.RoleAnimateur:
		return apperr.Forbidden("visit.type_forbidden",
			"L’animation départementale gère ses propres visites (type « animateur ») ; les autres visites relèvent de la préfecture.")
	default:
		return forbidden("Votre rôle ne permet pas de gérer les visites.")
	}
}

// writable reads a visit of the actor's territory that the actor may change; a cancelled visit is closed.
func (s *Service) writable(ctx context.Context, a auth.Actor, visitID string) (visit.Visit, error) {
	v, err := s.Visits.Get(ctx, a, visitID)
	if err != nil {
		return visit.Visit{}, err
	}
	if err := mayWrite(a, v.Type); err != nil {
		return visit.Visit{}, err
	}
	if v.Status == visit.StatusCancelled {
		return visit.Visit{}, apperr.Conflict("visit.cancelled", "Cette visite est annulée : elle ne se modifie plus.")
	}
	return v, nil
}

// structuresByID reads the structures behind ids already scoped by the caller.
func (s *Service) structuresByID(ctx context.Context, ids []string) (map[string]structure.Structure, error) {
	out := map[string]structure.Structure{}
	if len(ids) == 0 {
		return out, nil
	}
	m := memoOf(ctx)
	if known, ok := m.knownStructures(ids); ok {
		return known, nil
	}
	list, _, err := s.Structures.List(ctx, auth.System, structure.Filter{IDs: ids}, "", 0)
	for _, st := range list {
		out[st.ID] = st
		m.remember(st)
	}
	return out, err
}

// parseDate reads a civil date "YYYY-MM-DD" for a field, reporting a problem in v.
func parseDate(raw, field string, v *apperr.Validation) *time.Time {
	d, err := time.Parse(time.DateOnly, raw)
	if err != nil || d.Year() < 2000 || d.Year() > 2100 {
		v.Add(field, "Date invalide : AAAA-MM-JJ attendu.")
		return nil
	}
	return &d
}

func textTooLong(s string, max int) bool { return len([]rune(s)) > max }
