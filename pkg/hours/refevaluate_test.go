package hours

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file keeps the straightforward evaluation (the algorithm as first written: one []Criterion per week, a map
// of trained agents per week, every explanation built) as the reference the optimised Evaluate is compared with
// on generated inputs (equivalence_test.go).

// refEvaluate is Evaluate as specified on it.
func refEvaluate(rs RuleSet, in EvaluationInput) Report {
	r := Report{StructureID: in.StructureID, RuleSet: rs.Code, Status: VerdictOK, Weeks: make([]WeekReport, 0, len(in.Weeks))}
	e := &refEvaluator{rs: rs, in: &in, numbers: make([]float64, 0, 8*(len(in.Weeks)+1))}
	typical := in.TypicalWeek
	if in.MainSite != nil {
		typical = refWithMainSite(typical, in.MainSite.TypicalWeek)
	}
	r.TypicalWeek.Criteria = e.refWeek(typical, nil, false, true)
	r.TypicalWeek.Criteria = append(r.TypicalWeek.Criteria, refExternal(CodePartnerSocle, in.PartnerSocle, rs.PartnerSocleRequired),
		refExternal(CodePremises, in.Premises, rs.PremisesRequired))
	typicalHoursOK := r.TypicalWeek.Criteria[0].Status == VerdictOK && r.TypicalWeek.Criteria[1].Status == VerdictOK
	for _, c := range r.TypicalWeek.Criteria {
		r.Status = worse(r.Status, c.Status)
	}
	for _, w := range in.Weeks {
		ivs := w.Intervals
		if in.MainSite != nil {
			for _, m := range in.MainSite.Weeks {
				if m.Week == w.Week {
					ivs = refWithMainSite(ivs, m.Intervals)
				}
			}
		}
		wr := WeekReport{Week: fmt.Sprintf("%04d-W%02d", w.Week.Year, w.Week.Week), Criteria: e.refWeek(ivs, w.Holidays, typicalHoursOK, false)}
		for _, c := range wr.Criteria {
			r.Status = worse(r.Status, c.Status)
		}
		r.Weeks = append(r.Weeks, wr)
	}
	return r
}

func refWithMainSite(own, main []Interval) []Interval {
	out := make([]Interval, 0, len(own)+len(main))
	return append(append(out, own...), main...)
}

type refEvaluator struct {
	rs      RuleSet
	in      *EvaluationInput
	numbers []float64 // slab the criteria's numbers point into; never grown in place
}

func (e *refEvaluator) refWeek(ivs []Interval, holidays []Holiday, typicalOK, typical bool) []Criterion {
	minutes, days := refOpenTime(ivs)
	return []Criterion{
		e.refWeeklyHours(minutes, holidays, typicalOK, typical),
		e.refOpenDays(days, holidays, typicalOK, typical),
		e.refAgentsPresent(ivs, typical),
		e.refAgentsTrained(ivs, typical),
	}
}

// refOpenTime is the real open time of one week's intervals, overlaps counted once, and its open weekdays (bit d
// set for weekday d: in a week, one date per weekday).
func refOpenTime(ivs []Interval) (time.Duration, uint8) {
	if !refSortedByStart(ivs) {
		ivs = slices.Clone(ivs)
		slices.SortFunc(ivs, refByStart)
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

func refByStart(a, b Interval) int { return a.Start.Compare(b.Start) }

func refSortedByStart(ivs []Interval) bool {
	for i := 1; i < len(ivs); i++ {
		if ivs[i].Start.Before(ivs[i-1].Start) {
			return false
		}
	}
	return true
}

func (e *refEvaluator) refWeeklyHours(open time.Duration, holidays []Holiday, typicalOK, typical bool) Criterion {
	need := time.Duration(e.rs.MinWeeklyMinutes) * time.Minute
	c := e.refCriterion(CodeWeeklyHours, round2(open.Hours()), round2(need.Hours()), "hours")
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
		c.Status = refShortfall(holidays, typicalOK, typical)
		c.Explanation = durationFR(open) + " d’ouverture " + scope + " : " + durationFR(need-open) + " de moins que les " +
			durationFR(need) + " requises" + refHolidayNote(holidays, c.Status) + "."
	}
	return c
}

func (e *refEvaluator) refOpenDays(days uint8, holidays []Holiday, typicalOK, typical bool) Criterion {
	n := bits.OnesCount8(days)
	c := e.refCriterion(CodeOpenDays, float64(n), float64(e.rs.MinOpenDays), "days")
	note := "."
	if n < e.rs.MinOpenDays {
		c.Status = refShortfall(holidays, typicalOK, typical)
		note = refHolidayNote(holidays, c.Status) + "."
	}
	c.Explanation = plural(n, "jour", "jours") + " d’ouverture" + dayLists[days] + ", " + strconv.Itoa(e.rs.MinOpenDays) +
		" requis" + note
	return c
}

func refShortfall(holidays []Holiday, typicalOK, typical bool) Verdict {
	if !typical && typicalOK && len(holidays) > 0 {
		return VerdictWarning
	}
	return VerdictFailure
}

func refHolidayNote(holidays []Holiday, v Verdict) string {
	if v != VerdictWarning {
		return ""
	}
	parts := make([]string, len(holidays))
	for i, h := range holidays {
		parts[i] = h.Name + " le " + h.Date.Weekday().French() + " " + h.Date.French()
	}
	return ", du fait des jours fériés (" + strings.Join(parts, ", ") + ")"
}

func refExternal(code CriterionCode, x *External, required bool) Criterion {
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

func (e *refEvaluator) refCriterion(code CriterionCode, measured, threshold float64, unit string) Criterion {
	c := Criterion{Code: code, Unit: unit, Status: VerdictOK, Slots: []SlotFinding{}}
	if measured >= 0 {
		c.Measured = e.refNumber(measured)
	}
	if threshold >= 0 {
		c.Threshold = e.refNumber(threshold)
	}
	return c
}

func (e *refEvaluator) refNumber(v float64) *float64 {
	if len(e.numbers) == cap(e.numbers) {
		e.numbers = make([]float64, 0, 16)
	}
	e.numbers = append(e.numbers, v)
	return &e.numbers[len(e.numbers)-1]
}

// refAgentsPresent checks that every open interval has the planned agents. An interval with no planned count is
// unknown; any interval below the threshold fails the criterion.
func (e *refEvaluator) refAgentsPresent(ivs []Interval, typical bool) Criterion {
	need := e.rs.MinAgentsPresent
	c := e.refCriterion(CodeAgentsPresent, -1, float64(need), "agents")
	lowest, unknown := -1, 0
	for _, iv := range ivs {
		n := iv.PlannedAgents
		switch {
		case n == 0:
			unknown++
			c.Slots = append(c.Slots, e.refFinding(iv, typical, "nombre d’agents prévus non renseigné"))
		case n < need:
			c.Status = VerdictFailure
			c.Slots = append(c.Slots, e.refFinding(iv, typical, agentsFR(n, "prévu", "prévus")+", "+strconv.Itoa(need)+" requis"))
		}
		if n > 0 && (lowest < 0 || n < lowest) {
			lowest = n
		}
	}
	if lowest >= 0 {
		c.Measured = e.refNumber(float64(lowest))
	}
	switch {
	case len(ivs) == 0:
		c.Status = VerdictUnknown
		c.Explanation = "Aucun créneau d’ouverture : présence des agents non évaluable."
	case c.Status == VerdictFailure:
		c.Explanation = "Au moins un créneau compte moins de " + agentsFR(need, "prévu", "prévus") + " : voir les créneaux."
	case unknown > 0:
		c.Status = VerdictUnknown
		c.Explanation = "Nombre d’agents prévus non renseigné sur " + plural(unknown, "créneau", "créneaux") + "."
	default:
		c.Explanation = "Au moins " + agentsFR(lowest, "prévu", "prévus") + " sur chaque créneau (" + strconv.Itoa(need) + " requis)."
	}
	return c
}

// refAgentsTrained checks that the agents present are trained: per interval when intervals name their agents,
// otherwise from the structure's agents. Without agent data the criterion is unknown.
func (e *refEvaluator) refAgentsTrained(ivs []Interval, typical bool) Criterion {
	need := e.rs.MinAgentsPresent
	c := e.refCriterion(CodeAgentsTrained, -1, float64(need), "agents")
	if !e.rs.TrainedAgentsRequired {
		c.Threshold = nil
		c.Explanation = "Formation des agents non exigée par ce référentiel."
		return c
	}
	if e.in.Agents == nil {
		c.Status = VerdictUnknown
		c.Explanation = "Aucune donnée sur les agents de la structure : formation non vérifiable."
		return c
	}
	trained := make(map[string]bool, len(e.in.Agents))
	count := 0
	for _, a := range e.in.Agents {
		trained[a.ID] = a.Trained
		if a.Trained {
			count++
		}
	}
	lowest, named := -1, false
	for _, iv := range ivs {
		if len(iv.AgentIDs) == 0 {
			continue
		}
		named = true
		n := 0
		for _, id := range iv.AgentIDs {
			if trained[id] {
				n++
			}
		}
		if lowest < 0 || n < lowest {
			lowest = n
		}
		if n < need {
			c.Slots = append(c.Slots, e.refFinding(iv, typical, agentsFR(n, "formé", "formés")+" sur "+
				strconv.Itoa(len(iv.AgentIDs))+" nommés, "+strconv.Itoa(need)+" requis"))
		}
	}
	if !named {
		lowest = count
	}
	c.Measured = e.refNumber(float64(lowest))
	switch {
	case len(c.Slots) > 0:
		c.Status = VerdictFailure
		c.Explanation = "Des créneaux comptent moins de " + agentsFR(need, "formé", "formés") + " : voir les créneaux."
	case !named && count < need:
		c.Status = VerdictFailure
		c.Explanation = "La structure compte " + agentsFR(count, "formé", "formés") + " sur " +
			plural(len(e.in.Agents), "agent", "agents") + ", " + strconv.Itoa(need) + " requis."
	case !named:
		c.Explanation = "La structure compte " + agentsFR(count, "formé", "formés") + " (" + strconv.Itoa(need) +
			" requis) ; les créneaux ne nomment pas leurs agents."
	default:
		c.Explanation = "Chaque créneau compte au moins " + agentsFR(lowest, "formé", "formés") + "."
	}
	return c
}

func (e *refEvaluator) refFinding(iv Interval, typical bool, why string) SlotFinding {
	f := SlotFinding{Weekday: int(iv.Date.Weekday()), Start: hhmm(iv.Start), End: clockLabel(iv),
		StopID: iv.StopID, Reason: iv.Label() + " : " + why}
	if !typical {
		f.Date = iv.Date.String()
		f.Reason = iv.Label() + " (" + iv.Date.French() + ") : " + why
	}
	if e.in.MainSite != nil && iv.Owner.Kind == OwnerStructure && iv.Owner.ID == e.in.MainSite.StructureID {
		f.StructureID = iv.Owner.ID
	}
	return f
}
