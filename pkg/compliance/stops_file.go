package compliance

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"maillage/pkg/apperr"
)

// The published stops of a France services bus: a JSON array of objects in the data·inclusion style (nom,
// commune, code_insee, code_postal, adresse, latitude, longitude, horaires as OSM opening_hours, ouverture as a
// week mention, …). Numbers and strings are accepted alike for codes and coordinates (spreadsheet exports turn
// "16317" into 16317); the other fields of the file are ignored.

// MaxStopRows bounds a stops file.
const MaxStopRows = 500

// stopEntry is one object of the file.
type stopEntry struct {
	Index                 int // position in the array, from 0
	Name, Commune, Code   string
	Address, Hours, Weeks string
	Latitude, Longitude   *float64
	BadCoordinates        bool // given but unreadable or out of range
}

func invalidFile(msg string) error {
	return apperr.Invalid("stops.invalid_file", "file", msg)
}

// parseStopsFile reads the array of stops.
func parseStopsFile(data []byte) ([]stopEntry, error) {
	var raw []map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil || dec.More() {
		return nil, invalidFile("Le fichier doit être un tableau JSON d’arrêts, tel que publié (nom, commune, code_insee, horaires…).")
	}
	if len(raw) == 0 {
		return nil, invalidFile("Le fichier ne contient aucun arrêt.")
	}
	if len(raw) > MaxStopRows {
		return nil, invalidFile("Le fichier contient plus de " + strconv.Itoa(MaxStopRows) + " arrêts.")
	}
	out := make([]stopEntry, len(raw))
	for i, m := range raw {
		e := stopEntry{Index: i, Name: text(m["nom"]), Commune: text(m["commune"]), Code: inseeCode(text(m["code_insee"])),
			Address: text(m["adresse"]), Hours: text(m["horaires"]), Weeks: text(m["ouverture"])}
		lat, latOK := number(m["latitude"])
		lon, lonOK := number(m["longitude"])
		switch {
		case latOK && lonOK && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180:
			e.Latitude, e.Longitude = &lat, &lon
		case text(m["latitude"]) != "" || text(m["longitude"]) != "":
			e.BadCoordinates = true
		}
		out[i] = e
	}
	return out, nil
}

// text reads a string, a number or null as trimmed text.
func text(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	}
	return ""
}

func number(raw json.RawMessage) (float64, bool) {
	s := strings.Replace(text(raw), ",", ".", 1)
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// inseeCode restores the leading zero a number lost ("1001" → "01001"); Corsican codes (2A…) stay as they are.
func inseeCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" || len(s) >= 5 {
		return s
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return s
		}
	}
	return strings.Repeat("0", 5-len(s)) + s
}

// nameKey compares names regardless of case, accents, hyphens, apostrophes and spacing.
func nameKey(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		out = strings.ToLower(s)
	}
	out = strings.NewReplacer("-", " ", "'", " ", "’", " ").Replace(out)
	return strings.Join(strings.Fields(out), " ")
}
