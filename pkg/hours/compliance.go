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

// rank orders the verdicts: failure > unknown > warning > ok (and anything else).
func (v Verdict) rank() int {
	switch v {
	case VerdictWarning:
		return 1
	case VerdictUnknown:
		return 2
	case VerdictFailure:
		return 3
	}
	return 0
}

func worse(a, b Verdict) Verdict {
	if b.rank() > a.rank() {
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
	r := Report{StructureID: in.StructureID, RuleSet: rs.Code, Status: VerdictOK, Weeks: make([]WeekReport, len(in.Weeks))}
	e := &evaluator{rs: rs, in: &in, numbers: make([]float64, 0, 8*(len(in.Weeks)+1))}
	slab := make([]Criterion, 6+4*len(in.Weeks)) // every criterion of the report in one allocation
	typical := in.TypicalWeek
	if in.MainSite != nil {
		typical = withMainSite(typical, in.MainSite.TypicalWeek)
	}
	r.TypicalWeek.Criteria = slab[0:6:6]
	e.week(slab[0:4], typical, nil, false, true)
	slab[4] = external(CodePartnerSocle, in.PartnerSocle, rs.PartnerSocleRequired)
	slab[5] = external(CodePremises, in.Premises, rs.PremisesRequired)
	typicalHoursOK := slab[0].Status == VerdictOK && slab[1].Status == VerdictOK
	for _, c := range r.TypicalWeek.Criteria {
		r.Status = worse(r.Status, c.Status)
	}
	for i, w := range in.Weeks {
		ivs := w.Intervals
		if in.MainSite != nil {
			for _, m := range in.MainSite.Weeks {
				if m.Week == w.Week {
					ivs = withMainSite(ivs, m.Intervals)
				}
			}
		}
		k := 6 + 4*i
		wr := WeekReport{Week: w.Week.String(), Criteria: slab[k : k+4 : k+4]}
		e.week(wr.Criteria, ivs, w.Holidays, typicalHoursOK, false)
		for _, c := range wr.Criteria {
			r.Status = worse(r.Status, c.Status)
		}
		r.Weeks[i] = wr
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
	agents  agentsOnFile
	texts   [textKinds]textMemo // the explanations last written (see text)
	note    holidayNoteMemo
}

// week writes the four weekly criteria into dst, in place (a Criterion is large).
func (e *evaluator) week(dst []Criterion, ivs []Interval, holidays []Holiday, typicalOK, typical bool) {
	s := scanWeek(ivs, e.rs.MinAgentsPresent)
	e.weeklyHours(&dst[0], s.open, holidays, typicalOK, typical)
	e.openDays(&dst[1], s.days, holidays, typicalOK, typical)
	e.agentsPresent(&dst[2], ivs, &s, typical)
	e.agentsTrained(&dst[3], ivs, &s, typical)
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

func (e *evaluator) weeklyHours(c *Criterion, open time.Duration, holidays []Holiday, typicalOK, typical bool) {
	need := time.Duration(e.rs.MinWeeklyMinutes) * time.Minute
	e.criterion(c, CodeWeeklyHours, round2(open.Hours()), round2(need.Hours()), "hours")
	key := int64(open) << 1
	if typical {
		key |= 1
	}
	if open >= need {
		c.Explanation = e.text(textHoursMet, key, func() string {
			return durationFR(open) + " d’ouverture " + e.scope(typical) + " (" + durationFR(need) + " requises)."
		})
		return
	}
	c.Status = shortfall(holidays, typicalOK, typical)
	short := func(end string) string {
		return durationFR(open) + " d’ouverture " + e.scope(typical) + " : " + durationFR(need-open) + " de moins que les " +
			durationFR(need) + " requises" + end
	}
	if c.Status == VerdictWarning {
		c.Explanation = short(e.holidayNote(holidays) + ".")
	} else {
		c.Explanation = e.text(textHoursShort, key, func() string { return short(".") })
	}
}

// scope says over what the hours are counted.
func (e *evaluator) scope(typical bool) string {
	switch {
	case typical && e.in.MainSite != nil:
		return "sur la semaine type (avec le site principal)"
	case typical:
		return "sur la semaine type"
	case e.in.MainSite != nil:
		return "dans la semaine (avec le site principal)"
	}
	return "dans la semaine"
}

func (e *evaluator) openDays(c *Criterion, days uint8, holidays []Holiday, typicalOK, typical bool) {
	n := bits.OnesCount8(days)
	e.criterion(c, CodeOpenDays, float64(n), float64(e.rs.MinOpenDays), "days")
	if n < e.rs.MinOpenDays {
		c.Status = shortfall(holidays, typicalOK, typical)
	}
	if c.Status == VerdictWarning {
		c.Explanation = e.daysFR(n, days, e.holidayNote(holidays)+".")
	} else {
		c.Explanation = e.text(textDays, int64(days), func() string { return e.daysFR(n, days, ".") })
	}
}

// daysFR is "5 jours d’ouverture (lundi, mardi, mercredi, jeudi, vendredi), 5 requis" and then end.
func (e *evaluator) daysFR(n int, days uint8, end string) string {
	word := " jour d’ouverture"
	if n > 1 {
		word = " jours d’ouverture"
	}
	return strconv.Itoa(n) + word + dayLists[days] + ", " + strconv.Itoa(e.rs.MinOpenDays) + " requis" + end
}

func shortfall(holidays []Holiday, typicalOK, typical bool) Verdict {
	if !typical && typicalOK && len(holidays) > 0 {
		return VerdictWarning
	}
	return VerdictFailure
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
		v := measured // a copy taken only here: a parameter whose address is taken lives on the heap
		c.Measured = &v
	}
	if threshold >= 0 {
		v := threshold
		c.Threshold = &v
	}
	return c
}

// criterion starts an ok criterion in c, like newCriterion, with the numbers taken from the evaluator's slab: one
// allocation per report instead of two per criterion (compliance of the national network runs in one request).
func (e *evaluator) criterion(c *Criterion, code CriterionCode, measured, threshold float64, unit string) {
	c.Code, c.Unit, c.Status, c.Explanation, c.Slots, c.Measured, c.Threshold = code, unit, VerdictOK, "", []SlotFinding{}, nil, nil
	if measured >= 0 {
		c.Measured = e.number(measured)
	}
	if threshold >= 0 {
		c.Threshold = e.number(threshold)
	}
}

func (e *evaluator) number(v float64) *float64 {
	if len(e.numbers) == cap(e.numbers) {
		e.numbers = make([]float64, 0, 16)
	}
	e.numbers = append(e.numbers, v)
	return &e.numbers[len(e.numbers)-1]
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
