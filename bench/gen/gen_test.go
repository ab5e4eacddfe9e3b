package gen

import (
	"context"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
	"maillage/pkg/testkit"
)

var today = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// small is 4 % of the national set: the same shapes, fast enough for every test run.
func small(seed uint64) Config {
	c := National(seed, today).Scaled(0.04)
	c.Vacuum = false
	return c
}

func generate(t *testing.T, cfg Config) (*pgx.Conn, *gorm.DB, Counts) {
	t.Helper()
	gdb, url := testkit.DB(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	counts, err := Generate(ctx, conn, cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return conn, gdb, counts
}

// digest fingerprints what the seed decides (ids, names, relations, dates), leaving out the wall-clock columns.
func digest(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var out string
	err := conn.QueryRow(context.Background(), `SELECT md5(concat_ws('#',
		(SELECT string_agg(concat_ws(',', id, id_fs, departement_code, name, commune_code, format, parent_id, label_status,
			label_date, hours_raw::text, latitude), ';' ORDER BY id) FROM structures),
		(SELECT string_agg(concat_ws(',', id, structure_id, owner_kind, owner_id, kind, valid_from), ';' ORDER BY id) FROM schedules),
		(SELECT string_agg(concat_ws(',', id, schedule_id, weekday, start_minute, week_rule, stop_id, planned_agents), ';' ORDER BY id) FROM schedule_slots),
		(SELECT string_agg(concat_ws(',', id, date_from, type, slots::text), ';' ORDER BY id) FROM schedule_exceptions),
		(SELECT string_agg(concat_ws(',', id, structure_id, status, planned_date, done_date), ';' ORDER BY id) FROM visits),
		(SELECT string_agg(concat_ws(',', id, email, role), ';' ORDER BY id) FROM users),
		(SELECT string_agg(concat_ws(',', id, at, action, object_id, diff::text), ';' ORDER BY id) FROM audit_log)))`).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateIsDeterministicWithTheAnnouncedCounts(t *testing.T) {
	cfg := small(7)
	a, gdb, counts := generate(t, cfg)
	b, _, _ := generate(t, cfg)
	if da, db := digest(t, a), digest(t, b); da != db {
		t.Fatalf("same seed, different data: %s vs %s", da, db)
	}
	other, _, _ := generate(t, small(8))
	if digest(t, a) == digest(t, other) {
		t.Fatal("another seed gave the same data")
	}
	if counts.Departements != 101 || counts.Structures != cfg.Structures || counts.Forty != FortyCount || counts.Visits != cfg.Visits ||
		counts.AuditRows != cfg.AuditRows || counts.Users != cfg.Users {
		t.Fatalf("counts %+v for %+v", counts, cfg)
	}
	ctx := context.Background()
	var forty []string
	rows, err := a.Query(ctx, `SELECT departement_code FROM structures GROUP BY 1 HAVING count(*) = $1`, FortyCount)
	if err != nil {
		t.Fatal(err)
	}
	if forty, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil || len(forty) != 1 || forty[0] != FortyDepartement {
		t.Fatalf("départements with exactly %d structures: %v (%v)", FortyCount, forty, err)
	}
	var stopsOK, busesOK bool
	if err := a.QueryRow(ctx, `SELECT bool_and(n BETWEEN 1 AND 3), count(*) > 0 FROM (SELECT count(st.id) AS n
		FROM structures s LEFT JOIN structure_stops st ON st.structure_id = s.id WHERE s.format = 'itinerant' GROUP BY s.id) b`).
		Scan(&stopsOK, &busesOK); err != nil || !stopsOK || !busesOK {
		t.Fatalf("buses need 1 to 3 stops: %v %v %v", stopsOK, busesOK, err)
	}
	if counts.Permanences > 0 { // when the partners' migration is there
		var each bool
		var hosts int
		if err := a.QueryRow(ctx, `SELECT bool_and(n BETWEEN 2 AND 6), count(*) FROM (SELECT count(*) AS n FROM permanences
			GROUP BY structure_id) p`).Scan(&each, &hosts); err != nil || !each || hosts != cfg.Structures {
			t.Fatalf("2 to 6 permanences per structure: %v over %d structures (%v)", each, hosts, err)
		}
	}
	if _, err := Generate(ctx, a, cfg, io.Discard); err == nil {
		t.Fatal("a second data set was loaded over the first")
	}
	checkComplianceReport(t, gdb)
}

// checkComplianceReport runs the real compliance report on the generated hours: 40 reports for the département,
// with compliant and failing structures on the weekly hours (part-time weeks), so the report has real work.
func checkComplianceReport(t *testing.T, gdb *gorm.DB) {
	t.Helper()
	svc := &compliance.Service{DB: gdb, Structures: &structure.Store{DB: gdb}, Opening: &opening.Store{DB: gdb},
		Now: func() time.Time { return today.Add(10 * time.Hour) }}
	reports, sum, err := svc.Departement(context.Background(), auth.System, FortyDepartement, compliance.DefaultWeeks)
	if err != nil {
		t.Fatal(err)
	}
	weekly := sum.Criteria[0]
	if len(reports) != FortyCount || sum.Structures != FortyCount || sum.Failure == 0 || weekly.Code != "weekly_hours" ||
		weekly.OK == 0 || weekly.Failure == 0 {
		t.Fatalf("report of %s: %d reports, summary %+v", FortyDepartement, len(reports), sum)
	}
}

// The national distribution is skewed and has a single département of exactly 40 structures.
func TestPerDepartementIsSkewedWithOneDepartementOfForty(t *testing.T) {
	deps := make([]departement, 101)
	for i := range deps {
		deps[i].code = string(rune('A'+i/26)) + string(rune('a'+i%26))
	}
	deps[50].code = FortyDepartement
	counts := perDepartement(rand.New(rand.NewPCG(1, 2)), deps, 2800)
	total, forty, lo, hi := 0, 0, counts[0], counts[0]
	for _, n := range counts {
		total += n
		lo, hi = min(lo, n), max(hi, n)
		if n == FortyCount {
			forty++
		}
	}
	if total != 2800 || forty != 1 || counts[50] != FortyCount || lo > 10 || hi < 70 {
		t.Fatalf("total %d, %d départements of 40, 70 has %d, min %d, max %d", total, forty, counts[50], lo, hi)
	}
}
