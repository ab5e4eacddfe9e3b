package registry_test

import (
	"context"
	"slices"
	"testing"

	"maillage/pkg/apperr"
	"maillage/pkg/registry"
)

func TestStopsKeepTheirOrder(t *testing.T) {
	t.Parallel()
	s := newService(t)
	ctx := context.Background()
	if _, err := s.ImportANCT(ctx, admin, "extrait.csv", extract(t), true); err != nil {
		t.Fatal(err)
	}
	var bus string
	s.DB.Raw(`SELECT id FROM structures WHERE id_fs = '415'`).Scan(&bus) // France services Quers, itinerant
	labels := func() []string {
		stops, err := s.Structures.Stops(ctx, bus)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for i, st := range stops {
			if st.Position != i+1 {
				t.Fatalf("positions not 1..n: %+v", stops)
			}
			out = append(out, st.Label)
		}
		return out
	}
	add := func(label string, position int) string {
		f := registry.StopFields{Label: &label, CommuneCode: ptr("70432")}
		if position > 0 {
			f.Position = &position
		}
		st, err := s.AddStop(ctx, admin, bus, f)
		if err != nil {
			t.Fatal(err)
		}
		return st.ID
	}
	a := add("A", 0)
	add("B", 0)
	add("C", 0)
	add("Avant A", 1) // inserting at a taken position shifts the others
	if got := labels(); !slices.Equal(got, []string{"Avant A", "A", "B", "C"}) {
		t.Fatalf("after inserts: %v", got)
	}
	stopA, _ := s.Structures.Stop(ctx, bus, a)
	if stopA.CommuneName != "Quers" {
		t.Errorf("commune name %q", stopA.CommuneName)
	}
	four := 4
	if _, err := s.UpdateStop(ctx, admin, bus, a, stopA.Version, registry.StopFields{Position: &four}); err != nil {
		t.Fatal(err)
	}
	if got := labels(); !slices.Equal(got, []string{"Avant A", "B", "C", "A"}) {
		t.Fatalf("after moving A last: %v", got)
	}
	if _, err := s.UpdateStop(ctx, admin, bus, a, stopA.Version, registry.StopFields{Position: &four}); !apperr.IsKind(err, apperr.KindPreconditionFailed) {
		t.Errorf("stale version: %v", err)
	}
	stopA, _ = s.Structures.Stop(ctx, bus, a)
	if err := s.DeleteStop(ctx, admin, bus, a, stopA.Version); err != nil {
		t.Fatal(err)
	}
	if got := labels(); !slices.Equal(got, []string{"Avant A", "B", "C"}) {
		t.Fatalf("after delete: %v", got)
	}
	var site string
	s.DB.Raw(`SELECT id FROM structures WHERE id_fs = '2494'`).Scan(&site)
	if _, err := s.AddStop(ctx, admin, site, registry.StopFields{Label: ptr("X")}); !apperr.IsKind(err, apperr.KindConflict) {
		t.Errorf("a stop on a fixed site: %v, want 409", err)
	}
}

func ptr[T any](v T) *T { return &v }
