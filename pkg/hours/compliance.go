package hours

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CriterionCode names a compliance criterion; the codes are part of the wire shape.
type CriterionCode string

const (
	CodeWeeklyHours   CriterionCode = "weekly_hours"
	CodeOpenDays      CriterionCode = "open_days"
	CodeAgentsPresent CriterionCode = "agents_present"
	CodeAgentsTrained CriterionCode = "agents_trained"
	CodePartnerSocle  CriterionCode = "partner_socle"
	CodePremises      CriterionCode = "premises"
)

// Verdict is the status of a criterion, of a week or of a whole report.
type Verdict string

const (
	VerdictOK      Verdict = "ok"
	VerdictWarning Verdict = "warning" // below the rule only because of public holidays: to watch, not a breach
	VerdictFailure Verdict = "failure"
	VerdictUnknown Verdict = "unknown" // the data to judge is missing: never a silent pass
)

var verdictRank = map[Verdict]int{VerdictOK: 0, VerdictWarning: 1, VerdictUnknown: 2, VerdictFailure: 3}

func worse(a, b Verdict) Verdict {
	if verdictRank[b] > verdictRank[a] {
		return b
	}
	return a
}

// The report types below carry json tags: they ARE the documented wire shape integrators build on (see
// doc.go), shared by the API and exports, and must stay stable.

// Report is the compliance of one structure.
type Report struct {
	StructureID string       `json:"structure_id"`
	Status      Verdict      `json:"status"`   // failure > unknown > warning > ok over every criterion
	RuleSet     string       `json:"rule_set"` // RuleSet.Code
	TypicalWeek WeekReport   `json:"typical_week"`
	Weeks       []WeekReport `json:"weeks"`
}

// WeekReport holds the criteria of one week; Week is empty for the typical week.
type WeekReport struct {
	Week     string      `json:"week,omitempty"` // "2026-W49"
	Criteria []Criterion `json:"criteria"`
}

// Criterion is one rule measured. Measured and Threshold are null when unknown or not numeric.
type Criterion struct {
	Code        CriterionCode `json:"code"`
	Measured    *float64      `json:"measured"`
	Threshold   *float64      `json:"threshold"`
	Unit        string        `json:"unit"` // "hours", "days", "agents", "" for the hooks
	Status      Verdict       `json:"status"`
	Explanation string        `json:"explanation"` // French
	Slots       []SlotFinding `json:"slots"`       // the slots that fail (or lack data), never null
}

// SlotFinding says why one slot fails a criterion.
type SlotFinding struct {
	Date        string `json:"date,omitempty"` // real weeks only
	Weekday     int    `json:"weekday"`        // ISO, 1 = Monday
	Start       string `json:"start"`          // "14:00"
	End         string `json:"end"`
	StopID      string `json:"stop_id,omitempty"`
	StructureID string `json:"structure_id,omitempty"` // set when the slot is the main site's (antennas)
	Reason      string `json:"reason"`                 // "mardi 14:00–17:00 : 1 agent prévu, 2 requis"
}

// Agent is what compliance needs to know of an agent.
type Agent struct {
	ID      string
	Trained bool // initial training completed
}

// External is the result of a criterion another capability evaluates (partner socle, premises).
type External struct {
	Status      Verdict
	Measured    *float64
	Threshold   *float64
	Unit        string
	Explanation string
}

// WeekIntervals are the intervals of one real week and the public holidays on which the structure closed.
type WeekIntervals struct {
	Week      ISOWeek
	Intervals []Interval
	Holidays  []Holiday
}

// MainSite is the main site an antenna is judged with: its intervals are added to the antenna's (overlaps counted
// once) for the time criteria, and its failing slots appear with their structure_id.
type MainSite struct {
	StructureID string
	TypicalWeek []Interval
	Weeks       []WeekIntervals // matched to the antenna's weeks by ISO week
}

// EvaluationInput is everything Evaluate reads. Build it with Prepare, or by hand in tests.
type EvaluationInput struct {
	StructureID  string
	TypicalWeek  []Interval      // the regular schedule in force over a neutral week (see Prepare)
	Weeks        []WeekIntervals // real weeks, holidays and exceptions applied
	Agents       []Agent         // the structure's agents; nil means no data (agents_trained is then unknown)
	MainSite     *MainSite       // antennas only
	PartnerSocle *External       // nil until the partners capability provides it
	Premises     *External       // nil until the premises capability provides it
}

// Evaluate judges a structure against a rule set: the typical week on every criterion, each real week on the time
// criteria (weekly_hours, open_days, agents_present, agents_trained; partner_socle and premises do not depend on
// the week and appear in the typical week only). A real week below the hours or days threshold is a warning
// when it had public holidays off and its typical week passes, a failure otherwise.
func Evaluate(rs RuleSet, in EvaluationInput) Report {
	r := Report{StructureID: in.StructureID, RuleSet: rs.Code, Status: VerdictOK, Weeks: make([]WeekReport, 0, len(in.Weeks))}
	e := &evaluator{rs: rs, in: &in, numbers: make([]float64, 0, 8*(len(in.Weeks)+1))}
	typical := in.TypicalWeek
	if in.MainSite != nil {
		typical = withMainSite(typical, in.MainSite.TypicalWeek)
	}
	r.TypicalWeek.Criteria = e.week(typical, nil, false, true)
	r.TypicalWeek.Criteria = append(r.TypicalWeek.Criteria, external(CodePartnerSocle, in.PartnerSocle, rs.PartnerSocleRequired),
		external(CodePremises, in.Premises, rs.PremisesRequired))
	typicalHoursOK := r.TypicalWeek.Criteria[0].Status == VerdictOK && r.TypicalWeek.Criteria[1].Status == VerdictOK
	for _, c := range r.TypicalWeek.Criteria {
		r.Status = worse(r.Status, c.Status)
	}
	for _, w := range in.Weeks {
		ivs := w.Intervals
		if in.MainSite != nil {
			for _, m := range in.MainSite.Weeks {
				if m.Week == w.Week {
					ivs = withMainSite(ivs, m.Intervals)
				}
			}
		}
		wr := WeekReport{Week: w.Week.String(), Criteria: e.week(ivs, w.Holidays, typicalHoursOK, false)}
		for _, c := range wr.Criteria {
			r.Status = worse(r.Status, c.Status)
		}
		r.Weeks = append(r.Weeks, wr)
	}
	return r
}

func withMainSite(own, main []Interval) []Interval {
	out := make([]Interval, 0, len(own)+len(main))
	return append(append(out, own...), main...)
}

type evaluator struct {
	rs      RuleSet
	in      *EvaluationInput
	numbers []float64 // slab the criteria's numbers point into; never grown in place
}

func (e *evaluator) week(ivs []Interval, holidays []Holiday, typicalOK, typical bool) []Criterion {
	minutes, days := openTime(ivs)
	return []Criterion{
		e.weeklyHours(minutes, holidays, typicalOK, typical),
		e.openDays(days, holidays, typicalOK, typical),
		e.agentsPresent(ivs, typical),
		e.agentsTrained(ivs, typical),
	}
}

// openTime is the real open time of one week's intervals, overlaps counted once, and its open weekdays (bit d
// set for weekday d: in a week, one date per weekday).
func openTime(ivs []Interval) (time.Duration, uint8) {
	if !sortedByStart(ivs) {
		ivs = slices.Clone(ivs)
		slices.SortFunc(ivs, byStart)
	}
	var total time.Duration
	var days uint8
	var end time.Time
	for i := range ivs {
		iv := &ivs[i]
		start := iv.Start
		if start.Before(end) {
			start = end
		}
		if iv.End.After(start) {
			total += iv.End.Sub(start)
			end = iv.End
		}
		if iv.End.After(iv.Start) {
			days |= 1 << iv.Date.Weekday()
		}
	}
	return total, days
}

func byStart(a, b Interval) int { return a.Start.Compare(b.Start) }

func sortedByStart(ivs []Interval) bool {
	for i := 1; i < len(ivs); i++ {
		if ivs[i].Start.Before(ivs[i-1].Start) {
			return false
		}
	}
	return true
}

// dayLists[mask] is " (lundi, mardi)" for the weekdays set in mask (bit d for weekday d).
var dayLists = func() (out [256]string) {
	for mask := 1; mask < 256; mask++ {
		var names []string
		for d := Monday; d <= Sunday; d++ {
			if mask&(1<<d) != 0 {
				names = append(names, d.French())
			}
		}
		if len(names) > 0 {
			out[mask] = " (" + strings.Join(names, ", ") + ")"
		}
	}
	return out
}()

func (e *evaluator) weeklyHours(open time.Duration, holidays []Holiday, typicalOK, typical bool) Criterion {
	need := time.Duration(e.rs.MinWeeklyMinutes) * time.Minute
	c := e.criterion(CodeWeeklyHours, round2(open.Hours()), round2(need.Hours()), "hours")
	scope := "dans la semaine"
	if typical {
		scope = "sur la semaine type"
	}
	if e.in.MainSite != nil {
		scope += " (avec le site principal)"
	}
	switch {
	case open >= need:
		c.Explanation = durationFR(open) + " d’ouverture " + scope + " (" + durationFR(need) + " requises)."
	default:
		c.Status = shortfall(holidays, typicalOK, typical)
		c.Explanation = durationFR(open) + " d’ouverture " + scope + " : " + durationFR(need-open) + " de moins que les " +
			durationFR(need) + " requises" + holidayNote(holidays, c.Status) + "."
	}
	return c
}

func (e *evaluator) openDays(days uint8, holidays []Holiday, typicalOK, typical bool) Criterion {
	n := bits.OnesCount8(days)
	c := e.criterion(CodeOpenDays, float64(n), float64(e.rs.MinOpenDays), "days")
	note := "."
	if n < e.rs.MinOpenDays {
		c.Status = shortfall(holidays, typicalOK, typical)
		note = holidayNote(holidays, c.Status) + "."
	}
	c.Explanation = plural(n, "jour", "jours") + " d’ouverture" + dayLists[days] + ", " + strconv.Itoa(e.rs.MinOpenDays) +
		" requis" + note
	return c
}

func shortfall(holidays []Holiday, typicalOK, typical bool) Verdict {
	if !typical && typicalOK && len(holidays) > 0 {
		return VerdictWarning
	}
	return VerdictFailure
}

func holidayNote(holidays []Holiday, v Verdict) string {
	if v != VerdictWarning {
		return ""
	}
	parts := make([]string, len(holidays))
	for i, h := range holidays {
		parts[i] = h.Name + " le " + h.Date.Weekday().French() + " " + h.Date.French()
	}
	return ", du fait des jours fériés (" + strings.Join(parts, ", ") + ")"
}

func external(code CriterionCode, x *External, required bool) Criterion {
	if !required {
		c := newCriterion(code, -1, -1, "")
		c.Explanation = "Critère non exigé par ce référentiel."
		return c
	}
	if x == nil {
		c := newCriterion(code, -1, -1, "")
		c.Status = VerdictUnknown
		c.Explanation = "Donnée non disponible : ce critère sera évalué quand les informations seront saisies."
		return c
	}
	return Criterion{Code: code, Measured: x.Measured, Threshold: x.Threshold, Unit: x.Unit, Status: x.Status,
		Explanation: x.Explanation, Slots: []SlotFinding{}}
}

// newCriterion starts an ok criterion; a negative value is null.
func newCriterion(code CriterionCode, measured, threshold float64, unit string) Criterion {
	c := Criterion{Code: code, Unit: unit, Status: VerdictOK, Slots: []SlotFinding{}}
	if measured >= 0 {
		c.Measured = &measured
	}
	if threshold >= 0 {
		c.Threshold = &threshold
	}
	return c
}

// criterion is newCriterion with the numbers taken from the evaluator's slab: one allocation per report instead
// of two per criterion (compliance of the national network runs in one request).
func (e *evaluator) criterion(code CriterionCode, measured, threshold float64, unit string) Criterion {
	c := Criterion{Code: code, Unit: unit, Status: VerdictOK, Slots: []SlotFinding{}}
	if measured >= 0 {
		c.Measured = e.number(measured)
	}
	if threshold >= 0 {
		c.Threshold = e.number(threshold)
	}
	return c
}

func (e *evaluator) number(v float64) *float64 {
	if len(e.numbers) == cap(e.numbers) {
		e.numbers = make([]float64, 0, 16)
	}
	e.numbers = append(e.numbers, v)
	return &e.numbers[len(e.numbers)-1]
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// durationFR writes "24 h", "23 h 30".
func durationFR(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	s := strconv.Itoa(m/60) + " h"
	if m%60 != 0 {
		s += " " + twoDigits(m%60)
	}
	return s
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func plural(n int, one, many string) string {
	if n > 1 {
		return strconv.Itoa(n) + " " + many
	}
	return strconv.Itoa(n) + " " + one
}
