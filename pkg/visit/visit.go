// Package visit is the visits capability's domain: visits of France services (prefectoral each quarter,
// departmental animator, quality audit), their versioned checklists and answers, findings, action items with
// their history, attachments, the quarterly visit plan (a pure function) and the iCalendar feed (a pure writer).
// Structures are referred to by id; the use cases that need a structure's details live in pkg/visiting.
package visit

import (
	"encoding/json"
	"slices"
	"time"

	_ "time/tzdata" // quarters and calendar times are computed in Europe/Paris (and overseas zones) anywhere
)

// Type is the kind of visit.
type Type string

const (
	TypePrefectorale Type = "prefectorale"  // the quarterly visit of the corps préfectoral or its representative
	TypeAnimateur    Type = "animateur"     // the departmental animator supporting the agents
	TypeAuditQualite Type = "audit_qualite" // the quality audit of the labelling
	TypeAutre        Type = "autre"
)

// Types lists the visit types in display order.
var Types = []Type{TypePrefectorale, TypeAnimateur, TypeAuditQualite, TypeAutre}

// Valid tells whether t is a known type.
func (t Type) Valid() bool { return slices.Contains(Types, t) }

// Status is where a visit stands.
type Status string

const (
	StatusPlanned   Status = "planifiee"
	StatusDone      Status = "realisee"
	StatusCancelled Status = "annulee"
)

// Statuses lists the statuses.
var Statuses = []Status{StatusPlanned, StatusDone, StatusCancelled}

// Valid tells whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Visitor is who visits: a user of Maillage (UserID set, for their calendar) or a free name with a function
// (e.g. « Sous-préfète de Lure »).
type Visitor struct {
	UserID   *string
	Name     string
	Function string
}

// Person is someone met during the visit.
type Person struct {
	Name     string
	Function string
}

// Answer is the answer to one checklist item; Value is JSON whose type follows the item's answer type.
type Answer struct {
	ItemID  string
	Value   json.RawMessage
	Comment string
}

// Counts summarise what hangs off a visit.
type Counts struct {
	Findings    int
	OpenActions int
	Attachments int
}

// Visit is one visit of a structure.
type Visit struct {
	ID              string
	StructureID     string
	Departement     string
	Type            Type
	Status          Status
	PlannedDate     *time.Time // civil date (midnight UTC)
	PlannedTime     string     // local wall clock "HH:MM" in the structure's time zone; "" for the whole day
	DurationMinutes int
	DoneDate        *time.Time // civil date (midnight UTC)
	CancelReason    string
	CancelledAt     *time.Time
	Visitors        []Visitor
	PeopleMet       []Person
	Report          string
	FollowUp        bool
	TemplateID      *string
	Answers         []Answer
	PrefillSnapshot []Prefill // frozen when the visit is recorded done; nil before
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int
	Counts          Counts
}

// Date is the day the visit is about: when it was done, else when it is planned.
func (v Visit) Date() time.Time {
	if v.DoneDate != nil {
		return *v.DoneDate
	}
	if v.PlannedDate != nil {
		return *v.PlannedDate
	}
	return time.Time{}
}

// Severity grades a finding.
type Severity string

const (
	SeverityObservation Severity = "observation"
	SeverityMinor       Severity = "mineure"
	SeverityMajor       Severity = "majeure"
	SeverityCritical    Severity = "critique"
)

// Severities lists the severities from the mildest.
var Severities = []Severity{SeverityObservation, SeverityMinor, SeverityMajor, SeverityCritical}

// Valid tells whether s is a known severity.
func (s Severity) Valid() bool { return slices.Contains(Severities, s) }

// Serious tells whether a finding of this severity may ask for the structure to be put under watch.
func (s Severity) Serious() bool { return s == SeverityMajor || s == SeverityCritical }

// Finding is what a visit found.
type Finding struct {
	ID               string
	VisitID          string
	StructureID      string
	Departement      string
	Description      string
	Severity         Severity
	WatchRequested   bool // a request to put the structure under watch (« sous surveillance »), for the labelling
	WatchRequestedAt *time.Time
	WatchRequestedBy string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

// OwnerType says who must carry out an action.
type OwnerType string

const (
	OwnerStructure  OwnerType = "structure"
	OwnerPrefecture OwnerType = "prefecture"
	OwnerPartner    OwnerType = "partenaire"
)

// OwnerTypes lists the owner types.
var OwnerTypes = []OwnerType{OwnerStructure, OwnerPrefecture, OwnerPartner}

// Valid tells whether o is a known owner type.
func (o OwnerType) Valid() bool { return slices.Contains(OwnerTypes, o) }

// ActionStatus is where an action item stands.
type ActionStatus string

const (
	ActionOpen       ActionStatus = "ouverte"
	ActionInProgress ActionStatus = "en_cours"
	ActionClosed     ActionStatus = "close"
)

// ActionStatuses lists the statuses.
var ActionStatuses = []ActionStatus{ActionOpen, ActionInProgress, ActionClosed}

// Valid tells whether s is a known status.
func (s ActionStatus) Valid() bool { return slices.Contains(ActionStatuses, s) }

// Action is an action item decided after a visit, with an owner and a deadline.
type Action struct {
	ID          string
	VisitID     string
	FindingID   *string
	StructureID string
	Departement string
	Description string
	OwnerType   OwnerType
	OwnerLabel  string
	DueDate     time.Time // civil date (midnight UTC)
	Status      ActionStatus
	ClosedAt    *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int
}

// DaysOverdue is how many days past its due date an unfinished action is on the civil date today (0 when it is
// not overdue).
func (a Action) DaysOverdue(today time.Time) int {
	if a.Status == ActionClosed || !today.After(a.DueDate) {
		return 0
	}
	return int(today.Sub(a.DueDate).Hours() / 24)
}

// Change is one field's old and new value.
type Change struct {
	From any
	To   any
}

// ActionEvent is one entry of an action item's history.
type ActionEvent struct {
	ID         int64
	ActionID   string
	At         time.Time
	ActorID    string
	ActorLabel string
	FromStatus *ActionStatus // nil for the creation
	ToStatus   ActionStatus
	Changes    map[string]Change
	Comment    string
}

// Attachment describes a file attached to a visit (its content is read separately).
type Attachment struct {
	ID          string
	VisitID     string
	Name        string
	ContentType string
	Size        int
	SHA256      string
	UploadedBy  string
	CreatedAt   time.Time
}
