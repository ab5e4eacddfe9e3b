package hours

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"
)

// The fast paths of the optimised code, each against the plain one it replaces, on the edges the generated
// structures of equivalence_test.go do not reach.

// The texts written without fmt match fmt's, in and out of the usual ranges.
func TestTextsMatchFmt(t *testing.T) {
	for y := -12; y <= 10012; y += 7 {
		for m := -1; m <= 14; m++ {
			for d := -1; d <= 101; d += 3 {
				date := Date{y, time.Month(m), d}
				want := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				if date.IsZero() {
					want = ""
				}
				if got := date.String(); got != want {
					t.Fatalf("%#v: %q, want %q", date, got, want)
				}
				if got, want := date.French(), twoDigitsFmt(d)+"/"+twoDigitsFmt(m)+"/"+fmt.Sprint(y); got != want {
					t.Fatalf("%#v: %q, want %q", date, got, want)
				}
			}
		}
		for w := -1; w <= 101; w += 4 {
			if got, want := (ISOWeek{y, w}).String(), fmt.Sprintf("%04d-W%02d", y, w); got != want {
				t.Fatalf("week %d %d: %q, want %q", y, w, got, want)
			}
		}
	}
	for c := Clock(-70); c <= 1510; c++ {
		if got, want := c.String(), twoDigitsFmt(int(c)/60)+":"+twoDigitsFmt(int(c)%60); got != want {
			t.Fatalf("clock %d: %q, want %q", c, got, want)
		}
	}
	for _, d := range []time.Duration{0, time.Minute, 59 * time.Minute, 24 * time.Hour, 23*time.Hour + 30*time.Minute,
		168*time.Hour - time.Second, 150 * time.Hour, 170*time.Hour + 5*time.Minute, -90 * time.Minute, -3 * time.Hour} {
		m := int(d.Round(time.Minute) / time.Minute)
		want := fmt.Sprint(m/60) + " h"
		if m%60 != 0 {
			want += " " + twoDigitsFmt(m%60)
		}
		if got := durationFR(d); got != want {
			t.Fatalf("%v: %q, want %q", d, got, want)
		}
	}
}

// twoDigitsFmt is twoDigits as first written.
func twoDigitsFmt(n int) string {
	if n < 10 {
		return "0" + fmt.Sprint(n)
	}
	return fmt.Sprint(n)
}

// The holiday tables shared by every resolution say what the map of the reference says, day by day, over spans of
// one to four years, inside and outside the years kept in the memo.
func TestHolidaySetMatchesReference(t *testing.T) {
	options := []HolidayOptions{{}, {OpenOnPentecostMonday: true}, {LegalOnly: true}, {true, true}}
	for _, c := range append(slices.Clone(Calendars), "XX", "") {
		for _, opts := range options {
			for _, from := range []int{1898, 2024, 2026, 2199} {
				for span := range 4 {
					set, ref := newHolidaySet(c, opts, from, from+span), refNewHolidaySet(c, opts, from, from+span)
					first, last := daysFromCivil(from, 1, 1)-3, daysFromCivil(from+span, 12, 31)+3
					var all []Holiday
					for day := first; day <= last; day++ {
						got, ok := set.at(day)
						want, wantOK := ref[dateFromDays(day)]
						if ok != wantOK || got != want || set.has(day) != wantOK {
							t.Fatalf("%s %+v %d+%d, %v: %+v %v, want %+v %v", c, opts, from, span, dateFromDays(day), got, ok, want, wantOK)
						}
						if wantOK {
							all = append(all, want)
						}
					}
					if got := set.appendBetween(nil, first, last); !reflect.DeepEqual(got, all) {
						t.Fatalf("%s %+v %d+%d: %v, want %v", c, opts, from, span, got, all)
					}
					a, b := first+40, first+140 // a window inside
					var inside []Holiday
					for _, h := range all {
						if d := h.Date.days(); d >= a && d <= b {
							inside = append(inside, h)
						}
					}
					if got := set.appendBetween(nil, a, b); !reflect.DeepEqual(got, inside) {
						t.Fatalf("%s %+v %d+%d [%d, %d]: %v, want %v", c, opts, from, span, a, b, got, inside)
					}
				}
			}
		}
	}
}

// daysFromCivil's fast path agrees with the normalising one, and dateFromDays inverts it.
func TestDaysFromCivil(t *testing.T) {
	slow := func(y int, m time.Month, d int) int { // the general path alone
		mm := int(m) - 1
		y += floorDiv(mm, 12)
		mm = mod(mm, 12) + 1
		if mm <= 2 {
			y--
		}
		era := floorDiv(y, 400)
		yoe := y - era*400
		mp := (mm + 9) % 12
		doy := (153*mp+2)/5 + d - 1
		return era*146097 + yoe*365 + yoe/4 - yoe/100 + doy - 719468
	}
	for y := -801; y <= 2801; y++ {
		for m := time.Month(-13); m <= 26; m++ {
			for _, d := range []int{-40, 0, 1, 15, 28, 29, 30, 31, 70} {
				if got, want := daysFromCivil(y, m, d), slow(y, m, d); got != want {
					t.Fatalf("%d-%d-%d: %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
	for n := -1000000; n <= 1000000; n += 7 {
		if d := dateFromDays(n); d.days() != n || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
			t.Fatalf("%d: %+v", n, d)
		}
	}
}

// Intervals given by hand with instants far from now (or zero) take the exact path of Evaluate: same reports.
func TestEvaluateFarInstantsMatchReference(t *testing.T) {
	g := newGenerator(t, 3)
	rs := CurrentRuleSets()[1]
	for i := range 300 {
		in := Prepare(g.prepareInput(fmt.Sprintf("fs-%d", i)))
		years := []int{-300, 300, 0}[i%3]
		for _, w := range in.Weeks {
			for k := range w.Intervals {
				iv := &w.Intervals[k]
				if years == 0 && k%2 == 0 {
					iv.Start, iv.End = time.Time{}, time.Time{}.Add(time.Duration(k)*time.Hour)
				} else {
					iv.Start, iv.End = iv.Start.AddDate(years, 0, 0), iv.End.AddDate(years, 0, 0)
				}
			}
		}
		if r, ref := Evaluate(rs, in), refEvaluate(rs, in); !reflect.DeepEqual(r, ref) {
			t.Fatalf("case %d (%+d years):\n got %+v\nwant %+v", i, years, r, ref)
		}
	}
}

// Around 2262-04-11, where nanoseconds since 1970 overflow an int64, Evaluate still measures what the reference
// measures.
func TestEvaluateAtNanosecondOverflow(t *testing.T) {
	wrap := time.Unix(0, math.MaxInt64).UTC()
	at := DateOf(wrap)
	ivs := []Interval{
		{Start: wrap.Add(-3 * time.Hour), End: wrap.Add(3 * time.Hour), Date: at, PlannedAgents: 2},
		{Start: wrap.Add(2 * time.Hour), End: wrap.Add(5 * time.Hour), Date: at, PlannedAgents: 2},
		{Start: wrap.Add(24 * time.Hour), End: wrap.Add(30 * time.Hour), Date: at.AddDays(1), PlannedAgents: 1},
	}
	for subset := 1; subset < 1<<len(ivs); subset++ { // each interval alone, and together
		var week []Interval
		for k, iv := range ivs {
			if subset&(1<<k) != 0 {
				week = append(week, iv)
			}
		}
		in := EvaluationInput{StructureID: "fs-1", TypicalWeek: week, Agents: twoTrained,
			Weeks: []WeekIntervals{{Week: at.ISOWeek(), Intervals: week}}}
		for _, rs := range ruleSetsForTest() {
			if r, ref := Evaluate(rs, in), refEvaluate(rs, in); !reflect.DeepEqual(r, ref) {
				t.Fatalf("%s, subset %b:\n got %+v\nwant %+v", rs.Code, subset, r, ref)
			}
		}
	}
}
