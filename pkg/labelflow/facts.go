package labelflow

import (
	"context"

	"maillage/pkg/compliance"
	"maillage/pkg/hours"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// fileFacts gathers what the completeness of a candidature reads.
func (s *Service) fileFacts(ctx context.Context, st structure.Structure, c *label.Candidature, e Evaluation) (labelling.FileFacts, error) {
	f := labelling.FileFacts{MinAgents: e.MinAgents}
	f.HoursOK, f.HoursMessage = hoursCheck(e)
	agents, err := s.Opening.AgentStatuses(ctx, []string{st.ID}, hours.DateOf(s.Now().In(compliance.Location(st))).String())
	if err != nil {
		return f, err
	}
	f.Agents = len(agents[st.ID])
	if c == nil {
		return f, nil
	}
	docs, err := s.Labels.Documents(ctx, c.ID)
	if err != nil {
		return f, err
	}
	f.Exists, f.CarrierName, f.Sites, f.Documents = true, c.CarrierName, len(c.PlannedSites), len(docs)
	f.PremisesAnswered = c.ConfidentialOffice != nil && c.ITEquipment != nil && c.Access != nil
	return f, nil
}

// candidatureOf reads the candidature of a structure (nil when none).
func (s *Service) candidatureOf(ctx context.Context, structureID string) (*label.Candidature, error) {
	c, found, err := s.Labels.Candidature(ctx, structureID)
	if err != nil || !found {
		return nil, err
	}
	return &c, nil
}

// auditFacts sums up the open audit of a structure.
func (s *Service) auditFacts(ctx context.Context, structureID string) (labelling.AuditFacts, error) {
	a, found, err := s.Labels.LatestAudit(ctx, structureID)
	if err != nil || !found || a.ClosedAt != nil {
		return labelling.AuditFacts{}, err
	}
	g, err := s.Labels.Grid(ctx, a.GridVersion)
	if err != nil {
		return labelling.AuditFacts{}, err
	}
	r := labelling.EvaluateAudit(gridOf(g), answersOf(a.Answers))
	return labelling.AuditFacts{Exists: true, Complete: r.Complete, Missing: r.Missing, NonConforme: r.NonConforme}, nil
}

// facts gathers what the guard of a transition reads (nothing for a transition without guard).
func (s *Service) facts(ctx context.Context, st structure.Structure, g labelling.Guard, e Evaluation) (labelling.Facts, error) {
	f := labelling.Facts{ComplianceEvaluated: e.Evaluated, Compliance: e.Criteria}
	var err error
	switch g {
	case labelling.GuardCandidatureExists, labelling.GuardFileComplete:
		var c *label.Candidature
		if c, err = s.candidatureOf(ctx, st.ID); err != nil {
			return f, err
		}
		f.File, err = s.fileFacts(ctx, st, c, e)
	case labelling.GuardLabelReady:
		f.Audit, err = s.auditFacts(ctx, st.ID)
	}
	return f, err
}

func gridOf(g label.Grid) labelling.Grid {
	out := labelling.Grid{Version: g.Version, Title: g.Title, ValidFrom: g.ValidFrom, Criteria: make([]labelling.Criterion, len(g.Criteria))}
	for i, c := range g.Criteria {
		out.Criteria[i] = labelling.Criterion(c)
	}
	return out
}

func answersOf(list []label.Answer) []labelling.Answer {
	out := make([]labelling.Answer, len(list))
	for i, a := range list {
		out[i] = labelling.Answer(a)
	}
	return out
}
