package labelflow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/hours"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// TransitionInput is a decision asked for.
type TransitionInput struct {
	To          string
	Reason      string
	WaveID      string
	Derogations []labelling.Derogation
	DocumentIDs []string
}

// decision is a transition being applied.
type decision struct {
	st     structure.Structure
	cur    label.State
	t      labelling.Transition
	req    labelling.Request
	wave   *label.Wave
	eval   Evaluation
	report []byte
}

// Transition applies a label decision at the expected label version, in one transaction: the structure's row is
// locked, the version checked (412), the role, the request and the guards checked, the compliance evaluated and
// kept with the decision, the state written (label date = the wave's date on a labelling), the draft hours
// published on a labelling, the open audit closed when the decision follows it, and the audit entry recorded.
func (s *Service) Transition(ctx context.Context, actor auth.Actor, id string, version int, in TransitionInput) (LabelState, error) {
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		d, err := s.decide(ctx, actor, id, version, in)
		if err != nil {
			return err
		}
		return s.apply(ctx, actor, d, in)
	})
	if err != nil {
		return LabelState{}, err
	}
	return s.State(ctx, actor, id)
}

// decide reads and locks the state and checks everything; nothing is written.
func (s *Service) decide(ctx context.Context, actor auth.Actor, id string, version int, in TransitionInput) (decision, error) {
	var d decision
	var err error
	if d.st, err = s.Structures.Get(ctx, actor, id); err != nil {
		return d, err
	}
	if d.cur, err = s.Labels.Lock(ctx, d.st.ID); err != nil {
		return d, err
	}
	if d.cur.Version != version {
		return d, label.ErrStale
	}
	if d.t, err = labelling.Resolve(labelling.State(d.cur.Status), labelling.State(in.To), actor.Role); err != nil {
		return d, err
	}
	d.req = labelling.Request{From: d.t.From, To: d.t.To, Role: actor.Role, Reason: in.Reason, WaveGiven: in.WaveID != "",
		Derogations: in.Derogations, Today: s.today()}
	if err := labelling.Validate(d.t, d.req); err != nil {
		return d, err
	}
	if err := s.checkReferences(ctx, &d, in); err != nil {
		return d, err
	}
	if d.eval, err = s.evaluate(ctx, d.st); err != nil {
		return d, err
	}
	if d.eval.Evaluated {
		if d.report, err = json.Marshal(d.eval.Report); err != nil {
			return d, err
		}
	}
	f, err := s.facts(ctx, d.st, d.t.Guard, d.eval)
	if err != nil {
		return d, err
	}
	if p := labelling.Blockers(d.t, f, d.req.Derogations, d.req.Today); len(p) > 0 {
		return d, labelling.GuardError(p)
	}
	return d, nil
}

// checkReferences checks the wave (of the structure's département) and the documents (of its candidature).
func (s *Service) checkReferences(ctx context.Context, d *decision, in TransitionInput) error {
	var v apperr.Validation
	if in.WaveID != "" {
		w, err := s.Labels.Wave(ctx, in.WaveID)
		switch {
		case apperr.IsKind(err, apperr.KindNotFound) || err == nil && w.Departement != d.st.Departement:
			v.Add("wave_id", "Vague introuvable dans le département de la structure.")
		case err != nil:
			return err
		default:
			d.wave = &w
		}
	}
	seen := map[string]bool{}
	for i, docID := range in.DocumentIDs {
		_, err := s.Labels.Document(ctx, d.st.ID, docID)
		switch {
		case apperr.IsKind(err, apperr.KindNotFound) || seen[docID]:
			v.Add(fmt.Sprintf("document_ids[%d]", i), "Document introuvable dans le dossier de la structure (ou en double).")
		case err != nil:
			return err
		}
		seen[docID] = true
	}
	return v.Err()
}

// apply writes the decision.
func (s *Service) apply(ctx context.Context, actor auth.Actor, d decision, in TransitionInput) error {
	labelDate := d.cur.LabelDate
	if d.wave != nil {
		labelDate = &d.wave.Date
	}
	if _, err := s.Labels.SetState(ctx, d.st.ID, string(d.t.To), labelDate, d.cur.Version); err != nil {
		return err
	}
	status := string(hours.VerdictUnknown)
	if d.eval.Evaluated {
		status = string(d.eval.Report.Status)
	}
	ders := make([]label.Derogation, len(d.req.Derogations))
	for i, x := range d.req.Derogations {
		ders[i] = label.Derogation{Criterion: x.Criterion, Justification: strings.TrimSpace(x.Justification), Until: x.Until}
	}
	tr := label.Transition{StructureID: d.st.ID, Departement: d.st.Departement, From: string(d.t.From), To: string(d.t.To),
		ActorID: actor.ID, ActorLabel: actor.Label, Reason: strings.TrimSpace(in.Reason), Derogations: ders,
		DocumentIDs: in.DocumentIDs, ComplianceStatus: status, Compliance: d.report}
	if d.wave != nil {
		tr.WaveID = &d.wave.ID
	}
	tr, err := s.Labels.InsertTransition(ctx, tr)
	if err != nil {
		return err
	}
	if d.t.From == labelling.AuditDemande {
		if err := s.closeAudit(ctx, d.st.ID, d.eval); err != nil {
			return err
		}
	}
	if d.t.From == labelling.AuditDemande && d.t.To == labelling.Labellise {
		if err := s.publishDrafts(ctx, actor, d.st.ID); err != nil {
			return err
		}
	}
	return audit.Record(ctx, s.DB, audit.Entry{Action: "label.transition", ObjectType: "structure", ObjectID: d.st.ID,
		Departements: []string{d.st.Departement}, Before: stateView(d.cur.Status, d.cur.LabelDate, nil),
		After: stateView(string(d.t.To), labelDate, &tr)})
}

// publishDrafts publishes the structure's draft schedules (the planned hours of a project become its hours).
func (s *Service) publishDrafts(ctx context.Context, actor auth.Actor, id string) error {
	set, err := s.Compliance.Schedules(ctx, auth.System, id)
	if err != nil {
		return err
	}
	drafts := false
	for i := range set.Schedules {
		if set.Schedules[i].Status == hours.StatusDraft {
			set.Schedules[i].Status, drafts = hours.StatusPublished, true
		}
	}
	if !drafts {
		return nil
	}
	_, err = s.Compliance.ReplaceSchedules(ctx, actor, id, set.Version, set.Schedules, nil)
	return err
}

// closeAudit closes the open audit with its automatic criteria frozen as they were evaluated for the decision.
func (s *Service) closeAudit(ctx context.Context, structureID string, e Evaluation) error {
	a, found, err := s.Labels.LatestAudit(ctx, structureID)
	if err != nil || !found || a.ClosedAt != nil {
		return err
	}
	g, err := s.Labels.Grid(ctx, a.GridVersion)
	if err != nil {
		return err
	}
	return s.Labels.CloseAudit(ctx, a.ID, automaticAnswers(g, e))
}

// stateView is the audit snapshot of a label state, under the API's field names.
func stateView(status string, labelDate *time.Time, t *label.Transition) map[string]any {
	out := map[string]any{"state": status, "label_date": nil}
	if labelDate != nil {
		out["label_date"] = labelDate.Format(time.DateOnly)
	}
	if t != nil {
		ders := make([]map[string]string, len(t.Derogations))
		for i, d := range t.Derogations {
			ders[i] = map[string]string{"criterion": d.Criterion, "justification": d.Justification, "until": d.Until}
		}
		out["reason"], out["wave_id"], out["derogations"], out["document_ids"] = t.Reason, t.WaveID, ders, t.DocumentIDs
		out["compliance_status"] = t.ComplianceStatus
	}
	return out
}
