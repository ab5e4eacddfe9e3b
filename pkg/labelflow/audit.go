package labelflow

import (
	"context"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// AuditCriterion is one criterion of an audit with its status: automatic ones come from the compliance engine
// and are locked.
type AuditCriterion struct {
	label.Criterion
	Status, Comment string
	Locked          bool
}

// AuditView is the audit of a structure as the audit form shows it. Version 0 means no audit is open yet (the
// first PUT opens one on the grid in force).
type AuditView struct {
	StructureID string
	GridVersion string
	Criteria    []AuditCriterion
	Complete    bool
	Editable    bool // a PUT is accepted now (state audit_demande)
	ClosedAt    *time.Time
	Version     int
}

// automaticAnswers are the automatic criteria of a grid as the evaluation judges them.
func automaticAnswers(g label.Grid, e Evaluation) []label.Answer {
	byCode := map[string]labelling.CriterionResult{}
	for _, c := range e.Criteria {
		byCode[c.Code] = c
	}
	out := []label.Answer{}
	for _, c := range g.Criteria {
		if !c.Automatic {
			continue
		}
		a := label.Answer{Code: c.Code, Status: labelling.AVerifier, Comment: "Conformité non évaluée."}
		if r, ok := byCode[c.ComplianceCode]; ok && e.Evaluated {
			a.Status, a.Comment = labelling.AutomaticStatus(r.Status), r.Explanation
		}
		out = append(out, a)
	}
	return out
}

// currentAudit is the audit a structure shows: while the audit is requested, the open one (none yet: a blank one
// on the grid in force); otherwise its latest audit, else a blank one.
func (s *Service) currentAudit(ctx context.Context, st structure.Structure) (label.Audit, label.Grid, bool, error) {
	cur, err := s.Labels.State(ctx, st.ID)
	if err != nil {
		return label.Audit{}, label.Grid{}, false, err
	}
	open := labelling.State(cur.Status) == labelling.AuditDemande
	a, found, err := s.Labels.LatestAudit(ctx, st.ID)
	if err != nil {
		return a, label.Grid{}, open, err
	}
	if !found || open && a.ClosedAt != nil {
		g, err := s.Labels.GridInForce(ctx, s.today())
		return label.Audit{StructureID: st.ID, GridVersion: g.Version, Answers: []label.Answer{}}, g, open, err
	}
	g, err := s.Labels.Grid(ctx, a.GridVersion)
	return a, g, open, err
}

// Audit reads the audit of a structure of the actor's territory.
func (s *Service) Audit(ctx context.Context, actor auth.Actor, id string) (AuditView, error) {
	st, err := s.structureFor(ctx, actor, id, fileReaders, "de consulter l’audit")
	if err != nil {
		return AuditView{}, err
	}
	a, g, open, err := s.currentAudit(ctx, st)
	if err != nil {
		return AuditView{}, err
	}
	return s.auditView(ctx, st, a, g, open)
}

func (s *Service) auditView(ctx context.Context, st structure.Structure, a label.Audit, g label.Grid, open bool) (AuditView, error) {
	auto := a.Automatic
	if a.ClosedAt == nil {
		e, err := s.evaluate(ctx, st)
		if err != nil {
			return AuditView{}, err
		}
		auto = automaticAnswers(g, e)
	}
	given := map[string]label.Answer{}
	for _, x := range append(append([]label.Answer{}, a.Answers...), auto...) {
		given[x.Code] = x
	}
	out := AuditView{StructureID: st.ID, GridVersion: g.Version, Criteria: make([]AuditCriterion, len(g.Criteria)),
		Editable: open && a.ClosedAt == nil, ClosedAt: a.ClosedAt, Version: a.Version}
	for i, c := range g.Criteria {
		x, ok := given[c.Code]
		if !ok {
			x.Status = labelling.AVerifier
		}
		out.Criteria[i] = AuditCriterion{Criterion: c, Status: x.Status, Comment: x.Comment, Locked: c.Automatic}
	}
	out.Complete = labelling.EvaluateAudit(gridOf(g), answersOf(a.Answers)).Complete && a.Version > 0
	return out, nil
}

// SaveAudit records the manual answers of the audit (they replace the previous ones). Only while the audit is
// requested (409 audit.not_open otherwise); the first save opens the audit on the grid in force, which it keeps;
// later saves need the audit's version (428 without, 412 when stale).
func (s *Service) SaveAudit(ctx context.Context, actor auth.Actor, id string, version int, answers []labelling.Answer) (AuditView, error) {
	var out AuditView
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.structureFor(ctx, actor, id, deciders, "de saisir l’audit")
		if err != nil {
			return err
		}
		if _, err := s.Labels.Lock(ctx, st.ID); err != nil {
			return err
		}
		a, g, open, err := s.currentAudit(ctx, st)
		if err != nil {
			return err
		}
		if !open {
			return apperr.Conflict("audit.not_open", "L’audit se saisit quand il a été demandé (état « Audit demandé »).")
		}
		if err := checkVersion(a.Version, version); err != nil {
			return err
		}
		if err := labelling.ValidateAnswers(gridOf(g), answers); err != nil {
			return err
		}
		before := a
		a.Answers, a.UpdatedBy = make([]label.Answer, len(answers)), actor.Label
		for i, x := range answers {
			a.Answers[i] = label.Answer(x)
		}
		if a, err = s.Labels.SaveAudit(ctx, a, version); err != nil {
			return err
		}
		if out, err = s.auditView(ctx, st, a, g, open); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "label_audit.update", ObjectType: "structure", ObjectID: st.ID,
			Departements: []string{st.Departement}, Before: auditSnapshot(before), After: auditSnapshot(a)})
	})
	return out, err
}

// checkVersion applies If-Match to a resource that may not exist yet (stored version 0): required once it
// exists (428), matching it (412); a version given for a resource that does not exist is stale too.
func checkVersion(stored, given int) error {
	switch {
	case stored > 0 && given == 0:
		return apperr.New(apperr.KindPreconditionRequired, "request.if_match_required",
			"L’en-tête If-Match est obligatoire pour modifier cette ressource (relisez-la pour obtenir son ETag).")
	case stored != given:
		return apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
			"La ressource a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
	}
	return nil
}

func auditSnapshot(a label.Audit) map[string]any {
	if a.Version == 0 {
		return nil
	}
	answers := make([]map[string]string, len(a.Answers))
	for i, x := range a.Answers {
		answers[i] = map[string]string{"code": x.Code, "status": x.Status, "comment": x.Comment}
	}
	return map[string]any{"grid_version": a.GridVersion, "answers": answers}
}
