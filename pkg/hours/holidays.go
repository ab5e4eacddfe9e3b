package hours

import (
	"slices"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/nc"
)

// Calendar names a public-holiday calendar, with the codes pkg/territory gives départements
// (territory.HolidayCalendarOf): "FR", "FR-ALSACE-MOSELLE", or "FR-" and the overseas code ("FR-971" …).
type Calendar string

const (
	CalendarFR            Calendar = "FR"
	CalendarAlsaceMoselle Calendar = "FR-ALSACE-MOSELLE"
)

// Legal bases of the holidays (Holiday.Basis).
const (
	BasisNational      = "Code du travail, art. L3133-1"
	BasisAlsaceMoselle = "Code du travail, art. L3134-13 (droit local d’Alsace-Moselle)"
	BasisAbolition     = "Code du travail, art. L3422-2 ; loi n° 83-550 du 30 juin 1983, décret n° 83-1003 du 23 novembre 1983"
	BasisUsage         = "usage local (jour chômé par les administrations, sans texte national)"
	BasisLocalCode     = "code du travail local de la collectivité"
)

// Holiday is a public holiday of a calendar.
type Holiday struct {
	Date  Date
	Name  string // French
	Basis string // the text (or usage) that makes the day a holiday
}

// HolidayOptions adapt a calendar to a structure.
type HolidayOptions struct {
	// OpenOnPentecostMonday leaves Pentecost Monday out: it is a public holiday (L3133-1) but, as the journée de
	// solidarité (L3133-7), many structures open that day.
	OpenOnPentecostMonday bool
	// LegalOnly leaves out the days observed by local usage only (Good Friday and 21 July in Guadeloupe and
	// Martinique).
	LegalOnly bool
}

// Calendars lists the calendars Holidays knows apart from the metropolitan one.
var Calendars = []Calendar{CalendarFR, CalendarAlsaceMoselle, "FR-971", "FR-972", "FR-973", "FR-974", "FR-975",
	"FR-976", "FR-977", "FR-978", "FR-984", "FR-986", "FR-987", "FR-988", "FR-989"}

// KnownCalendar tells whether c is one of Calendars. Holidays treats any other code as "FR".
func KnownCalendar(c Calendar) bool { return slices.Contains(Calendars, c) }

type localDay struct {
	month       time.Month
	day         int
	easter      int // offset from Easter Sunday when month is 0
	name, basis string
	from, until int // years the day applies (0 = unbounded)
}

var (
	abolition        = "Abolition de l’esclavage"
	schoelcher       = localDay{month: time.July, day: 21, name: "Fête de Victor Schœlcher", basis: BasisUsage}
	usageGoodFriday  = localDay{easter: -2, name: "Vendredi saint", basis: BasisUsage}
	alsaceGoodFriday = localDay{easter: -2, name: "Vendredi saint", basis: BasisAlsaceMoselle}
)

// localDays are the days each calendar adds to the national list (Code du travail, art. L3133-1).
//
// Decisions, each checked against the reference parser opening_hours (see ohcheck_test.go):
//   - Alsace-Moselle (57, 67, 68): Good Friday and 26 December, art. L3134-13. The article limits Good Friday to
//     "les communes ayant un temple protestant ou une église mixte"; in practice the whole three départements
//     observe it, and so does Maillage.
//   - Abolition of slavery, art. L3422-2 (loi n° 2016-1088 du 8 août 2016, taking over décret n° 83-1003 as
//     amended by décret n° 2012-553): Mayotte 27 April, Martinique 22 May, Guadeloupe and Saint-Martin 27 May,
//     Guyane 10 June, Saint-Barthélemy 9 October, La Réunion 20 December. Saint-Martin has commemorated on 28 May
//     since 2018 under interministerial circulars; the Code still says 27 May and Maillage follows the Code (a
//     structure records the 28th as an exception).
//   - Guadeloupe and Martinique: Good Friday and 21 July (Victor Schœlcher) are closed by usage, not by a national
//     text (the 1914 order making 21 July a holiday lapsed with loi n° 83-550: answer to
//     question écrite n° 61289, AN, 9e législature); kept,
//     flagged BasisUsage, left out with LegalOnly. Carnival days, 2 November and the like are not listed:
//     structures record them as exceptions.
//   - Mayotte: the religious days the Code's article L3422-2 mentions (Miradji, Idi-el-Fitri, …) follow the lunar
//     calendar and local agreements: not listed, structures record them as exceptions.
//   - Saint-Barthélemy: opening_hours also closes Good Friday; no text makes it a holiday there, so Maillage does
//     not (difference documented in the cross-check test).
//   - Nouvelle-Calédonie, Polynésie française, Wallis-et-Futuna have their own labour codes. Nouvelle-Calédonie:
//     24 September (also in rickar/cal's nc package). Polynésie française: 5 March, Good Friday, and 29 June until
//     2024, replaced by 20 November (Matāri’i) from 2025 by the loi du pays adopted on 6 May 2025.
//     Wallis-et-Futuna: 28 April, 29 June, 29 July, taken from opening_hours and not verified against a local
//     text. Saint-Pierre-et-Miquelon, the TAAF and Clipperton keep the national list.
var localDays = map[Calendar][]localDay{
	CalendarAlsaceMoselle: {alsaceGoodFriday, {month: time.December, day: 26, name: "Saint-Étienne", basis: BasisAlsaceMoselle}},
	"FR-971":              {usageGoodFriday, {month: time.May, day: 27, name: abolition, basis: BasisAbolition}, schoelcher},
	"FR-972":              {usageGoodFriday, {month: time.May, day: 22, name: abolition, basis: BasisAbolition}, schoelcher},
	"FR-973":              {{month: time.June, day: 10, name: abolition, basis: BasisAbolition}},
	"FR-974":              {{month: time.December, day: 20, name: abolition, basis: BasisAbolition}},
	"FR-976":              {{month: time.April, day: 27, name: abolition, basis: BasisAbolition}},
	"FR-977":              {{month: time.October, day: 9, name: abolition, basis: BasisAbolition}},
	"FR-978":              {{month: time.May, day: 27, name: abolition, basis: BasisAbolition}},
	"FR-986": {
		{month: time.April, day: 28, name: "Saint Pierre Chanel", basis: BasisLocalCode},
		{month: time.June, day: 29, name: "Saints Pierre et Paul", basis: BasisLocalCode},
		{month: time.July, day: 29, name: "Fête du Territoire", basis: BasisLocalCode},
	},
	"FR-987": {
		{month: time.March, day: 5, name: "Arrivée de l’Évangile", basis: BasisLocalCode},
		{easter: -2, name: "Vendredi saint", basis: BasisLocalCode},
		{month: time.June, day: 29, name: "Fête de l’autonomie", basis: BasisLocalCode, until: 2024},
		{month: time.November, day: 20, name: "Matāri’i", basis: BasisLocalCode, from: 2025},
	},
	"FR-988": {{month: time.September, day: 24, name: nc.FêteDeLaCitoyenneté.Name, basis: BasisLocalCode}},
}

// Holidays lists the public holidays of a calendar in a year, sorted by date: the national list of the Code du
// travail (art. L3133-1, from rickar/cal's fr package) plus the calendar's local days (see localDays for the
// decisions and their legal texts). An unknown calendar gets the national list.
func Holidays(c Calendar, year int, opts HolidayOptions) []Holiday {
	out := make([]Holiday, 0, 16)
	for _, h := range fr.Holidays {
		if opts.OpenOnPentecostMonday && h == fr.LundiDePentecôte {
			continue
		}
		out = append(out, Holiday{Date: calcDate(h, year), Name: h.Name, Basis: BasisNational})
	}
	easter := calcDate(aa.Easter, year)
	for _, l := range localDays[c] {
		if opts.LegalOnly && l.basis == BasisUsage || l.from != 0 && year < l.from || l.until != 0 && year > l.until {
			continue
		}
		d := NewDate(year, l.month, l.day)
		if l.month == 0 {
			d = easter.AddDays(l.easter)
		}
		out = append(out, Holiday{Date: d, Name: l.name, Basis: l.basis})
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

func calcDate(h *cal.Holiday, year int) Date {
	actual, _ := h.Calc(year)
	return DateOf(actual)
}

// holidayYear is the holidays of one year of a calendar with its options, indexed by day of the year. Built once
// per key by holidayYearOf and only read afterwards, it is shared by every resolution.
type holidayYear struct {
	jan1   int        // days since 1970-01-01 of 1 January
	length int        // 365 or 366 days
	index  [366]uint8 // on each day of the year, 1 + the position in list of its holiday, 0 for none
	list   []Holiday
}

type holidayKey struct {
	calendar Calendar
	opts     HolidayOptions
	year     int
}

// holidayMemo holds a *holidayYear per holidayKey, for the years 1900–2200 (the keys are then bounded: calendars
// outside localDays share the national key).
var holidayMemo sync.Map

func holidayYearOf(c Calendar, opts HolidayOptions, year int) *holidayYear {
	if _, local := localDays[c]; !local {
		c = CalendarFR // Holidays gives the national list to every calendar without local days
	}
	key := holidayKey{c, opts, year}
	if y, ok := holidayMemo.Load(key); ok {
		return y.(*holidayYear)
	}
	jan1 := daysFromCivil(year, time.January, 1)
	y := &holidayYear{jan1: jan1, length: daysFromCivil(year+1, time.January, 1) - jan1, list: Holidays(c, year, opts)}
	for i, h := range y.list {
		// Every holiday falls in its year; two on one day (Ascension on 1 May): the first name wins.
		if k := h.Date.days() - y.jan1; k >= 0 && k < y.length && y.index[k] == 0 {
			y.index[k] = uint8(i + 1)
		}
	}
	if year < 1900 || year > 2200 {
		return y
	}
	stored, _ := holidayMemo.LoadOrStore(key, y)
	return stored.(*holidayYear)
}

// holidaySet is the holidays of a calendar over a span of years; the zero set has none.
type holidaySet struct {
	two  [2]*holidayYear // the first two years: a resolution seldom spans more
	more []*holidayYear  // the years after
}

func newHolidaySet(c Calendar, opts HolidayOptions, fromYear, toYear int) holidaySet {
	var set holidaySet
	for y := fromYear; y <= toYear; y++ {
		if i := y - fromYear; i < len(set.two) {
			set.two[i] = holidayYearOf(c, opts, y)
		} else {
			set.more = append(set.more, holidayYearOf(c, opts, y))
		}
	}
	return set
}

// at is the holiday on the day that many days after 1970-01-01.
func (s *holidaySet) at(day int) (Holiday, bool) {
	if y := s.yearOf(day); y != nil {
		if k := y.index[day-y.jan1]; k > 0 {
			return y.list[k-1], true
		}
	}
	return Holiday{}, false
}

// has tells whether the day is a holiday.
func (s *holidaySet) has(day int) bool {
	y := s.yearOf(day)
	return y != nil && y.index[day-y.jan1] > 0
}

// yearOf is the year of the set the day belongs to, nil if none.
func (s *holidaySet) yearOf(day int) *holidayYear {
	for _, y := range s.two {
		if y == nil || day < y.jan1 {
			return nil
		}
		if day < y.jan1+y.length {
			return y
		}
	}
	for _, y := range s.more {
		if day < y.jan1+y.length {
			return y
		}
	}
	return nil
}

// appendBetween appends the holidays from day from to day to (both included), in date order.
func (s *holidaySet) appendBetween(dst []Holiday, from, to int) []Holiday {
	for _, y := range s.two {
		dst = y.appendBetween(dst, from, to)
	}
	for _, y := range s.more {
		dst = y.appendBetween(dst, from, to)
	}
	return dst
}

func (y *holidayYear) appendBetween(dst []Holiday, from, to int) []Holiday {
	if y == nil {
		return dst
	}
	for i, h := range y.list {
		// list is sorted by date; the index names the holiday kept for each day
		if k := h.Date.days() - y.jan1; k >= 0 && k < y.length && int(y.index[k]) == i+1 && k+y.jan1 >= from && k+y.jan1 <= to {
			dst = append(dst, h)
		}
	}
	return dst
}
