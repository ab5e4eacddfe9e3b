package rest

import (
	"time"

	"maillage/pkg/visit"
	"maillage/pkg/visiting"
)

// FindingDTO is what a visit found.
type FindingDTO struct {
	ID               string     `json:"id" format:"uuid"`
	VisitID          string     `json:"visit_id" format:"uuid"`
	StructureID      string     `json:"structure_id" format:"uuid"`
	DepartementCode  string     `json:"departement_code" example:"70"`
	Description      string     `json:"description" example:"Un seul agent présent le mercredi après-midi"`
	Severity         string     `json:"severity" enums:"observation,mineure,majeure,critique"`
	WatchRequested   bool       `json:"watch_requested"`
	WatchRequestedAt *time.Time `json:"watch_requested_at"`
	WatchRequestedBy string     `json:"watch_requested_by"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
	Version          int        `json:"version"`
} //@name Finding

// FindingList lists the findings of a visit.
type FindingList struct {
	Items      []FindingDTO `json:"items"`
	NextCursor *string      `json:"next_cursor"`
} //@name FindingList

// FindingInput records or changes a finding. watch_requested asks for the structure to be put under watch
// (prefecture only, majeure or critique findings only); the labelling capability acts on it.
type FindingInput struct {
	Description    *string `json:"description"`
	Severity       *string `json:"severity" enums:"observation,mineure,majeure,critique"`
	WatchRequested *bool   `json:"watch_requested"`
} //@name FindingInput

func (in FindingInput) fields() visiting.FindingFields { return visiting.FindingFields(in) }

func findingDTO(f visit.Finding) FindingDTO {
	return FindingDTO{ID: f.ID, VisitID: f.VisitID, StructureID: f.StructureID, DepartementCode: f.Departement,
		Description: f.Description, Severity: string(f.Severity), WatchRequested: f.WatchRequested,
		WatchRequestedAt: f.WatchRequestedAt, WatchRequestedBy: f.WatchRequestedBy, CreatedAt: f.CreatedAt,
		UpdatedAt: f.UpdatedAt, Version: f.Version}
}

// ActionChangeDTO is one field's old and new value.
type ActionChangeDTO struct {
	From any `json:"from"`
	To   any `json:"to"`
} //@name ActionChange

// ActionEventDTO is one entry of an action's history: its creation, a change, or a comment.
type ActionEventDTO struct {
	At         time.Time                  `json:"at"`
	ActorID    string                     `json:"actor_id"`
	ActorLabel string                     `json:"actor_label" example:"structure.70@maillage.test"`
	FromStatus *string                    `json:"from_status" enums:"ouverte,en_cours,close"`
	ToStatus   string                     `json:"to_status" enums:"ouverte,en_cours,close"`
	Changes    map[string]ActionChangeDTO `json:"changes"`
	Comment    string                     `json:"comment"`
} //@name ActionEvent

// ActionDTO is an action item decided after a visit. history is given on the single action only.
type ActionDTO struct {
	ID              string            `json:"id" format:"uuid"`
	VisitID         string            `json:"visit_id" format:"uuid"`
	FindingID       *string           `json:"finding_id" format:"uuid"`
	Structure       VisitStructureRef `json:"structure"`
	DepartementCode string            `json:"departement_code" example:"70"`
	Description     string            `json:"description" example:"Afficher les horaires à l’entrée"`
	OwnerType       string            `json:"owner_type" enums:"structure,prefecture,partenaire"`
	OwnerLabel      string            `json:"owner_label" example:"CAF de la Haute-Saône"`
	DueDate         string            `json:"due_date" example:"2026-12-31"`
	Status          string            `json:"status" enums:"ouverte,en_cours,close"`
	Overdue         bool              `json:"overdue"`
	DaysOverdue     int               `json:"days_overdue"`
	ClosedAt        *time.Time        `json:"closed_at"`
	CreatedAt       time.Time         `json:"created_at"`
	UpdatedAt       time.Time         `json:"updated_at"`
	Version         int               `json:"version"`
	History         []ActionEventDTO  `json:"history,omitempty"`
} //@name Action

// ActionList is a page of action items, earliest due date first.
type ActionList struct {
	Items      []ActionDTO `json:"items"`
	NextCursor *string     `json:"next_cursor"`
} //@name ActionList

// ActionInput creates (finding_id, description, owner_type, owner_label, due_date) or changes an action item
// (description, owner_type, owner_label, due_date, status); comment goes to the history. A structure account
// sends status and comment only.
type ActionInput struct {
	FindingID   *string `json:"finding_id" format:"uuid"`
	Description *string `json:"description"`
	OwnerType   *string `json:"owner_type" enums:"structure,prefecture,partenaire"`
	OwnerLabel  *string `json:"owner_label"`
	DueDate     *string `json:"due_date" example:"2027-01-31"`
	Status      *string `json:"status" enums:"ouverte,en_cours,close"`
	Comment     *string `json:"comment"`
} //@name ActionInput

func (in ActionInput) fields() visiting.ActionFields { return visiting.ActionFields(in) }

func actionDTO(a visit.Action, ref VisitStructureRef, today time.Time) ActionDTO {
	late := a.DaysOverdue(today)
	return ActionDTO{ID: a.ID, VisitID: a.VisitID, FindingID: a.FindingID, Structure: ref, DepartementCode: a.Departement,
		Description: a.Description, OwnerType: string(a.OwnerType), OwnerLabel: a.OwnerLabel,
		DueDate: a.DueDate.Format(time.DateOnly), Status: string(a.Status), Overdue: late > 0, DaysOverdue: late,
		ClosedAt: a.ClosedAt, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, Version: a.Version}
}

func actionDetailDTO(d visiting.ActionDetail) ActionDTO {
	out := actionDTO(d.Action, structureRef(d.Action.StructureID, d.Structure), d.Today)
	out.History = make([]ActionEventDTO, len(d.History))
	for i, e := range d.History {
		ev := ActionEventDTO{At: e.At, ActorID: e.ActorID, ActorLabel: e.ActorLabel, ToStatus: string(e.ToStatus),
			Changes: map[string]ActionChangeDTO{}, Comment: e.Comment}
		if e.FromStatus != nil {
			from := string(*e.FromStatus)
			ev.FromStatus = &from
		}
		for k, c := range e.Changes {
			ev.Changes[k] = ActionChangeDTO(c)
		}
		out.History[i] = ev
	}
	return out
}

func actionList(p visiting.ActionPage) ActionList {
	out := ActionList{Items: make([]ActionDTO, len(p.Items))}
	for i, a := range p.Items {
		out.Items[i] = actionDTO(a, structureRef(a.StructureID, p.Structures[a.StructureID]), p.Today)
	}
	if p.Next != "" {
		out.NextCursor = &p.Next
	}
	return out
}

// AttachmentDTO describes a file attached to a visit; download it at url.
type AttachmentDTO struct {
	ID          string    `json:"id" format:"uuid"`
	VisitID     string    `json:"visit_id" format:"uuid"`
	Name        string    `json:"name" example:"accueil.jpg"`
	ContentType string    `json:"content_type" enums:"image/jpeg,image/png,image/webp,application/pdf"`
	Size        int       `json:"size" example:"482133"`
	SHA256      string    `json:"sha256"`
	UploadedBy  string    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
	URL         string    `json:"url" example:"/api/v1/visits/7c9e…/attachments/1f0a…"`
} //@name Attachment

// AttachmentList lists the attachments of a visit.
type AttachmentList struct {
	Items      []AttachmentDTO `json:"items"`
	NextCursor *string         `json:"next_cursor"`
} //@name AttachmentList

func attachmentDTO(a visit.Attachment) AttachmentDTO {
	return AttachmentDTO{ID: a.ID, VisitID: a.VisitID, Name: a.Name, ContentType: a.ContentType, Size: a.Size,
		SHA256: a.SHA256, UploadedBy: a.UploadedBy, CreatedAt: a.CreatedAt,
		URL: apiPrefix + "/visits/" + a.VisitID + "/attachments/" + a.ID}
}

// ChecklistItemDTO is a question of a checklist template.
type ChecklistItemDTO struct {
	ID         string  `json:"id" format:"uuid"`
	Position   int     `json:"position"`
	Section    string  `json:"section" example:"Accueil"`
	Label      string  `json:"label" example:"Les horaires sont affichés à l’entrée"`
	Help       string  `json:"help"`
	AnswerType string  `json:"answer_type" enums:"yes_no,scale_1_4,text,number"`
	Required   bool    `json:"required"`
	Prefill    *string `json:"prefill" enums:"compliance,open_actions,activity_last_month,label_status"`
} //@name ChecklistItem

// ChecklistTemplateDTO is one version of a checklist: national (departement_code null) or of a département. A
// draft (brouillon) changes; a published version (publiee, numbered) never does.
type ChecklistTemplateDTO struct {
	ID              string             `json:"id" format:"uuid"`
	VisitType       string             `json:"visit_type" enums:"prefectorale,animateur,audit_qualite,autre"`
	DepartementCode *string            `json:"departement_code" example:"70"`
	Number          *int               `json:"number" example:"2"`
	Title           string             `json:"title" example:"Visite préfectorale trimestrielle"`
	Description     string             `json:"description"`
	Status          string             `json:"status" enums:"brouillon,publiee"`
	PublishedAt     *time.Time         `json:"published_at"`
	Items           []ChecklistItemDTO `json:"items"`
	CreatedAt       time.Time          `json:"created_at"`
	UpdatedAt       time.Time          `json:"updated_at"`
	Version         int                `json:"version"`
} //@name ChecklistTemplate

// ChecklistTemplateList lists checklist templates.
type ChecklistTemplateList struct {
	Items      []ChecklistTemplateDTO `json:"items"`
	NextCursor *string                `json:"next_cursor"`
} //@name ChecklistTemplateList

// ChecklistItemInput is a question of a draft.
type ChecklistItemInput struct {
	Section    string  `json:"section"`
	Label      string  `json:"label"`
	Help       string  `json:"help"`
	AnswerType string  `json:"answer_type" enums:"yes_no,scale_1_4,text,number"`
	Required   bool    `json:"required"`
	Prefill    *string `json:"prefill" enums:"compliance,open_actions,activity_last_month,label_status"`
} //@name ChecklistItemInput

// ChecklistTemplateInput creates a draft (visit_type, departement_code — empty for a national one —, title,
// items) or changes one (title, description, items: the list given replaces the questions).
type ChecklistTemplateInput struct {
	VisitType       *string               `json:"visit_type" enums:"prefectorale,animateur,audit_qualite,autre"`
	DepartementCode *string               `json:"departement_code" example:"70"`
	Title           *string               `json:"title"`
	Description     *string               `json:"description"`
	Items           *[]ChecklistItemInput `json:"items"`
} //@name ChecklistTemplateInput

func (in ChecklistTemplateInput) fields() visiting.TemplateFields {
	f := visiting.TemplateFields{VisitType: in.VisitType, Departement: in.DepartementCode, Title: in.Title,
		Description: in.Description}
	if in.Items != nil {
		items := make([]visit.Item, len(*in.Items))
		for i, it := range *in.Items {
			items[i] = visit.Item{Section: it.Section, Label: it.Label, Help: it.Help,
				AnswerType: visit.AnswerType(it.AnswerType), Required: it.Required}
			if it.Prefill != nil && *it.Prefill != "" {
				k := visit.PrefillKind(*it.Prefill)
				items[i].Prefill = &k
			}
		}
		f.Items = &items
	}
	return f
}

func templateDTO(t visit.Template) ChecklistTemplateDTO {
	out := ChecklistTemplateDTO{ID: t.ID, VisitType: string(t.VisitType), DepartementCode: t.Departement,
		Number: t.Number, Title: t.Title, Description: t.Description, Status: string(t.Status),
		PublishedAt: t.PublishedAt, Items: make([]ChecklistItemDTO, len(t.Items)), CreatedAt: t.CreatedAt,
		UpdatedAt: t.UpdatedAt, Version: t.Version}
	for i, it := range t.Items {
		item := ChecklistItemDTO{ID: it.ID, Position: it.Position, Section: it.Section, Label: it.Label, Help: it.Help,
			AnswerType: string(it.AnswerType), Required: it.Required}
		if it.Prefill != nil {
			k := string(*it.Prefill)
			item.Prefill = &k
		}
		out.Items[i] = item
	}
	return out
}
