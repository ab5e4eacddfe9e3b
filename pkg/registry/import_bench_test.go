package registry_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"testing"

	"maillage/pkg/anct"
	"maillage/pkg/registry"
)

// nationalFile builds an ANCT file the size of the national list from real communes spread over every
// département, with some of the real file's oddities (compact hours, missing coordinates, antennas).
func nationalFile(t testing.TB, s *registry.Service, rows int) []byte {
	t.Helper()
	var communes []struct {
		Code, Name, Dep string
		Lat, Lon        *float64
	}
	if err := s.DB.Raw(`SELECT code_insee AS code, name, departement_code AS dep, latitude AS lat, longitude AS lon
		FROM communes WHERE length(departement_code) = 2 OR departement_code IN ('971','972','973','974','976')
		ORDER BY md5(code_insee) LIMIT ?`, rows).Scan(&communes).Error; err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString("\xef\xbb\xbf")
	w := csv.NewWriter(&buf)
	_ = w.Write(anct.Columns)
	for i, c := range communes {
		lat, lon := "", ""
		if c.Lat != nil && i%9 != 0 {
			lat, lon = fmt.Sprint(*c.Lat), fmt.Sprint(*c.Lon)
		}
		hours := "09:00 - 12:00 / 14:00 - 17:00"
		if i%7 == 0 {
			hours = "09:00-12:00/14:00-17:00"
		}
		format := "Site principal"
		if i%6 == 0 {
			format = "Antenne"
		}
		_ = w.Write([]string{fmt.Sprint(10000 + i), c.Dep, "France services " + c.Name, fmt.Sprintf("%d rue de la Mairie", i%40+1),
			"", c.Code, "", c.Name, lat, lon, fmt.Sprintf("fs%d@example.fr", i), "03 84 00 00 00",
			hours, hours, hours, hours, "09:00 - 12:00", "", "", "Non", format, "", "Espace labellisé 01/01/2022"})
	}
	w.Flush()
	return buf.Bytes()
}

// TestNationalSizeImport checks the whole national list (2,700 rows) imports, then re-imports as unchanged,
// and logs the time of each step (the issue asks for well under 5 s).
func TestNationalSizeImport(t *testing.T) {
	if testing.Short() {
		t.Skip("national-size import skipped in -short mode")
	}
	t.Parallel()
	s := newService(t)
	data := nationalFile(t, s, 2700)
	ctx := context.Background()
	for _, step := range []struct {
		name  string
		apply bool
	}{{"dry run", false}, {"apply", true}, {"re-apply", true}} {
		rep, err := s.ImportANCT(ctx, admin, "national.csv", data, step.apply)
		if err != nil {
			t.Fatal(err)
		}
		p := rep.Plan
		t.Logf("%s: %d rows in %v (create %d, update %d, unchanged %d, rejected %d)", step.name, rep.Rows,
			rep.Duration, len(p.Creates), len(p.Updates), len(p.Unchanged), len(p.Rejected))
		if len(p.Rejected) != 0 || rep.Rows != 2700 {
			t.Fatalf("%s: %d rows, %d rejected", step.name, rep.Rows, len(p.Rejected))
		}
		if step.name == "re-apply" && len(p.Unchanged) != 2700 {
			t.Errorf("re-apply changed %d rows", 2700-len(p.Unchanged))
		}
	}
}

// BenchmarkImportNational measures the apply of a national-size file on an empty registry.
func BenchmarkImportNational(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := newService(b)
		data := nationalFile(b, s, 2700)
		b.StartTimer()
		if _, err := s.ImportANCT(ctx, admin, "national.csv", data, true); err != nil {
			b.Fatal(err)
		}
	}
}
