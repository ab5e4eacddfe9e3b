package rest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"maillage/pkg/hours"
)

// The public-holiday policy of a structure (ADR 0006, "Holiday policy"), through GET/PUT /schedules, the
// calendar, the formats and the compliance preview.

type holidayPolicyJSON struct {
	Closed    bool `json:"closed_on_public_holidays"`
	Pentecost bool `json:"open_on_pentecost_monday"`
}

func TestHolidayPolicyOpenOnPublicHolidays(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	token := tokens["animateur.70"]
	id := structureID(t, s, "2494")
	base := "/api/v1/structures/" + id
	var set struct {
		Holidays holidayPolicyJSON `json:"holidays"`
	}
	rec := s.do(request{method: http.MethodGet, path: base + "/schedules", token: token})
	decode(t, rec, &set)
	if !set.Holidays.Closed || set.Holidays.Pentecost {
		t.Fatalf("default policy: %s", rec.Body)
	}
	everyDay := weekdays([]int{1, 2, 3, 4, 5, 6, 7}, [2]string{"09:00", "12:00"})
	put := func(etag string, holidays map[string]any) (int, string) {
		body := map[string]any{"schedules": []any{everyDay}}
		if holidays != nil {
			body["holidays"] = holidays
		}
		rec := s.do(request{method: http.MethodPut, path: base + "/schedules", token: token, body: body,
			headers: map[string]string{"If-Match": etag}})
		return rec.Code, rec.Header().Get("ETag")
	}
	code, etag := put(rec.Header().Get("ETag"), map[string]any{"closed_on_public_holidays": false})
	if code != http.StatusOK {
		t.Fatalf("PUT open on holidays: %d", code)
	}
	if stale, _ := put(rec.Header().Get("ETag"), map[string]any{"closed_on_public_holidays": true}); stale != http.StatusPreconditionFailed {
		t.Fatalf("the policy shares the hours version: %d", stale)
	}
	rec = s.do(request{method: http.MethodGet, path: base + "/schedules", token: token})
	decode(t, rec, &set)
	if set.Holidays.Closed || set.Holidays.Pentecost || rec.Header().Get("ETag") != etag {
		t.Fatalf("stored policy: %s", rec.Body)
	}

	year := time.Now().Year() + 1
	bastille := fmt.Sprintf("%d-07-14", year)
	if n := calendarCount(t, s, token, base, bastille); n != 1 {
		t.Fatalf("open on public holidays: %d intervals on 14 July", n)
	}
	if osm := formatsOSM(t, s, token, base); strings.Contains(osm, "PH") || osm != "Mo-Su 09:00-12:00" {
		t.Fatalf("OSM of a structure open on public holidays: %q", osm)
	}

	// absent "holidays" keeps the policy; then closed, but open on Pentecost Monday
	code, etag = put(etag, nil)
	decode(t, s.do(request{method: http.MethodGet, path: base + "/schedules", token: token}), &set)
	if code != http.StatusOK || set.Holidays.Closed {
		t.Fatalf("PUT without holidays changed the policy: %d %+v", code, set.Holidays)
	}
	if code, _ = put(etag, map[string]any{"closed_on_public_holidays": true, "open_on_pentecost_monday": true}); code != http.StatusOK {
		t.Fatalf("PUT closed but Pentecost: %d", code)
	}
	pentecost := pentecostMonday(year)
	if n := calendarCount(t, s, token, base, bastille); n != 0 {
		t.Fatalf("closed on public holidays: %d intervals on 14 July", n)
	}
	if n := calendarCount(t, s, token, base, pentecost); n != 1 {
		t.Fatalf("open on Pentecost Monday %s: %d intervals", pentecost, n)
	}
	if osm := formatsOSM(t, s, token, base); osm != "Mo-Su 09:00-12:00; PH off; easter +50 days 09:00-12:00" {
		t.Fatalf("OSM closed on holidays, open on Pentecost Monday: %q", osm)
	}

	// the preview takes a draft policy: the week of 14 July has one day less when closed on holidays
	at := "?at=" + bastille + "&weeks=1"
	closed := weekCriterion(getReport(t, s, token, base+"/compliance"+at), 0, "open_days")
	rec = s.do(request{method: http.MethodPost, path: base + "/compliance/preview" + at, token: token,
		body: map[string]any{"schedules": []any{everyDay}, "holidays": map[string]any{"closed_on_public_holidays": false}}})
	var preview reportJSON
	decode(t, rec, &preview)
	if open := weekCriterion(preview, 0, "open_days"); closed.Measured == nil || open.Measured == nil || *closed.Measured != 6 || *open.Measured != 7 {
		t.Fatalf("open days in the week of 14 July: stored %+v, preview open on holidays %+v", closed, open)
	}
}

func weekCriterion(r reportJSON, week int, code string) criterionJSON {
	for _, c := range r.Weeks[week].Criteria {
		if c.Code == code {
			return c
		}
	}
	return criterionJSON{}
}

func calendarCount(t *testing.T, s *testServer, token, base, day string) int {
	t.Helper()
	var cal struct {
		Intervals []struct{} `json:"intervals"`
	}
	rec := s.do(request{method: http.MethodGet, path: base + "/calendar?from=" + day + "&to=" + day, token: token})
	if rec.Code != http.StatusOK {
		t.Fatalf("calendar %s: %d %s", day, rec.Code, rec.Body)
	}
	decode(t, rec, &cal)
	return len(cal.Intervals)
}

func formatsOSM(t *testing.T, s *testServer, token, base string) string {
	t.Helper()
	var f struct {
		OSM string `json:"osm"`
	}
	decode(t, s.do(request{method: http.MethodGet, path: base + "/hours/formats", token: token}), &f)
	return f.OSM
}

func pentecostMonday(year int) string {
	for _, h := range hours.Holidays(hours.CalendarFR, year, hours.HolidayOptions{}) {
		if strings.Contains(h.Name, "Pentecôte") {
			return h.Date.String()
		}
	}
	panic("no Pentecost Monday")
}
