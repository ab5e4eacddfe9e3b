// Package labelflow runs the labelling use cases (issue 6, ADR 0007): label decisions through the transition
// table of pkg/labelling with their guards, the candidature file and its documents, the quality audit against a
// versioned grid, waves, targets, progress and the pipeline board. It composes pkg/label (storage),
// pkg/structure (scoping), pkg/compliance (the evaluation, drafts included, and the publication of draft hours)
// and pkg/audit; every write is one transaction with its audit entry.
package labelflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/hours"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// Service runs the labelling use cases.
type Service struct {
	DB         *gorm.DB
	Labels     *label.Store
	Structures *structure.Store
	Compliance *compliance.Service
	Opening    *opening.Store
	Territory  *territory.Store
	Now        func() time.Time
	// DetectContentType is the WHATWG content sniffing (net/http.DetectContentType, given by the HTTP layer: no
	// package under pkg/ imports net/http).
	DetectContentType func([]byte) string
}

var (
	fileReaders   = []auth.Role{auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure}
	fileWriters   = []auth.Role{auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure}
	steerers      = []auth.Role{auth.RoleAdmin, auth.RoleRegion, auth.RolePrefecture, auth.RoleAnimateur}
	deciders      = []auth.Role{auth.RoleAdmin, auth.RolePrefecture}
	editableFiles = []labelling.State{labelling.Projet, labelling.CandidatureDeposee, labelling.Instruction, labelling.NonConforme}
)

func forbidden(message string) error { return apperr.Forbidden("auth.forbidden", message) }

// today is the civil date in Europe/Paris, as a UTC midnight (dates of decisions, derogations, grids).
func (s *Service) today() time.Time {
	d := hours.DateOf(s.Now().In(hours.DefaultLocation()))
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// structureFor reads a structure of the actor's territory (404 otherwise) and checks the role.
func (s *Service) structureFor(ctx context.Context, actor auth.Actor, id string, roles []auth.Role, what string) (structure.Structure, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return st, err
	}
	if !actor.HasRole(roles...) {
		return st, forbidden("Votre rôle ne permet pas " + what + ".")
	}
	return st, nil
}

// departement checks the département is in the actor's territory (404 otherwise) and the role.
func departement(actor auth.Actor, dep string, roles []auth.Role, what string) error {
	if !actor.HasRole(roles...) {
		return forbidden("Votre rôle ne permet pas " + what + ".")
	}
	if !actor.CanSeeDepartement(dep) {
		return apperr.NotFound("departement.not_found", "Ce département n’est pas dans votre territoire.")
	}
	return nil
}

// Evaluation is the compliance of a structure as the labelling reads it.
type Evaluation struct {
	Report    hours.Report
	Evaluated bool // false when the hours could not be evaluated (draft hours no longer valid)
	Criteria  []labelling.CriterionResult
	MinAgents int
}

// evaluate judges the structure as it will be once labelled: its draft schedules (a project's planned hours)
// counted as published, through the compliance engine's preview; without drafts, the stored report.
func (s *Service) evaluate(ctx context.Context, st structure.Structure) (Evaluation, error) {
	rs, _ := hours.RuleSetAt(hours.CurrentRuleSets(), hours.DateOf(s.Now().In(compliance.Location(st))))
	out := Evaluation{MinAgents: rs.MinAgentsPresent}
	set, err := s.Compliance.Schedules(ctx, auth.System, st.ID)
	if err != nil {
		return out, err
	}
	if slices.ContainsFunc(set.Schedules, func(sc hours.Schedule) bool { return sc.Status == hours.StatusDraft }) {
		out.Report, err = s.Compliance.Preview(ctx, auth.System, st.ID, set.Schedules, nil, hours.Date{}, 0)
	} else {
		out.Report, err = s.Compliance.Report(ctx, auth.System, st.ID, hours.Date{}, 0)
	}
	if apperr.IsKind(err, apperr.KindInvalid) {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Evaluated, out.Criteria = true, criteriaOf(out.Report)
	return out, nil
}

// criteriaOf is the verdict of each criterion on the typical week: the regular hours in force (the weakest week
// of an odd/even cycle) with the agents. The label is granted on them; the real weeks, kept in the snapshot of
// the decision, show holidays and exceptions, which neither grant nor refuse a label.
func criteriaOf(r hours.Report) []labelling.CriterionResult {
	out := make([]labelling.CriterionResult, len(r.TypicalWeek.Criteria))
	for i, c := range r.TypicalWeek.Criteria {
		out[i] = labelling.CriterionResult{Code: string(c.Code), Status: string(c.Status), Explanation: c.Explanation}
	}
	return out
}

// hoursCheck is the "hours" item of a candidature: the hours criteria of the typical week (weekly hours, open
// days) with the engine's explanations.
func hoursCheck(e Evaluation) (bool, string) {
	if !e.Evaluated {
		return false, "Les horaires prévus ne peuvent pas être évalués : vérifiez-les dans l’onglet Horaires."
	}
	ok := true
	var failing, all []string
	for _, c := range e.Report.TypicalWeek.Criteria {
		if c.Code != hours.CodeWeeklyHours && c.Code != hours.CodeOpenDays {
			continue
		}
		all = append(all, c.Explanation)
		if c.Status != hours.VerdictOK {
			ok = false
			failing = append(failing, c.Explanation)
		}
	}
	if ok {
		return true, strings.Join(all, " ")
	}
	return false, strings.Join(failing, " ")
}
