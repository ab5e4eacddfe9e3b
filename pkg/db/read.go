package db

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

// Rows is what a hand-written scan needs of a result; *sql.Rows and pgx.Rows both offer it.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// Read runs one read statement, written with PostgreSQL's placeholders ($1, $2…), and hands its rows to scan.
//
// Outside a transaction it runs through pgx itself, on a connection borrowed from the pool: results come in
// PostgreSQL's binary format and each value is decoded once, into scan's destination. Through database/sql each
// value is decoded into an interface, then converted again by Scan; on the benchmark's département report that
// double conversion was 28 % of the server's CPU (bench/, ADR 0009). Inside the transaction ctx carries, it
// runs on that transaction through database/sql, with the same SQL and the same scan.
func Read(ctx context.Context, gdb *gorm.DB, query string, args []any, scan func(Rows) error) error {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		rows, err := tx.Statement.ConnPool.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer func() { _ = rows.Close() }()
		if err := scan(rows); err != nil {
			return err
		}
		return rows.Err()
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	return conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return errors.New("db.Read: the pool does not hold pgx connections")
		}
		rows, err := c.Conn().Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		if err := scan(rows); err != nil {
			return err
		}
		rows.Close()
		return rows.Err()
	})
}

var (
	_ Rows = (*sql.Rows)(nil)
	_ Rows = pgx.Rows(nil)
)

// ReadBuilt runs through Read a SELECT made with GORM's builder (table, columns, scopes, filters, order, limit):
// GORM writes the SQL and its arguments without running it, pgx runs it.
func ReadBuilt(ctx context.Context, q *gorm.DB, scan func(Rows) error) error {
	stmt := q.Session(&gorm.Session{DryRun: true}).Find(&[]map[string]any{}).Statement
	if stmt.Error != nil {
		return stmt.Error
	}
	return Read(ctx, q, stmt.SQL.String(), stmt.Vars, scan)
}
