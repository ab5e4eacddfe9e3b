package rest

import (
	"encoding/json"
	"time"

	"maillage/pkg/structure"
	"maillage/pkg/visit"
	"maillage/pkg/visiting"
)

// VisitStructureRef names the structure a visit or an action is about.
type VisitStructureRef struct {
	ID              string `json:"id" format:"uuid"`
	Name            string `json:"name" example:"France services de Vesoul"`
	CommuneName     string `json:"commune_name" example:"Vesoul"`
	DepartementCode string `json:"departement_code" example:"70"`
} //@name VisitStructure

// VisitorDTO is who visits: an account (user_id) or a free name with a function.
type VisitorDTO struct {
	UserID   *string `json:"user_id" format:"uuid"`
	Name     string  `json:"name" example:"Claire Martin"`
	Function string  `json:"function" example:"Sous-préfète de Lure"`
} //@name Visitor

// PersonMetDTO is someone met during the visit.
type PersonMetDTO struct {
	Name     string `json:"name" example:"Julie Bernard"`
	Function string `json:"function" example:"Conseillère France services"`
} //@name PersonMet

// VisitCountsDTO summarise what hangs off a visit.
type VisitCountsDTO struct {
	Findings    int `json:"findings"`
	OpenActions int `json:"open_actions"`
	Attachments int `json:"attachments"`
} //@name VisitCounts

// VisitSummaryDTO is a visit in a list.
type VisitSummaryDTO struct {
	ID              string            `json:"id" format:"uuid"`
	Structure       VisitStructureRef `json:"structure"`
	DepartementCode string            `json:"departement_code" example:"70"`
	Type            string            `json:"type" enums:"prefectorale,animateur,audit_qualite,autre"`
	Status          string            `json:"status" enums:"planifiee,realisee,annulee"`
	PlannedDate     *string           `json:"planned_date" example:"2026-12-08"`
	PlannedTime     string            `json:"planned_time" example:"10:00"`
	DurationMinutes int               `json:"duration_minutes" example:"120"`
	DoneDate        *string           `json:"done_date" example:"2026-12-08"`
	CancelReason    string            `json:"cancel_reason"`
	Visitors        []VisitorDTO      `json:"visitors"`
	FollowUp        bool              `json:"follow_up"`
	Counts          VisitCountsDTO    `json:"counts"`
	Version         int               `json:"version"`
} //@name VisitSummary

// VisitList is a page of visits, most recent date first.
type VisitList struct {
	Items      []VisitSummaryDTO `json:"items"`
	NextCursor *string           `json:"next_cursor"`
} //@name VisitList

// PrefillDTO is a figure the system puts next to a checklist item. When the capability computing it does not
// exist yet, available is false, value is null and note says so.
type PrefillDTO struct {
	Kind      string     `json:"kind" enums:"compliance,open_actions,activity_last_month,label_status"`
	Available bool       `json:"available"`
	Value     any        `json:"value"`
	AsOf      *time.Time `json:"as_of"`
	Note      string     `json:"note" example:"3 actions en cours, dont 1 en retard."`
} //@name Prefill

// ChecklistAnswerDTO is the answer to an item: a boolean (yes_no), an integer 1–4 (scale_1_4), a text or a
// number.
type ChecklistAnswerDTO struct {
	Value   any    `json:"value"`
	Comment string `json:"comment"`
} //@name ChecklistAnswer

// VisitChecklistItemDTO is a question of the visit's checklist with its prefilled figure and its answer.
type VisitChecklistItemDTO struct {
	ID         string              `json:"id" format:"uuid"`
	Position   int                 `json:"position"`
	Section    string              `json:"section" example:"Accueil"`
	Label      string              `json:"label" example:"Les horaires sont affichés à l’entrée"`
	Help       string              `json:"help"`
	AnswerType string              `json:"answer_type" enums:"yes_no,scale_1_4,text,number"`
	Required   bool                `json:"required"`
	Prefill    *PrefillDTO         `json:"prefill"`
	Answer     *ChecklistAnswerDTO `json:"answer"`
} //@name VisitChecklistItem

// VisitChecklistDTO is the checklist version a visit is answered against.
type VisitChecklistDTO struct {
	TemplateID     string                  `json:"template_id" format:"uuid"`
	TemplateNumber *int                    `json:"template_number" example:"2"`
	Title          string                  `json:"title"`
	Items          []VisitChecklistItemDTO `json:"items"`
} //@name VisitChecklist

// VisitDTO is a visit with its checklist.
type VisitDTO struct {
	ID              string             `json:"id" format:"uuid"`
	Structure       VisitStructureRef  `json:"structure"`
	DepartementCode string             `json:"departement_code" example:"70"`
	Type            string             `json:"type" enums:"prefectorale,animateur,audit_qualite,autre"`
	Status          string             `json:"status" enums:"planifiee,realisee,annulee"`
	PlannedDate     *string            `json:"planned_date" example:"2026-12-08"`
	PlannedTime     string             `json:"planned_time" example:"10:00"`
	DurationMinutes int                `json:"duration_minutes" example:"120"`
	DoneDate        *string            `json:"done_date"`
	CancelReason    string             `json:"cancel_reason"`
	CancelledAt     *time.Time         `json:"cancelled_at"`
	Visitors        []VisitorDTO       `json:"visitors"`
	PeopleMet       []PersonMetDTO     `json:"people_met"`
	Report          string             `json:"report"`
	FollowUp        bool               `json:"follow_up"`
	Checklist       *VisitChecklistDTO `json:"checklist"`
	Counts          VisitCountsDTO     `json:"counts"`
	CreatedBy       string             `json:"created_by"`
	CreatedAt       time.Time          `json:"created_at"`
	UpdatedAt       time.Time          `json:"updated_at"`
	Version         int                `json:"version"`
} //@name Visit

// VisitorInput names a visitor: an account (user_id, its name is taken when name is empty) or a free name.
type VisitorInput struct {
	UserID   *string `json:"user_id" format:"uuid"`
	Name     string  `json:"name"`
	Function string  `json:"function"`
} //@name VisitorInput

// AnswerInput answers one item of the visit's checklist.
type AnswerInput struct {
	ItemID  string `json:"item_id" format:"uuid"`
	Value   any    `json:"value"`
	Comment string `json:"comment"`
} //@name AnswerInput

// VisitCreateInput plans a visit (status planifiee, planned_date required) or records one done (status realisee,
// done_date required).
type VisitCreateInput struct {
	StructureID         *string         `json:"structure_id" format:"uuid"`
	Type                *string         `json:"type" enums:"prefectorale,animateur,audit_qualite,autre"`
	Status              *string         `json:"status" enums:"planifiee,realisee"`
	PlannedDate         *string         `json:"planned_date" example:"2026-12-08"`
	PlannedTime         *string         `json:"planned_time" example:"10:00"`
	DurationMinutes     *int            `json:"duration_minutes" example:"120"`
	DoneDate            *string         `json:"done_date"`
	Visitors            *[]VisitorInput `json:"visitors"`
	PeopleMet           *[]PersonMetDTO `json:"people_met"`
	Report              *string         `json:"report"`
	FollowUp            *bool           `json:"follow_up"`
	ChecklistTemplateID *string         `json:"checklist_template_id" format:"uuid"`
	Answers             *[]AnswerInput  `json:"answers"`
} //@name VisitCreateInput

// VisitPatchInput changes a visit; fields left out stay as they are; lists given replace the stored ones.
type VisitPatchInput struct {
	Status              *string         `json:"status" enums:"planifiee,realisee,annulee"`
	PlannedDate         *string         `json:"planned_date"`
	PlannedTime         *string         `json:"planned_time"`
	DurationMinutes     *int            `json:"duration_minutes"`
	DoneDate            *string         `json:"done_date"`
	CancelReason        *string         `json:"cancel_reason"`
	Visitors            *[]VisitorInput `json:"visitors"`
	PeopleMet           *[]PersonMetDTO `json:"people_met"`
	Report              *string         `json:"report"`
	FollowUp            *bool           `json:"follow_up"`
	ChecklistTemplateID *string         `json:"checklist_template_id" format:"uuid"`
	Answers             *[]AnswerInput  `json:"answers"`
} //@name VisitPatchInput

func (in VisitCreateInput) fields() visiting.Fields {
	f := VisitPatchInput{Status: in.Status, PlannedDate: in.PlannedDate, PlannedTime: in.PlannedTime,
		DurationMinutes: in.DurationMinutes, DoneDate: in.DoneDate, Visitors: in.Visitors, PeopleMet: in.PeopleMet,
		Report: in.Report, FollowUp: in.FollowUp, ChecklistTemplateID: in.ChecklistTemplateID, Answers: in.Answers}.fields()
	f.StructureID, f.Type = in.StructureID, in.Type
	return f
}

func (in VisitPatchInput) fields() visiting.Fields {
	f := visiting.Fields{Status: in.Status, PlannedDate: in.PlannedDate, PlannedTime: in.PlannedTime,
		DurationMinutes: in.DurationMinutes, DoneDate: in.DoneDate, CancelReason: in.CancelReason, Report: in.Report,
		FollowUp: in.FollowUp, TemplateID: in.ChecklistTemplateID}
	if in.Visitors != nil {
		list := make([]visit.Visitor, len(*in.Visitors))
		for i, v := range *in.Visitors {
			list[i] = visit.Visitor(v)
		}
		f.Visitors = &list
	}
	if in.PeopleMet != nil {
		list := make([]visit.Person, len(*in.PeopleMet))
		for i, p := range *in.PeopleMet {
			list[i] = visit.Person(p)
		}
		f.PeopleMet = &list
	}
	if in.Answers != nil {
		list := make([]visit.Answer, len(*in.Answers))
		for i, a := range *in.Answers {
			raw, _ := json.Marshal(a.Value) // decoded from JSON: it encodes back
			list[i] = visit.Answer{ItemID: a.ItemID, Value: raw, Comment: a.Comment}
		}
		f.Answers = &list
	}
	return f
}

func dateString(d *time.Time) *string {
	if d == nil {
		return nil
	}
	s := d.Format(time.DateOnly)
	return &s
}

func structureRef(id string, st structure.Structure) VisitStructureRef {
	return VisitStructureRef{ID: id, Name: st.Name, CommuneName: st.CommuneLabel, DepartementCode: st.Departement}
}

func visitorsDTO(list []visit.Visitor) []VisitorDTO {
	out := make([]VisitorDTO, len(list))
	for i, v := range list {
		out[i] = VisitorDTO(v)
	}
	return out
}

func countsDTO(c visit.Counts) VisitCountsDTO {
	return VisitCountsDTO{Findings: c.Findings, OpenActions: c.OpenActions, Attachments: c.Attachments}
}

func visitSummary(v visit.Visit, st structure.Structure) VisitSummaryDTO {
	return VisitSummaryDTO{ID: v.ID, Structure: structureRef(v.StructureID, st), DepartementCode: v.Departement,
		Type: string(v.Type), Status: string(v.Status), PlannedDate: dateString(v.PlannedDate),
		PlannedTime: v.PlannedTime, DurationMinutes: v.DurationMinutes, DoneDate: dateString(v.DoneDate),
		CancelReason: v.CancelReason, Visitors: visitorsDTO(v.Visitors), FollowUp: v.FollowUp,
		Counts: countsDTO(v.Counts), Version: v.Version}
}

func visitDTO(d visiting.Detail) VisitDTO {
	v := d.Visit
	out := VisitDTO{ID: v.ID, Structure: structureRef(v.StructureID, d.Structure), DepartementCode: v.Departement,
		Type: string(v.Type), Status: string(v.Status), PlannedDate: dateString(v.PlannedDate),
		PlannedTime: v.PlannedTime, DurationMinutes: v.DurationMinutes, DoneDate: dateString(v.DoneDate),
		CancelReason: v.CancelReason, CancelledAt: v.CancelledAt, Visitors: visitorsDTO(v.Visitors),
		PeopleMet: make([]PersonMetDTO, len(v.PeopleMet)), Report: v.Report, FollowUp: v.FollowUp,
		Counts: countsDTO(v.Counts), CreatedBy: v.CreatedBy, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt,
		Version: v.Version}
	for i, p := range v.PeopleMet {
		out.PeopleMet[i] = PersonMetDTO(p)
	}
	if d.Template != nil {
		out.Checklist = checklistDTO(*d.Template, v.Answers, d.Prefills)
	}
	return out
}

func checklistDTO(t visit.Template, answers []visit.Answer, prefills []visit.Prefill) *VisitChecklistDTO {
	out := &VisitChecklistDTO{TemplateID: t.ID, TemplateNumber: t.Number, Title: t.Title,
		Items: make([]VisitChecklistItemDTO, len(t.Items))}
	for i, it := range t.Items {
		item := VisitChecklistItemDTO{ID: it.ID, Position: it.Position, Section: it.Section, Label: it.Label,
			Help: it.Help, AnswerType: string(it.AnswerType), Required: it.Required}
		for _, p := range prefills {
			if p.ItemID == it.ID {
				item.Prefill = &PrefillDTO{Kind: string(p.Kind), Available: p.Available, Value: p.Value, AsOf: p.AsOf,
					Note: p.Note}
			}
		}
		for _, a := range answers {
			if a.ItemID == it.ID {
				item.Answer = &ChecklistAnswerDTO{Value: a.Value, Comment: a.Comment}
			}
		}
		out.Items[i] = item
	}
	return out
}
