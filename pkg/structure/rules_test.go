package structure

import (
	"slices"
	"testing"
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
