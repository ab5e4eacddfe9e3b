package structure

import (
	"strings"

	"maillage/pkg/anct"
)

// laPosteSIREN is La Poste's SIREN: its establishments' SIRETs do not follow the Luhn rule; INSEE gives them
// numbers whose digits sum to a multiple of 5 instead.
const laPosteSIREN = "356000000"

// ValidSIRET checks a SIRET (14 digits): the Luhn checksum, or La Poste's own rule.
func ValidSIRET(s string) bool {
	if len(s) != 14 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	if strings.HasPrefix(s, laPosteSIREN) {
		sum := 0
		for _, c := range s {
			sum += int(c - '0')
		}
		return sum%5 == 0
	}
	return luhn(s)
}

func luhn(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// QualityFlag names a data-quality problem of a structure.
type QualityFlag string

const (
	FlagMissingCoordinates QualityFlag = "missing_coordinates" // no position, or only the commune centre
	FlagUnknownCommune     QualityFlag = "unknown_commune"
	FlagTemporaryID        QualityFlag = "temporary_id"
	FlagEmptyContact       QualityFlag = "empty_contact" // neither phone nor e-mail
	FlagUnparsedHours      QualityFlag = "unparsed_hours"
)

// QualityFlags lists every flag in display order.
var QualityFlags = []QualityFlag{FlagMissingCoordinates, FlagUnknownCommune, FlagTemporaryID, FlagEmptyContact, FlagUnparsedHours}

// QualityLabels are the French labels of the flags.
var QualityLabels = map[QualityFlag]string{
	FlagMissingCoordinates: "Coordonnées manquantes ou approximatives (centre de la commune)",
	FlagUnknownCommune:     "Commune non identifiée",
	FlagTemporaryID:        "Identifiant ANCT provisoire",
	FlagEmptyContact:       "Ni téléphone ni e-mail",
	FlagUnparsedHours:      "Horaires illisibles, à ressaisir",
}

// Quality computes the data-quality flags of a structure.
func Quality(s Structure) []QualityFlag {
	var flags []QualityFlag
	if s.CoordinatesSource != CoordsData && s.CoordinatesSource != CoordsManual {
		flags = append(flags, FlagMissingCoordinates)
	}
	if s.CommuneCode == nil {
		flags = append(flags, FlagUnknownCommune)
	}
	if s.IDFS != nil && strings.HasPrefix(*s.IDFS, "temp_") {
		flags = append(flags, FlagTemporaryID)
	}
	if strings.TrimSpace(s.Phone) == "" && strings.TrimSpace(s.Email) == "" {
		flags = append(flags, FlagEmptyContact)
	}
	for _, cell := range s.HoursRaw {
		if !readableDay(cell) {
			flags = append(flags, FlagUnparsedHours)
			break
		}
	}
	return flags
}

// readableDay tells whether anct.ParseDay reads the cell. The quality flags are computed for every item of every
// list page, so the canonical form the registry stores ("HH:MM - HH:MM / HH:MM - HH:MM", or empty) is recognised
// here without regular expressions; any other spelling is left to ParseDay.
func readableDay(cell string) bool {
	if cell == "" {
		return true
	}
	for rest := cell; ; {
		const rangeLen = len("09:00 - 12:00")
		if len(rest) < rangeLen {
			break
		}
		start, ok1 := clockMinutes(rest[0:5])
		end, ok2 := clockMinutes(rest[8:13])
		if !ok1 || !ok2 || rest[5:8] != " - " || end <= start {
			break
		}
		if len(rest) == rangeLen {
			return true
		}
		if len(rest) < rangeLen+3 || rest[rangeLen:rangeLen+3] != " / " {
			break
		}
		rest = rest[rangeLen+3:]
	}
	_, ok := anct.ParseDay(cell)
	return ok
}

// clockMinutes reads a strict "HH:MM" (00:00–24:00).
func clockMinutes(s string) (int, bool) {
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if s[2] != ':' || h > 24 || m > 59 || h == 24 && m > 0 {
		return 0, false
	}
	return h*60 + m, true
}
