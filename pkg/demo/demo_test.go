package demo_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"maillage/pkg/demo"
	"maillage/pkg/testkit"
)

func TestSeedIsIdempotent(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	count := func(table string) (n int64) {
		gdb.Raw(`SELECT count(*) FROM ` + table).Scan(&n)
		return n
	}
	var first bytes.Buffer
	if err := demo.Seed(ctx, gdb, time.Now, &first); err != nil {
		t.Fatal(err)
	}
	users, entries, structures := count("users"), count("audit_log"), count("structures")
	var visitEntries int64
	gdb.Raw(`SELECT count(*) FROM audit_log WHERE object_type IN ('checklist_template', 'visit', 'finding', 'action')`).
		Scan(&visitEntries)
	// The three départements of the national extract: 34 + 47 + 24 structures, each imported with its audit entry;
	// then the visits of Haute-Saône, each written with its own entries.
	if users != int64(len(demo.Emails())) || structures != 105 || entries != users+structures+visitEntries {
		t.Fatalf("first run: %d users, %d structures, %d audit entries\n%s", users, structures, entries, &first)
	}
	if visits := count("visits"); visits < 8 || count("checklist_templates") != 2 || visitEntries < visits+4 {
		t.Fatalf("first run: %d visits, %d audit entries about visits\n%s", visits, visitEntries, &first)
	}
	var second bytes.Buffer
	if err := demo.Seed(ctx, gdb, time.Now, &second); err != nil {
		t.Fatal(err)
	}
	if count("users") != users || count("audit_log") != entries || count("structures") != structures {
		t.Fatal("second run changed the database")
	}
	if strings.Contains(second.String(), "  créé") || strings.Count(second.String(), "existant") != int(users)+3 || // + 2 checklists + the visits
		!strings.Contains(second.String(), "0 nouvelles, 0 modifiées, 105 inchangées, 0 rejetées") {
		t.Fatalf("second run report:\n%s", &second)
	}
	var linked []string
	gdb.Raw(`SELECT s.name FROM user_structures us JOIN users u ON u.id = us.user_id JOIN structures s ON s.id = us.structure_id
		WHERE u.email = 'structure.70@maillage.test'`).Scan(&linked)
	if len(linked) != 1 || linked[0] != "France services de Vesoul" {
		t.Fatalf("structure account linked to %v, want France services de Vesoul", linked)
	}
}
