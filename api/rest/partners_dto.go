package rest

import (
	"maillage/pkg/hours"
	"maillage/pkg/partner"
	"maillage/pkg/partnering"
)

// Partners (ADR 0008): DTOs of operators, local partners, referents, permanences, the coverage matrix and the
// partner page.

// OperatorNameDTO is the name of an operator over a period (to: the day before the next name, "" if current).
type OperatorNameDTO struct {
	Name      string `json:"name" example:"France Travail"`
	ShortName string `json:"short_name" example:"France Travail"`
	From      string `json:"from" format:"date" example:"2024-01-01"`
	To        string `json:"to" format:"date"`
} //@name OperatorName

// OperatorDTO is a national partner; name and in_socle are given at the list's date.
type OperatorDTO struct {
	Code      string            `json:"code" example:"francetravail"`
	Name      string            `json:"name" example:"France Travail"`
	ShortName string            `json:"short_name" example:"France Travail"`
	Names     []OperatorNameDTO `json:"names"`
	SocleFrom string            `json:"socle_from" format:"date" example:"2019-07-01"`
	SocleTo   string            `json:"socle_to" format:"date"`
	InSocle   bool              `json:"in_socle"`
	Version   int               `json:"version"`
} //@name Operator

// OperatorList lists the operators with the size of the socle at the date.
type OperatorList struct {
	At         string        `json:"at" format:"date"`
	Items      []OperatorDTO `json:"items"`
	SocleCount int           `json:"socle_count" example:"13"`
} //@name OperatorList

// OperatorInput creates an operator or changes one; a new name applies from renamed_on (today by default) and
// the earlier names stay in the history.
type OperatorInput struct {
	Code      *string `json:"code" example:"urssaf"`
	Name      *string `json:"name"`
	ShortName *string `json:"short_name"`
	RenamedOn *string `json:"renamed_on" format:"date"`
	SocleFrom *string `json:"socle_from" format:"date"`
	SocleTo   *string `json:"socle_to" format:"date"`
} //@name OperatorInput

func (in OperatorInput) fields() partnering.OperatorFields {
	return partnering.OperatorFields{Code: in.Code, Name: in.Name, ShortName: in.ShortName, RenamedOn: in.RenamedOn,
		SocleFrom: in.SocleFrom, SocleTo: in.SocleTo}
}

func operatorDTO(o partner.Operator, at string) OperatorDTO {
	n := o.NameAt(at)
	out := OperatorDTO{Code: o.Code, Name: n.Name, ShortName: n.ShortName, Names: []OperatorNameDTO{},
		SocleFrom: o.SocleFrom, SocleTo: o.SocleTo, InSocle: o.InSocleOn(at), Version: o.Version}
	for _, x := range o.Names {
		out.Names = append(out.Names, OperatorNameDTO{Name: x.Name, ShortName: x.ShortName, From: x.From, To: x.To})
	}
	return out
}

// LocalPartnerDTO is a partner of one département.
type LocalPartnerDTO struct {
	ID           string `json:"id" format:"uuid"`
	Departement  string `json:"departement_code" example:"70"`
	Type         string `json:"type" enums:"mission_locale,pij,cidff,conciliateur,france_victimes,mdph,adil,conseiller_numerique,autre"`
	TypeLabel    string `json:"type_label" example:"Mission locale"`
	Name         string `json:"name" example:"Mission locale de Vesoul"`
	ContactEmail string `json:"contact_email"`
	Phone        string `json:"phone"`
	Website      string `json:"website"`
	Notes        string `json:"notes"`
	Version      int    `json:"version"`
} //@name LocalPartner

// LocalPartnerList lists the local partners of a département by name.
type LocalPartnerList struct {
	Items []LocalPartnerDTO `json:"items"`
} //@name LocalPartnerList

// LocalPartnerInput creates a local partner or changes one (type_label: the free type of an « autre »).
type LocalPartnerInput struct {
	Type         *string `json:"type" enums:"mission_locale,pij,cidff,conciliateur,france_victimes,mdph,adil,conseiller_numerique,autre"`
	TypeLabel    *string `json:"type_label"`
	Name         *string `json:"name"`
	ContactEmail *string `json:"contact_email"`
	Phone        *string `json:"phone"`
	Website      *string `json:"website"`
	Notes        *string `json:"notes"`
} //@name LocalPartnerInput

func (in LocalPartnerInput) fields() partnering.LocalFields {
	return partnering.LocalFields(in)
}

func localPartnerDTO(p partner.LocalPartner) LocalPartnerDTO {
	label := p.TypeLabel
	if p.Type != "autre" || label == "" {
		label = p.Type.Label()
	}
	return LocalPartnerDTO{ID: p.ID, Departement: p.Departement, Type: string(p.Type), TypeLabel: label, Name: p.Name,
		ContactEmail: p.ContactEmail, Phone: p.Phone, Website: p.Website, Notes: p.Notes, Version: p.Version}
}

// ReferentDTO is the named contact of a partner for a département (structure_id null) or one structure.
type ReferentDTO struct {
	ID          string  `json:"id" format:"uuid"`
	PartnerKind string  `json:"partner_kind" enums:"operator,local"`
	PartnerID   string  `json:"partner_id" example:"cnaf"`
	PartnerName string  `json:"partner_name" example:"Allocations familiales (CNAF – CAF)"`
	Departement string  `json:"departement_code" example:"70"`
	StructureID *string `json:"structure_id" format:"uuid"`
	Name        string  `json:"name" example:"Claire Dumont"`
	Function    string  `json:"function" example:"Référente partenariats"`
	Email       string  `json:"email"`
	Phone       string  `json:"phone"`
	ValidFrom   string  `json:"valid_from" format:"date"`
	ValidTo     string  `json:"valid_to" format:"date"`
	Version     int     `json:"version"`
} //@name Referent

// ReferentList lists referents.
type ReferentList struct {
	Items []ReferentDTO `json:"items"`
} //@name ReferentList

// ReferentInput creates a referent (partner_kind and partner_id: a partner's own organisation by default) or
// changes one (the partner never changes; structure_id "" : the whole département).
type ReferentInput struct {
	PartnerKind *string `json:"partner_kind" enums:"operator,local"`
	PartnerID   *string `json:"partner_id"`
	StructureID *string `json:"structure_id" format:"uuid"`
	Name        *string `json:"name"`
	Function    *string `json:"function"`
	Email       *string `json:"email"`
	Phone       *string `json:"phone"`
	ValidFrom   *string `json:"valid_from" format:"date"`
	ValidTo     *string `json:"valid_to" format:"date"`
} //@name ReferentInput

func (in ReferentInput) fields() partnering.ReferentFields { return partnering.ReferentFields(in) }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func referentDTO(r partnering.Referent) ReferentDTO {
	return ReferentDTO{ID: r.ID, PartnerKind: string(r.Partner.Kind), PartnerID: r.Partner.ID, PartnerName: r.PartnerName,
		Departement: r.Departement, StructureID: optional(r.StructureID), Name: r.Name, Function: r.Function,
		Email: r.Email, Phone: r.Phone, ValidFrom: r.ValidFrom, ValidTo: r.ValidTo, Version: r.Version}
}

func referentList(list []partnering.Referent) ReferentList {
	out := ReferentList{Items: make([]ReferentDTO, len(list))}
	for i, r := range list {
		out.Items[i] = referentDTO(r)
	}
	return out
}

// PermanenceDTO is a partner receiving people at a structure: schedules have the shape of the structure's hours
// (owner_kind "permanence"); osm is their OSM opening_hours form; summary is the one given, else written from
// the regular hours.
type PermanenceDTO struct {
	ID            string        `json:"id" format:"uuid"`
	StructureID   string        `json:"structure_id" format:"uuid"`
	StructureName string        `json:"structure_name,omitempty"`
	StopID        *string       `json:"stop_id" format:"uuid"`
	PartnerKind   string        `json:"partner_kind" enums:"operator,local"`
	PartnerID     string        `json:"partner_id" example:"cnaf"`
	PartnerName   string        `json:"partner_name"`
	Modality      string        `json:"modality" enums:"physique,visio,telephone"`
	BookingURL    string        `json:"booking_url"`
	Summary       string        `json:"summary" example:"1er mardi du mois, 9 h – 12 h"`
	PublicNote    string        `json:"public_note"`
	InternalNote  string        `json:"internal_note"`
	Schedules     []ScheduleDTO `json:"schedules"`
	OSM           string        `json:"osm" example:"week 02-53/4 Tu 09:00-12:00; PH off"`
	OSMNotes      []string      `json:"osm_notes"`
	Version       int           `json:"version"`
} //@name Permanence

// PermanenceList lists the permanences of a structure.
type PermanenceList struct {
	Items []PermanenceDTO `json:"items"`
} //@name PermanenceList

// PermanenceInput creates a permanence (partner: a partner's own organisation by default) or changes one (the
// partner never changes); schedules, when given, replace its hours.
type PermanenceInput struct {
	PartnerKind  *string        `json:"partner_kind" enums:"operator,local"`
	PartnerID    *string        `json:"partner_id"`
	StopID       *string        `json:"stop_id" format:"uuid"`
	Modality     *string        `json:"modality" enums:"physique,visio,telephone"`
	BookingURL   *string        `json:"booking_url"`
	Summary      *string        `json:"summary"`
	PublicNote   *string        `json:"public_note"`
	InternalNote *string        `json:"internal_note"`
	Schedules    *[]ScheduleDTO `json:"schedules"`
} //@name PermanenceInput

// fields reads the input; the schedules' owner is always the permanence (set by the use case).
func (in PermanenceInput) fields() (partnering.PermanenceFields, error) {
	f := partnering.PermanenceFields{PartnerKind: in.PartnerKind, PartnerID: in.PartnerID, StopID: in.StopID,
		Modality: in.Modality, BookingURL: in.BookingURL, Summary: in.Summary, PublicNote: in.PublicNote,
		InternalNote: in.InternalNote}
	if in.Schedules == nil {
		return f, nil
	}
	owned := make([]ScheduleDTO, len(*in.Schedules))
	for i, d := range *in.Schedules {
		d.OwnerKind, d.OwnerID = string(hours.OwnerPermanence), "permanence"
		owned[i] = d
	}
	list, err := ScheduleSetInput{Schedules: &owned}.schedules("")
	if err != nil {
		return f, err
	}
	f.Schedules = &list
	return f, nil
}

func permanenceDTO(p partnering.Permanence, structureName string) PermanenceDTO {
	out := PermanenceDTO{ID: p.ID, StructureID: p.StructureID, StructureName: structureName, StopID: optional(p.StopID),
		PartnerKind: string(p.Partner.Kind), PartnerID: p.Partner.ID, PartnerName: p.PartnerName,
		Modality: string(p.Modality), BookingURL: p.BookingURL, Summary: p.Description, PublicNote: p.PublicNote,
		InternalNote: p.InternalNote, Schedules: make([]ScheduleDTO, len(p.Schedules)), OSM: p.OSM,
		OSMNotes: nonNil(p.OSMNotes), Version: p.Version}
	for i, sc := range p.Schedules {
		out.Schedules[i] = scheduleDTO(sc)
	}
	return out
}

// CoverageOperatorDTO is a column of the coverage matrix: an operator of the socle, named at the date.
type CoverageOperatorDTO struct {
	Code      string `json:"code" example:"cnaf"`
	Name      string `json:"name"`
	ShortName string `json:"short_name" example:"CAF"`
} //@name CoverageOperator

// CoverageCellDTO says whether an operator is covered at a structure, and how ("referent",
// "permanence:physique", "permanence:visio", "permanence:telephone").
type CoverageCellDTO struct {
	Operator string   `json:"operator" example:"cnaf"`
	Covered  bool     `json:"covered"`
	How      []string `json:"how" example:"referent,permanence:visio"`
} //@name CoverageCell

// CoverageRowDTO is a row of the coverage matrix: one structure.
type CoverageRowDTO struct {
	StructureID   string            `json:"structure_id" format:"uuid"`
	StructureName string            `json:"structure_name"`
	Cells         []CoverageCellDTO `json:"cells"`
	Missing       int               `json:"missing"`
} //@name CoverageRow

// CoverageSummaryDTO counts the structures and those covered by every operator of the socle.
type CoverageSummaryDTO struct {
	Structures   int `json:"structures"`
	FullyCovered int `json:"fully_covered"`
} //@name CoverageSummary

// CoverageDTO is the matrix structures × operators of the socle of a département at a date.
type CoverageDTO struct {
	At          string                `json:"at" format:"date"`
	Departement string                `json:"departement_code" example:"70"`
	Operators   []CoverageOperatorDTO `json:"operators"`
	Rows        []CoverageRowDTO      `json:"rows"`
	Summary     CoverageSummaryDTO    `json:"summary"`
} //@name PartnerCoverage

func coverageDTO(r partnering.CoverageReport) CoverageDTO {
	out := CoverageDTO{At: r.At, Departement: r.Departement, Operators: make([]CoverageOperatorDTO, len(r.Operators)),
		Rows: make([]CoverageRowDTO, len(r.Rows)), Summary: CoverageSummaryDTO{Structures: len(r.Rows), FullyCovered: r.FullyCovered}}
	for i, o := range r.Operators {
		out.Operators[i] = CoverageOperatorDTO{Code: o.Code, Name: r.Names[i].Name, ShortName: r.Names[i].ShortName}
	}
	for i, row := range r.Rows {
		cells := make([]CoverageCellDTO, len(row.Cells))
		for j, c := range row.Cells {
			cells[j] = CoverageCellDTO{Operator: c.Operator, Covered: c.Covered, How: c.How}
		}
		out.Rows[i] = CoverageRowDTO{StructureID: row.StructureID, StructureName: r.StructureName[row.StructureID],
			Cells: cells, Missing: row.Missing}
	}
	return out
}

// PartnerSummaryDTO names a partner organisation: an operator (operator set) or a local partner (local set).
type PartnerSummaryDTO struct {
	Kind     string           `json:"kind" enums:"operator,local"`
	ID       string           `json:"id" example:"cnaf"`
	Name     string           `json:"name"`
	Operator *OperatorDTO     `json:"operator,omitempty"`
	Local    *LocalPartnerDTO `json:"local,omitempty"`
} //@name PartnerSummary

// PartnerPageDTO is a partner organisation with its referents and permanences in the caller's territory.
type PartnerPageDTO struct {
	Partner     PartnerSummaryDTO `json:"partner"`
	Referents   []ReferentDTO     `json:"referents"`
	Permanences []PermanenceDTO   `json:"permanences"`
} //@name PartnerPage

func partnerPageDTO(p partnering.PartnerPage, today string) PartnerPageDTO {
	out := PartnerPageDTO{Partner: PartnerSummaryDTO{Name: p.Name}, Referents: referentList(p.Referents).Items,
		Permanences: make([]PermanenceDTO, len(p.Permanences))}
	if p.Operator != nil {
		o := operatorDTO(*p.Operator, today)
		out.Partner.Kind, out.Partner.ID, out.Partner.Operator = string(partner.KindOperator), o.Code, &o
	}
	if p.Local != nil {
		l := localPartnerDTO(*p.Local)
		out.Partner.Kind, out.Partner.ID, out.Partner.Local = string(partner.KindLocal), l.ID, &l
	}
	for i, x := range p.Permanences {
		out.Permanences[i] = permanenceDTO(x, p.Structures[x.StructureID])
	}
	return out
}
