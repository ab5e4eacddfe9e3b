// Package structure is the network registry: France services structures (fixed sites, antennas, itinerant
// buses and their stops), multi-site groups and carriers. The label status is owned by the labelling capability;
// here it is read-only.
package structure

import (
	"time"
)

// Format is the kind of structure.
type Format string

const (
	FormatSite      Format = "site"      // site principal
	FormatAntenne   Format = "antenne"   // attached to a main site
	FormatItinerant Format = "itinerant" // a bus with stops
)

// Formats lists the formats in display order.
var Formats = []Format{FormatSite, FormatAntenne, FormatItinerant}

// CarrierType is the kind of organisation that carries (porte) a structure.
type CarrierType string

// CarrierTypes lists the carrier types.
var CarrierTypes = []CarrierType{"commune", "intercommunalite", "departement", "association", "la_poste", "msa",
	"etat", "centre_social", "autre"}

// CoordinatesSource tells where a structure's position comes from.
type CoordinatesSource string

const (
	CoordsData    CoordinatesSource = "data"    // from the imported file
	CoordsCommune CoordinatesSource = "commune" // centre of the commune, for want of better
	CoordsManual  CoordinatesSource = "manual"  // entered by a person
	CoordsNone    CoordinatesSource = "none"
)

// Carrier is the porteur of a structure.
type Carrier struct {
	Type  CarrierType
	Name  string
	SIRET string
}

// Structure is one France services.
type Structure struct {
	ID                 string
	IDFS               *string // ANCT number or temp_N; nil for a project not yet known to ANCT
	Departement        string
	Name               string
	CommuneCode        *string // nil when the commune could not be identified
	CommuneLabel       string  // commune name (from the reference, or as typed when unknown)
	Address            string
	AddressComplement  string
	Postcode           string
	Latitude           *float64
	Longitude          *float64
	CoordinatesSource  CoordinatesSource
	Phone              string
	Email              string
	Website            string
	Format             Format
	ParentID           *string // main site of an antenna
	GroupID            *string
	Carrier            Carrier
	LabelStatus        string
	LabelDate          *time.Time
	Timezone           string
	HolidayCalendar    string
	AccessibilityNotes string
	HoursRaw           map[string]string // ANCT day columns as imported, until the opening-hours capability parses them
	Comment            string
	CreatedAt          time.Time
	UpdatedAt          time.Time
	Version            int
}

// Stop is where an itinerant structure stops; hours attach to it.
type Stop struct {
	ID          string
	StructureID string
	Position    int
	Label       string
	Address     string
	CommuneCode *string
	CommuneName string // from the reference, for display
	Latitude    *float64
	Longitude   *float64
	Version     int
}

// Group is a multi-site France services: several structures under one name, one of them the lead.
type Group struct {
	ID          string
	Departement string
	Name        string
	LeadID      *string
	MemberIDs   []string
	Version     int
}
