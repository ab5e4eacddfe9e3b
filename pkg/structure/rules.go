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
		if _, ok := anct.ParseDay(cell); !ok {
			flags = append(flags, FlagUnparsedHours)
			break
		}
	}
	return flags
}
