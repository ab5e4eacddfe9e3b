// Package partner holds the partners of France services (issue 7, ADR 0008): the national operators with their
// dated names and the socle in force at a date, local partners of a département, referents, permanences (the
// permanence row; its hours are schedules stored by pkg/opening with owner_kind "permanence"), the API clients
// of partner software with their hashed secrets, webhook subscriptions and the delivery queue. Plain records, a
// GORM store, and pure rules in their own files (socle, coverage, secrets, signatures, backoff, events).
//
// Reads of département-bound rows take the département list the caller may see (nil: every one); use cases
// (pkg/partnering) decide who may write.
package partner

import (
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
)

// Store reads and writes the partner tables.
type Store struct {
	DB *gorm.DB
}

// Kind tells an operator (national partner, by code) from a local partner (by id).
type Kind string

const (
	KindOperator Kind = "operator"
	KindLocal    Kind = "local"
)

// Valid tells whether k is a known kind.
func (k Kind) Valid() bool { return k == KindOperator || k == KindLocal }

// Ref names a partner organisation: an operator code or a local partner id.
type Ref struct {
	Kind Kind
	ID   string
}

// columns returns the operator_code and local_partner_id values of the reference.
func (r Ref) columns() (operator, local any) {
	if r.Kind == KindOperator {
		return r.ID, nil
	}
	return nil, r.ID
}

func refOf(kind, operator string, local *string) Ref {
	if Kind(kind) == KindOperator {
		return Ref{Kind: KindOperator, ID: operator}
	}
	if local == nil {
		return Ref{Kind: KindLocal}
	}
	return Ref{Kind: KindLocal, ID: *local}
}

// DateLayout is the form of civil dates ("" means none).
const DateLayout = time.DateOnly

// ValidOn tells whether the civil date d lies within [from, to] ("" bounds are open). ISO dates compare as text.
func ValidOn(d, from, to string) bool {
	return (from == "" || from <= d) && (to == "" || d <= to)
}

func stale(message string) *apperr.Error {
	return apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch", message)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
