package db

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
)

// Keyset pagination: a page ends on a row whose (sort key, id) the next page starts after. Clients see the
// cursor base64-encoded and opaque, so its form may change between releases.

// EncodeCursor makes the cursor of the page that follows the row (key, id).
func EncodeCursor(key, id string) string {
	b, _ := json.Marshal([2]string{key, id}) // two strings always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor; anything else than what EncodeCursor made (with a UUID id) is a 422 on `cursor`.
func DecodeCursor(s string) (key, id string, err error) {
	var c [2]string
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || !IsUUID(c[1]) {
		return "", "", apperr.Invalid("validation_failed", "cursor", "Curseur de pagination invalide.")
	}
	return c[0], c[1], nil
}

// IsUUID tells whether s is a UUID in its canonical textual form (36 characters).
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}

// EscapeLike escapes the LIKE wildcards of user text.
func EscapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
