package db

import (
	"database/sql/driver"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
)

// TextArray maps a PostgreSQL text[] through database/sql, where pgx hands arrays over in their text form.
type TextArray []string

// Scan parses the array literal, honouring quoted elements and backslash escapes.
func (a *TextArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*a = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return errors.New("TextArray: unsupported source type")
	}
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return errors.New("TextArray: not an array literal")
	}
	out := []string{}
	body := s[1 : len(s)-1]
	for i := 0; i < len(body); {
		var b strings.Builder
		if body[i] == '"' {
			i++
			for i < len(body) && body[i] != '"' {
				if body[i] == '\\' && i+1 < len(body) {
					i++
				}
				b.WriteByte(body[i])
				i++
			}
			i++ // closing quote
		} else {
			for i < len(body) && body[i] != ',' {
				b.WriteByte(body[i])
				i++
			}
		}
		out = append(out, b.String())
		i++ // comma
	}
	*a = out
	return nil
}

// Value writes the array literal with every element quoted.
func (a TextArray) Value() (driver.Value, error) {
	if a == nil {
		return "{}", nil
	}
	parts := make([]string, len(a))
	for i, s := range a {
		parts[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return "{" + strings.Join(parts, ",") + "}", nil
}

// TextArray is also a pgtype.ArraySetter, so that pgx itself (db.Read) decodes a text[] into it from the binary
// format without going through Scan.

// SetDimensions makes room for the elements (nil dimensions: a NULL array).
func (a *TextArray) SetDimensions(dims []pgtype.ArrayDimension) error {
	if dims == nil {
		*a = nil
		return nil
	}
	n := 1
	for _, d := range dims {
		n *= int(d.Length)
	}
	if len(dims) == 0 {
		n = 0
	}
	*a = make(TextArray, n)
	return nil
}

// ScanIndex is the target of element i.
func (a TextArray) ScanIndex(i int) any { return &a[i] }

// ScanIndexType is the type of an element's target.
func (a TextArray) ScanIndexType() any { return new(string) }

var _ pgtype.ArraySetter = (*TextArray)(nil)
