// Package testkit is the shared test support: a fresh, migrated database per test with the reference data loaded.
// Only _test.go files import it.
package testkit

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"maillage/pkg/bootstrap"
	"maillage/pkg/db/dbtest"
	"maillage/pkg/territory"
)

// DB returns a database of its own for the test (cloned from the migrated template) and its URL.
func DB(t testing.TB) (*gorm.DB, string) {
	t.Helper()
	sum, err := territory.Checksum()
	if err != nil {
		t.Fatal(err)
	}
	return dbtest.New(t, func(ctx context.Context, gdb *gorm.DB) error {
		_, err := bootstrap.Prepare(ctx, gdb)
		return err
	}, sum)
}
