package user

import (
	"context"
	"errors"

	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// actorQuery reads, in one indexed statement (the users primary key, then the primary keys of
// user_departements, user_structures, and departements by région), what an actor is made of. A regional account
// sees the départements of its région, read here rather than in a second statement. It runs on every
// authenticated request, so it is scanned by hand through pgx (db.Read): no ORM reflection nor database/sql
// conversions on the hottest path of the API.
const actorQuery = `SELECT u.email, u.role, coalesce(u.region_code, ''), coalesce(u.partner_org, ''), u.active,
	CASE WHEN u.role = 'region'
		THEN ARRAY(SELECT d.code FROM departements d WHERE d.region_code = u.region_code ORDER BY 1)
		ELSE ARRAY(SELECT ud.departement_code FROM user_departements ud WHERE ud.user_id = u.id ORDER BY 1) END,
	ARRAY(SELECT us.structure_id::text FROM user_structures us WHERE us.user_id = u.id ORDER BY 1)
	FROM users u WHERE u.id = $1`

// loadActor returns the actor of an active account, read fresh; an unknown or inactive account is errNoActor.
func (s *Service) loadActor(ctx context.Context, id string) (auth.Actor, error) {
	if !db.IsUUID(id) {
		return auth.Actor{}, errNoActor
	}
	a := auth.Actor{Kind: auth.ActorUser, ID: id}
	var role string
	var active bool
	var deps, structures db.TextArray
	found := false
	err := db.Read(ctx, s.db, actorQuery, []any{id}, func(rows db.Rows) error {
		if !rows.Next() {
			return nil
		}
		found = true
		return rows.Scan(&a.Label, &role, &a.RegionCode, &a.PartnerOrg, &active, &deps, &structures)
	})
	if err != nil {
		return auth.Actor{}, err
	}
	if !found || !active {
		return auth.Actor{}, errNoActor
	}
	a.Role, a.Departements, a.StructureIDs = auth.Role(role), nonNil(deps), nonNil(structures)
	return a, nil
}

var errNoActor = errors.New("no active account")
