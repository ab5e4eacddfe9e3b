package rest

import (
	"encoding/json"
	"time"

	"maillage/pkg/hours"
	"maillage/pkg/label"
	"maillage/pkg/labelflow"
	"maillage/pkg/labelling"
)

// TargetDTO is a labelling target of a département or a région. ETag = "<version>".
type TargetDTO struct {
	ID          string  `json:"id" format:"uuid"`
	Scope       string  `json:"scope" enums:"departement,region"`
	Code        string  `json:"code" example:"70"`
	DueDate     string  `json:"due_date" format:"date" example:"2022-12-31"`
	Count       int     `json:"count" example:"23"`
	Format      *string `json:"format" enums:"site,antenne,itinerant"`
	EveryCanton bool    `json:"every_canton"`
	Label       string  `json:"label" example:"Objectif départemental 2022"`
	Version     int     `json:"version" example:"1"`
} //@name LabelTarget

// TargetList lists targets by due date.
type TargetList struct {
	Items []TargetDTO `json:"items"`
} //@name LabelTargetList

// optionalString tells an absent field (Set false) from null (Set, Value nil) in a PATCH body.
type optionalString struct {
	Set   bool
	Value *string
}

// UnmarshalJSON records that the field was given.
func (o *optionalString) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	o.Value = &s
	return nil
}

// TargetInput creates a target (due_date required; count and/or every_canton) or changes the given fields.
// format null: any format.
type TargetInput struct {
	DueDate     *string        `json:"due_date" format:"date" example:"2026-12-31"`
	Count       *int           `json:"count" example:"25"`
	Format      optionalString `json:"format" swaggertype:"string" enums:"site,antenne,itinerant" extensions:"x-nullable"`
	EveryCanton *bool          `json:"every_canton"`
	Label       *string        `json:"label" example:"Objectif 2026"`
} //@name LabelTargetInput

func (in TargetInput) fields() labelflow.TargetFields {
	return labelflow.TargetFields{DueDate: in.DueDate, Count: in.Count, FormatSet: in.Format.Set, Format: in.Format.Value,
		EveryCanton: in.EveryCanton, Label: in.Label}
}

func targetDTO(t label.Target) TargetDTO {
	return TargetDTO{ID: t.ID, Scope: t.Scope, Code: t.Code, DueDate: t.DueDate.Format(time.DateOnly), Count: t.Count,
		Format: t.Format, EveryCanton: t.EveryCanton, Label: t.Label, Version: t.Version}
}

// TargetProgressDTO is a target with what is achieved: labelled structures (of its format), the gap, and
// whether it is met (count reached and, when asked, every canton covered).
type TargetProgressDTO struct {
	Target   TargetDTO `json:"target"`
	Achieved int       `json:"achieved" example:"23"`
	Gap      int       `json:"gap" example:"0"`
	Met      bool      `json:"met"`
} //@name LabelTargetProgress

// CantonRefDTO names a canton.
type CantonRefDTO struct {
	Code string `json:"code" example:"7012"`
	Name string `json:"name" example:"Jussey"`
} //@name LabelCanton

// CantonCoverageDTO counts the cantons with a labelled structure inside.
type CantonCoverageDTO struct {
	Total     int            `json:"total" example:"17"`
	Covered   int            `json:"covered" example:"15"`
	Uncovered []CantonRefDTO `json:"uncovered"`
} //@name LabelCantonCoverage

// WavePointDTO is one date of the labelling timeline: structures labelled that day and labelled now, and the
// running total. id is that of the recorded wave of that date, null for a historical date (ANCT list).
type WavePointDTO struct {
	ID         *string `json:"id" format:"uuid"`
	Name       string  `json:"name" example:"Vague du 01/01/2022"`
	Date       string  `json:"date" format:"date" example:"2022-01-01"`
	Count      int     `json:"count" example:"4"`
	Cumulative int     `json:"cumulative" example:"19"`
} //@name LabelWavePoint

// ProgressDTO is the label's progress in a département or a région.
type ProgressDTO struct {
	Labelled int                 `json:"labelled" example:"23"`
	ByState  map[string]int      `json:"by_state"`
	ByFormat map[string]int      `json:"by_format"`
	Targets  []TargetProgressDTO `json:"targets"`
	Cantons  CantonCoverageDTO   `json:"cantons"`
	Waves    []WavePointDTO      `json:"waves"`
} //@name LabelProgress

func progressDTO(p labelling.Progress) ProgressDTO {
	out := ProgressDTO{Labelled: p.Labelled, ByState: map[string]int{}, ByFormat: p.ByFormat,
		Targets: make([]TargetProgressDTO, len(p.Targets)), Waves: make([]WavePointDTO, len(p.Waves)),
		Cantons: CantonCoverageDTO{Total: p.Cantons.Total, Covered: p.Cantons.Covered, Uncovered: make([]CantonRefDTO, len(p.Cantons.Uncovered))}}
	for s, n := range p.ByState {
		out.ByState[string(s)] = n
	}
	for i, t := range p.Targets {
		format := &t.Target.Format
		if t.Target.Format == "" {
			format = nil
		}
		out.Targets[i] = TargetProgressDTO{Target: TargetDTO{ID: t.Target.ID, Scope: t.Target.Scope, Code: t.Target.Code,
			DueDate: t.Target.DueDate.Format(time.DateOnly), Count: t.Target.Count, Format: format, EveryCanton: t.Target.EveryCanton,
			Label: t.Target.Label, Version: t.Target.Version}, Achieved: t.Achieved, Gap: t.Gap, Met: t.Met}
	}
	for i, c := range p.Cantons.Uncovered {
		out.Cantons.Uncovered[i] = CantonRefDTO(c)
	}
	for i, w := range p.Waves {
		d := WavePointDTO{Name: w.Name, Date: w.Date.Format(time.DateOnly), Count: w.Count, Cumulative: w.Cumulative}
		if w.ID != "" {
			id := w.ID
			d.ID = &id
		}
		out.Waves[i] = d
	}
	return out
}

// PipelineItemDTO is a card of the board; since is the date the structure reached its state, when known.
type PipelineItemDTO struct {
	StructureID string  `json:"structure_id" format:"uuid"`
	Name        string  `json:"name" example:"France services de Vesoul"`
	Commune     string  `json:"commune" example:"Vesoul"`
	Format      string  `json:"format" enums:"site,antenne,itinerant"`
	Since       *string `json:"since" format:"date"`
} //@name LabelPipelineItem

// PipelineColumnDTO is one state of the board.
type PipelineColumnDTO struct {
	State string            `json:"state" example:"instruction"`
	Label string            `json:"label" example:"En instruction"`
	Count int               `json:"count" example:"2"`
	Items []PipelineItemDTO `json:"items"`
} //@name LabelPipelineColumn

// PipelineDTO is the board of a département: one column per state, in the transition table's order.
type PipelineDTO struct {
	Columns []PipelineColumnDTO `json:"columns"`
} //@name LabelPipeline

func pipelineDTO(cols []labelling.Column) PipelineDTO {
	out := PipelineDTO{Columns: make([]PipelineColumnDTO, len(cols))}
	for i, c := range cols {
		col := PipelineColumnDTO{State: string(c.State), Label: c.Label, Count: len(c.Items), Items: make([]PipelineItemDTO, len(c.Items))}
		for j, it := range c.Items {
			var since *string
			if it.Since != nil {
				s := it.Since.In(hours.DefaultLocation()).Format(time.DateOnly)
				since = &s
			}
			col.Items[j] = PipelineItemDTO{StructureID: it.Place.ID, Name: it.Place.Name, Commune: it.Place.Commune,
				Format: it.Place.Format, Since: since}
		}
		out.Columns[i] = col
	}
	return out
}
