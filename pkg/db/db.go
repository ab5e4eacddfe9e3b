// Package db opens the PostgreSQL connection (GORM on pgx), carries transactions in the context and runs the
// embedded, versioned SQL migrations.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"maillage/pkg/apperr"
)

// Options bound the pool and every statement.
type Options struct {
	MaxOpenConns     int
	MaxIdleConns     int
	ConnMaxLifetime  time.Duration
	ConnMaxIdleTime  time.Duration
	StatementTimeout time.Duration
	Logger           *slog.Logger
}

// DefaultOptions suit a small VM: a bounded pool so a burst queues instead of exhausting PostgreSQL. Every open
// connection may stay idle: with fewer idle than open, a steady load above that number closes a connection after
// each request and opens a new one for the next (a TCP connect, SCRAM's PBKDF2 and a PostgreSQL backend fork each
// time: 8 % of the server's CPU on S1 of bench/ before). Quiet connections go after 5 minutes instead.
func DefaultOptions() Options {
	return Options{MaxOpenConns: 20, MaxIdleConns: 20, ConnMaxLifetime: 30 * time.Minute, ConnMaxIdleTime: 5 * time.Minute,
		StatementTimeout: 10 * time.Second}
}

// Open connects to the database at url. It does not fail when the database is down: the pool connects lazily so
// the server can start, answer /healthz, and report 503 on /readyz until PostgreSQL is back.
func Open(url string, opt Options) (*gorm.DB, error) {
	cfg, err := pgconnConfig(url, opt)
	if err != nil {
		return nil, err
	}
	sqlDB := stdlib.OpenDB(*cfg)
	sqlDB.SetMaxOpenConns(opt.MaxOpenConns)
	sqlDB.SetMaxIdleConns(opt.MaxIdleConns)
	sqlDB.SetConnMaxLifetime(opt.ConnMaxLifetime)
	sqlDB.SetConnMaxIdleTime(opt.ConnMaxIdleTime)
	gdb, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // we open transactions explicitly with WithTx
		PrepareStmt:            false,
		DisableAutomaticPing:   true,
		TranslateError:         false,
	})
	if err != nil {
		return nil, fmt.Errorf("open gorm: %w", err)
	}
	return gdb, nil
}

func pgconnConfig(url string, opt Options) (*pgxConnConfig, error) {
	cfg, err := parseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL invalide: %w", err)
	}
	if opt.StatementTimeout > 0 {
		cfg.RuntimeParams["statement_timeout"] = fmt.Sprint(opt.StatementTimeout.Milliseconds())
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	cfg.Tracer = counting{}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 5 * time.Second
	}
	return cfg, nil
}

// Ping checks the database answers within the context's deadline (used by /readyz).
func Ping(ctx context.Context, gdb *gorm.DB) error {
	sqlDB, err := gdb.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the pool.
func Close(gdb *gorm.DB) error {
	sqlDB, err := gdb.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Stats exposes the pool statistics (for /metrics).
func Stats(gdb *gorm.DB) sql.DBStats {
	sqlDB, err := gdb.DB()
	if err != nil {
		return sql.DBStats{}
	}
	return sqlDB.Stats()
}

// IsUnavailable tells whether err means the database cannot be reached (connection refused, DNS, connect
// timeout, server shutting down), as opposed to a bad query. The HTTP layer answers 503 for these.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) {
		return true
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08xxx connection exceptions
		switch pgErr.Code {
		case "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004":
			return true
		}
	}
	return false
}

// IsUniqueViolation tells whether err is a unique constraint violation, optionally on the named constraint.
func IsUniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23505" {
		return false
	}
	return constraint == "" || pgErr.ConstraintName == constraint
}

// Unavailable is the error to return when IsUnavailable(err).
func Unavailable(err error) error {
	return &apperr.Error{Kind: apperr.KindUnavailable, Code: "service.unavailable",
		Message:    "Le service est momentanément indisponible. Réessayez dans quelques instants.",
		RetryAfter: 5 * time.Second, Err: err}
}
