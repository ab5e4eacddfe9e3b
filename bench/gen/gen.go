// Package gen writes the national-scale benchmark data set of issue 9 (`maillage seed bench`): 101 départements
// of the reference data, ~2,800 structures with a skewed distribution and one département with exactly 40, stops
// of the buses, weekly hours with exceptions, agents, permanences, visits, users, API clients and audit rows.
//
// Unlike pkg/demo, which goes through the use cases, it writes with COPY (pgx CopyFrom) in one transaction: the
// national set takes seconds instead of minutes. Everything is drawn from random streams seeded by Config.Seed
// (one stream per table) and dated relative to Config.Today, so the same seed and day give the same rows and
// ids. Only created_at/updated_at columns left to their default carry the wall clock.
//
// Tables that other capabilities add (permanences, api_clients) are filled only when the schema has them with
// the expected columns; Counts.Skipped says what was left out and why.
package gen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
)

// FortyDepartement is the département given exactly FortyCount structures (scenario S3 of the benchmark).
const (
	FortyDepartement = "70"
	FortyCount       = 40
)

// Config sizes the data set.
type Config struct {
	Seed       uint64
	Today      time.Time // the civil date every generated date is relative to
	Structures int       // in total, FortyCount of them in FortyDepartement
	Visits     int
	Users      int
	APIClients int
	AuditRows  int
	Vacuum     bool // VACUUM ANALYZE at the end
}

// National is the data set.
func National(seed uint64, today time.Time) Config {
	return Config{Seed: seed, Today: today, Structures: 2800, Visits: 70000, Users: 500, APIClients: 50,
		AuditRows: 500000, Vacuum: true}
}

// Scaled shrinks (or grows) every volume by f, keeping the département of exactly 40 structures.
func (c Config) Scaled(f float64) Config {
	scale := func(n, floor int) int { return max(floor, int(math.Round(float64(n)*f))) }
	c.Structures = scale(c.Structures, FortyCount+1)
	c.Visits = scale(c.Visits, 0)
	c.Users = scale(c.Users, 1)
	c.APIClients = scale(c.APIClients, 0)
	c.AuditRows = scale(c.AuditRows, 0)
	return c
}

// Counts are the rows written per table; Skipped lists the tables left out with the reason.
type Counts struct {
	Departements, Structures, Forty, Stops, Schedules, Slots, SlotAgents, Exceptions int
	Agents, Trainings, Permanences, Users, APIClients, Visits, AuditRows             int
	Skipped                                                                          []string
}

// Generate writes the data set into an empty schema (migrated, reference data loaded) and prints a summary.
func Generate(ctx context.Context, conn *pgx.Conn, cfg Config, out io.Writer) (Counts, error) {
	if cfg.Structures < FortyCount {
		return Counts{}, fmt.Errorf("au moins %d structures sont nécessaires", FortyCount)
	}
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM structures)`).Scan(&exists); err != nil {
		return Counts{}, err
	}
	if exists {
		return Counts{}, errors.New("la base contient déjà des structures : le jeu de mesure se charge dans une base vide " +
			"(make bench en crée une)")
	}
	ref, err := loadReference(ctx, conn)
	if err != nil {
		return Counts{}, err
	}
	start := time.Now()
	w := &writer{conn: conn, cfg: cfg, ref: ref}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return Counts{}, err
	}
	defer tx.Rollback(ctx) //nolint:errcheck // after Commit, a no-op
	w.tx = tx
	if err := w.all(ctx); err != nil {
		return Counts{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return Counts{}, err
	}
	if err := skipHistoricalAudit(ctx, conn); err != nil {
		return Counts{}, err
	}
	loaded := time.Since(start)
	if cfg.Vacuum {
		if _, err := conn.Exec(ctx, `VACUUM ANALYZE`); err != nil {
			return Counts{}, err
		}
	}
	w.counts.Departements = len(ref.departements)
	w.counts.print(out, loaded, time.Since(start), cfg.Vacuum)
	return w.counts, nil
}

// all writes the tables in dependency order.
func (w *writer) all(ctx context.Context) error {
	steps := []func(context.Context) error{w.structures, w.hours, w.permanences, w.users, w.apiClients, w.visits, w.audit}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// skipHistoricalAudit moves the webhook dispatcher's cursor (ADR 0008) past the generated audit rows: they stand
// for past events, already delivered, and must not keep the dispatcher busy during a measurement.
func skipHistoricalAudit(ctx context.Context, conn *pgx.Conn) error {
	var has bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('webhook_cursor') IS NOT NULL`).Scan(&has); err != nil || !has {
		return err
	}
	_, err := conn.Exec(ctx, `UPDATE webhook_cursor SET last_txid = pg_current_xact_id(),
		last_id = (SELECT coalesce(max(id), 0) FROM audit_log), updated_at = now()`)
	return err
}

func (c Counts) print(out io.Writer, loaded, total time.Duration, vacuum bool) {
	fmt.Fprintf(out, "départements         %7d\n", c.Departements)
	fmt.Fprintf(out, "structures           %7d (dont %d dans le %s)\n", c.Structures, c.Forty, FortyDepartement)
	for _, l := range []struct {
		name string
		n    int
	}{{"arrêts de bus", c.Stops}, {"horaires", c.Schedules}, {"plages", c.Slots}, {"agents nommés sur plages", c.SlotAgents},
		{"exceptions", c.Exceptions}, {"agents", c.Agents}, {"formations", c.Trainings}, {"permanences", c.Permanences},
		{"comptes", c.Users}, {"clients d’API", c.APIClients}, {"visites", c.Visits}, {"lignes d’audit", c.AuditRows}} {
		fmt.Fprintf(out, "%-20s %7d\n", l.name, l.n)
	}
	for _, s := range c.Skipped {
		fmt.Fprintf(out, "non généré : %s\n", s)
	}
	if vacuum {
		fmt.Fprintf(out, "écrit en %.1f s, %.1f s avec VACUUM ANALYZE\n", loaded.Seconds(), total.Seconds())
	} else {
		fmt.Fprintf(out, "écrit en %.1f s\n", loaded.Seconds())
	}
}
