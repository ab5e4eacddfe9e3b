package labelling

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"maillage/pkg/apperr"
)

// FileFacts describe a candidature file and what the structure has around it (hours including drafts, agents).
type FileFacts struct {
	Exists           bool
	CarrierName      string
	Sites            int
	PremisesAnswered bool // the three questions on the premises have an answer
	Documents        int
	HoursOK          bool   // the planned hours meet the hours criteria of the rule set in force
	HoursMessage     string // the engine's explanation (why they fail, or what they are)
	Agents           int    // agents currently attached to the structure
	MinAgents        int    // agents the rule set in force requires
}

// Item is one completeness check of a candidature file.
type Item struct {
	Field   string // carrier, sites, premises, documents, hours, agents
	OK      bool
	Message string // French
}

// Completeness checks a candidature file, in a fixed order; the audit request needs every item met.
func Completeness(f FileFacts) []Item {
	carrier := strings.TrimSpace(f.CarrierName)
	items := []Item{
		{Field: "carrier", OK: carrier != "", Message: "Indiquez le porteur du projet."},
		{Field: "sites", OK: f.Sites > 0, Message: "Indiquez au moins un site prévu."},
		{Field: "premises", OK: f.PremisesAnswered,
			Message: "Répondez aux trois questions sur les locaux (bureau confidentiel, équipement informatique, accessibilité)."},
		{Field: "documents", OK: f.Documents > 0, Message: "Joignez au moins une pièce au dossier (dossier de candidature, délibération…)."},
		{Field: "hours", OK: f.HoursOK, Message: f.HoursMessage},
		{Field: "agents", OK: f.Agents >= f.MinAgents && f.Agents > 0, Message: fmt.Sprintf(
			"Rattachez au moins %d agents à la structure (%s actuellement).", f.MinAgents, plural(f.Agents, "agent", "agents"))},
	}
	if carrier != "" {
		items[0].Message = "Porteur : " + carrier + "."
	}
	if f.Sites > 0 {
		items[1].Message = plural(f.Sites, "site prévu", "sites prévus") + "."
	}
	if f.PremisesAnswered {
		items[2].Message = "Locaux décrits."
	}
	if f.Documents > 0 {
		items[3].Message = plural(f.Documents, "pièce jointe", "pièces jointes") + "."
	}
	if items[4].Message == "" {
		items[4].Message = map[bool]string{true: "Horaires prévus conformes.", false: "Horaires prévus insuffisants."}[f.HoursOK]
	}
	if items[5].OK {
		items[5].Message = plural(f.Agents, "agent rattaché", "agents rattachés") + "."
	}
	return items
}

// PlannedSite is a site the candidature plans.
type PlannedSite struct {
	Name, CommuneCode, Address string
}

// Premises are the answers on the premises; nil means not answered.
type Premises struct {
	ConfidentialOffice, ITEquipment, Accessibility *bool
	Notes                                          string
}

// Answered tells whether the three questions have an answer.
func (p Premises) Answered() bool {
	return p.ConfidentialOffice != nil && p.ITEquipment != nil && p.Accessibility != nil
}

// CandidatureInput is what a PUT of the candidature gives.
type CandidatureInput struct {
	CarrierName, CarrierSIRET string
	PlannedSites              []PlannedSite
	PartnersPlanned           []string
	Premises                  Premises
	Notes                     string
}

var siret = regexp.MustCompile(`^[0-9]{14}$`)

// Limits of a candidature.
const (
	MaxPlannedSites = 20
	MaxPartners     = 50
)

// ValidateCandidature trims and checks a candidature; communes are checked by the caller (reference data).
func ValidateCandidature(in *CandidatureInput) error {
	var v apperr.Validation
	text := func(s *string, field string, max int) {
		*s = strings.TrimSpace(*s)
		v.Check(len([]rune(*s)) <= max, field, fmt.Sprintf("Texte trop long (%d caractères au plus).", max))
	}
	text(&in.CarrierName, "carrier_name", 200)
	in.CarrierSIRET = strings.ReplaceAll(strings.TrimSpace(in.CarrierSIRET), " ", "")
	v.Check(in.CarrierSIRET == "" || siret.MatchString(in.CarrierSIRET), "carrier_siret", "Le SIRET compte 14 chiffres.")
	v.Check(len(in.PlannedSites) <= MaxPlannedSites, "planned_sites", "20 sites au plus.")
	for i := range in.PlannedSites {
		s := &in.PlannedSites[i]
		at := fmt.Sprintf("planned_sites[%d].", i)
		text(&s.Name, at+"name", 200)
		text(&s.Address, at+"address", 300)
		s.CommuneCode = strings.TrimSpace(s.CommuneCode)
		v.Check(s.Name != "", at+"name", "Le nom du site est obligatoire.")
	}
	v.Check(len(in.PartnersPlanned) <= MaxPartners, "partners_planned", "50 partenaires au plus.")
	partners := in.PartnersPlanned[:0:0]
	for i, p := range in.PartnersPlanned {
		p = strings.TrimSpace(p)
		field := fmt.Sprintf("partners_planned[%d]", i)
		v.Check(p != "" && len([]rune(p)) <= 200, field, "Nom de partenaire vide ou trop long (200 caractères au plus).")
		v.Check(!slices.Contains(partners, p), field, "Partenaire en double.")
		partners = append(partners, p)
	}
	in.PartnersPlanned = partners
	text(&in.Premises.Notes, "premises.notes", 2000)
	text(&in.Notes, "notes", 5000)
	return v.Err()
}
