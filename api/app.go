package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
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
	tuneGC(a.log)
	services := rest.BuildServices(a.cfg, a.db, a.log, a.now)
	e := rest.New(rest.Deps{Config: a.cfg, DB: a.db, Log: a.log, Now: a.now, Services: services})
	go a.purgeEveryHour(ctx, services.Idempotency)
	go services.Webhooks.Run(ctx) // webhook deliveries (ADR 0008): state in PostgreSQL, safe on every replica
	if a.cfg.PprofAddr != "" {
		go a.servePprof(ctx)
	}
	return rest.Serve(ctx, e, a.cfg.HTTPAddr, a.log)
}

// Garbage collector defaults of the server, unless GOGC or GOMEMLIMIT are set: collect when the heap has grown by
// 400 % rather than 100 %, under a soft limit of 256 MiB. The live heap under load is about 10 MB, so the heap
// stays far below the RSS budget of a small VM (150 MB, issue 9) while the collector runs about four times less
// often; in bench/ the collector took 6-8 % of the CPU of every read scenario with Go's default (ADR 0009).
const (
	serverGCPercent   = 400
	serverMemoryLimit = 256 << 20
)

func tuneGC(log *slog.Logger) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serverMemoryLimit)
	}
	percent := debug.SetGCPercent(-1) // reads the setting, which Go offers only by replacing it
	debug.SetGCPercent(percent)
	log.Info("garbage collector", "gogc", percent, "memory_limit", debug.SetMemoryLimit(-1)) // a negative limit only reads
}

// servePprof exposes net/http/pprof on PPROF_ADDR (loopback only, checked by config) for profiling a server
// under load; it is never mounted on the API's router.
func (a *app) servePprof(ctx context.Context) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: a.cfg.PprofAddr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	a.log.Warn("profilage pprof ouvert", "addr", a.cfg.PprofAddr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		a.log.Error("pprof listener stopped", "error", err)
	}
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
