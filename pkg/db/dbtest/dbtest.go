// Package dbtest gives each test its own PostgreSQL database, cloned from a template that is migrated once per
// schema version. Clones are cheap (CREATE DATABASE … TEMPLATE), so tests run in parallel and leave nothing behind.
//
// TEST_DATABASE_URL is an administrative connection URL (default: the local server as user postgres).
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"gorm.io/gorm"

	"maillage/pkg/db"
)

const defaultAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Prepare is the function that brings a fresh database to the current schema and reference data
// (bootstrap.Prepare); it is injected to keep this package free of domain imports.
type Prepare func(ctx context.Context, gdb *gorm.DB) error

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// AdminURL is the administrative URL the harness connects with.
func AdminURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return defaultAdminURL
}

// New returns a connection to a fresh database cloned from the migrated template; it is dropped when the test ends.
// dataVersion names whatever prepare loads besides the migrations (reference data), so a change rebuilds the
// template.
func New(t testing.TB, prepare Prepare, dataVersion string) (*gorm.DB, string) {
	t.Helper()
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(prepare, dataVersion) })
	if templateErr != nil {
		t.Fatalf("test database template: %v", templateErr)
	}
	name := "maillage_t_" + randomSuffix()
	admin := openAdmin(t)
	if err := createFrom(admin, name, templateName); err != nil {
		t.Fatalf("clone test database: %v", err)
	}
	url := withDatabase(AdminURL(), name)
	gdb, err := db.Open(url, db.DefaultOptions())
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		_ = db.Close(gdb)
		_, _ = admin.Exec(fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name))
		_ = admin.Close()
	})
	return gdb, url
}

func openAdmin(t testing.TB) *sql.DB {
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatalf("admin connection: %v", err)
	}
	admin.SetMaxOpenConns(2)
	return admin
}

// createFrom clones a database; PostgreSQL refuses while another session is connected to the template, which
// happens for an instant when another package's test process checks it, so retry briefly.
func createFrom(admin *sql.DB, name, template string) error {
	var err error
	for attempt := 0; attempt < 50; attempt++ {
		_, err = admin.Exec(fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, template))
		if err == nil || !strings.Contains(err.Error(), "being accessed by other users") {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// ensureTemplate creates and migrates the template named after the schema's hash, once across all the test
// processes that `go test ./...` runs in parallel (an advisory lock serialises them).
func ensureTemplate(prepare Prepare, dataVersion string) (string, error) {
	name := "maillage_tmpl_" + schemaHash(dataVersion)
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		return "", err
	}
	defer admin.Close()
	ctx := context.Background()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w (is PostgreSQL running? set TEST_DATABASE_URL)", redact(AdminURL()), err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext('maillage.test.template'))`); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(hashtext('maillage.test.template'))`) //nolint:errcheck
	var ready bool
	err = conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)`, name).Scan(&ready)
	if err != nil || ready {
		return name, err
	}
	building := name + "_build"
	_, _ = conn.ExecContext(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, building))
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s`, building)); err != nil {
		return "", err
	}
	gdb, err := db.Open(withDatabase(AdminURL(), building), db.DefaultOptions())
	if err != nil {
		return "", err
	}
	err = prepare(ctx, gdb)
	_ = db.Close(gdb)
	if err != nil {
		return "", fmt.Errorf("prepare template: %w", err)
	}
	for _, stmt := range []string{
		fmt.Sprintf(`ALTER DATABASE %s RENAME TO %s`, building, name),
		fmt.Sprintf(`ALTER DATABASE %s IS_TEMPLATE true`, name),
	} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return "", err
		}
	}
	return name, nil
}

// schemaHash names the template after the migrations, so a changed schema gets a fresh template.
func schemaHash(dataVersion string) string {
	h := sha256.New()
	h.Write([]byte(dataVersion))
	_ = fs.WalkDir(db.Migrations(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(db.Migrations(), path)
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid url)"
	}
	return u.Redacted()
}
