package structure_test

import (
	"context"
	"reflect"
	"testing"

	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
	"maillage/pkg/testkit"
)

// GetWithHistory reads in one statement what Get and History read in two, to the same values (the ANCT number
// history included, closed numbers with their end), and keeps the territorial scoping of Get.
func TestGetWithHistoryMatchesGetAndHistory(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	s := &structure.Store{DB: gdb}
	first, second := "12345", "67890"
	lat, lon := 47.62, 6.15
	st, err := s.Insert(ctx, structure.Structure{IDFS: &first, Departement: "70", Name: "France services de Vesoul",
		Format: structure.FormatSite, Latitude: &lat, Longitude: &lon, CoordinatesSource: structure.CoordsData,
		Phone: "03 84 00 00 00", Carrier: structure.Carrier{Type: "commune", Name: "Vesoul"}, LabelStatus: "projet", Timezone: "Europe/Paris", HolidayCalendar: "metropole",
		HoursRaw: map[string]string{"lundi": "09:00 - 12:00 / 14:00 - 17:00"}})
	if err != nil {
		t.Fatal(err)
	}
	st.IDFS = &second
	if st, err = s.Update(ctx, st, st.Version); err != nil {
		t.Fatal(err)
	}
	got, gotHistory, err := s.GetWithHistory(ctx, auth.System, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := s.Get(ctx, auth.System, st.ID)
	wantHistory, _ := s.History(ctx, st.ID)
	if len(wantHistory) != 2 || wantHistory[0].To == nil || wantHistory[1].To != nil {
		t.Fatalf("history %+v: two numbers, the first closed, expected", wantHistory)
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotHistory, wantHistory) {
		t.Fatalf("one statement:\n%+v\n%+v\ntwo statements:\n%+v\n%+v", got, gotHistory, want, wantHistory)
	}
	outside := auth.Actor{Kind: auth.ActorUser, ID: "p", Role: auth.RolePrefecture, Departements: []string{"57"}}
	if _, _, err := s.GetWithHistory(ctx, outside, st.ID); err != structure.ErrNotFound {
		t.Fatalf("outside the territory: %v", err)
	}
	if _, _, err := s.GetWithHistory(ctx, auth.System, "not-a-uuid"); err != structure.ErrNotFound {
		t.Fatalf("malformed id: %v", err)
	}
}

// Page counts the whole selection in the list's own statement: the same total on every page, inside the actor's
// territory and the filter, also for an empty page.
func TestPageCountsTheWholeSelection(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	s := &structure.Store{DB: gdb}
	for _, name := range []string{"Gray", "Lure", "Vesoul"} {
		if _, err := s.Insert(ctx, structure.Structure{Departement: "70", Name: "France services de " + name,
			Format: structure.FormatSite, Carrier: structure.Carrier{Type: "commune", Name: name}, LabelStatus: "projet",
			Timezone: "Europe/Paris", HolidayCalendar: "metropole"}); err != nil {
			t.Fatal(err)
		}
	}
	prefecture := auth.Actor{Kind: auth.ActorUser, ID: "p", Role: auth.RolePrefecture, Departements: []string{"70"}}
	first, next, total, err := s.Page(ctx, prefecture, structure.Filter{Departement: "70"}, "", 2)
	if err != nil || len(first) != 2 || next == "" || total != 3 {
		t.Fatalf("first page: %d items, next %q, total %d, %v", len(first), next, total, err)
	}
	second, end, total, err := s.Page(ctx, prefecture, structure.Filter{Departement: "70"}, next, 2)
	if err != nil || len(second) != 1 || end != "" || total != 3 || second[0].Name != "France services de Vesoul" {
		t.Fatalf("second page: %+v, next %q, total %d, %v", second, end, total, err)
	}
	if list, _, total, err := s.Page(ctx, prefecture, structure.Filter{Text: "gray"}, "", 2); err != nil || len(list) != 1 || total != 1 {
		t.Fatalf("filtered: %d items, total %d, %v", len(list), total, err)
	}
	outside := auth.Actor{Kind: auth.ActorUser, ID: "q", Role: auth.RolePrefecture, Departements: []string{"57"}}
	if list, _, total, err := s.Page(ctx, outside, structure.Filter{}, "", 2); err != nil || len(list) != 0 || total != 0 {
		t.Fatalf("outside the territory: %d items, total %d, %v", len(list), total, err)
	}
	past := db.EncodeCursor("zzz", "ffffffff-ffff-ffff-ffff-ffffffffffff") // after every name
	if list, _, total, err := s.Page(ctx, prefecture, structure.Filter{}, past, 2); err != nil || len(list) != 0 || total != 3 {
		t.Fatalf("past the end: %d items, total %d, %v", len(list), total, err)
	}
}
