package rest

import (
	"time"

	"maillage/pkg/label"
	"maillage/pkg/labelflow"
	"maillage/pkg/labelling"
)

// PlannedSiteDTO is a site the candidature plans.
type PlannedSiteDTO struct {
	Name        string `json:"name" example:"Mairie de Gray"`
	CommuneCode string `json:"commune_code" example:"70279"`
	CommuneName string `json:"commune_name" example:"Gray"`
	Address     string `json:"address" example:"1 place Charles de Gaulle"`
} //@name PlannedSite

// PlannedSiteInput is a planned site as written.
type PlannedSiteInput struct {
	Name        string `json:"name"`
	CommuneCode string `json:"commune_code"`
	Address     string `json:"address"`
} //@name PlannedSiteInput

// PremisesDTO answers the questions on the premises; null means not answered yet.
type PremisesDTO struct {
	ConfidentialOffice *bool  `json:"confidential_office"`
	ITEquipment        *bool  `json:"it_equipment"`
	Accessibility      *bool  `json:"accessibility"`
	Notes              string `json:"notes"`
} //@name Premises

// CandidatureDocumentDTO describes a document of the file (its content at …/documents/{doc_id}).
type CandidatureDocumentDTO struct {
	ID          string    `json:"id" format:"uuid"`
	Name        string    `json:"name" example:"deliberation-conseil-municipal.pdf"`
	ContentType string    `json:"content_type" example:"application/pdf"`
	Size        int       `json:"size" example:"48213"`
	SHA256      string    `json:"sha256"`
	Kind        string    `json:"kind" enums:"dossier,deliberation,convention,autre"`
	UploadedAt  time.Time `json:"uploaded_at"`
	UploadedBy  string    `json:"uploaded_by"`
} //@name CandidatureDocument

// CompletenessDTO is one check of the file (those the audit request needs).
type CompletenessDTO struct {
	Field   string `json:"field" enums:"carrier,sites,premises,documents,hours,agents"`
	OK      bool   `json:"ok"`
	Message string `json:"message" example:"Porteur : Commune de Gray."`
} //@name CandidatureCheck

// CandidatureDTO is the candidature file of a structure. ETag = "<version>"; adding or removing a document moves
// the version on.
type CandidatureDTO struct {
	ID              string                   `json:"id" format:"uuid"`
	StructureID     string                   `json:"structure_id" format:"uuid"`
	CarrierName     string                   `json:"carrier_name" example:"Commune de Gray"`
	CarrierSIRET    string                   `json:"carrier_siret" example:"21700279100017"`
	PlannedSites    []PlannedSiteDTO         `json:"planned_sites"`
	PartnersPlanned []string                 `json:"partners_planned"`
	Premises        PremisesDTO              `json:"premises"`
	Notes           string                   `json:"notes"`
	Documents       []CandidatureDocumentDTO `json:"documents"`
	Completeness    []CompletenessDTO        `json:"completeness"`
	UpdatedAt       time.Time                `json:"updated_at"`
	Version         int                      `json:"version" example:"1"`
} //@name Candidature

// CandidatureInput creates or replaces the candidature file.
type CandidatureInput struct {
	CarrierName     string             `json:"carrier_name"`
	CarrierSIRET    string             `json:"carrier_siret"`
	PlannedSites    []PlannedSiteInput `json:"planned_sites"`
	PartnersPlanned []string           `json:"partners_planned"`
	Premises        PremisesDTO        `json:"premises"`
	Notes           string             `json:"notes"`
} //@name CandidatureInput

func (in CandidatureInput) input() labelling.CandidatureInput {
	out := labelling.CandidatureInput{CarrierName: in.CarrierName, CarrierSIRET: in.CarrierSIRET,
		PlannedSites: make([]labelling.PlannedSite, len(in.PlannedSites)), PartnersPlanned: in.PartnersPlanned,
		Premises: labelling.Premises{ConfidentialOffice: in.Premises.ConfidentialOffice, ITEquipment: in.Premises.ITEquipment,
			Accessibility: in.Premises.Accessibility, Notes: in.Premises.Notes}, Notes: in.Notes}
	for i, p := range in.PlannedSites {
		out.PlannedSites[i] = labelling.PlannedSite(p)
	}
	if out.PartnersPlanned == nil {
		out.PartnersPlanned = []string{}
	}
	return out
}

func documentDTO(d label.Document) CandidatureDocumentDTO {
	return CandidatureDocumentDTO{ID: d.ID, Name: d.Name, ContentType: d.ContentType, Size: d.Size, SHA256: d.SHA256,
		Kind: d.Kind, UploadedAt: d.CreatedAt.UTC(), UploadedBy: d.UploadedBy}
}

func candidatureDTO(v labelflow.CandidatureView) CandidatureDTO {
	c := v.Candidature
	out := CandidatureDTO{ID: c.ID, StructureID: c.StructureID, CarrierName: c.CarrierName, CarrierSIRET: c.CarrierSIRET,
		PlannedSites: make([]PlannedSiteDTO, len(c.PlannedSites)), PartnersPlanned: c.PartnersPlanned,
		Premises: PremisesDTO{ConfidentialOffice: c.ConfidentialOffice, ITEquipment: c.ITEquipment, Accessibility: c.Access,
			Notes: c.PremisesNotes}, Notes: c.Notes, Documents: make([]CandidatureDocumentDTO, len(v.Documents)),
		Completeness: make([]CompletenessDTO, len(v.Completeness)), UpdatedAt: c.UpdatedAt.UTC(), Version: c.Version}
	for i, p := range c.PlannedSites {
		out.PlannedSites[i] = PlannedSiteDTO{Name: p.Name, CommuneCode: p.CommuneCode, CommuneName: v.CommuneNames[p.CommuneCode],
			Address: p.Address}
	}
	for i, d := range v.Documents {
		out.Documents[i] = documentDTO(d)
	}
	for i, it := range v.Completeness {
		out.Completeness[i] = CompletenessDTO{Field: it.Field, OK: it.OK, Message: it.Message}
	}
	return out
}

// AuditCriterionDTO is one criterion of the audit: automatic ones come from the compliance engine and are locked.
type AuditCriterionDTO struct {
	Code      string `json:"code" example:"LOC-01"`
	Label     string `json:"label" example:"Bureau fermé garantissant la confidentialité des échanges"`
	Category  string `json:"category" example:"Locaux"`
	Automatic bool   `json:"automatic"`
	Status    string `json:"status" enums:"conforme,non_conforme,sans_objet,a_verifier"`
	Comment   string `json:"comment"`
	Locked    bool   `json:"locked"`
} //@name LabelAuditCriterion

// AuditDTO is the quality audit of a structure against its grid version. Version 0: no audit open yet (the first
// PUT opens one on the grid in force, without If-Match). ETag = "<version>" once it exists.
type AuditDTO struct {
	StructureID string              `json:"structure_id" format:"uuid"`
	GridVersion string              `json:"grid_version" example:"qualite-2025"`
	Criteria    []AuditCriterionDTO `json:"criteria"`
	Complete    bool                `json:"complete"`
	Editable    bool                `json:"editable"`
	ClosedAt    *time.Time          `json:"closed_at"`
	Version     int                 `json:"version" example:"2"`
} //@name LabelAudit

// AuditAnswerInput answers one manual criterion.
type AuditAnswerInput struct {
	Code    string `json:"code" example:"LOC-01"`
	Status  string `json:"status" enums:"conforme,non_conforme,sans_objet,a_verifier"`
	Comment string `json:"comment"`
} //@name LabelAuditAnswer

// AuditInput replaces the answers of the manual criteria.
type AuditInput struct {
	Answers []AuditAnswerInput `json:"answers"`
} //@name LabelAuditInput

func auditDTO(v labelflow.AuditView) AuditDTO {
	out := AuditDTO{StructureID: v.StructureID, GridVersion: v.GridVersion, Criteria: make([]AuditCriterionDTO, len(v.Criteria)),
		Complete: v.Complete, Editable: v.Editable, ClosedAt: v.ClosedAt, Version: v.Version}
	for i, c := range v.Criteria {
		out.Criteria[i] = AuditCriterionDTO{Code: c.Code, Label: c.Label, Category: c.Category, Automatic: c.Automatic,
			Status: c.Status, Comment: c.Comment, Locked: c.Locked}
	}
	return out
}

// GridSummaryDTO is a version of the criteria grid.
type GridSummaryDTO struct {
	Version       string `json:"version" example:"qualite-2025"`
	Title         string `json:"title" example:"Grille qualité France services 2025"`
	ValidFrom     string `json:"valid_from" format:"date" example:"2025-01-01"`
	CriteriaCount int    `json:"criteria_count" example:"30"`
} //@name LabelGridSummary

// GridList lists the grid versions, oldest first.
type GridList struct {
	Items []GridSummaryDTO `json:"items"`
} //@name LabelGridList

// GridCriterionDTO is one criterion of a grid; compliance_code names the engine's criterion of an automatic one.
type GridCriterionDTO struct {
	Code           string  `json:"code" example:"ACC-01"`
	Label          string  `json:"label" example:"Ouverture au public d’au moins 24 heures par semaine"`
	Category       string  `json:"category" example:"Accueil"`
	Automatic      bool    `json:"automatic"`
	ComplianceCode *string `json:"compliance_code" enums:"weekly_hours,open_days,agents_present,agents_trained,partner_socle,premises"`
} //@name LabelGridCriterion

// GridDTO is a version of the grid with its criteria (also the body that publishes one).
type GridDTO struct {
	Version   string             `json:"version" example:"qualite-2026"`
	Title     string             `json:"title" example:"Grille qualité France services 2026"`
	ValidFrom string             `json:"valid_from" format:"date" example:"2026-01-01"`
	Criteria  []GridCriterionDTO `json:"criteria"`
} //@name LabelGrid

func gridDTO(g label.Grid) GridDTO {
	out := GridDTO{Version: g.Version, Title: g.Title, ValidFrom: g.ValidFrom.Format(time.DateOnly),
		Criteria: make([]GridCriterionDTO, len(g.Criteria))}
	for i, c := range g.Criteria {
		d := GridCriterionDTO{Code: c.Code, Label: c.Label, Category: c.Category, Automatic: c.Automatic}
		if c.ComplianceCode != "" {
			code := c.ComplianceCode
			d.ComplianceCode = &code
		}
		out.Criteria[i] = d
	}
	return out
}
