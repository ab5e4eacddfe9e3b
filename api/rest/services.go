package rest

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/config"
	"maillage/pkg/idempotency"
	"maillage/pkg/label"
	"maillage/pkg/labelflow"
	"maillage/pkg/opening"
	"maillage/pkg/partner"
	"maillage/pkg/partnering"
	"maillage/pkg/registry"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
	"maillage/pkg/user"
	"maillage/pkg/visit"
	"maillage/pkg/visiting"
)

// BuildServices wires the application services; the server binary and the HTTP tests both use it, so tests run
// the same composition as production.
func BuildServices(cfg config.Config, gdb *gorm.DB, log *slog.Logger, now func() time.Time) Services {
	territories := &territory.Store{DB: gdb}
	users := user.NewService(user.Deps{
		DB: gdb, Territory: territories, Now: now,
		Audit: func(ctx context.Context, e user.AuditEntry) error { return audit.Record(ctx, gdb, audit.Entry(e)) },
		// One argon2id hash (19 MiB) per core at a time: a login flood queues instead of exhausting memory.
		Hasher: auth.NewHasher(auth.DefaultPasswordParams, runtime.GOMAXPROCS(0)),
		Tokens: auth.NewTokens(cfg.JWTSecret, cfg.JWTIssuer, cfg.JWTAudience, now),
	})
	structures := &structure.Store{DB: gdb}
	hoursService := &compliance.Service{DB: gdb, Structures: structures, Opening: &opening.Store{DB: gdb}, Now: now}
	labelling := &labelflow.Service{DB: gdb, Labels: &label.Store{DB: gdb}, Structures: structures, Compliance: hoursService,
		Opening: &opening.Store{DB: gdb}, Territory: territories, Now: now, DetectContentType: http.DetectContentType}
	partners := &partnering.Service{DB: gdb, Partners: &partner.Store{DB: gdb}, Structures: structures,
		Territory: territories, Opening: &opening.Store{DB: gdb}, Now: now, RequireHTTPS: cfg.Env == "prod",
		Tokens: auth.NewTokens(cfg.JWTSecret, cfg.JWTIssuer, cfg.JWTAudience, now), Users: users}
	return Services{
		Auth:        partners, // users' tokens, and partner software's (client credentials, ADR 0008)
		Territory:   territories,
		Idempotency: &idempotency.Store{DB: gdb, Now: now},
		Users:       users,
		Audit:       &audit.Log{DB: gdb},
		Structures:  structures,
		Registry:    &registry.Service{DB: gdb, Structures: structures, Territory: territories, Now: now, Hours: hoursService},
		Visiting: &visiting.Service{DB: gdb, Visits: &visit.Store{DB: gdb}, Structures: structures,
			Territory: territories, Users: users, Now: now},
		Compliance: hoursService,
		Labelling:  labelling,
		Partners:   partners,
		Webhooks: &partnering.Worker{DB: gdb, Partners: &partner.Store{DB: gdb}, Now: now, Log: log,
			Sender: newWebhookSender(cfg.Env != "prod")},
	}
}
