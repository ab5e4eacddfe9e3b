package rest

import (
	"maillage/pkg/compliance"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
)

// Agents of the structures and their trainings (ADR 0006).

// AssignmentDTO links an agent to a structure.
type AssignmentDTO struct {
	StructureID string  `json:"structure_id" format:"uuid"`
	ETP         float64 `json:"etp" example:"1"`
	StartDate   string  `json:"start_date" format:"date"`
	EndDate     string  `json:"end_date,omitempty" format:"date"`
} //@name AgentAssignment

// TrainingDTO is a training an agent followed.
type TrainingDTO struct {
	ID          string  `json:"id,omitempty" format:"uuid"`
	Kind        string  `json:"kind" enums:"initial,partner,immersion,continuing"`
	Provider    string  `json:"provider" example:"CNFPT"`
	Days        float64 `json:"days" example:"5"`
	CompletedOn string  `json:"completed_on,omitempty" format:"date"`
} //@name AgentTraining

// AgentDTO is an agent of France services; trained tells whether the initial training is completed.
type AgentDTO struct {
	ID          string          `json:"id" format:"uuid"`
	Name        string          `json:"name" example:"Camille Martin"`
	WorkEmail   string          `json:"work_email"`
	Role        string          `json:"role" enums:"agent,referent,responsable"`
	Trained     bool            `json:"trained"`
	Assignments []AssignmentDTO `json:"assignments"`
	Trainings   []TrainingDTO   `json:"trainings"`
	Version     int             `json:"version"`
} //@name Agent

// AgentList lists the agents of a structure.
type AgentList struct {
	Items []AgentDTO `json:"items"`
} //@name AgentList

// AgentInput creates an agent at a structure (etp, start_date, end_date: its assignment there), or patches one
// (etp and end_date then apply to its assignments at the structures the caller may edit).
type AgentInput struct {
	Name      *string       `json:"name"`
	WorkEmail *string       `json:"work_email"`
	Role      *string       `json:"role" enums:"agent,referent,responsable"`
	ETP       *float64      `json:"etp"`
	StartDate *string       `json:"start_date" format:"date"`
	EndDate   *string       `json:"end_date" format:"date"`
	Trainings []TrainingDTO `json:"trainings"`
} //@name AgentInput

func (in AgentInput) fields() compliance.AgentFields {
	f := compliance.AgentFields{Name: in.Name, WorkEmail: in.WorkEmail, Role: in.Role, ETP: in.ETP,
		StartDate: in.StartDate, EndDate: in.EndDate}
	for _, t := range in.Trainings {
		f.Trainings = append(f.Trainings, t.training())
	}
	return f
}

func (t TrainingDTO) training() opening.Training {
	return opening.Training{Kind: t.Kind, Provider: t.Provider, Days: t.Days, CompletedOn: t.CompletedOn}
}

func agentDTO(a opening.Agent, today hours.Date) AgentDTO {
	out := AgentDTO{ID: a.ID, Name: a.Name, WorkEmail: a.WorkEmail, Role: a.Role, Trained: compliance.Trained(a, today),
		Version: a.Version, Assignments: []AssignmentDTO{}, Trainings: []TrainingDTO{}}
	for _, as := range a.Assignments {
		out.Assignments = append(out.Assignments, AssignmentDTO(as))
	}
	for _, t := range a.Trainings {
		out.Trainings = append(out.Trainings, TrainingDTO(t))
	}
	return out
}
