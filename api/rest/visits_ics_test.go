package rest_test

import (
	"crypto/sha256"
	"net/http"
	"strings"
	"testing"
	"time"

	"maillage/api/rest"
)

// unfoldICS checks the physical lines of an iCalendar body (CRLF, at most 75 octets) and returns the logical
// content lines.
func unfoldICS(t *testing.T, body string) []string {
	t.Helper()
	if !strings.HasSuffix(body, "\r\n") || strings.Count(body, "\n") != strings.Count(body, "\r\n") {
		t.Fatalf("lines must end with CRLF: %q", body)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line over 75 octets: %q", l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// events parses the VEVENTs of a calendar into property maps keyed by UID.
func events(t *testing.T, body string) map[string]map[string]string {
	t.Helper()
	lines := unfoldICS(t, body)
	if lines[0] != "BEGIN:VCALENDAR" || lines[1] != "VERSION:2.0" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("envelope: %v", lines)
	}
	out := map[string]map[string]string{}
	var cur map[string]string
	for _, l := range lines {
		switch {
		case l == "BEGIN:VEVENT":
			cur = map[string]string{}
		case l == "END:VEVENT":
			out[cur["UID"]] = cur
			cur = nil
		case cur != nil:
			name, value, _ := strings.Cut(l, ":")
			cur[name] = value
		}
	}
	return out
}

func TestVisitsICS(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	vesoul := matrixStructure(t, s, true)
	day := parisToday(s).AddDate(0, 0, 20)
	v := createVisit(t, s, pref, map[string]any{"structure_id": vesoul, "type": "prefectorale", "planned_date": ymd(day),
		"planned_time": "09:30", "duration_minutes": 90, "visitors": []map[string]any{
			{"user_id": userIDOf(t, s, "prefecture.70@maillage.test"), "function": "Secrétaire générale"},
			{"name": "Mme Dupont, sous-préfète; Lure"}}})
	uid := v.ID + "@maillage.anct.gouv.fr"

	rec := s.do(request{method: http.MethodGet, path: "/api/v1/visits.ics", token: pref})
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("ics: %d %s", rec.Code, rec.Header())
	}
	ev := events(t, rec.Body.String())[uid]
	paris, _ := time.LoadLocation("Europe/Paris")
	start := time.Date(day.Year(), day.Month(), day.Day(), 9, 30, 0, 0, paris).UTC()
	if ev == nil || ev["DTSTART"] != start.Format("20060102T150405Z") ||
		ev["DTEND"] != start.Add(90*time.Minute).Format("20060102T150405Z") || ev["STATUS"] != "CONFIRMED" ||
		ev["SEQUENCE"] != "1" || ev["SUMMARY"] != "Visite préfectorale — France services de Vesoul" || ev["DTSTAMP"] == "" {
		t.Fatalf("event %v", ev)
	}
	if !strings.Contains(ev["DESCRIPTION"], `Mme Dupont\, sous-préfète\; Lure`) || !strings.Contains(ev["DESCRIPTION"], `\nStatut : planifiée`) ||
		!strings.Contains(ev["LOCATION"], `\, 70000 Vesoul`) {
		t.Errorf("escaping: %v", ev)
	}
	// The animator is not a visitor: not in its own calendar, in its territory's.
	if got := events(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits.ics", token: tokens["animateur.70"]}).Body.String()); got[uid] != nil {
		t.Error("the animator's own calendar shows a visit it does not make")
	}
	if got := events(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits.ics?scope=territoire", token: tokens["animateur.70"]}).Body.String()); got[uid] == nil {
		t.Error("the territory's calendar misses the visit")
	}
	// The structure account sees the visits of its structure coming.
	if got := events(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits.ics", token: tokens["structure.70"]}).Body.String()); got[uid] == nil {
		t.Error("the structure's calendar misses the visit")
	}
	if got := events(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits.ics?scope=territoire", token: tokens["prefecture.57"]}).Body.String()); got[uid] != nil {
		t.Error("Moselle sees a visit of Haute-Saône")
	}
	// Cancelled: the event stays, cancelled, with a higher sequence, so calendars remove it.
	patchVisit(s, pref, v.ID, 1, map[string]any{"status": "annulee", "cancel_reason": "Report"})
	ev = events(t, s.do(request{method: http.MethodGet, path: "/api/v1/visits.ics", token: pref}).Body.String())[uid]
	if ev["STATUS"] != "CANCELLED" || ev["SEQUENCE"] != "2" {
		t.Errorf("cancelled event %v", ev)
	}
	if rec := s.do(request{method: http.MethodGet, path: "/api/v1/visits.ics", token: tokens["partenaire.caf.70"]}); rec.Code != 403 {
		t.Errorf("partner: %d", rec.Code)
	}
}

// The secret calendar link: shown once, stored hashed, readable without a session, revoked by renewal or removal.
func TestCalendarLink(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	pref := tokens["prefecture.70"]
	v := createVisit(t, s, pref, map[string]any{"structure_id": freeStructures(t, s, "70", 1)[0], "type": "prefectorale",
		"planned_date": ymd(parisToday(s).AddDate(0, 0, 5)), "visitors": []map[string]any{{"user_id": userIDOf(t, s, "prefecture.70@maillage.test")}}})
	var info rest.CalendarLinkDTO
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/calendar-link", token: pref}), &info)
	if info.Active {
		t.Fatal("a link before any was made")
	}
	rec := s.do(request{method: http.MethodPost, path: "/api/v1/calendar-link", token: pref})
	decode(t, rec, &info)
	if rec.Code != 201 || info.Token == nil || info.URL == nil || !strings.HasSuffix(*info.URL, "/api/v1/calendar/"+*info.Token+".ics") {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	token := *info.Token
	sum := sha256.Sum256([]byte(token))
	if n := countRows(t, s, `SELECT count(*) FROM calendar_tokens WHERE token_hash = ?`, sum[:]); n != 1 {
		t.Errorf("the token's hash is not what is stored (%d)", n)
	}
	if n := countRows(t, s, `SELECT count(*) FROM audit_log WHERE action = 'calendar_link.create' AND after::text LIKE ?`, "%"+token+"%"); n != 0 {
		t.Error("the token reached the audit log")
	}
	feed := func(tok string) (int, string) {
		rec := s.do(request{method: http.MethodGet, path: "/api/v1/calendar/" + tok + ".ics"})
		return rec.Code, rec.Body.String()
	}
	code, body := feed(token)
	if code != 200 || events(t, body)[v.ID+"@maillage.anct.gouv.fr"] == nil {
		t.Fatalf("feed: %d %.300s", code, body)
	}
	decode(t, s.do(request{method: http.MethodGet, path: "/api/v1/calendar-link", token: pref}), &info)
	if !info.Active || info.Token != nil || info.URL != nil || info.LastUsedAt == nil {
		t.Errorf("link info %+v", info)
	}
	if code, _ := feed(strings.Repeat("A", 43)); code != 404 {
		t.Errorf("unknown token: %d", code)
	}
	var renewed rest.CalendarLinkDTO
	decode(t, s.do(request{method: http.MethodPost, path: "/api/v1/calendar-link", token: pref}), &renewed)
	if code, _ := feed(token); code != 404 {
		t.Errorf("the renewed link's old token still works: %d", code)
	}
	if code, _ := feed(*renewed.Token); code != 200 {
		t.Errorf("renewed: %d", code)
	}
	if rec := s.do(request{method: http.MethodDelete, path: "/api/v1/calendar-link", token: pref}); rec.Code != 204 {
		t.Errorf("revoke: %d", rec.Code)
	}
	if code, _ := feed(*renewed.Token); code != 404 {
		t.Errorf("revoked: %d", code)
	}
	// The answer carries the secret: an Idempotency-Key does not keep it for a replay.
	var k1, k2 rest.CalendarLinkDTO
	key := map[string]string{"Idempotency-Key": "lien-agenda-1"}
	decode(t, s.do(request{method: http.MethodPost, path: "/api/v1/calendar-link", token: pref, headers: key}), &k1)
	decode(t, s.do(request{method: http.MethodPost, path: "/api/v1/calendar-link", token: pref, headers: key}), &k2)
	if *k1.Token == *k2.Token || countRows(t, s, `SELECT count(*) FROM idempotency_keys WHERE key = 'lien-agenda-1'`) != 0 {
		t.Error("the calendar link's answer was kept for an idempotent replay")
	}
	if rec := s.do(request{method: http.MethodPost, path: "/api/v1/calendar-link", token: tokens["partenaire.caf.70"]}); rec.Code != 403 {
		t.Errorf("partner link: %d", rec.Code)
	}
}
