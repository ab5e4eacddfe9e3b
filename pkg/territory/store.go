package territory

import (
	"context"
	"regexp"
	"strings"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Store reads the reference geography.
type Store struct {
	DB *gorm.DB
}

// Regions lists every région by code.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	var out []Region
	err := db.Conn(ctx, s.DB).Raw(`SELECT code, name FROM regions ORDER BY code`).Scan(&out).Error
	return out, err
}

const departementColumns = `d.code, d.name, d.region_code, r.name AS region_name, d.chef_lieu, d.timezone, d.holiday_calendar`

// Departements lists every département by code.
func (s *Store) Departements(ctx context.Context) ([]Departement, error) {
	var out []Departement
	err := db.Conn(ctx, s.DB).Raw(`SELECT ` + departementColumns + `
		FROM departements d JOIN regions r ON r.code = d.region_code ORDER BY d.code`).Scan(&out).Error
	return out, err
}

// Departement returns one département.
func (s *Store) Departement(ctx context.Context, code string) (Departement, error) {
	var out []Departement
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+departementColumns+`
		FROM departements d JOIN regions r ON r.code = d.region_code WHERE d.code = ?`, code).Scan(&out).Error
	if err != nil {
		return Departement{}, err
	}
	if len(out) == 0 {
		return Departement{}, apperr.NotFound("departement.not_found", "Ce département n’existe pas.")
	}
	return out[0], nil
}

// DepartementsOfRegion lists the codes of a région's départements.
func (s *Store) DepartementsOfRegion(ctx context.Context, region string) ([]string, error) {
	codes := []string{}
	err := db.Conn(ctx, s.DB).Raw(`SELECT code FROM departements WHERE region_code = ? ORDER BY code`, region).
		Scan(&codes).Error
	return codes, err
}

// MissingDepartements returns those of codes that are not départements.
func (s *Store) MissingDepartements(ctx context.Context, codes []string) ([]string, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	var found []string
	if err := db.Conn(ctx, s.DB).Raw(`SELECT code FROM departements WHERE code IN ?`, codes).Scan(&found).Error; err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, c := range found {
		known[c] = true
	}
	var missing []string
	for _, c := range codes {
		if !known[c] {
			missing = append(missing, c)
		}
	}
	return missing, nil
}

// RegionExists tells whether code is a région.
func (s *Store) RegionExists(ctx context.Context, code string) (bool, error) {
	var n int64
	err := db.Conn(ctx, s.DB).Raw(`SELECT count(*) FROM regions WHERE code = ?`, code).Scan(&n).Error
	return n > 0, err
}

// CommuneQuery searches communes.
type CommuneQuery struct {
	Text        string // name (accent- and case-insensitive), postcode prefix or INSEE code
	Departement string
	Limit       int
}

var digitsOnly = regexp.MustCompile(`^[0-9][0-9AB][0-9]{0,3}$`)

// SearchCommunes finds communes by name, postcode or INSEE code; exact and prefix matches first, then the most
// populated, which is what a person typing a commune name expects.
func (s *Store) SearchCommunes(ctx context.Context, q CommuneQuery) ([]Commune, error) {
	text := strings.TrimSpace(q.Text)
	if text == "" && q.Departement == "" {
		return nil, apperr.Invalid("validation_failed", "q", "Saisissez un nom, un code postal ou un code INSEE.")
	}
	conn := db.Conn(ctx, s.DB).Table("communes").
		Select("code_insee, name, departement_code, region_code, population, latitude, longitude, postcodes")
	if q.Departement != "" {
		conn = conn.Where("departement_code = ?", q.Departement)
	}
	if text != "" {
		if digitsOnly.MatchString(strings.ToUpper(text)) {
			code := strings.ToUpper(text)
			conn = conn.Where("code_insee LIKE ? OR EXISTS (SELECT 1 FROM unnest(postcodes) p WHERE p LIKE ?)", code+"%", code+"%")
		} else {
			pattern := "%" + escapeLike(strings.ToLower(text)) + "%"
			conn = conn.Where("lower(f_unaccent(name)) LIKE lower(f_unaccent(?))", pattern).
				Order(gorm.Expr("(lower(f_unaccent(name)) = lower(f_unaccent(?))) DESC", strings.ToLower(text))).
				Order(gorm.Expr("(lower(f_unaccent(name)) LIKE lower(f_unaccent(?))) DESC", escapeLike(strings.ToLower(text))+"%"))
		}
	}
	var rows []communeRow
	err := conn.Order("population DESC, code_insee").Limit(q.Limit).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Commune, len(rows))
	for i, r := range rows {
		out[i] = r.commune()
	}
	return out, nil
}

// Commune returns one commune by INSEE code.
func (s *Store) Commune(ctx context.Context, code string) (Commune, error) {
	var rows []communeRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT code_insee, name, departement_code, region_code, population, latitude,
		longitude, postcodes FROM communes WHERE code_insee = ?`, code).Scan(&rows).Error
	if err != nil {
		return Commune{}, err
	}
	if len(rows) == 0 {
		return Commune{}, apperr.NotFound("commune.not_found", "Cette commune n’existe pas dans le référentiel.")
	}
	return rows[0].commune(), nil
}

type communeRow struct {
	CodeINSEE       string `gorm:"column:code_insee"`
	Name            string
	DepartementCode string
	RegionCode      string
	Population      int
	Latitude        *float64
	Longitude       *float64
	Postcodes       db.TextArray
}

func (r communeRow) commune() Commune {
	return Commune{CodeINSEE: r.CodeINSEE, Name: r.Name, DepartementCode: r.DepartementCode,
		RegionCode: r.RegionCode, Population: r.Population, Latitude: r.Latitude, Longitude: r.Longitude,
		Postcodes: []string(r.Postcodes)}
}

func escapeLike(s string) string { return db.EscapeLike(s) }

// CommunesOf returns every commune of the départements (for bulk matching, e.g. an import).
func (s *Store) CommunesOf(ctx context.Context, deps []string) ([]Commune, error) {
	var rows []communeRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT code_insee, name, departement_code, region_code, population, latitude,
		longitude, postcodes FROM communes WHERE departement_code IN ?`, deps).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Commune, len(rows))
	for i, r := range rows {
		out[i] = r.commune()
	}
	return out, nil
}

// Outline returns the GeoJSON geometry of a département's outline (nil for the overseas ones, not in the data).
func (s *Store) Outline(ctx context.Context, code string) ([]byte, error) {
	var rows []struct{ Outline *string }
	if err := db.Conn(ctx, s.DB).Raw(`SELECT outline::text AS outline FROM departements WHERE code = ?`, code).
		Scan(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, apperr.NotFound("departement.not_found", "Ce département n’existe pas.")
	}
	if rows[0].Outline == nil {
		return nil, nil
	}
	return []byte(*rows[0].Outline), nil
}
