// Package apperr is the one error vocabulary of Maillage: a Kind (what went wrong, which the HTTP layer maps to a
// status), a stable machine Code (e.g. "structure.not_found") and a French message for the person using the SPA.
// It is a leaf package: it imports nothing of the project.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error; api/rest/errors.go maps each Kind to exactly one HTTP status.
type Kind int

const (
	KindInternal             Kind = iota // unexpected: logged, shown as a generic message
	KindInvalid                          // bad input: per-field errors
	KindUnauthenticated                  // no or bad credentials
	KindForbidden                        // the role may not use this function
	KindNotFound                         // absent, or outside the caller's territory
	KindConflict                         // state conflict (duplicate, wrong state)
	KindPreconditionFailed               // If-Match does not match
	KindPreconditionRequired             // If-Match missing
	KindTooManyRequests                  // throttled; RetryAfter set
	KindUnavailable                      // a dependency (database) is down; RetryAfter set
	KindTooLarge                         // body or upload over its limit
	KindUnsupportedMedia                 // content type not accepted
)

// Error is the error type every package returns for anything a caller may act on.
type Error struct {
	Kind    Kind
	Code    string            // stable, dotted, English: "user.email_taken"
	Message string            // French, shown to the user
	Fields  map[string]string // field (snake_case JSON name) -> French message
	// RetryAfter tells the client when to try again (throttling, unavailability).
	RetryAfter time.Duration
	Err        error // wrapped cause, never shown to the client
}

func (e *Error) Error() string {
	msg := e.Code + ": " + e.Message
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// New builds an error of the given kind.
func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Wrap builds an error of the given kind around a cause.
func Wrap(err error, kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message, Err: err}
}

func NotFound(code, message string) *Error  { return New(KindNotFound, code, message) }
func Forbidden(code, message string) *Error { return New(KindForbidden, code, message) }
func Conflict(code, message string) *Error  { return New(KindConflict, code, message) }

// Internal wraps an unexpected error; the HTTP layer logs it and answers a generic 500.
func Internal(err error, context string) *Error {
	return &Error{Kind: KindInternal, Code: "internal", Message: "Une erreur interne est survenue.",
		Err: fmt.Errorf("%s: %w", context, err)}
}

// Validation collects per-field errors; build it with Add and return Err() (nil when there are none).
type Validation struct {
	fields map[string]string
}

// Add records a problem for a field; the first message for a field wins.
func (v *Validation) Add(field, message string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = message
	}
}

// Check adds the message when ok is false.
func (v *Validation) Check(ok bool, field, message string) {
	if !ok {
		v.Add(field, message)
	}
}

// Err returns the validation error, or nil when every field is fine.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Kind: KindInvalid, Code: "validation_failed",
		Message: "Certains champs sont invalides.", Fields: v.fields}
}

// Invalid is a one-field validation error with its own code.
func Invalid(code, field, message string) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: message, Fields: map[string]string{field: message}}
}

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// KindOf returns the Kind of err (KindInternal for errors that are not *Error).
func KindOf(err error) Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	return KindInternal
}

// IsKind tells whether err is an *Error of that kind.
func IsKind(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
