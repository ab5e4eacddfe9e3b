package db

import (
	"context"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
)

// StatementCounter counts the statements sent to PostgreSQL for the contexts that carry it (WithCounter),
// whichever way they are sent: through GORM and database/sql, or through pgx by Read. Tests hold the number of
// statements of a request to its budget with it (issue 9). BEGIN, COMMIT and ROLLBACK are not statements here;
// BEGIN counts a transaction.
type StatementCounter struct {
	mu sync.Mutex
	// Statements is every other statement; Writes those that do not start with SELECT.
	Statements, Writes int
	// Transactions counts the BEGINs; Autocommit the statements outside a transaction, AutocommitWrites the
	// writes among them.
	Transactions, Autocommit, AutocommitWrites int
}

type counterKey struct{}

// WithCounter returns a context whose statements c counts.
func WithCounter(ctx context.Context, c *StatementCounter) context.Context {
	return context.WithValue(ctx, counterKey{}, c)
}

// Snapshot returns the counts so far.
func (c *StatementCounter) Snapshot() StatementCounter {
	c.mu.Lock()
	defer c.mu.Unlock()
	return StatementCounter{Statements: c.Statements, Writes: c.Writes, Transactions: c.Transactions,
		Autocommit: c.Autocommit, AutocommitWrites: c.AutocommitWrites}
}

// counting is the pgx tracer of every connection of the pool: one context lookup per statement when no counter
// is there.
type counting struct{}

func (counting) TraceQueryStart(ctx context.Context, conn *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	c, ok := ctx.Value(counterKey{}).(*StatementCounter)
	if !ok {
		return ctx
	}
	verb := strings.ToUpper(strings.Fields(strings.TrimSpace(data.SQL) + " x")[0])
	c.mu.Lock()
	defer c.mu.Unlock()
	switch verb {
	case "BEGIN":
		c.Transactions++
		return ctx
	case "COMMIT", "ROLLBACK":
		return ctx
	}
	write := verb != "SELECT"
	c.Statements++
	if write {
		c.Writes++
	}
	if conn.PgConn().TxStatus() == 'I' { // idle: not inside a transaction block
		c.Autocommit++
		if write {
			c.AutocommitWrites++
		}
	}
	return ctx
}

func (counting) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
