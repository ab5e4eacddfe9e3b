package visiting

import (
	"context"
	"reflect"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/visit"
)

// FindingFields are what a caller gives to record or change a finding; nil means "not given".
type FindingFields struct {
	Description    *string
	Severity       *string
	WatchRequested *bool
}

// Findings lists the findings of a visit of the actor's territory.
func (s *Service) Findings(ctx context.Context, a auth.Actor, visitID string) ([]visit.Finding, error) {
	if err := s.Visible(ctx, a, visitID); err != nil {
		return nil, err
	}
	return s.Visits.Findings(ctx, visitID)
}

// AddFinding records a finding on a visit.
func (s *Service) AddFinding(ctx context.Context, a auth.Actor, visitID string, f FindingFields) (visit.Finding, error) {
	var out visit.Finding
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		v, err := s.writable(ctx, a, visitID)
		if err != nil {
			return err
		}
		next := visit.Finding{VisitID: v.ID, StructureID: v.StructureID, Departement: v.Departement,
			Severity: visit.SeverityMinor}
		if err := s.applyFinding(a, &next, f); err != nil {
			return err
		}
		created, err := s.Visits.InsertFinding(ctx, next)
		if err != nil {
			return err
		}
		out = created
		return audit.Record(ctx, s.DB, audit.Entry{Action: "finding.create", ObjectType: "finding", ObjectID: created.ID,
			Departements: []string{v.Departement}, After: findingView(created)})
	})
	return out, err
}

// UpdateFinding changes a finding of a visit at the expected version.
func (s *Service) UpdateFinding(ctx context.Context, a auth.Actor, visitID, id string, version int, f FindingFields) (visit.Finding, error) {
	var out visit.Finding
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		v, err := s.writable(ctx, a, visitID)
		if err != nil {
			return err
		}
		before, err := s.Visits.Finding(ctx, v.ID, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return visit.ErrStaleFinding
		}
		next := before
		if err := s.applyFinding(a, &next, f); err != nil {
			return err
		}
		if reflect.DeepEqual(before, next) {
			out = before
			return nil
		}
		updated, err := s.Visits.UpdateFinding(ctx, next, version)
		if err != nil {
			return err
		}
		out = updated
		return audit.Record(ctx, s.DB, audit.Entry{Action: "finding.update", ObjectType: "finding", ObjectID: id,
			Departements: []string{v.Departement}, Before: findingView(before), After: findingView(updated)})
	})
	return out, err
}

// DeleteFinding removes a finding recorded by mistake; its actions stay, detached from it.
func (s *Service) DeleteFinding(ctx context.Context, a auth.Actor, visitID, id string, version int) error {
	return db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		v, err := s.writable(ctx, a, visitID)
		if err != nil {
			return err
		}
		before, err := s.Visits.Finding(ctx, v.ID, id)
		if err != nil {
			return err
		}
		if before.WatchRequested && !a.HasRole(managers...) {
			return apperr.Forbidden("finding.watch_forbidden",
				"Seule la préfecture retire un constat qui demande la mise sous surveillance.")
		}
		if err := s.Visits.DeleteFinding(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "finding.delete", ObjectType: "finding", ObjectID: id,
			Departements: []string{v.Departement}, Before: findingView(before)})
	})
}

// applyFinding validates the fields onto next. Asking (or no longer asking) for the structure to be put under
// watch is the prefecture's decision and needs a serious finding (majeure or critique); the labelling capability
// acts on the request (ADR 0005).
func (s *Service) applyFinding(a auth.Actor, next *visit.Finding, f FindingFields) error {
	var v apperr.Validation
	if f.Description != nil {
		next.Description = trim(*f.Description)
	}
	v.Check(next.Description != "", "description", "La description du constat est obligatoire.")
	v.Check(!textTooLong(next.Description, 4000), "description", "Description trop longue (4 000 caractères au plus).")
	if f.Severity != nil {
		next.Severity = visit.Severity(trim(*f.Severity))
		v.Check(next.Severity.Valid(), "severity", "Gravité inconnue : observation, mineure, majeure ou critique.")
	}
	if f.WatchRequested != nil && *f.WatchRequested != next.WatchRequested {
		if !a.HasRole(managers...) {
			return apperr.Forbidden("finding.watch_forbidden",
				"La demande de mise sous surveillance relève de la préfecture.")
		}
		next.WatchRequested = *f.WatchRequested
		next.WatchRequestedAt, next.WatchRequestedBy = nil, ""
		if next.WatchRequested {
			now := s.Now().UTC()
			next.WatchRequestedAt, next.WatchRequestedBy = &now, a.Label
		}
	}
	if next.WatchRequested && next.Severity.Valid() && !next.Severity.Serious() {
		v.Add("watch_requested", "Seul un constat majeur ou critique peut demander la mise sous surveillance.")
	}
	return v.Err()
}

// Finding returns one finding of a visit of the actor's territory.
func (s *Service) Finding(ctx context.Context, a auth.Actor, visitID, id string) (visit.Finding, error) {
	if err := s.Visible(ctx, a, visitID); err != nil {
		return visit.Finding{}, err
	}
	return s.Visits.Finding(ctx, visitID, id)
}
