package hours

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// textKind names an explanation an evaluator may write again in another week of the same report.
type textKind int

const (
	textHoursMet textKind = iota
	textHoursShort
	textDays
	textPresentMet
	textPresentShort
	textPresentUnknown
	textPresentWhy
	textTrainedMet
	textTrainedShort
	textTrainedStructure
	textKinds
)

// textMemo keeps the last two explanations of one kind and the keys they were written for (two: the weeks of a
// structure open on odd and even weeks alternate).
type textMemo struct {
	keys  [2]int64
	texts [2]string
	next  int // the entry to replace
}

// text is the explanation of kind for key: the one kept when the previous explanation of that kind had the same
// key, built otherwise. key must hold everything the text depends on that is not fixed for the report (the rule
// set, the structure, whether there is a main site): the weeks of one structure mostly say the same thing, and the
// national report has thousands of them.
func (e *evaluator) text(kind textKind, key int64, build func() string) string {
	m := &e.texts[kind]
	for i := range m.keys {
		if m.keys[i] == key && m.texts[i] != "" { // explanations are never empty
			return m.texts[i]
		}
	}
	i := m.next
	m.keys[i], m.texts[i], m.next = key, build(), 1-i
	return m.texts[i]
}

// holidayNoteMemo keeps the note of the last list of holidays (both time criteria of a week quote it).
type holidayNoteMemo struct {
	first *Holiday
	n     int
	text  string
}

// holidayNote explains a warning: ", du fait des jours fériés (Noël le vendredi 25/12/2026)".
func (e *evaluator) holidayNote(holidays []Holiday) string {
	if len(holidays) == 0 {
		return ", du fait des jours fériés ()"
	}
	if e.note.first == &holidays[0] && e.note.n == len(holidays) {
		return e.note.text
	}
	var b strings.Builder
	b.Grow(32 + 48*len(holidays))
	b.WriteString(", du fait des jours fériés (")
	for i, h := range holidays {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(h.Name)
		b.WriteString(" le ")
		b.WriteString(h.Date.Weekday().French())
		b.WriteString(" ")
		b.WriteString(h.Date.French())
	}
	b.WriteString(")")
	e.note = holidayNoteMemo{&holidays[0], len(holidays), b.String()}
	return e.note.text
}

// durationFR writes "24 h", "23 h 30".
func durationFR(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	h := hoursFR(m / 60)
	if m%60 != 0 {
		return h + " " + twoDigits(m%60)
	}
	return h
}

// hourTexts are "0 h" to "168 h", the whole hours of a week.
var hourTexts = func() (out [169]string) {
	for h := range out {
		out[h] = strconv.Itoa(h) + " h"
	}
	return out
}()

func hoursFR(h int) string {
	if h >= 0 && h < len(hourTexts) {
		return hourTexts[h]
	}
	return strconv.Itoa(h) + " h"
}

// digitPairs are "00" to "99".
var digitPairs = func() (out [100]string) {
	for n := range out {
		out[n] = string([]byte{'0' + byte(n/10), '0' + byte(n%10)})
	}
	return out
}()

// twoDigits writes n on two digits at least ("07", "42", "123").
func twoDigits(n int) string {
	if n >= 0 && n < len(digitPairs) {
		return digitPairs[n]
	}
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// clockTexts are "00:00" to "24:00", by Clock, built on first use.
var clockTexts = sync.OnceValue(func() *[1441]string {
	var out [1441]string
	for c := range out {
		out[c] = digitPairs[c/60] + ":" + digitPairs[c%60]
	}
	return &out
})

func plural(n int, one, many string) string {
	if n > 1 {
		return strconv.Itoa(n) + " " + many
	}
	return strconv.Itoa(n) + " " + one
}
