package gen

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

type departement struct {
	code, name, region, timezone, calendar string
	communes                               []commune
}

type commune struct {
	code, name, postcode string
	lat, lon             *float64
}

// reference is what the data set is built on: the territory loaded by migrate, and the partner operators when
// that capability's tables exist.
type reference struct {
	departements []departement
	regions      []string
	operators    []string
	tables       map[string]bool
}

func loadReference(ctx context.Context, conn *pgx.Conn) (reference, error) {
	var ref reference
	rows, err := conn.Query(ctx, `SELECT code, name, region_code, timezone, holiday_calendar FROM departements
		WHERE code ~ '^([0-9][0-9]|2A|2B|97[1-46])$' ORDER BY code`) // the 101 départements, not the other overseas collectivities
	if err != nil {
		return ref, err
	}
	byCode := map[string]int{}
	for rows.Next() {
		var d departement
		if err := rows.Scan(&d.code, &d.name, &d.region, &d.timezone, &d.calendar); err != nil {
			return ref, err
		}
		byCode[d.code] = len(ref.departements)
		ref.departements = append(ref.departements, d)
	}
	if err := rows.Err(); err != nil {
		return ref, err
	}
	if len(ref.departements) == 0 {
		return ref, fmt.Errorf("aucun département : lancez d’abord « maillage migrate » (données de référence)")
	}
	if err := loadCommunes(ctx, conn, &ref, byCode); err != nil {
		return ref, err
	}
	if ref.regions, err = texts(ctx, conn, `SELECT code FROM regions ORDER BY code`); err != nil {
		return ref, err
	}
	ref.tables = map[string]bool{}
	for _, t := range []string{"operators", "permanences", "api_clients", "api_client_secrets"} {
		var has bool
		if err := conn.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, t).Scan(&has); err != nil {
			return ref, err
		}
		ref.tables[t] = has
	}
	if ref.tables["operators"] {
		ref.operators, err = texts(ctx, conn, `SELECT code FROM operators ORDER BY code`)
	}
	return ref, err
}

func loadCommunes(ctx context.Context, conn *pgx.Conn, ref *reference, byCode map[string]int) error {
	rows, err := conn.Query(ctx, `SELECT code_insee, name, departement_code, coalesce(postcodes[1], ''), latitude, longitude
		FROM communes ORDER BY code_insee`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c commune
		var dep string
		if err := rows.Scan(&c.code, &c.name, &dep, &c.postcode, &c.lat, &c.lon); err != nil {
			return err
		}
		if i, ok := byCode[dep]; ok {
			ref.departements[i].communes = append(ref.departements[i].communes, c)
		}
	}
	return rows.Err()
}

func texts(ctx context.Context, conn *pgx.Conn, query string) ([]string, error) {
	rows, err := conn.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// hasColumns tells whether a table exists with all the given columns (another capability's table may still be
// changing: better leave it empty than fail the whole data set).
func hasColumns(ctx context.Context, q pgx.Tx, table string, columns []string) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND column_name = ANY($2)`, table, columns).Scan(&n)
	return n == len(columns), err
}

// writer carries the transaction, the configuration and what earlier tables produced for later ones.
type writer struct {
	conn   *pgx.Conn
	tx     pgx.Tx
	cfg    Config
	ref    reference
	counts Counts

	sites      []site     // every structure, in generation order
	people     []userInfo // accounts, for the audit rows
	visitIDs   []uuid.UUID
	visitSites []int32 // index in sites of each visit's structure
}

// stream returns the random stream of one table: seeded by the data set's seed and the table's name, so that
// adding a table or a column elsewhere does not change the rows of the others.
func (w *writer) stream(name string) *rand.Rand {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return rand.New(rand.NewPCG(w.cfg.Seed, h.Sum64()))
}

// newID draws a version-4 UUID from the stream.
func newID(r *rand.Rand) uuid.UUID {
	var u uuid.UUID
	for i := range 2 {
		v := r.Uint64()
		for b := range 8 {
			u[i*8+b] = byte(v >> (8 * b))
		}
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// day is a civil date relative to the configured day, at midnight UTC (the date columns ignore the zone).
func (w *writer) day(offset int) time.Time {
	t := w.cfg.Today
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, offset)
}

// copyRows writes rows with COPY.
func (w *writer) copyRows(ctx context.Context, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := w.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("%s : %w", table, err)
	}
	return nil
}
