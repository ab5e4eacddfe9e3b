// Package opening stores what the opening-hours capability edits (DESIGN.md §4, ADR 0006): the schedules of a
// structure and of its stops and permanences with their weekly slots, exceptions, the agents of the structures
// with their assignments and trainings, and the compliance evaluations recorded after each change. It is
// storage only: plain records, no rule; the use case (pkg/compliance) turns them into pkg/hours values. Reads
// are not scoped here: every caller has first read (and so scoped) the structure through structure.Store.Get.
package opening

import (
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// Store reads and writes the opening-hours tables.
type Store struct {
	DB *gorm.DB
}

// Dates are civil dates "2006-01-02"; "" means none.

// Slot is a weekly opening of a schedule, or a slot of an exception (Weekday 0: every day of its range).
type Slot struct {
	Weekday       int      `json:"weekday"`
	Start         int      `json:"start"` // minutes from midnight
	End           int      `json:"end"`
	WeekRule      string   `json:"week_rule,omitempty"` // every | odd | even | every_n
	WeekInterval  int      `json:"week_interval,omitempty"`
	WeekAnchor    string   `json:"week_anchor,omitempty"`
	StopID        string   `json:"stop_id,omitempty"`
	PlannedAgents int      `json:"planned_agents,omitempty"`
	AgentIDs      []string `json:"agent_ids,omitempty"`
	Access        string   `json:"access,omitempty"`
}

// Schedule is one layer of hours of an owner (the structure, one of its stops or permanences) on a channel.
type Schedule struct {
	ID          string
	StructureID string
	OwnerKind   string
	OwnerID     string
	Channel     string
	Kind        string
	ValidFrom   string
	ValidTo     string
	Priority    int
	Status      string
	Slots       []Slot
}

// Exception changes the hours over a date range.
type Exception struct {
	ID            string
	StructureID   string
	OwnerKind     string
	OwnerID       string
	From, To      string
	Type          string
	Reason        string
	PublicMessage string
	Slots         []Slot
	Version       int
}

// Agent is a person who receives the public in one or more structures.
type Agent struct {
	ID          string
	Name        string
	WorkEmail   string
	Role        string // agent | referent | responsable
	Version     int
	Assignments []Assignment
	Trainings   []Training
}

// Assignment links an agent to a structure for a share of a full-time post over a period.
type Assignment struct {
	StructureID string
	ETP         float64
	StartDate   string
	EndDate     string
}

// Training is a training an agent followed (initial, partner, immersion, continuing).
type Training struct {
	ID          string
	Kind        string
	Provider    string
	Days        float64
	CompletedOn string
}

// AgentStatus is what compliance needs of an agent assigned to a structure.
type AgentStatus struct {
	StructureID string
	AgentID     string
	Trained     bool
}

// Evaluation is one recorded compliance evaluation.
type Evaluation struct {
	ID          string
	StructureID string
	Departement string
	EvaluatedAt time.Time
	RuleSet     string
	Status      string
	Cause       string
	Report      json.RawMessage
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
