package db

import (
	"context"

	"gorm.io/gorm"
)

type txKey struct{}

// WithTx runs fn in a transaction carried by the context: every Conn(ctx, …) inside fn uses it. Nested calls join
// the outer transaction. The transaction commits when fn returns nil and rolls back otherwise.
func WithTx(ctx context.Context, gdb *gorm.DB, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx)
	}
	return gdb.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
}

// Conn returns the transaction carried by ctx, or the pool, bound to ctx.
func Conn(ctx context.Context, gdb *gorm.DB) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.WithContext(ctx)
	}
	return gdb.WithContext(ctx)
}

// InTx tells whether ctx carries a transaction.
func InTx(ctx context.Context) bool {
	_, ok := ctx.Value(txKey{}).(*gorm.DB)
	return ok
}
