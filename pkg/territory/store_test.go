package territory_test

import (
	"context"
	"strings"
	"testing"

	"maillage/pkg/territory"
	"maillage/pkg/testkit"
)

func TestReferenceDataIsLoaded(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	s := &territory.Store{DB: gdb}
	ctx := context.Background()

	deps, err := s.Departements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(deps) != 109 {
		t.Fatalf("départements: got %d, want 109", len(deps))
	}
	moselle, err := s.Departement(ctx, "57")
	if err != nil {
		t.Fatal(err)
	}
	if moselle.Name != "Moselle" || moselle.HolidayCalendar != "FR-ALSACE-MOSELLE" || moselle.RegionName != "Grand Est" {
		t.Fatalf("Moselle: %+v", moselle)
	}
	reunion, err := s.Departement(ctx, "974")
	if err != nil {
		t.Fatal(err)
	}
	if reunion.Timezone != "Indian/Reunion" || reunion.HolidayCalendar != "FR-974" {
		t.Fatalf("La Réunion: %+v", reunion)
	}
	var communes, cantons int64
	gdb.Raw(`SELECT count(*) FROM communes`).Scan(&communes)
	gdb.Raw(`SELECT count(*) FROM cantons`).Scan(&cantons)
	if outline, err := s.Outline(ctx, "70"); err != nil || len(outline) < 1000 || !strings.Contains(string(outline), `"Polygon"`) {
		t.Errorf("outline of 70: %v %.80s", err, outline)
	}
	if communes != 34969 || cantons != 2054 {
		t.Fatalf("communes %d (want 34969), cantons %d (want 2054)", communes, cantons)
	}
}

func TestSearchCommunes(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	s := &territory.Store{DB: gdb}
	ctx := context.Background()
	cases := []struct {
		name  string
		query territory.CommuneQuery
		first string // INSEE code expected first
	}{
		{"name without accents finds accented name", territory.CommuneQuery{Text: "vesoul", Limit: 5}, "70550"},
		{"accent-insensitive prefix", territory.CommuneQuery{Text: "Sarrebourg", Limit: 5}, "57630"},
		{"postcode", territory.CommuneQuery{Text: "70000", Limit: 5}, "70550"},
		{"INSEE code", territory.CommuneQuery{Text: "60057", Limit: 5}, "60057"},
		{"within a département", territory.CommuneQuery{Text: "saint", Departement: "70", Limit: 50}, ""},
	}
	for _, tc := range cases {
		got, err := s.SearchCommunes(ctx, tc.query)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(got) == 0 {
			t.Fatalf("%s: no result", tc.name)
		}
		if tc.first != "" && got[0].CodeINSEE != tc.first {
			t.Errorf("%s: first = %s %s, want %s", tc.name, got[0].CodeINSEE, got[0].Name, tc.first)
		}
		if tc.query.Departement != "" {
			for _, c := range got {
				if c.DepartementCode != tc.query.Departement {
					t.Errorf("%s: %s is in %s", tc.name, c.Name, c.DepartementCode)
				}
			}
		}
	}
	vesoul, _ := s.Commune(ctx, "70550")
	if len(vesoul.Postcodes) != 1 || vesoul.Postcodes[0] != "70000" || vesoul.Latitude == nil {
		t.Errorf("Vesoul: %+v", vesoul)
	}
	if _, err := s.SearchCommunes(ctx, territory.CommuneQuery{Limit: 5}); err == nil {
		t.Error("an empty search must be refused")
	}
}
