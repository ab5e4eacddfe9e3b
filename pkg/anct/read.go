// Package anct reads and writes the national list of France services as ANCT publishes it (data.gouv.fr):
// comma-separated UTF-8 with a BOM in the original, but also the `;`-separated Latin-1 files that a spreadsheet
// re-saves. It is pure: bytes in, rows with typed values and per-column problems out. Nothing is dropped: every
// row keeps its raw cells.
package anct

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Columns of the national file, in its order.
var Columns = []string{"id_fs", "insee_dep", "lib_fs", "adresse", "complement_adresse", "insee_com", "code_postal",
	"lib_com", "latitude", "longitude", "mail", "telephone", "h_lundi", "h_mardi", "h_mercredi", "h_jeudi",
	"h_vendredi", "h_samedi", "commentaire", "itinerance", "format_fs", "groupe", "labellisation"}

// required columns: without them a file is not the national list.
var required = []string{"id_fs", "insee_dep", "lib_fs", "insee_com"}

// HourColumns are the day columns, Monday first (the file has no Sunday).
var HourColumns = []string{"h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"}

// File is a decoded file.
type File struct {
	Encoding  string // "utf-8" or "windows-1252"
	Delimiter rune
	Header    []string
	Rows      []Row
}

// Row is one line of the file: its raw cells by column name and its line number (1 = header).
type Row struct {
	Line  int
	Cells map[string]string
}

// Get returns a cell, trimmed.
func (r Row) Get(col string) string { return strings.TrimSpace(r.Cells[col]) }

// ErrNotANCT is returned when the header lacks the national columns.
var ErrNotANCT = errors.New("not an ANCT list")

// Read decodes a whole file. Lines that the CSV reader cannot split become rows with a "_raw" cell and a
// problem, so the import report can show them.
func Read(data []byte) (File, []Problem, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	f := File{Encoding: "utf-8"}
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return f, nil, fmt.Errorf("encoding: %w", err)
		}
		data, f.Encoding = decoded, "windows-1252"
	}
	f.Delimiter = sniffDelimiter(data)
	lines := splitRecords(data)
	if len(lines) == 0 {
		return f, nil, fmt.Errorf("%w: empty file", ErrNotANCT)
	}
	header, _, err := parseLine(lines[0].text, f.Delimiter)
	if err != nil {
		return f, nil, fmt.Errorf("%w: unreadable header", ErrNotANCT)
	}
	for i, h := range header {
		header[i] = strings.ToLower(strings.TrimSpace(h))
	}
	f.Header = header
	if missing := missingColumns(header); len(missing) > 0 {
		return f, nil, fmt.Errorf("%w: missing columns %s", ErrNotANCT, strings.Join(missing, ", "))
	}
	var problems []Problem
	for _, l := range lines[1:] {
		if strings.TrimSpace(strings.ReplaceAll(l.text, string(f.Delimiter), "")) == "" {
			continue // blank line or only delimiters (spreadsheet padding)
		}
		cells, lenient, err := parseLine(l.text, f.Delimiter)
		row := Row{Line: l.number, Cells: map[string]string{}}
		if err != nil {
			row.Cells["_raw"] = l.text
			problems = append(problems, Problem{Line: l.number, Column: "", Message: "Ligne illisible (guillemets mal fermés ?) : conservée telle quelle."})
			f.Rows = append(f.Rows, row)
			continue
		}
		if lenient {
			problems = append(problems, Problem{Line: l.number, Warning: true,
				Message: "Guillemets mal placés : ligne lue en mode tolérant, vérifiez-en les valeurs."})
		}
		for i, name := range header {
			if i < len(cells) {
				row.Cells[name] = cells[i]
			}
		}
		if extra := trailingNonEmpty(cells, len(header)); extra != "" {
			row.Cells["_extra"] = extra
			problems = append(problems, Problem{Line: l.number, Message: "Cellules en trop au-delà des colonnes connues : conservées pour revue."})
		}
		f.Rows = append(f.Rows, row)
	}
	return f, problems, nil
}

// Problem is something wrong with a cell or a line, in French, for the import report. A warning does not stop
// the row from being imported; anything else rejects the row (kept raw for review).
type Problem struct {
	Line    int    // line number in the file (1 = header)
	Column  string // column name, "" for the whole line
	Message string
	Warning bool
}

func missingColumns(header []string) []string {
	have := map[string]bool{}
	for _, h := range header {
		have[h] = true
	}
	var missing []string
	for _, c := range required {
		if !have[c] {
			missing = append(missing, c)
		}
	}
	return missing
}

// sniffDelimiter picks the separator of the header line: the national file uses commas, spreadsheets in French
// locale re-save with semicolons.
func sniffDelimiter(data []byte) rune {
	first := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		first = data[:i]
	}
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		return ';'
	}
	if bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")) {
		return '\t'
	}
	return ','
}

type rawLine struct {
	number int
	text   string
}

// splitRecords cuts the file into CSV records, remembering each record's first line number. A quoted cell may
// span lines, but only when the joined lines then parse as one record: an unclosed quote must not swallow the
// rest of the file, so such a line stands alone (and is reported as unreadable).
func splitRecords(data []byte) []rawLine {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	var out []rawLine
	for i := 0; i < len(lines); i++ {
		rec := lines[i]
		if strings.Count(rec, `"`)%2 == 1 {
			if joined, n, ok := joinQuoted(lines[i:]); ok {
				out = append(out, rawLine{number: i + 1, text: joined})
				i += n - 1
				continue
			}
		}
		out = append(out, rawLine{number: i + 1, text: rec})
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1].text) == "" {
		out = out[:len(out)-1]
	}
	return out
}

// joinQuoted joins up to 20 lines until the quotes balance, and accepts the result only if it parses strictly.
func joinQuoted(lines []string) (string, int, bool) {
	joined, quotes := lines[0], strings.Count(lines[0], `"`)
	for n := 1; n < len(lines) && n < 20; n++ {
		joined += "\n" + lines[n]
		quotes += strings.Count(lines[n], `"`)
		if quotes%2 == 0 {
			r := csv.NewReader(strings.NewReader(joined))
			r.FieldsPerRecord = -1
			if _, err := r.Read(); err == nil {
				return joined, n + 1, true
			}
			return "", 0, false
		}
	}
	return "", 0, false
}

// parseLine splits one record; lenient tells that strict CSV failed and the lenient reading was used.
func parseLine(text string, delim rune) (cells []string, lenient bool, err error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err == io.EOF {
		return []string{}, false, nil
	}
	if err == nil {
		return rec, false, nil
	}
	// A stray quote inside an unquoted cell ("Mairie "annexe"") is common in typed data: retry leniently.
	r = csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = delim, -1, true
	rec, err = r.Read()
	return rec, true, err
}

func trailingNonEmpty(cells []string, known int) string {
	if len(cells) <= known {
		return ""
	}
	var extra []string
	for _, c := range cells[known:] {
		if strings.TrimSpace(c) != "" {
			extra = append(extra, c)
		}
	}
	return strings.Join(extra, " | ")
}
