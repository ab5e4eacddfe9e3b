package visit

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestWriteCalendar(t *testing.T) {
	start := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)
	events := []CalendarEvent{
		{UID: "a@maillage", Sequence: 3, Stamp: start, Start: start, End: start.Add(2 * time.Hour),
			Summary: "Visite préfectorale — France services de Vesoul", Location: "2 rue Ch. de Gaulle, 70000 Vesoul",
			Description: "Visiteurs : Mme A; M. B\nStatut : planifiée, à confirmer \\ vu"},
		{UID: "b@maillage", Stamp: start, AllDay: true, Start: d("2026-12-10"), End: d("2026-12-11"),
			Summary: strings.Repeat("Très long intitulé é ", 10), Cancelled: true},
	}
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, "Mes visites", events); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") || !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatalf("envelope:\n%s", out)
	}
	if strings.Count(out, "\r\n") != strings.Count(out, "\n") {
		t.Error("a line does not end with CRLF")
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("a fold split a character: %q", line)
		}
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		"DTSTART:20261208T090000Z\r\n", "DTEND:20261208T110000Z\r\n", "SEQUENCE:3\r\n", "UID:a@maillage\r\n",
		`LOCATION:2 rue Ch. de Gaulle\, 70000 Vesoul`,
		`DESCRIPTION:Visiteurs : Mme A\; M. B\nStatut : planifiée\, à confirmer \\ vu`,
		"DTSTART;VALUE=DATE:20261210\r\n", "DTEND;VALUE=DATE:20261211\r\n", "STATUS:CANCELLED\r\n", "STATUS:CONFIRMED\r\n",
		"X-WR-CALNAME:Mes visites\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if !strings.Contains(unfolded, "SUMMARY:"+strings.Repeat("Très long intitulé é ", 10)) {
		t.Errorf("the folded summary does not unfold to the original:\n%s", out)
	}
	if strings.Count(out, "BEGIN:VEVENT") != 2 || strings.Count(out, "END:VEVENT") != 2 {
		t.Error("two events expected")
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"a,b;c\\d": `a\,b\;c\\d`, "l1\r\nl2\nl3": `l1\nl2\nl3`, "rien": "rien",
	} {
		if got := EscapeText(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
