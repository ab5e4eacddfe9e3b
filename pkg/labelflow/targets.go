package labelflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
)

// Target scopes.
const (
	ScopeDepartement = "departement"
	ScopeRegion      = "region"
)

// TargetFields are the fields of a target; nil means "not given" (kept on update, required on creation for the
// due date). FormatSet tells a given format (Format nil: any format) from an absent one.
type TargetFields struct {
	DueDate     *string
	Count       *int
	FormatSet   bool
	Format      *string
	EveryCanton *bool
	Label       *string
}

// Targets lists the targets of a département (steering roles) or of a région (admin, the région).
func (s *Service) Targets(ctx context.Context, actor auth.Actor, scope, code string) ([]label.Target, error) {
	if err := s.mayReadScope(ctx, actor, scope, code); err != nil {
		return nil, err
	}
	return s.Labels.Targets(ctx, scope, []string{code})
}

func (s *Service) mayReadScope(ctx context.Context, actor auth.Actor, scope, code string) error {
	if scope == ScopeRegion {
		_, err := s.region(ctx, actor, code, []auth.Role{auth.RoleAdmin, auth.RoleRegion}, "de consulter les objectifs régionaux")
		return err
	}
	return departement(actor, code, steerers, "de consulter les objectifs")
}

// mayWriteScope: a département's targets are set by its prefecture (and admin), a région's by admin.
func (s *Service) mayWriteScope(ctx context.Context, actor auth.Actor, scope, code string) error {
	if err := s.mayReadScope(ctx, actor, scope, code); err != nil {
		return err
	}
	if scope == ScopeRegion && actor.Role != auth.RoleAdmin || !actor.HasRole(deciders...) {
		return forbidden("Votre rôle ne permet pas de fixer cet objectif.")
	}
	return nil
}

// CreateTarget adds a target to a département or a région.
func (s *Service) CreateTarget(ctx context.Context, actor auth.Actor, scope, code string, f TargetFields) (label.Target, error) {
	if err := s.mayWriteScope(ctx, actor, scope, code); err != nil {
		return label.Target{}, err
	}
	t := label.Target{Scope: scope, Code: code}
	if err := applyTarget(&t, f, true); err != nil {
		return label.Target{}, err
	}
	return s.saveTarget(ctx, actor, t, 0, nil)
}

// visibleTarget reads a target of the actor's territory (404 otherwise): a département's for those who see the
// département, a région's for the national level and the région.
func (s *Service) visibleTarget(ctx context.Context, actor auth.Actor, id string) (label.Target, error) {
	t, err := s.Labels.Target(ctx, id)
	if err != nil {
		return t, err
	}
	visible := actor.IsNational() || t.Scope == ScopeDepartement && actor.CanSeeDepartement(t.Code) ||
		t.Scope == ScopeRegion && actor.Role == auth.RoleRegion && actor.RegionCode == t.Code
	if !visible {
		return t, label.ErrTargetNotFound
	}
	return t, nil
}

// UpdateTarget changes the given fields of a target at the expected version.
func (s *Service) UpdateTarget(ctx context.Context, actor auth.Actor, id string, version int, f TargetFields) (label.Target, error) {
	before, err := s.visibleTarget(ctx, actor, id)
	if err != nil {
		return before, err
	}
	if err := s.mayWriteScope(ctx, actor, before.Scope, before.Code); err != nil {
		return before, err
	}
	t := before
	if err := applyTarget(&t, f, false); err != nil {
		return before, err
	}
	return s.saveTarget(ctx, actor, t, version, &before)
}

// DeleteTarget removes a target at the expected version.
func (s *Service) DeleteTarget(ctx context.Context, actor auth.Actor, id string, version int) error {
	before, err := s.visibleTarget(ctx, actor, id)
	if err != nil {
		return err
	}
	if err := s.mayWriteScope(ctx, actor, before.Scope, before.Code); err != nil {
		return err
	}
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		if err := s.Labels.DeleteTarget(ctx, id, version); err != nil {
			return err
		}
		deps, err := s.targetDeps(ctx, before)
		if err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "target.delete", ObjectType: "target", ObjectID: id,
			Departements: deps, Before: targetView(before)})
	})
}

func (s *Service) saveTarget(ctx context.Context, actor auth.Actor, t label.Target, version int, before *label.Target) (label.Target, error) {
	var out label.Target
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		var err error
		if out, err = s.Labels.SaveTarget(ctx, t, version); err != nil {
			return err
		}
		deps, err := s.targetDeps(ctx, out)
		if err != nil {
			return err
		}
		e := audit.Entry{Action: "target.create", ObjectType: "target", ObjectID: out.ID, Departements: deps,
			After: targetView(out)}
		if before != nil {
			e.Action, e.Before = "target.update", targetView(*before)
		}
		return audit.Record(ctx, s.DB, e)
	})
	return out, err
}

// applyTarget validates the given fields and writes them onto t.
func applyTarget(t *label.Target, f TargetFields, creating bool) error {
	var v apperr.Validation
	if f.DueDate != nil || creating {
		raw := ""
		if f.DueDate != nil {
			raw = *f.DueDate
		}
		t.DueDate = parseDate(raw, "due_date", &v)
	}
	if f.Count != nil {
		v.Check(*f.Count >= 0 && *f.Count <= 100000, "count", "Nombre de structures entre 0 et 100 000.")
		t.Count = *f.Count
	}
	if f.FormatSet {
		v.Check(f.Format == nil || slices.Contains(labelling.Formats, *f.Format), "format", "Format : site, antenne, itinerant ou null.")
		t.Format = f.Format
	}
	if f.EveryCanton != nil {
		t.EveryCanton = *f.EveryCanton
	}
	if f.Label != nil {
		t.Label = strings.TrimSpace(*f.Label)
		v.Check(len([]rune(t.Label)) <= 200, "label", "Libellé trop long (200 caractères au plus).")
	}
	v.Check(t.Count > 0 || t.EveryCanton, "count", "Un objectif vise un nombre de structures ou la couverture de tous les cantons.")
	return v.Err()
}

// targetDeps is the territory of a target, for the audit log: its département, or its région's départements.
func (s *Service) targetDeps(ctx context.Context, t label.Target) ([]string, error) {
	if t.Scope == ScopeDepartement {
		return []string{t.Code}, nil
	}
	return s.Territory.DepartementsOfRegion(ctx, t.Code)
}

func targetView(t label.Target) map[string]any {
	return map[string]any{"scope": t.Scope, "code": t.Code, "due_date": t.DueDate.Format(time.DateOnly), "count": t.Count,
		"format": t.Format, "every_canton": t.EveryCanton, "label": t.Label}
}

// TargetVisible checks a target is in the actor's territory (404 otherwise), before its If-Match is read.
func (s *Service) TargetVisible(ctx context.Context, actor auth.Actor, id string) error {
	_, err := s.visibleTarget(ctx, actor, id)
	return err
}
