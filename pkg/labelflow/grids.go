package labelflow

import (
	"context"

	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
)

// Grids lists the versions of the criteria grid (reference data: every signed-in caller reads them).
func (s *Service) Grids(ctx context.Context) ([]label.Grid, error) {
	return s.Labels.Grids(ctx)
}

// Grid returns one version of the grid with its criteria.
func (s *Service) Grid(ctx context.Context, version string) (label.Grid, error) {
	return s.Labels.Grid(ctx, version)
}

// PublishGrid publishes a new version of the grid (admin). It never changes afterwards; audits opened from its
// entry into force take it, audits already opened keep theirs.
func (s *Service) PublishGrid(ctx context.Context, actor auth.Actor, g labelling.Grid) (label.Grid, error) {
	if actor.Role != auth.RoleAdmin {
		return label.Grid{}, forbidden("Seul le niveau national publie une grille de critères.")
	}
	if err := labelling.ValidateGrid(&g); err != nil {
		return label.Grid{}, err
	}
	in := label.Grid{Version: g.Version, Title: g.Title, ValidFrom: g.ValidFrom, CreatedBy: actor.Label,
		Criteria: make([]label.Criterion, len(g.Criteria))}
	for i, c := range g.Criteria {
		in.Criteria[i] = label.Criterion(c)
	}
	var out label.Grid
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		var err error
		if out, err = s.Labels.InsertGrid(ctx, in); err != nil {
			return err
		}
		codes := make([]string, len(out.Criteria))
		for i, c := range out.Criteria {
			codes[i] = c.Code
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "label_grid.publish", ObjectType: "label_grid", ObjectID: out.Version,
			After: map[string]any{"version": out.Version, "title": out.Title, "valid_from": out.ValidFrom.Format("2006-01-02"),
				"criteria": codes}})
	})
	return out, err
}
