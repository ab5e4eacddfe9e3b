package hours

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Date is a civil date: a day in the calendar, with no time zone. The zero Date means "no date" (an open bound).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate builds a date, normalising out-of-range values the way time.Date does (31 April is 1 May).
func NewDate(year int, month time.Month, day int) Date {
	return dateFromDays(daysFromCivil(year, month, day))
}

// DateOf is the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads an ISO date "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: attendu AAAA-MM-JJ", s)
	}
	return DateOf(t), nil
}

// IsZero tells whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String writes d as "2006-01-02".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	b := [10]byte{'0' + byte(d.Year/1000), '0' + byte(d.Year/100%10), '0' + byte(d.Year/10%10), '0' + byte(d.Year%10), '-',
		'0' + byte(d.Month/10), '0' + byte(d.Month%10), '-', '0' + byte(d.Day/10), '0' + byte(d.Day%10)}
	return string(b[:])
}

// French writes d as "02/01/2006".
func (d Date) French() string {
	if d.Year < 1000 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 99 {
		return twoDigits(d.Day) + "/" + twoDigits(int(d.Month)) + "/" + strconv.Itoa(d.Year)
	}
	b := [10]byte{'0' + byte(d.Day/10), '0' + byte(d.Day%10), '/', '0' + byte(d.Month/10), '0' + byte(d.Month%10), '/',
		'0' + byte(d.Year/1000), '0' + byte(d.Year/100%10), '0' + byte(d.Year/10%10), '0' + byte(d.Year%10)}
	return string(b[:])
}

// days is the number of days since 1970-01-01.
func (d Date) days() int { return daysFromCivil(d.Year, d.Month, d.Day) }

// AddDays moves d by n days.
func (d Date) AddDays(n int) Date { return dateFromDays(d.days() + n) }

// Sub is the number of days from o to d (d - o).
func (d Date) Sub(o Date) int { return d.days() - o.days() }

// Before tells whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After tells whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(int(d.Month) - int(o.Month))
	default:
		return sign(d.Day - o.Day)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Weekday is the ISO weekday of d (Monday = 1).
func (d Date) Weekday() Weekday {
	// 1970-01-01 was a Thursday (4).
	return Weekday(mod(d.days()+3, 7) + 1)
}

// ISOWeek is the ISO 8601 week d belongs to.
func (d Date) ISOWeek() ISOWeek {
	thursday := d.AddDays(4 - int(d.Weekday())) // the week's Thursday decides its year
	return ISOWeek{Year: thursday.Year, Week: (thursday.days()-daysFromCivil(thursday.Year, 1, 1))/7 + 1}
}

// Monday is the Monday of d's ISO week.
func (d Date) Monday() Date { return d.AddDays(1 - int(d.Weekday())) }

// In is the instant d starts in loc (its first existing instant when midnight falls in a daylight-saving gap).
func (d Date) In(loc *time.Location) time.Time { return wallInstant(d, 0, loc) }

// Within tells whether d lies in [from, to], a zero bound being open.
func (d Date) Within(from, to Date) bool {
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
}

// ISOWeek is an ISO 8601 week, written "2026-W49".
type ISOWeek struct {
	Year int
	Week int
}

func (w ISOWeek) String() string {
	if w.Year < 0 || w.Year > 9999 || w.Week < 0 || w.Week > 99 {
		return fmt.Sprintf("%04d-W%02d", w.Year, w.Week)
	}
	if w.Week < 1 || w.Week > 53 || w.Year < weekTextsFrom || w.Year >= weekTextsFrom+len(weekTexts) {
		return w.text()
	}
	year := &weekTexts[w.Year-weekTextsFrom]
	texts := year.Load()
	if texts == nil { // first use of the year: its 53 names, shared by every report afterwards
		texts = new([54]string)
		for n := 1; n <= 53; n++ {
			texts[n] = ISOWeek{w.Year, n}.text()
		}
		year.CompareAndSwap(nil, texts)
	}
	return texts[w.Week]
}

// weekTexts holds the names of the weeks of the years weekTextsFrom to weekTextsFrom + 299, built on first use.
var weekTexts [300]atomic.Pointer[[54]string]

const weekTextsFrom = 1900

func (w ISOWeek) text() string {
	b := [8]byte{'0' + byte(w.Year/1000), '0' + byte(w.Year/100%10), '0' + byte(w.Year/10%10), '0' + byte(w.Year%10), '-', 'W',
		'0' + byte(w.Week/10), '0' + byte(w.Week%10)}
	return string(b[:])
}

// Monday is the first day of the week.
func (w ISOWeek) Monday() Date {
	jan4 := NewDate(w.Year, time.January, 4) // always in week 1
	return jan4.Monday().AddDays(7 * (w.Week - 1))
}

// ParseISOWeek reads "2026-W49".
func ParseISOWeek(s string) (ISOWeek, error) {
	var w ISOWeek
	if len(s) != 8 || s[4:6] != "-W" {
		return w, fmt.Errorf("semaine %q : attendu AAAA-Wnn", s)
	}
	y, err1 := strconv.Atoi(s[:4])
	n, err2 := strconv.Atoi(s[6:])
	w = ISOWeek{y, n}
	if err1 != nil || err2 != nil || n < 1 || n > 53 || w.Monday().ISOWeek() != w {
		return ISOWeek{}, fmt.Errorf("semaine %q inexistante", s)
	}
	return w, nil
}

// daysFromCivil is the days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), with
// months and days out of range normalised.
func daysFromCivil(y int, m time.Month, d int) int {
	if y > 0 && m >= time.January && m <= time.December { // nothing to normalise, no negative era: plain divisions
		if m <= time.February {
			y--
		}
		era := y / 400
		yoe := y - era*400
		doy := (153*((int(m)+9)%12)+2)/5 + d - 1
		return era*146097 + yoe*365 + yoe/4 - yoe/100 + doy - 719468
	}
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
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func dateFromDays(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), d}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

// Clock is a wall-clock time of day in minutes since midnight, 0 to 1440 (24:00, the end of the day).
type Clock int

// ClockOf builds a clock from hours and minutes.
func ClockOf(h, m int) Clock { return Clock(h*60 + m) }

// ParseClock reads "09:30" (also "9:30", "9h30", "9h" and "24:00").
func ParseClock(s string) (Clock, error) {
	i := strings.IndexAny(s, ":hH")
	if i < 1 || i > 2 {
		return 0, fmt.Errorf("heure %q : attendu HH:MM", s)
	}
	hs, ms := s[:i], s[i+1:]
	if ms == "" && s[i] != ':' {
		ms = "00"
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || len(ms) != 2 || h < 0 || m < 0 || m > 59 || !ClockOf(h, m).Valid() {
		return 0, fmt.Errorf("heure %q : attendu HH:MM entre 00:00 et 24:00", s)
	}
	return ClockOf(h, m), nil
}

// Valid tells whether c is within 00:00–24:00.
func (c Clock) Valid() bool { return c >= 0 && c <= 1440 }

// String writes "09:30".
func (c Clock) String() string {
	if c.Valid() {
		return clockTexts()[c]
	}
	return twoDigits(int(c)/60) + ":" + twoDigits(int(c)%60)
}

// Weekday is an ISO weekday: Monday = 1 … Sunday = 7.
type Weekday int

// The ISO weekdays.
const (
	Monday Weekday = iota + 1
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
	Sunday
)

var (
	frenchDays  = [8]string{"", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
	osmDayNames = [8]string{"", "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}
	schemaDays  = [8]string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// Valid tells whether d is 1–7.
func (d Weekday) Valid() bool { return d >= Monday && d <= Sunday }

// French is the day's name in French ("mardi").
func (d Weekday) French() string {
	if !d.Valid() {
		return "?"
	}
	return frenchDays[d]
}

func (d Weekday) String() string { return d.French() }
