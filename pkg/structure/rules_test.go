package structure

import (
	"slices"
	"testing"

	"maillage/pkg/anct"
)

func TestValidSIRET(t *testing.T) {
	cases := map[string]bool{
		"21700550300016": true,  // SIREN of the commune of Vesoul, Luhn-valid NIC
		"21700550300017": false, // one digit off
		"35600000040007": true,  // a La Poste establishment: digits sum to 25, though not Luhn-valid
		"35600000040000": false, // La Poste SIREN, digits sum to 18
		"2170055030001":  false, // 13 digits
		"2170055030001A": false,
		"":               false,
	}
	for siret, want := range cases {
		if got := ValidSIRET(siret); got != want {
			t.Errorf("ValidSIRET(%q) = %v, want %v", siret, got, want)
		}
	}
	if luhn("35600000040007") {
		t.Fatal("the La Poste example must not pass Luhn, or the case proves nothing")
	}
}

func TestQuality(t *testing.T) {
	temp, commune := "temp_75", "70550"
	clean := Structure{CoordinatesSource: CoordsData, CommuneCode: &commune, Phone: "03 84 00 00 00",
		HoursRaw: map[string]string{"h_lundi": "09:00 - 12:00", "h_mardi": "-"}}
	if flags := Quality(clean); len(flags) != 0 {
		t.Errorf("clean structure flagged %v", flags)
	}
	messy := Structure{IDFS: &temp, CoordinatesSource: CoordsCommune,
		HoursRaw: map[string]string{"h_lundi": "le matin"}}
	want := []QualityFlag{FlagMissingCoordinates, FlagUnknownCommune, FlagTemporaryID, FlagEmptyContact, FlagUnparsedHours}
	if got := Quality(messy); !slices.Equal(got, want) {
		t.Errorf("Quality = %v, want %v", got, want)
	}
}

// readableDay must agree with anct.ParseDay on every cell: its fast path only recognises a subset.
func TestReadableDayAgreesWithParseDay(t *testing.T) {
	cells := []string{"", "-", "fermé", " ", "09:00 - 12:00", "09:00 - 12:00 / 14:00 - 17:30",
		"08:30 - 12:00 / 13:30 - 17:00 / 18:00 - 20:00", "09:00 - 09:00", "12:00 - 09:00", "24:00 - 24:30",
		"09:00 - 24:00", "09:60 - 12:00", "9h - 12h", "09:00-12:00", "09:00 - 12:00 /", "09:00 - 12:00 / ",
		"09:00 - 12:00 / 14:00 - 12:00", "09:00 - 12:00 / 11:00 - 16:00", "09:00 - 12:00 // 14:00 - 17:00",
		"09:00 - 12:00 / sur rendez-vous", "sur rendez-vous", "0a:00 - 12:00", "09:00 – 12:00", "09:00 à 12:00",
		" 09:00 - 12:00", "09:00 - 12:00 ", "09:00 - 12:00 - 14:00", "25:00 - 26:00"}
	for _, c := range cells {
		_, want := anct.ParseDay(c)
		if got := readableDay(c); got != want {
			t.Errorf("readableDay(%q) = %v, ParseDay says %v", c, got, want)
		}
	}
}
