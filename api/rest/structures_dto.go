package rest

import (
	"time"

	"maillage/pkg/registry"
	"maillage/pkg/structure"
)

// CarrierDTO is the carrier (porteur) of a structure.
type CarrierDTO struct {
	Type  string `json:"type" enums:"commune,intercommunalite,departement,association,la_poste,msa,etat,centre_social,autre" example:"intercommunalite"`
	Name  string `json:"name" example:"Communauté de communes des Combes"`
	SIRET string `json:"siret" example:"21700550300016"`
} //@name Carrier

// IDHistoryDTO is an ANCT number a structure carried.
type IDHistoryDTO struct {
	IDFS string     `json:"id_fs" example:"temp_75"`
	From time.Time  `json:"from"`
	To   *time.Time `json:"to"`
} //@name IDHistory

// StructureDTO is a France services structure.
type StructureDTO struct {
	ID                 string            `json:"id" format:"uuid"`
	IDFS               *string           `json:"id_fs" example:"2880"`
	IDFSHistory        []IDHistoryDTO    `json:"id_fs_history"`
	DepartementCode    string            `json:"departement_code" example:"70"`
	Name               string            `json:"name" example:"France services de Champlitte"`
	CommuneCode        *string           `json:"commune_code" example:"70122"`
	CommuneName        string            `json:"commune_name" example:"Champlitte"`
	Address            string            `json:"address"`
	AddressComplement  string            `json:"address_complement"`
	Postcode           string            `json:"postcode" example:"70600"`
	Latitude           *float64          `json:"latitude"`
	Longitude          *float64          `json:"longitude"`
	CoordinatesSource  string            `json:"coordinates_source" enums:"data,commune,manual,none"`
	Phone              string            `json:"phone" example:"03 84 67 64 10"`
	Email              string            `json:"email"`
	Website            string            `json:"website"`
	Format             string            `json:"format" enums:"site,antenne,itinerant"`
	ParentID           *string           `json:"parent_id" format:"uuid"`
	GroupID            *string           `json:"group_id" format:"uuid"`
	Carrier            CarrierDTO        `json:"carrier"`
	LabelStatus        string            `json:"label_status" example:"labellise"`
	LabelDate          *string           `json:"label_date" example:"2022-01-01"`
	Timezone           string            `json:"timezone" example:"Europe/Paris"`
	HolidayCalendar    string            `json:"holiday_calendar" example:"FR"`
	AccessibilityNotes string            `json:"accessibility_notes"`
	HoursRaw           map[string]string `json:"hours_raw"`
	Comment            string            `json:"comment"`
	QualityFlags       []string          `json:"quality_flags"`
	CreatedAt          time.Time         `json:"created_at"`
	UpdatedAt          time.Time         `json:"updated_at"`
	Version            int               `json:"version"`
} //@name Structure

// StructureSummary is a structure in a list.
type StructureSummary struct {
	ID              string   `json:"id" format:"uuid"`
	IDFS            *string  `json:"id_fs"`
	Name            string   `json:"name"`
	DepartementCode string   `json:"departement_code"`
	CommuneCode     *string  `json:"commune_code"`
	CommuneName     string   `json:"commune_name"`
	Format          string   `json:"format" enums:"site,antenne,itinerant"`
	LabelStatus     string   `json:"label_status"`
	CarrierType     string   `json:"carrier_type"`
	Phone           string   `json:"phone"`
	Email           string   `json:"email"`
	Latitude        *float64 `json:"latitude"`
	Longitude       *float64 `json:"longitude"`
	QualityFlags    []string `json:"quality_flags"`
} //@name StructureSummary

// StructureList is a page of structures, with how many match the filters in all.
type StructureList struct {
	Items      []StructureSummary `json:"items"`
	NextCursor *string            `json:"next_cursor"`
	Total      int                `json:"total" example:"24"`
} //@name StructureList

// StructureInput creates a structure, or patches one (absent fields are kept).
type StructureInput struct {
	IDFS               *string       `json:"id_fs" example:"temp_120"`
	DepartementCode    *string       `json:"departement_code" example:"70"`
	Name               *string       `json:"name" example:"France services de Jussey"`
	CommuneCode        *string       `json:"commune_code" example:"70292"`
	Address            *string       `json:"address"`
	AddressComplement  *string       `json:"address_complement"`
	Postcode           *string       `json:"postcode"`
	Latitude           *float64      `json:"latitude"`
	Longitude          *float64      `json:"longitude"`
	ResetCoordinates   bool          `json:"reset_coordinates"` // true: drop the coordinates, use the commune’s centre
	Phone              *string       `json:"phone"`
	Email              *string       `json:"email"`
	Website            *string       `json:"website"`
	Format             *string       `json:"format" enums:"site,antenne,itinerant"`
	ParentID           *string       `json:"parent_id"`
	GroupID            *string       `json:"group_id"`
	Carrier            *CarrierPatch `json:"carrier"`
	AccessibilityNotes *string       `json:"accessibility_notes"`
	Comment            *string       `json:"comment"`
} //@name StructureInput

// CarrierPatch sets the carrier's fields (absent fields are kept).
type CarrierPatch struct {
	Type  *string `json:"type"`
	Name  *string `json:"name"`
	SIRET *string `json:"siret"`
} //@name CarrierInput

func (in StructureInput) fields() registry.Fields {
	f := registry.Fields{IDFS: in.IDFS, Departement: in.DepartementCode, Name: in.Name, CommuneCode: in.CommuneCode,
		Address: in.Address, AddressComplement: in.AddressComplement, Postcode: in.Postcode, Latitude: in.Latitude,
		Longitude: in.Longitude, ResetCoordinates: in.ResetCoordinates, Phone: in.Phone, Email: in.Email, Website: in.Website, Format: in.Format,
		ParentID: in.ParentID, GroupID: in.GroupID, AccessibilityNotes: in.AccessibilityNotes, Comment: in.Comment}
	if in.Carrier != nil {
		f.CarrierType, f.CarrierName, f.CarrierSIRET = in.Carrier.Type, in.Carrier.Name, in.Carrier.SIRET
	}
	return f
}

func flagsOf(s structure.Structure) []string {
	flags := []string{}
	for _, f := range structure.Quality(s) {
		flags = append(flags, string(f))
	}
	return flags
}

func structureDTO(s structure.Structure, history []structure.IDHistory) StructureDTO {
	d := StructureDTO{ID: s.ID, IDFS: s.IDFS, IDFSHistory: []IDHistoryDTO{}, DepartementCode: s.Departement,
		Name: s.Name, CommuneCode: s.CommuneCode, CommuneName: s.CommuneLabel, Address: s.Address,
		AddressComplement: s.AddressComplement, Postcode: s.Postcode, Latitude: s.Latitude, Longitude: s.Longitude,
		CoordinatesSource: string(s.CoordinatesSource), Phone: s.Phone, Email: s.Email, Website: s.Website,
		Format: string(s.Format), ParentID: s.ParentID, GroupID: s.GroupID,
		Carrier:     CarrierDTO{Type: string(s.Carrier.Type), Name: s.Carrier.Name, SIRET: s.Carrier.SIRET},
		LabelStatus: s.LabelStatus, Timezone: s.Timezone, HolidayCalendar: s.HolidayCalendar,
		AccessibilityNotes: s.AccessibilityNotes, HoursRaw: s.HoursRaw, Comment: s.Comment,
		QualityFlags: flagsOf(s), CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, Version: s.Version}
	if s.LabelDate != nil {
		date := s.LabelDate.Format("2006-01-02")
		d.LabelDate = &date
	}
	for _, h := range history {
		d.IDFSHistory = append(d.IDFSHistory, IDHistoryDTO(h))
	}
	return d
}

func structureSummary(s structure.Structure) StructureSummary {
	return StructureSummary{ID: s.ID, IDFS: s.IDFS, Name: s.Name, DepartementCode: s.Departement,
		CommuneCode: s.CommuneCode, CommuneName: s.CommuneLabel, Format: string(s.Format), LabelStatus: s.LabelStatus,
		CarrierType: string(s.Carrier.Type), Phone: s.Phone, Email: s.Email, Latitude: s.Latitude,
		Longitude: s.Longitude, QualityFlags: flagsOf(s)}
}
