// Package bootstrap brings a database to what the current binary expects: schema migrations, then reference
// data. `maillage migrate` and the test harness's template database both go through Prepare, so tests run on
// exactly the schema production runs on.
package bootstrap

import (
	"context"

	"gorm.io/gorm"

	"maillage/pkg/db"
	"maillage/pkg/territory"
)

// Report says what Prepare changed.
type Report struct {
	Migrations        []string
	ReferenceReloaded bool
}

// Prepare migrates the schema and loads the reference data.
func Prepare(ctx context.Context, gdb *gorm.DB) (Report, error) {
	applied, err := db.Migrate(ctx, gdb)
	if err != nil {
		return Report{}, err
	}
	loaded, err := territory.Load(ctx, gdb)
	if err != nil {
		return Report{}, err
	}
	return Report{Migrations: applied, ReferenceReloaded: loaded}, nil
}
