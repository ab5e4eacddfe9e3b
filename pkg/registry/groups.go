package registry

import (
	"context"
	"slices"
	"strings"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
)

// GroupFields are the editable fields of a multi-site group (nil: not given).
type GroupFields struct {
	Departement *string
	Name        *string
	LeadID      *string
	MemberIDs   *[]string
}

var errGroupNotFound = apperr.NotFound("group.not_found", "Ce groupe n’existe pas ou n’est pas dans votre territoire.")

// Group returns one group of the actor's territory.
func (s *Service) Group(ctx context.Context, actor auth.Actor, id string) (structure.Group, error) {
	list, err := s.Structures.Groups(ctx, actor, "", id)
	if err != nil {
		return structure.Group{}, err
	}
	if len(list) == 0 {
		return structure.Group{}, errGroupNotFound
	}
	return list[0], nil
}

// CreateGroup creates a multi-site group with its members.
func (s *Service) CreateGroup(ctx context.Context, actor auth.Actor, f GroupFields) (structure.Group, error) {
	dep := strings.TrimSpace(deref(f.Departement))
	if dep == "" {
		return structure.Group{}, apperr.Invalid("validation_failed", "departement_code", "Le département est obligatoire.")
	}
	if !actor.CanSeeDepartement(dep) {
		return structure.Group{}, apperr.Forbidden("auth.out_of_territory", "Ce département n’est pas dans votre territoire.")
	}
	var out structure.Group
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		g := structure.Group{Departement: dep}
		if err := s.applyGroupFields(ctx, actor, &g, f); err != nil {
			return err
		}
		id, err := s.Structures.InsertGroup(ctx, g)
		if err != nil {
			return err
		}
		if err := s.Structures.SetMembers(ctx, id, g.MemberIDs); err != nil {
			return err
		}
		if out, err = s.Group(ctx, actor, id); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "group.create", ObjectType: "group", ObjectID: id,
			Departements: []string{dep}, After: groupView(&out)})
	})
	return out, err
}

// UpdateGroup renames a group, changes its lead or its members.
func (s *Service) UpdateGroup(ctx context.Context, actor auth.Actor, id string, version int, f GroupFields) (structure.Group, error) {
	var out structure.Group
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		before, err := s.Group(ctx, actor, id)
		if err != nil {
			return err
		}
		g := before
		if err := s.applyGroupFields(ctx, actor, &g, f); err != nil {
			return err
		}
		if err := s.Structures.UpdateGroup(ctx, g, version); err != nil {
			return err
		}
		if err := s.Structures.SetMembers(ctx, id, g.MemberIDs); err != nil {
			return err
		}
		if out, err = s.Group(ctx, actor, id); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "group.update", ObjectType: "group", ObjectID: id,
			Departements: []string{g.Departement}, Before: groupView(&before), After: groupView(&out)})
	})
	return out, err
}

// DeleteGroup dissolves a group; its structures stay.
func (s *Service) DeleteGroup(ctx context.Context, actor auth.Actor, id string, version int) error {
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		before, err := s.Group(ctx, actor, id)
		if err != nil {
			return err
		}
		if err := s.Structures.DeleteGroup(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "group.delete", ObjectType: "group", ObjectID: id,
			Departements: []string{before.Departement}, Before: groupView(&before)})
	})
}

func (s *Service) applyGroupFields(ctx context.Context, actor auth.Actor, g *structure.Group, f GroupFields) error {
	var v apperr.Validation
	if f.Name != nil {
		g.Name = strings.TrimSpace(*f.Name)
	}
	v.Check(g.Name != "", "name", "Le nom du groupe est obligatoire.")
	if f.MemberIDs != nil {
		g.MemberIDs = *f.MemberIDs
		if len(g.MemberIDs) > 0 {
			members, _, err := s.Structures.List(ctx, actor, structure.Filter{IDs: g.MemberIDs, Departement: g.Departement}, "", 0)
			if err != nil {
				return err
			}
			v.Check(len(members) == len(slices.Compact(slices.Sorted(slices.Values(g.MemberIDs)))), "member_ids",
				"Chaque membre doit être une structure du département du groupe.")
		}
	}
	if f.LeadID != nil {
		g.LeadID = nil
		if lead := strings.TrimSpace(*f.LeadID); lead != "" {
			g.LeadID = &lead
		}
	}
	if g.LeadID != nil {
		v.Check(slices.Contains(g.MemberIDs, *g.LeadID), "lead_id", "La structure cheffe de file doit être membre du groupe.")
	}
	return v.Err()
}
