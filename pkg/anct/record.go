package anct

import (
	"fmt"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Record is a row interpreted: typed values where the cell made sense, the problems where it did not. Raw cells
// stay in Row.
type Record struct {
	Row         Row
	IDFS        string // ANCT number, or a temporary id "temp_N"
	Temporary   bool   // IDFS is a temp_N id
	Departement string
	Name        string
	Address     string
	Complement  string
	CommuneCode string
	Postcode    string
	CommuneName string
	Latitude    *float64
	Longitude   *float64
	Email       string
	Phone       string // normalised "03 84 77 70 12" when it is a French number, else as typed
	Hours       [6]string
	Comment     string
	Itinerant   bool
	Antenna     bool
	Group       string
	LabelDate   *time.Time
	Problems    []Problem
}

var (
	idfsPattern     = regexp.MustCompile(`^(\d+|temp_\d+)$`)
	depPattern      = regexp.MustCompile(`^(\d{2}|2A|2B|97\d)$`)
	inseePattern    = regexp.MustCompile(`^(\d{5}|2A\d{3}|2B\d{3})$`)
	postcodePattern = regexp.MustCompile(`^\d{5}$`)
	labelPattern    = regexp.MustCompile(`(\d{2})/(\d{2})/(\d{4})`)
)

// Interpret types the cells of a row.
func Interpret(row Row) Record {
	r := Record{Row: row}
	bad := func(col, msg string) {
		r.Problems = append(r.Problems, Problem{Line: row.Line, Column: col, Message: msg})
	}
	if _, broken := row.Cells["_raw"]; broken {
		return r
	}
	r.IDFS = strings.ToLower(row.Get("id_fs"))
	switch {
	case r.IDFS == "":
		bad("id_fs", "Identifiant ANCT manquant.")
	case !idfsPattern.MatchString(r.IDFS):
		bad("id_fs", fmt.Sprintf("Identifiant ANCT %q illisible : un nombre ou temp_N attendu.", row.Get("id_fs")))
	}
	r.Temporary = strings.HasPrefix(r.IDFS, "temp_")
	r.Departement = strings.ToUpper(padDepartement(row.Get("insee_dep")))
	if !depPattern.MatchString(r.Departement) {
		bad("insee_dep", fmt.Sprintf("Code département %q invalide.", row.Get("insee_dep")))
	}
	r.Name = collapseSpaces(row.Get("lib_fs"))
	if r.Name == "" {
		bad("lib_fs", "Nom de la structure manquant.")
	}
	r.Address, r.Complement = collapseSpaces(row.Get("adresse")), collapseSpaces(row.Get("complement_adresse"))
	r.CommuneCode = strings.ToUpper(padCommune(row.Get("insee_com")))
	switch {
	case r.CommuneCode == "":
		r.Problems = append(r.Problems, Problem{Line: row.Line, Column: "insee_com", Warning: true,
			Message: "Code INSEE manquant : la commune est recherchée d’après le nom."})
	case !inseePattern.MatchString(r.CommuneCode):
		bad("insee_com", fmt.Sprintf("Code INSEE %q invalide.", row.Get("insee_com")))
	}
	r.Postcode = padCommune(row.Get("code_postal"))
	if r.Postcode != "" && !postcodePattern.MatchString(r.Postcode) {
		bad("code_postal", fmt.Sprintf("Code postal %q invalide.", row.Get("code_postal")))
	}
	r.CommuneName = row.Get("lib_com")
	r.Latitude, r.Longitude = coordinates(row, bad)
	r.Email = strings.ToLower(row.Get("mail"))
	if r.Email != "" {
		if _, err := mail.ParseAddress(r.Email); err != nil {
			bad("mail", fmt.Sprintf("Adresse e-mail %q invalide.", row.Get("mail")))
		}
	}
	r.Phone = NormalisePhone(row.Get("telephone"))
	for i, col := range HourColumns {
		r.Hours[i] = row.Get(col)
	}
	r.Comment = row.Get("commentaire")
	r.Itinerant = yes(row.Get("itinerance"))
	r.Antenna = strings.EqualFold(row.Get("format_fs"), "Antenne")
	r.Group = collapseSpaces(row.Get("groupe"))
	r.LabelDate = labelDate(row, bad)
	return r
}

func coordinates(row Row, bad func(col, msg string)) (*float64, *float64) {
	latRaw, lonRaw := strings.ReplaceAll(row.Get("latitude"), ",", "."), strings.ReplaceAll(row.Get("longitude"), ",", ".")
	if latRaw == "" && lonRaw == "" {
		return nil, nil
	}
	lat, errLat := strconv.ParseFloat(latRaw, 64)
	lon, errLon := strconv.ParseFloat(lonRaw, 64)
	switch {
	case errLat != nil || errLon != nil:
		bad("latitude", "Coordonnées illisibles : elles seront remplacées par le centre de la commune.")
		return nil, nil
	case lat < -90 || lat > 90 || lon < -180 || lon > 180:
		bad("latitude", "Coordonnées hors limites : elles seront remplacées par le centre de la commune.")
		return nil, nil
	}
	return &lat, &lon
}

func labelDate(row Row, bad func(col, msg string)) *time.Time {
	raw := row.Get("labellisation")
	if raw == "" {
		return nil
	}
	m := labelPattern.FindStringSubmatch(raw)
	if m == nil {
		bad("labellisation", fmt.Sprintf("Date de labellisation introuvable dans %q.", raw))
		return nil
	}
	d, err := time.Parse("02/01/2006", m[1]+"/"+m[2]+"/"+m[3])
	if err != nil {
		bad("labellisation", fmt.Sprintf("Date de labellisation %s/%s/%s invalide.", m[1], m[2], m[3]))
		return nil
	}
	return &d
}

func yes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "oui", "o", "yes", "true", "1", "x":
		return true
	}
	return false
}

// padDepartement restores the leading zero a spreadsheet strips ("1" → "01").
func padDepartement(s string) string {
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		return "0" + s
	}
	return s
}

// padCommune restores the leading zero of INSEE codes and postcodes ("1001" → "01001").
func padCommune(s string) string {
	if len(s) == 4 && strings.Trim(s, "0123456789") == "" {
		return "0" + s
	}
	return s
}

// collapseSpaces also repairs text that was UTF-8 read as Latin-1 and saved again ("LÃ©guillon" → "Léguillon"),
// which the national file contains.
func collapseSpaces(s string) string { return strings.Join(strings.Fields(RepairMojibake(s)), " ") }

// RepairMojibake undoes one round of UTF-8 bytes decoded as Windows-1252, when doing so gives valid UTF-8.
func RepairMojibake(s string) string {
	if !strings.ContainsAny(s, "ÃÂ") {
		return s
	}
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil || !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// NormalisePhone writes a French ten-digit number as "03 84 77 70 12" (also from +33 forms); anything else is
// returned trimmed, as typed.
func NormalisePhone(s string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '+' {
			return r
		}
		return -1
	}, s)
	if strings.HasPrefix(digits, "+33") {
		digits = "0" + strings.TrimPrefix(strings.TrimPrefix(digits, "+33"), "0")
	}
	if len(digits) != 10 || digits[0] != '0' {
		return strings.TrimSpace(s)
	}
	return strings.Join([]string{digits[0:2], digits[2:4], digits[4:6], digits[6:8], digits[8:10]}, " ")
}

// Line is the record's line number in the file.
func (r Record) Line() int { return r.Row.Line }

// ValidIDFS tells whether s has the form of an ANCT number or temporary id.
func ValidIDFS(s string) bool { return idfsPattern.MatchString(s) }
