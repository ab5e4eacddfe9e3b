// Package compliance is the use case of opening hours, agents and compliance (issue 5, ADR 0006): it stores the
// hours and agents of a structure (pkg/opening), resolves them with pkg/hours, evaluates the label's rules, and
// records one evaluation after every change of hours or agents, in the same transaction. Reads are scoped by
// structure.Store.Get (404 outside the territory); writes are for admin, prefecture, animateur and the
// structure's own users.
package compliance

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/partner"
	"maillage/pkg/structure"
)

// Service is the opening-hours and compliance use case.
type Service struct {
	DB         *gorm.DB
	Structures *structure.Store
	Opening    *opening.Store
	Now        func() time.Time
}

// DefaultWeeks is the number of real weeks a report covers.
const DefaultWeeks = 12

var canEdit = []auth.Role{auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure}

func forbidden() error {
	return apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas de modifier les horaires ni les agents.")
}

// editable reads the structure (404 outside the territory) and checks the actor may edit its hours.
func (s *Service) editable(ctx context.Context, actor auth.Actor, id string) (structure.Structure, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return st, err
	}
	if !actor.HasRole(canEdit...) {
		return st, forbidden()
	}
	return st, nil
}

// today is the civil date in the structure's zone.
func (s *Service) today(st structure.Structure) hours.Date {
	return hours.DateOf(s.Now().In(Location(st)))
}

// load reads the layers of the structures in four statements (schedules, slots, exceptions from minDay on,
// public-holiday policies).
func (s *Service) load(ctx context.Context, list []structure.Structure, from hours.Date) (map[string]*Layers, error) {
	ids := make([]string, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	schedules, err := s.Opening.Schedules(ctx, ids)
	if err != nil {
		return nil, err
	}
	exceptions, err := s.Opening.Exceptions(ctx, ids, from.String())
	if err != nil {
		return nil, err
	}
	policies, err := s.Opening.HolidayPolicies(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Layers, len(list))
	for _, st := range list {
		out[st.ID] = &Layers{Structure: st, Schedules: schedulesToHours(schedules[st.ID]),
			Exceptions: exceptionsToHours(exceptions[st.ID]), Holidays: policies[st.ID]}
	}
	return out, nil
}

// evaluationInputs is what evaluating structures reads, in two statements whatever their number: their layers
// (exceptions from exceptionsFrom on), the agents assigned on agentsDay, and the rule sets in one; the operators
// and their referents and permanences in the structures' départements (the partner criterion) in the other. The
// rule sets are read on every call, never cached: an instance must see a rule set another instance just added.
type evaluationInputs struct {
	layers map[string]*Layers
	agents map[string][]opening.AgentStatus
	sets   []hours.RuleSet
	socle  partner.SocleInputs
}

func (s *Service) loadInputs(ctx context.Context, list []structure.Structure, exceptionsFrom, agentsDay hours.Date) (evaluationInputs, error) {
	ids := make([]string, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	raw, err := s.Opening.ReportInputs(ctx, ids, exceptionsFrom.String(), agentsDay.String())
	if err != nil {
		return evaluationInputs{}, err
	}
	in := evaluationInputs{layers: make(map[string]*Layers, len(list)), agents: raw.Agents,
		sets: make([]hours.RuleSet, len(raw.RuleSets))}
	for _, st := range list {
		in.layers[st.ID] = &Layers{Structure: st, Schedules: schedulesToHours(raw.Schedules[st.ID]),
			Exceptions: exceptionsToHours(raw.Exceptions[st.ID]), Holidays: raw.Holidays[st.ID]}
	}
	for i, r := range raw.RuleSets {
		in.sets[i] = ruleSetToHours(r)
	}
	in.socle, err = (&partner.Store{DB: s.DB}).SocleInputs(ctx, departements(list))
	return in, err
}

// published drops the drafts (the typical week would otherwise count them).
func published(list []hours.Schedule) []hours.Schedule {
	out := make([]hours.Schedule, 0, len(list))
	for _, sc := range list {
		if sc.Status != hours.StatusDraft {
			out = append(out, sc)
		}
	}
	return out
}

// evaluateAll prepares and evaluates the structures (antennas with their main site when it is in the batch)
// against the rule set in force at the date. agents gives the assigned agents of each structure; a structure
// without any has no agent data.
func (s *Service) evaluateAll(list []structure.Structure, ev evaluationInputs, at hours.Date, weeks int) map[string]hours.Report {
	inputs := make(map[string]hours.EvaluationInput, len(list))
	socle := newSocleJudge(ev.socle, at.String(), list)
	for _, st := range list {
		l := ev.layers[st.ID]
		in := hours.PrepareInput{StructureID: st.ID, Today: at, Weeks: weeks, Layers: l.resolveInput(at, at, false)}
		in.Layers.Schedules = published(l.Schedules)
		if as := ev.agents[st.ID]; len(as) > 0 {
			in.Agents = make([]hours.Agent, len(as))
			for i, a := range as {
				in.Agents[i] = hours.Agent{ID: a.AgentID, Trained: a.Trained}
			}
		}
		inputs[st.ID] = hours.Prepare(in)
		x := inputs[st.ID]
		x.PartnerSocle = socle.judge(st.Departement, st.ID)
		inputs[st.ID] = x
	}
	rs, _ := hours.RuleSetAt(ev.sets, at)
	out := make(map[string]hours.Report, len(list))
	for _, st := range list {
		in := inputs[st.ID]
		if st.Format == structure.FormatAntenne && st.ParentID != nil {
			if main, ok := inputs[*st.ParentID]; ok {
				in.MainSite = &hours.MainSite{StructureID: main.StructureID, TypicalWeek: main.TypicalWeek, Weeks: main.Weeks}
			}
		}
		out[st.ID] = hours.Evaluate(rs, in)
	}
	return out
}

// withParent adds the main site of an antenna to the list (it is judged with it).
func (s *Service) withParent(ctx context.Context, st structure.Structure) ([]structure.Structure, error) {
	list := []structure.Structure{st}
	if st.Format == structure.FormatAntenne && st.ParentID != nil {
		parent, err := s.Structures.Get(ctx, auth.System, *st.ParentID)
		if err != nil && !apperr.IsKind(err, apperr.KindNotFound) {
			return nil, err
		}
		if err == nil {
			list = append(list, parent)
		}
	}
	return list, nil
}

// reportOf evaluates one structure (and its main site when it is an antenna) as stored.
func (s *Service) reportOf(ctx context.Context, st structure.Structure, at hours.Date, weeks int,
	override func(*Layers)) (hours.Report, error) {
	list, err := s.withParent(ctx, st)
	if err != nil {
		return hours.Report{}, err
	}
	in, err := s.loadInputs(ctx, list, at.Monday(), at)
	if err != nil {
		return hours.Report{}, err
	}
	if override != nil {
		override(in.layers[st.ID])
	}
	return s.evaluateAll(list, in, at, weeks)[st.ID], nil
}

// Report evaluates a structure at a date (today when zero) over weeks real weeks (12 when 0).
func (s *Service) Report(ctx context.Context, actor auth.Actor, id string, at hours.Date, weeks int) (hours.Report, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return hours.Report{}, err
	}
	if at.IsZero() {
		at = s.today(st)
	}
	return s.reportOf(ctx, st, at, weeksOrDefault(weeks), nil)
}

// Preview evaluates a draft set of schedules (drafts counted as published), and a change of the public-holiday
// policy when given, in place of the stored ones, without saving anything.
func (s *Service) Preview(ctx context.Context, actor auth.Actor, id string, draft []hours.Schedule,
	holidays *HolidayPatch, at hours.Date, weeks int) (hours.Report, error) {
	st, err := s.editable(ctx, actor, id)
	if err != nil {
		return hours.Report{}, err
	}
	if err := s.validateSchedules(ctx, st, draft); err != nil {
		return hours.Report{}, err
	}
	if at.IsZero() {
		at = s.today(st)
	}
	preview := slices.Clone(draft)
	for i := range preview {
		preview[i].Status = hours.StatusPublished
	}
	return s.reportOf(ctx, st, at, weeksOrDefault(weeks), func(l *Layers) {
		l.Schedules = preview
		l.Holidays = holidays.apply(l.Holidays)
	})
}

func weeksOrDefault(w int) int {
	if w <= 0 {
		return DefaultWeeks
	}
	return w
}

// record evaluates the structures as stored now and records one evaluation each (inside the caller's transaction).
func (s *Service) record(ctx context.Context, cause string, list ...structure.Structure) error {
	evals := make([]opening.Evaluation, 0, len(list))
	for _, st := range list {
		at := s.today(st)
		r, err := s.reportOf(ctx, st, at, DefaultWeeks, nil)
		if err != nil {
			return err
		}
		raw, err := json.Marshal(r)
		if err != nil {
			return err
		}
		evals = append(evals, opening.Evaluation{StructureID: st.ID, Departement: st.Departement, RuleSet: r.RuleSet,
			Status: string(r.Status), Cause: cause, Report: raw})
	}
	return s.Opening.RecordEvaluations(ctx, evals)
}

// Evaluation is a recorded evaluation as the history shows it.
type Evaluation struct {
	opening.Evaluation
	Changed bool // the status differs from the previous evaluation's
}

// History lists the recorded evaluations of a structure, newest first.
func (s *Service) History(ctx context.Context, actor auth.Actor, id string, limit int) ([]Evaluation, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	list, err := s.Opening.Evaluations(ctx, st.ID, limit+1)
	if err != nil {
		return nil, err
	}
	out := make([]Evaluation, 0, len(list))
	for i, e := range list {
		if i == limit {
			break
		}
		out = append(out, Evaluation{Evaluation: e, Changed: i+1 >= len(list) || list[i+1].Status != e.Status})
	}
	return out, nil
}
