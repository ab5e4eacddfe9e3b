// Package archtest holds the test that keeps the import graph in the direction DESIGN.md §3 sets:
// api → use cases → domain → infrastructure (db, auth, config) → apperr.
package archtest
