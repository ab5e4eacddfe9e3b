package compliance

import (
	"context"
	"net/mail"
	"slices"
	"strings"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

// Agent roles and training kinds.
var (
	AgentRoles    = []string{"agent", "referent", "responsable"}
	TrainingKinds = []string{"initial", "partner", "immersion", "continuing"}
)

// AgentFields are the editable fields of an agent (nil: not given). ETP, StartDate and EndDate apply to the
// assignment at the structure of the request (creation) or to the agent's assignments at structures the actor
// may edit (update: end date and share only).
type AgentFields struct {
	Name      *string
	WorkEmail *string
	Role      *string
	ETP       *float64
	StartDate *string
	EndDate   *string
	Trainings []opening.Training // creation only
}

// Trained tells whether the agent completed the initial training by day.
func Trained(a opening.Agent, day hours.Date) bool {
	for _, t := range a.Trainings {
		if t.Kind == "initial" && t.CompletedOn != "" && t.CompletedOn <= day.String() {
			return true
		}
	}
	return false
}

// Agents lists the agents who work or worked at a structure.
func (s *Service) Agents(ctx context.Context, actor auth.Actor, id string) ([]opening.Agent, hours.Date, error) {
	st, err := s.Structures.Get(ctx, actor, id)
	if err != nil {
		return nil, hours.Date{}, err
	}
	list, err := s.Opening.Agents(ctx, []string{st.ID})
	return list, s.today(st), err
}

// visibleAgent reads an agent and the structures of its assignments the actor may see (404 when none).
func (s *Service) visibleAgent(ctx context.Context, actor auth.Actor, id string) (opening.Agent, []structure.Structure, error) {
	a, err := s.Opening.Agent(ctx, id)
	if err != nil {
		return a, nil, err
	}
	var seen []structure.Structure
	for _, as := range a.Assignments {
		if slices.ContainsFunc(seen, func(st structure.Structure) bool { return st.ID == as.StructureID }) {
			continue
		}
		st, err := s.Structures.Get(ctx, actor, as.StructureID)
		if apperr.IsKind(err, apperr.KindNotFound) {
			continue
		}
		if err != nil {
			return a, nil, err
		}
		seen = append(seen, st)
	}
	if len(seen) == 0 {
		return a, nil, opening.ErrAgentNotFound
	}
	return a, seen, nil
}

// Agent returns an agent the actor may see, with the date used for "trained".
func (s *Service) Agent(ctx context.Context, actor auth.Actor, id string) (opening.Agent, hours.Date, error) {
	a, sts, err := s.visibleAgent(ctx, actor, id)
	if err != nil {
		return a, hours.Date{}, err
	}
	return a, s.today(sts[0]), nil
}

func applyAgentFields(a *opening.Agent, f AgentFields, v *apperr.Validation) {
	if f.Name != nil {
		a.Name = strings.TrimSpace(*f.Name)
	}
	v.Check(a.Name != "" && len([]rune(a.Name)) <= 200, "name", "Le nom est obligatoire (200 caractères au plus).")
	if f.WorkEmail != nil {
		a.WorkEmail = strings.ToLower(strings.TrimSpace(*f.WorkEmail))
	}
	if a.WorkEmail != "" {
		m, err := mail.ParseAddress(a.WorkEmail)
		v.Check(err == nil && m.Address == a.WorkEmail, "work_email", "Adresse e-mail invalide.")
	}
	if f.Role != nil {
		a.Role = *f.Role
	}
	if a.Role == "" {
		a.Role = "agent"
	}
	v.Check(slices.Contains(AgentRoles, a.Role), "role", "Le rôle doit être agent, referent ou responsable.")
}

func checkDate(v *apperr.Validation, field, s string) {
	if s != "" {
		_, err := hours.ParseDate(s)
		v.Check(err == nil, field, "Date invalide : AAAA-MM-JJ attendu.")
	}
}

// CheckTraining validates a training; field names are prefixed with at ("trainings[0].").
func CheckTraining(v *apperr.Validation, at string, t opening.Training) {
	v.Check(slices.Contains(TrainingKinds, t.Kind), at+"kind", "Le type doit être initial, partner, immersion ou continuing.")
	v.Check(t.Days >= 0 && t.Days <= 365, at+"days", "La durée doit être comprise entre 0 et 365 jours.")
	v.Check(len([]rune(t.Provider)) <= 200, at+"provider", "Texte trop long.")
	checkDate(v, at+"completed_on", t.CompletedOn)
}

// CreateAgent adds an agent to a structure and records an evaluation.
func (s *Service) CreateAgent(ctx context.Context, actor auth.Actor, id string, f AgentFields) (opening.Agent, hours.Date, error) {
	var out opening.Agent
	var today hours.Date
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		st, err := s.editable(ctx, actor, id)
		if err != nil {
			return err
		}
		today = s.today(st)
		var v apperr.Validation
		a := opening.Agent{}
		applyAgentFields(&a, f, &v)
		as := opening.Assignment{StructureID: st.ID, ETP: 1, StartDate: today.String()}
		if f.ETP != nil {
			as.ETP = *f.ETP
		}
		v.Check(as.ETP > 0 && as.ETP <= 1, "etp", "La part d’ETP doit être comprise entre 0,01 et 1.")
		if f.StartDate != nil && *f.StartDate != "" {
			as.StartDate = *f.StartDate
		}
		if f.EndDate != nil {
			as.EndDate = *f.EndDate
		}
		checkDate(&v, "start_date", as.StartDate)
		checkDate(&v, "end_date", as.EndDate)
		v.Check(as.EndDate == "" || as.EndDate >= as.StartDate, "end_date", "La fin doit suivre le début.")
		for i, t := range f.Trainings {
			CheckTraining(&v, "trainings["+itoa(i)+"].", t)
		}
		if err := v.Err(); err != nil {
			return err
		}
		a.Assignments, a.Trainings = []opening.Assignment{as}, f.Trainings
		if out, err = s.Opening.InsertAgent(ctx, a); err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "agent.create", ObjectType: "agent", ObjectID: out.ID,
			Departements: []string{st.Departement}, After: agentView(&out)}); err != nil {
			return err
		}
		return s.record(ctx, "agent.create", st)
	})
	return out, today, err
}

// UpdateAgent changes an agent at the expected version and re-evaluates its structures.
func (s *Service) UpdateAgent(ctx context.Context, actor auth.Actor, id string, version int, f AgentFields) (opening.Agent, hours.Date, error) {
	var out opening.Agent
	var today hours.Date
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		before, sts, err := s.visibleAgent(ctx, actor, id)
		if err != nil {
			return err
		}
		if !actor.HasRole(canEdit...) {
			return forbidden()
		}
		today = s.today(sts[0])
		a := before
		a.Assignments = nil
		var v apperr.Validation
		applyAgentFields(&a, f, &v)
		for _, as := range before.Assignments {
			if !slices.ContainsFunc(sts, func(st structure.Structure) bool { return st.ID == as.StructureID }) {
				continue
			}
			if f.ETP != nil {
				as.ETP = *f.ETP
			}
			if f.EndDate != nil {
				as.EndDate = *f.EndDate
			}
			v.Check(as.ETP > 0 && as.ETP <= 1, "etp", "La part d’ETP doit être comprise entre 0,01 et 1.")
			checkDate(&v, "end_date", as.EndDate)
			v.Check(as.EndDate == "" || as.EndDate >= as.StartDate, "end_date", "La fin doit suivre le début.")
			a.Assignments = append(a.Assignments, as)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if out, err = s.Opening.UpdateAgent(ctx, a, version); err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "agent.update", ObjectType: "agent", ObjectID: id,
			Departements: departements(sts), Before: agentView(&before), After: agentView(&out)}); err != nil {
			return err
		}
		return s.record(ctx, "agent.update", sts...)
	})
	return out, today, err
}

// DeleteAgent removes an agent at the expected version and re-evaluates its structures.
func (s *Service) DeleteAgent(ctx context.Context, actor auth.Actor, id string, version int) error {
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		before, sts, err := s.visibleAgent(ctx, actor, id)
		if err != nil {
			return err
		}
		if !actor.HasRole(canEdit...) {
			return forbidden()
		}
		if err := s.Opening.DeleteAgent(ctx, id, version); err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "agent.delete", ObjectType: "agent", ObjectID: id,
			Departements: departements(sts), Before: agentView(&before)}); err != nil {
			return err
		}
		return s.record(ctx, "agent.delete", sts...)
	})
}

// AddTraining records a training of an agent and re-evaluates its structures.
func (s *Service) AddTraining(ctx context.Context, actor auth.Actor, id string, t opening.Training) (opening.Agent, hours.Date, error) {
	var out opening.Agent
	var today hours.Date
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		_, sts, err := s.visibleAgent(ctx, actor, id)
		if err != nil {
			return err
		}
		if !actor.HasRole(canEdit...) {
			return forbidden()
		}
		today = s.today(sts[0])
		var v apperr.Validation
		t.Provider = strings.TrimSpace(t.Provider)
		CheckTraining(&v, "", t)
		if err := v.Err(); err != nil {
			return err
		}
		saved, err := s.Opening.AddTraining(ctx, id, t)
		if err != nil {
			return err
		}
		if out, err = s.Opening.Agent(ctx, id); err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "agent.training", ObjectType: "agent", ObjectID: id,
			Departements: departements(sts), After: map[string]any{"kind": saved.Kind, "provider": saved.Provider,
				"days": saved.Days, "completed_on": saved.CompletedOn}}); err != nil {
			return err
		}
		return s.record(ctx, "agent.training", sts...)
	})
	return out, today, err
}

func departements(sts []structure.Structure) []string {
	var out []string
	for _, st := range sts {
		if !slices.Contains(out, st.Departement) {
			out = append(out, st.Departement)
		}
	}
	return out
}

func agentView(a *opening.Agent) map[string]any {
	if a == nil {
		return nil
	}
	as := make([]map[string]any, len(a.Assignments))
	for i, x := range a.Assignments {
		as[i] = map[string]any{"structure_id": x.StructureID, "etp": x.ETP, "start_date": x.StartDate, "end_date": x.EndDate}
	}
	return map[string]any{"id": a.ID, "name": a.Name, "work_email": a.WorkEmail, "role": a.Role, "assignments": as}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
