package db

import (
	"database/sql/driver"
	"errors"
	"strings"
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
