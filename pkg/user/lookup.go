package user

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

// Named is an account as other capabilities refer to it (e.g. a visitor of a visit): who, and where.
type Named struct {
	ID           string
	Name         string
	Email        string
	Role         auth.Role
	Active       bool
	Departements []string
}

// Named returns the accounts with these ids (unknown ids are simply absent). It is not scoped: callers use it to
// resolve ids they were given and decide themselves what an account outside their territory means.
func (s *Service) Named(ctx context.Context, ids []string) (map[string]Named, error) {
	out := map[string]Named{}
	for _, id := range ids {
		u, err := s.store.get(ctx, auth.System, id, false)
		if apperr.IsKind(err, apperr.KindNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = Named{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role, Active: u.Active, Departements: u.Departements}
	}
	return out, nil
}

// ActorByID loads the actor of an active account, with its territory read fresh, as Authenticate does for a
// token (used by the secret calendar feed URL). An unknown or inactive account is a 404.
func (s *Service) ActorByID(ctx context.Context, id string) (auth.Actor, error) {
	u, err := s.store.get(ctx, auth.System, id, false)
	if apperr.IsKind(err, apperr.KindNotFound) || (err == nil && !u.Active) {
		return auth.Actor{}, notFound()
	}
	if err != nil {
		return auth.Actor{}, err
	}
	return s.actorOf(ctx, u)
}

// actorOf builds the actor of an account; a regional account sees the départements of its région.
func (s *Service) actorOf(ctx context.Context, u User) (auth.Actor, error) {
	a := auth.Actor{Kind: auth.ActorUser, ID: u.ID, Label: u.Email, Role: u.Role, RegionCode: u.RegionCode,
		Departements: u.Departements, StructureIDs: u.StructureIDs, PartnerOrg: u.PartnerOrg}
	if u.Role == auth.RoleRegion {
		var err error
		if a.Departements, err = s.territory.DepartementsOfRegion(ctx, u.RegionCode); err != nil {
			return auth.Actor{}, err
		}
	}
	return a, nil
}
