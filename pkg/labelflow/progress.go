package labelflow

import (
	"context"
	"fmt"

	"maillage/pkg/auth"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// DepartementProgress is the label's progress in a département: counts, its targets, cantons, timeline.
func (s *Service) DepartementProgress(ctx context.Context, actor auth.Actor, dep string) (labelling.Progress, error) {
	if err := departement(actor, dep, steerers, "de consulter l’avancement de la labellisation"); err != nil {
		return labelling.Progress{}, err
	}
	targets, err := s.Labels.Targets(ctx, ScopeDepartement, []string{dep})
	if err != nil {
		return labelling.Progress{}, err
	}
	return s.progress(ctx, actor, []string{dep}, targets)
}

// RegionProgress is the same over the départements of a région (admin, the région), with the région's targets.
func (s *Service) RegionProgress(ctx context.Context, actor auth.Actor, code string) (labelling.Progress, error) {
	deps, err := s.region(ctx, actor, code, []auth.Role{auth.RoleAdmin, auth.RoleRegion}, "de consulter l’avancement régional")
	if err != nil {
		return labelling.Progress{}, err
	}
	targets, err := s.Labels.Targets(ctx, ScopeRegion, []string{code})
	if err != nil {
		return labelling.Progress{}, err
	}
	return s.progress(ctx, actor, deps, targets)
}

// progress reads the structures, cantons and waves of the départements (three statements) and computes.
func (s *Service) progress(ctx context.Context, actor auth.Actor, deps []string, targets []label.Target) (labelling.Progress, error) {
	list, _, err := s.Structures.List(ctx, actor, structure.Filter{Departements: deps}, "", 0)
	if err != nil {
		return labelling.Progress{}, err
	}
	rows, err := s.Labels.Cantons(ctx, deps)
	if err != nil {
		return labelling.Progress{}, err
	}
	cantons := make([]labelling.Canton, len(rows))
	for i, r := range rows {
		polygons, err := labelling.ParseGeometry(r.Geometry)
		if err != nil {
			return labelling.Progress{}, fmt.Errorf("canton %s: %w", r.Code, err)
		}
		cantons[i] = labelling.Canton{Code: r.Code, Name: r.Name, Polygons: polygons}
	}
	waves, err := s.Labels.Waves(ctx, deps)
	if err != nil {
		return labelling.Progress{}, err
	}
	ws := make([]labelling.Wave, len(waves))
	for i, w := range waves {
		ws[i] = labelling.Wave{ID: w.ID, Departement: w.Departement, Name: w.Name, Date: w.Date}
	}
	return labelling.ComputeProgress(places(list), targetsOf(targets), cantons, ws), nil
}

func places(list []structure.Structure) []labelling.Place {
	out := make([]labelling.Place, len(list))
	for i, st := range list {
		out[i] = labelling.Place{ID: st.ID, Name: st.Name, Commune: st.CommuneLabel, Format: string(st.Format),
			State: labelling.State(st.LabelStatus), LabelDate: st.LabelDate, Lat: st.Latitude, Lon: st.Longitude}
	}
	return out
}

func targetsOf(list []label.Target) []labelling.Target {
	out := make([]labelling.Target, len(list))
	for i, t := range list {
		out[i] = TargetOf(t)
	}
	return out
}

// TargetOf turns a stored target into the pure one.
func TargetOf(t label.Target) labelling.Target {
	out := labelling.Target{ID: t.ID, Scope: t.Scope, Code: t.Code, DueDate: t.DueDate, Count: t.Count,
		EveryCanton: t.EveryCanton, Label: t.Label, Version: t.Version}
	if t.Format != nil {
		out.Format = *t.Format
	}
	return out
}

// Pipeline is the board of a département: one column per state, in the table's order. A card's date is when the
// structure reached its state (its last decision; for a structure labelled before Maillage, its label date; for a
// project never decided on, its creation).
func (s *Service) Pipeline(ctx context.Context, actor auth.Actor, dep string) ([]labelling.Column, error) {
	if err := departement(actor, dep, steerers, "de consulter le suivi des labellisations"); err != nil {
		return nil, err
	}
	list, _, err := s.Structures.List(ctx, actor, structure.Filter{Departement: dep}, "", 0)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	last, err := s.Labels.LastTransitions(ctx, ids)
	if err != nil {
		return nil, err
	}
	ps := places(list)
	items := make([]labelling.PipelineItem, len(list))
	for i, st := range list {
		items[i] = labelling.PipelineItem{Place: ps[i]}
		switch at, ok := last[st.ID]; {
		case ok:
			items[i].Since = &at
		case labelling.State(st.LabelStatus) == labelling.Projet:
			created := st.CreatedAt
			items[i].Since = &created
		case st.LabelDate != nil:
			items[i].Since = st.LabelDate
		}
	}
	return labelling.Pipeline(items), nil
}
