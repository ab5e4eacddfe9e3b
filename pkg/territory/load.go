package territory

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

//go:embed data/*.gz
var dataFiles embed.FS

const referenceName = "territory"

// Load brings the reference tables to the embedded data. It does nothing when the data already loaded has the
// same checksum, so it is cheap to call on every migrate.
func Load(ctx context.Context, gdb *gorm.DB) (loaded bool, err error) {
	sum, err := Checksum()
	if err != nil {
		return false, err
	}
	var current string
	if err := gdb.WithContext(ctx).Raw(`SELECT checksum FROM reference_data WHERE name = ?`, referenceName).
		Scan(&current).Error; err != nil {
		return false, err
	}
	if current == sum {
		return false, nil
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return false, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		return loadAll(ctx, dc.(*stdlib.Conn).Conn(), sum)
	})
	return err == nil, err
}

// Checksum identifies the embedded reference data.
func Checksum() (string, error) {
	h := sha256.New()
	entries, err := dataFiles.ReadDir("data")
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		b, err := dataFiles.ReadFile("data/" + e.Name())
		if err != nil {
			return "", err
		}
		h.Write([]byte(e.Name()))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func loadAll(ctx context.Context, conn *pgx.Conn, sum string) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) //nolint:errcheck // no-op after commit
	// One loader at a time (several replicas migrating at once).
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('maillage.territory'))`); err != nil {
		return err
	}
	regions, err := readCSV("regions.csv.gz")
	if err != nil {
		return err
	}
	deps, err := readCSV("departements.csv.gz")
	if err != nil {
		return err
	}
	communes, err := communeRows()
	if err != nil {
		return err
	}
	cantons, err := cantonRows()
	if err != nil {
		return err
	}
	steps := []struct {
		table, columns, conflict string
		rows                     [][]any
	}{
		{"regions", "code, name", "code", rowsOf(regions, func(r []string) []any { return []any{r[0], r[1]} })},
		{"departements", "code, name, region_code, chef_lieu, timezone, holiday_calendar", "code",
			rowsOf(deps, func(r []string) []any {
				return []any{r[0], r[1], r[2], r[3], TimezoneOf(r[0]), HolidayCalendarOf(r[0])}
			})},
		{"communes", "code_insee, name, departement_code, region_code, population, latitude, longitude, postcodes", "code_insee", communes},
		{"cantons", "code, departement_code, name, geometry", "code", cantons},
	}
	for _, s := range steps {
		if err := upsert(ctx, tx, s.table, s.columns, s.conflict, s.rows); err != nil {
			return fmt.Errorf("reference data %s: %w", s.table, err)
		}
	}
	outlines, err := outlineRows()
	if err != nil {
		return err
	}
	for _, o := range outlines {
		if _, err := tx.Exec(ctx, `UPDATE departements SET outline = $2::jsonb WHERE code = $1`, o[0], o[1]); err != nil {
			return fmt.Errorf("reference data outlines: %w", err)
		}
	}
	count := len(regions) + len(deps) + len(communes) + len(cantons)
	if _, err := tx.Exec(ctx, `INSERT INTO reference_data (name, checksum, row_count) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, row_count = EXCLUDED.row_count, loaded_at = now()`,
		referenceName, sum, count); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// upsert copies rows into a temporary table and merges them, so a reload updates names and populations without
// touching rows other tables point to. Rows that vanished from the data are kept (a user may still refer to them).
func upsert(ctx context.Context, tx pgx.Tx, table, columns, conflict string, rows [][]any) error {
	tmp := "tmp_" + table
	if _, err := tx.Exec(ctx, fmt.Sprintf(`CREATE TEMP TABLE %s (LIKE %s INCLUDING DEFAULTS) ON COMMIT DROP`, tmp, table)); err != nil {
		return err
	}
	cols := strings.Split(columns, ", ")
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{tmp}, cols, pgx.CopyFromRows(rows)); err != nil {
		return err
	}
	var sets []string
	for _, c := range cols {
		if c != conflict {
			sets = append(sets, c+" = EXCLUDED."+c)
		}
	}
	_, err := tx.Exec(ctx, fmt.Sprintf(`INSERT INTO %s (%s) SELECT %s FROM %s ON CONFLICT (%s) DO UPDATE SET %s`,
		table, columns, columns, tmp, conflict, strings.Join(sets, ", ")))
	return err
}

func rowsOf(records [][]string, f func([]string) []any) [][]any {
	out := make([][]any, 0, len(records))
	for _, r := range records {
		out = append(out, f(r))
	}
	return out
}

func open(name string) (io.ReadCloser, error) {
	b, err := dataFiles.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	return gzip.NewReader(bytes.NewReader(b))
}

// readCSV returns the records of an embedded gzipped CSV, without its header line.
func readCSV(name string) ([][]string, error) {
	rc, err := open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	records, err := csv.NewReader(rc).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("%s: empty", name)
	}
	return records[1:], nil
}

func communeRows() ([][]any, error) {
	postcodes, err := readCSV("postcodes.csv.gz")
	if err != nil {
		return nil, err
	}
	byCode := make(map[string][]string, len(postcodes))
	for _, r := range postcodes {
		byCode[r[0]] = strings.Fields(r[1])
	}
	records, err := readCSV("communes.csv.gz")
	if err != nil {
		return nil, err
	}
	rows := make([][]any, 0, len(records))
	for _, r := range records { // code_insee, nom, departement, region, population, latitude, longitude
		pop, _ := strconv.Atoi(r[4])
		pcs := byCode[r[0]]
		if pcs == nil {
			pcs = []string{}
		}
		rows = append(rows, []any{r[0], r[1], r[2], r[3], pop, floatOrNil(r[5]), floatOrNil(r[6]), pcs})
	}
	return rows, nil
}

func floatOrNil(s string) *float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return &f
}

func cantonRows() ([][]any, error) {
	rc, err := open("cantons.geojson.gz")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var fc struct {
		Features []struct {
			Properties struct{ Code, Nom, Departement string }
			Geometry   json.RawMessage
		}
	}
	if err := json.NewDecoder(rc).Decode(&fc); err != nil {
		return nil, fmt.Errorf("cantons: %w", err)
	}
	rows := make([][]any, 0, len(fc.Features))
	for _, f := range fc.Features {
		rows = append(rows, []any{f.Properties.Code, f.Properties.Departement, f.Properties.Nom, string(f.Geometry)})
	}
	return rows, nil
}

// outlineRows returns (code, geometry) of each département outline.
func outlineRows() ([][2]string, error) {
	rc, err := open("departements-outline.geojson.gz")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var fc struct {
		Features []struct {
			Properties struct{ Code string }
			Geometry   json.RawMessage
		}
	}
	if err := json.NewDecoder(rc).Decode(&fc); err != nil {
		return nil, fmt.Errorf("outlines: %w", err)
	}
	rows := make([][2]string, len(fc.Features))
	for i, f := range fc.Features {
		rows[i] = [2]string{f.Properties.Code, string(f.Geometry)}
	}
	return rows, nil
}
