package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"gorm.io/gorm"

	"maillage/api/rest"
	"maillage/pkg/bootstrap"
	"maillage/pkg/config"
	"maillage/pkg/db"
	"maillage/pkg/idempotency"
)

// app is the process: configuration, logger, database pool and the services built on them.
type app struct {
	cfg config.Config
	log *slog.Logger
	db  *gorm.DB
	now func() time.Time
}

func withApp(ctx context.Context, fn func(*app) error) error {
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Env, cfg.LogLevel)
	if cfg.JWTGenerated {
		log.Warn("JWT_SECRET non défini : secret aléatoire de développement (les sessions ne survivent pas à un redémarrage)")
	}
	gdb, err := db.Open(cfg.DatabaseURL, db.DefaultOptions())
	if err != nil {
		return err
	}
	defer db.Close(gdb) //nolint:errcheck
	now := time.Now
	if cfg.ClockOffset != 0 {
		log.Warn("horloge décalée pour les tests", "offset", cfg.ClockOffset)
		now = func() time.Time { return time.Now().Add(cfg.ClockOffset) }
	}
	return fn(&app{cfg: cfg, log: log, db: gdb, now: now})
}

func (a *app) serve(ctx context.Context) error {
	a.log.Info("configuration", "config", a.cfg.String())
	services := rest.BuildServices(a.cfg, a.db, a.log, a.now)
	e := rest.New(rest.Deps{Config: a.cfg, DB: a.db, Log: a.log, Now: a.now, Services: services})
	go a.purgeEveryHour(ctx, services.Idempotency)
	go services.Webhooks.Run(ctx) // webhook deliveries (ADR 0008): state in PostgreSQL, safe on every replica
	return rest.Serve(ctx, e, a.cfg.HTTPAddr, a.log)
}

// purgeEveryHour removes expired idempotency keys. Every replica may run it: the DELETE is idempotent.
func (a *app) purgeEveryHour(ctx context.Context, keys *idempotency.Store) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if n, err := keys.Purge(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("purge of idempotency keys failed", "error", err)
		} else if n > 0 {
			a.log.Info("expired idempotency keys purged", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (a *app) migrate(ctx context.Context, out io.Writer) error {
	report, err := bootstrap.Prepare(ctx, a.db)
	if err != nil {
		return err
	}
	if len(report.Migrations) == 0 {
		fmt.Fprintln(out, "schéma à jour")
	}
	for _, m := range report.Migrations {
		fmt.Fprintln(out, "migration appliquée :", m)
	}
	if report.ReferenceReloaded {
		fmt.Fprintln(out, "données de référence (territoire) chargées")
	}
	return nil
}
