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

// The demo's Haute-Saône has a referent for each of the thirteen operators of the socle, local partners, and
// permanences with their hours, among them the CAF's monthly video permanence at Vesoul; a second run adds nothing.
func TestDemoPartners(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	for range 2 {
		var out bytes.Buffer
		if err := demo.Seed(ctx, gdb, time.Now, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "partenaires : ") {
			t.Fatalf("no partner line in the report:\n%s", &out)
		}
	}
	count := func(q string) (n int) {
		gdb.Raw(q).Scan(&n)
		return n
	}
	if n := count(`SELECT count(DISTINCT operator_code) FROM referents WHERE departement_code = '70'`); n != 13 {
		t.Errorf("%d operators with a referent, want 13", n)
	}
	if n := count(`SELECT count(*) FROM local_partners WHERE departement_code = '70'`); n != 4 {
		t.Errorf("%d local partners, want 4", n)
	}
	if n := count(`SELECT count(*) FROM permanences p JOIN schedules s ON s.owner_kind = 'permanence' AND s.owner_id = p.id`); n != 5 {
		t.Errorf("%d permanences with their hours, want 5", n)
	}
	if n := count(`SELECT count(*) FROM permanences p JOIN structures s ON s.id = p.structure_id JOIN schedules sc ON sc.owner_id = p.id
		JOIN schedule_slots sl ON sl.schedule_id = sc.id WHERE s.name = 'France services de Vesoul' AND p.operator_code = 'cnaf'
		AND p.modality = 'visio' AND sl.week_rule = 'every_n' AND sl.week_interval = 4`); n != 1 {
		t.Errorf("the CAF's monthly video permanence at Vesoul: %d", n)
	}
	if n := count(`SELECT count(*) FROM users WHERE email = 'partenaire.caf.70@maillage.test' AND lower(partner_org) = 'cnaf'`); n != 1 {
		t.Error("the demo partner account does not belong to the CAF (operator cnaf)")
	}
}
