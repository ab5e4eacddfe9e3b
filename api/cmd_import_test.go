package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"maillage/pkg/testkit"
)

// `maillage import stops`: a dry run by default, then --apply, then nothing left to do (t.Setenv: not parallel).
func TestImportStopsCommand(t *testing.T) {
	gdb, url := testkit.DB(t)
	t.Setenv("DATABASE_URL", url)
	t.Setenv("APP_ENV", "dev")
	t.Setenv("JWT_SECRET", "cli-test-secret-cli-test-secret-0123456")
	var bus string
	if err := gdb.Raw(`INSERT INTO structures (departement_code, name, commune_code, format, timezone, holiday_calendar)
		VALUES ('16', 'France services itinérante du Ruffécois', '16292', 'itinerant', 'Europe/Paris', 'FR')
		RETURNING id`).Scan(&bus).Error; err != nil {
		t.Fatal(err)
	}
	maillage := func(args ...string) string {
		var out bytes.Buffer
		if err := run(context.Background(), args, strings.NewReader(""), &out); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
		return out.String()
	}
	file := "../pkg/compliance/testdata/bus-france-services-charente.json"
	count := func() (n int) {
		gdb.Raw(`SELECT count(*) FROM structure_stops WHERE structure_id = ?`, bus).Scan(&n)
		return n
	}
	if out := maillage("import", "stops", "--structure", bus, file); !strings.Contains(out, "simulation") ||
		!strings.Contains(out, "créés 12, modifiés 0, inchangés 0, rejetés 0") || count() != 0 {
		t.Fatalf("dry run:\n%s", out)
	}
	if out := maillage("import", "stops", file, "--structure", bus, "--apply"); !strings.Contains(out, "appliqué") ||
		!strings.Contains(out, "créés 12") || count() != 12 {
		t.Fatalf("apply:\n%s", out)
	}
	if out := maillage("import", "stops", "--structure", bus, "--apply", file); !strings.Contains(out, "inchangés 12") {
		t.Fatalf("second apply:\n%s", out)
	}
	if err := run(context.Background(), []string{"import", "stops", file}, strings.NewReader(""), &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "--structure") {
		t.Fatalf("without --structure: %v", err)
	}
}
