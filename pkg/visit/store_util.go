package visit

import (
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// The 412s of a write at a version that moved on.
var (
	ErrStaleVisit    = stale("La visite a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
	ErrStaleFinding  = stale("Le constat a été modifié depuis votre lecture : rechargez-le puis recommencez.")
	ErrStaleAction   = stale("L’action a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
	ErrStaleTemplate = stale("La grille a été modifiée depuis votre lecture : rechargez-la puis recommencez.")
)

func stale(message string) *apperr.Error {
	return apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch", message)
}

func encodeCursor(key, id string) string { return db.EncodeCursor(key, id) }

// decodeCursor reads a cursor whose key is a date.
func decodeCursor(s string) (key, id string, err error) {
	key, id, err = db.DecodeCursor(s)
	if err != nil {
		return "", "", err
	}
	if _, perr := time.Parse(time.DateOnly, key); perr != nil {
		return "", "", apperr.Invalid("validation_failed", "cursor", "Curseur de pagination invalide.")
	}
	return key, id, nil
}

// IsUUID tells whether s is a UUID in its textual form.
func IsUUID(s string) bool { return db.IsUUID(s) }
