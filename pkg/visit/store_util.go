package visit

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
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

func encodeCursor(key, id string) string {
	b, _ := json.Marshal([2]string{key, id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (key, id string, err error) {
	var c [2]string
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if _, perr := time.Parse(time.DateOnly, c[0]); err != nil || perr != nil || !IsUUID(c[1]) {
		return "", "", apperr.Invalid("validation_failed", "cursor", "Curseur de pagination invalide.")
	}
	return c[0], c[1], nil
}

// IsUUID tells whether s is a UUID in its textual form.
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil && !strings.ContainsAny(s, "{}")
}
