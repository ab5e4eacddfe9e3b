package structure

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
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
	hours, err := decodeHours(r.HoursRaw)
	if err != nil {
		return Structure{}, err
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

// decodeHours reads hours_raw, a JSON object of strings. Every row of every list carries one, so the form
// PostgreSQL writes a jsonb in ({"k": "v", "k2": "v2"}, without escapes) is read here directly; anything else
// (an escape, other spacing) goes through encoding/json.
func decodeHours(raw string) (map[string]string, error) {
	hours := map[string]string{}
	if raw == "" || raw == "{}" {
		return hours, nil
	}
	if fastHours(raw, hours) {
		return hours, nil
	}
	clear(hours)
	if err := json.Unmarshal([]byte(raw), &hours); err != nil {
		return nil, errBadHours
	}
	return hours, nil
}

// fastHours fills hours from the canonical jsonb output, and tells whether the input was in that form.
func fastHours(raw string, hours map[string]string) bool {
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' || strings.IndexByte(raw, '\\') >= 0 {
		return false
	}
	rest := raw[1 : len(raw)-1]
	for {
		key, after, ok := quoted(rest)
		if !ok || !strings.HasPrefix(after, ": ") {
			return false
		}
		value, after, ok := quoted(after[2:])
		if !ok || !utf8.ValidString(key) || !utf8.ValidString(value) {
			return false
		}
		hours[key] = value
		if after == "" {
			return true
		}
		if !strings.HasPrefix(after, ", ") {
			return false
		}
		rest = after[2:]
	}
}

// quoted reads a JSON string without escapes at the start of s (no control characters either).
func quoted(s string) (value, rest string, ok bool) {
	if s == "" || s[0] != '"' {
		return "", "", false
	}
	end := strings.IndexByte(s[1:], '"')
	if end < 0 {
		return "", "", false
	}
	value = s[1 : 1+end]
	for i := 0; i < len(value); i++ {
		if value[i] < 0x20 {
			return "", "", false
		}
	}
	return value, s[2+end:], true
}
