package structure

import (
	"encoding/json"
	"time"
)

// row is the database form of a structure.
type row struct {
	ID                 string
	IDFS               *string `gorm:"column:id_fs"`
	DepartementCode    string
	Name               string
	CommuneCode        *string
	CommuneLabel       string
	Address            string
	AddressComplement  string
	Postcode           string
	Latitude           *float64
	Longitude          *float64
	CoordinatesSource  string
	Phone              string
	Email              string
	Website            string
	Format             string
	ParentID           *string
	GroupID            *string
	CarrierType        string
	CarrierName        string
	CarrierSiret       string
	LabelStatus        string
	LabelDate          *time.Time
	Timezone           string
	HolidayCalendar    string
	AccessibilityNotes string
	HoursRaw           string
	Comment            string
	CreatedAt          time.Time
	UpdatedAt          time.Time
	Version            int
	SortKey            string
}

func toStructures(rows []row) ([]Structure, error) {
	out := make([]Structure, len(rows))
	for i, r := range rows {
		st, err := r.structure()
		if err != nil {
			return nil, err
		}
		out[i] = st
	}
	return out, nil
}

func (r row) structure() (Structure, error) {
	hours := map[string]string{}
	if r.HoursRaw != "" {
		if err := json.Unmarshal([]byte(r.HoursRaw), &hours); err != nil {
			return Structure{}, errBadHours
		}
	}
	return Structure{
		ID: r.ID, IDFS: r.IDFS, Departement: r.DepartementCode, Name: r.Name, CommuneCode: r.CommuneCode,
		CommuneLabel: r.CommuneLabel, Address: r.Address, AddressComplement: r.AddressComplement,
		Postcode: r.Postcode, Latitude: r.Latitude, Longitude: r.Longitude,
		CoordinatesSource: CoordinatesSource(r.CoordinatesSource), Phone: r.Phone, Email: r.Email,
		Website: r.Website, Format: Format(r.Format), ParentID: r.ParentID, GroupID: r.GroupID,
		Carrier:     Carrier{Type: CarrierType(r.CarrierType), Name: r.CarrierName, SIRET: r.CarrierSiret},
		LabelStatus: r.LabelStatus, LabelDate: r.LabelDate, Timezone: r.Timezone,
		HolidayCalendar: r.HolidayCalendar, AccessibilityNotes: r.AccessibilityNotes, HoursRaw: hours,
		Comment: r.Comment, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version,
	}, nil
}

func fromStructure(s Structure) row {
	hours := s.HoursRaw
	if hours == nil {
		hours = map[string]string{}
	}
	raw, _ := json.Marshal(hours) // a map of strings always marshals
	source := s.CoordinatesSource
	if source == "" {
		source = CoordsNone
	}
	return row{
		ID: s.ID, IDFS: s.IDFS, DepartementCode: s.Departement, Name: s.Name, CommuneCode: s.CommuneCode,
		CommuneLabel: s.CommuneLabel, Address: s.Address, AddressComplement: s.AddressComplement,
		Postcode: s.Postcode, Latitude: s.Latitude, Longitude: s.Longitude, CoordinatesSource: string(source),
		Phone: s.Phone, Email: s.Email, Website: s.Website, Format: string(s.Format), ParentID: s.ParentID,
		GroupID: s.GroupID, CarrierType: string(s.Carrier.Type), CarrierName: s.Carrier.Name,
		CarrierSiret: s.Carrier.SIRET, LabelStatus: s.LabelStatus, LabelDate: s.LabelDate, Timezone: s.Timezone,
		HolidayCalendar: s.HolidayCalendar, AccessibilityNotes: s.AccessibilityNotes, HoursRaw: string(raw),
		Comment: s.Comment,
	}
}
