package rest

import (
	"log/slog"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/config"
	"maillage/pkg/territory"
)

// BuildServices wires the application services; the server binary and the HTTP tests both use it, so tests run
// the same composition as production.
func BuildServices(cfg config.Config, gdb *gorm.DB, log *slog.Logger, now func() time.Time) Services {
	return Services{
		Territory: &territory.Store{DB: gdb},
	}
}
