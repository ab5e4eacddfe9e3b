package rest

import (
	"time"

	"maillage/pkg/label"
	"maillage/pkg/labelflow"
	"maillage/pkg/labelling"
)

// WaveDTO is a wave of labelling: named, dated; labelled_count counts the structures of the département labelled
// at its date that are labelled now.
type WaveDTO struct {
	ID            string `json:"id" format:"uuid"`
	Name          string `json:"name" example:"Vague du 01/01/2022"`
	Date          string `json:"date" format:"date" example:"2022-01-01"`
	LabelledCount int    `json:"labelled_count" example:"4"`
} //@name LabelWave

// WaveList lists the waves of a département, by date.
type WaveList struct {
	Items []WaveDTO `json:"items"`
} //@name LabelWaveList

// WaveInput creates a wave.
type WaveInput struct {
	Name string `json:"name" example:"Vague du 01/03/2027"`
	Date string `json:"date" format:"date" example:"2027-03-01"`
} //@name LabelWaveInput

// DerogationDTO lets a structure be labelled although a compliance criterion fails, until a date.
type DerogationDTO struct {
	Criterion     string `json:"criterion" enums:"weekly_hours,open_days,agents_present,agents_trained,partner_socle,premises"`
	Justification string `json:"justification" example:"Un seul agent en poste jusqu’au recrutement prévu en mars."`
	Until         string `json:"until" format:"date" example:"2027-03-31"`
} //@name LabelDerogation

// LabelHistoryDTO is one recorded label decision.
type LabelHistoryDTO struct {
	ID               string          `json:"id" format:"uuid"`
	From             string          `json:"from" example:"audit_demande"`
	To               string          `json:"to" example:"labellise"`
	At               time.Time       `json:"at"`
	ActorLabel       string          `json:"actor_label" example:"prefecture.70@maillage.test"`
	Reason           string          `json:"reason"`
	Wave             *WaveDTO        `json:"wave"`
	Derogations      []DerogationDTO `json:"derogations"`
	DocumentIDs      []string        `json:"document_ids"`
	ComplianceStatus string          `json:"compliance_status" enums:"ok,warning,failure,unknown"`
} //@name LabelHistoryItem

// BlockedDTO is a guard that fails now.
type BlockedDTO struct {
	Code    string `json:"code" example:"candidature.hours"`
	Message string `json:"message" example:"20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises."`
} //@name LabelBlocked

// OptionDTO is a transition the caller's role may make from the current state.
type OptionDTO struct {
	To             string       `json:"to" example:"audit_demande"`
	Label          string       `json:"label" example:"Demander l’audit"`
	ReasonRequired bool         `json:"reason_required"`
	Negative       bool         `json:"negative"`
	NeedsWave      bool         `json:"needs_wave"`
	Blocked        []BlockedDTO `json:"blocked"`
	Hint           string       `json:"hint,omitempty"`
} //@name LabelAllowed

// WatchRequestDTO is a visit finding asking for the structure to be put under watch, not decided on yet.
type WatchRequestDTO struct {
	FindingID   string    `json:"finding_id" format:"uuid"`
	VisitID     string    `json:"visit_id" format:"uuid"`
	Severity    string    `json:"severity" enums:"majeure,critique"`
	Description string    `json:"description"`
	RequestedAt time.Time `json:"requested_at"`
	RequestedBy string    `json:"requested_by"`
} //@name LabelWatchRequest

// LabelStateDTO is the label of a structure: state, date, wave, history and the decisions open to the caller.
type LabelStateDTO struct {
	StructureID   string            `json:"structure_id" format:"uuid"`
	State         string            `json:"state" example:"instruction"`
	StateLabel    string            `json:"state_label" example:"En instruction"`
	LabelDate     *string           `json:"label_date" format:"date"`
	Wave          *WaveDTO          `json:"wave"`
	Version       int               `json:"version" example:"3"`
	History       []LabelHistoryDTO `json:"history"`
	Allowed       []OptionDTO       `json:"allowed"`
	WatchRequests []WatchRequestDTO `json:"watch_requests"`
} //@name LabelState

// TransitionInput asks for a label decision.
type TransitionInput struct {
	To          string          `json:"to" example:"labellise"`
	Reason      string          `json:"reason,omitempty"`
	WaveID      string          `json:"wave_id,omitempty" format:"uuid"`
	Derogations []DerogationDTO `json:"derogations,omitempty"`
	DocumentIDs []string        `json:"document_ids,omitempty"`
} //@name LabelTransitionInput

func waveDTO(w *label.Wave, count int) *WaveDTO {
	if w == nil {
		return nil
	}
	return &WaveDTO{ID: w.ID, Name: w.Name, Date: w.Date.Format(time.DateOnly), LabelledCount: count}
}

func labelStateDTO(ls labelflow.LabelState) LabelStateDTO {
	out := LabelStateDTO{StructureID: ls.Structure.ID, State: string(ls.State), StateLabel: ls.State.Label(),
		LabelDate: dateString(ls.LabelDate), Wave: waveDTO(ls.Wave, 0), Version: ls.Version,
		History: make([]LabelHistoryDTO, len(ls.History)), Allowed: make([]OptionDTO, len(ls.Allowed)),
		WatchRequests: make([]WatchRequestDTO, len(ls.WatchRequests))}
	for i, h := range ls.History {
		d := LabelHistoryDTO{ID: h.ID, From: h.From, To: h.To, At: h.At.UTC(), ActorLabel: h.ActorLabel, Reason: h.Reason,
			Wave: waveDTO(h.Wave, 0), Derogations: make([]DerogationDTO, len(h.Derogations)), DocumentIDs: h.DocumentIDs,
			ComplianceStatus: h.ComplianceStatus}
		for j, x := range h.Derogations {
			d.Derogations[j] = DerogationDTO(x)
		}
		out.History[i] = d
	}
	for i, o := range ls.Allowed {
		d := OptionDTO{To: string(o.To), Label: o.Verb, ReasonRequired: o.ReasonRequired(), Negative: o.Negative(),
			NeedsWave: o.NeedsWave, Blocked: make([]BlockedDTO, len(o.Blocked)), Hint: o.Hint}
		for j, b := range o.Blocked {
			d.Blocked[j] = BlockedDTO{Code: b.Code, Message: b.Message}
		}
		out.Allowed[i] = d
	}
	for i, w := range ls.WatchRequests {
		out.WatchRequests[i] = WatchRequestDTO{FindingID: w.FindingID, VisitID: w.VisitID, Severity: w.Severity,
			Description: w.Description, RequestedAt: w.RequestedAt.UTC(), RequestedBy: w.RequestedBy}
	}
	return out
}

func (in TransitionInput) input() labelflow.TransitionInput {
	out := labelflow.TransitionInput{To: in.To, Reason: in.Reason, WaveID: in.WaveID, DocumentIDs: in.DocumentIDs,
		Derogations: make([]labelling.Derogation, len(in.Derogations))}
	for i, d := range in.Derogations {
		out.Derogations[i] = labelling.Derogation(d)
	}
	return out
}
