package visit

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CalendarEvent is one visit in an iCalendar feed (RFC 5545).
type CalendarEvent struct {
	UID         string
	Sequence    int
	Stamp       time.Time // last change of the visit
	AllDay      bool
	Start       time.Time // instant, or civil date for an all-day event
	End         time.Time // instant, or the civil day after the last day for an all-day event
	Summary     string
	Location    string
	Description string
	Cancelled   bool
}

// WriteCalendar writes a VCALENDAR with the events: CRLF line endings, long lines folded at 75 octets without
// splitting a character, text escaped, times in UTC (no VTIMEZONE needed).
func WriteCalendar(w io.Writer, name string, events []CalendarEvent) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { writeFolded(bw, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//ANCT//Maillage//FR")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + EscapeText(name))
	line("X-PUBLISHED-TTL:PT1H")
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + e.UID)
		line("DTSTAMP:" + utcStamp(e.Stamp))
		if e.AllDay {
			line("DTSTART;VALUE=DATE:" + e.Start.Format("20060102"))
			line("DTEND;VALUE=DATE:" + e.End.Format("20060102"))
		} else {
			line("DTSTART:" + utcStamp(e.Start))
			line("DTEND:" + utcStamp(e.End))
		}
		line("SEQUENCE:" + strconv.Itoa(e.Sequence))
		line("SUMMARY:" + EscapeText(e.Summary))
		if e.Location != "" {
			line("LOCATION:" + EscapeText(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION:" + EscapeText(e.Description))
		}
		if e.Cancelled {
			line("STATUS:CANCELLED")
		} else {
			line("STATUS:CONFIRMED")
		}
		line("TRANSP:OPAQUE")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return bw.Flush()
}

func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// EscapeText escapes an iCalendar TEXT value: backslash, semicolon, comma and line breaks.
func EscapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// writeFolded writes a content line, folded so that no physical line exceeds 75 octets (continuations start
// with a space), each ended by CRLF.
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		_, _ = w.WriteString(s[:cut])
		_, _ = w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	_, _ = w.WriteString(s)
	_, _ = w.WriteString("\r\n")
}
