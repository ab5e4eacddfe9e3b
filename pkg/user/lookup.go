package user

import (
	"context"
	"errors"

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
	a, err := s.loadActor(ctx, id)
	if errors.Is(err, errNoActor) {
		return auth.Actor{}, notFound()
	}
	return a, err
}
