package hours

import "time"

// RuleSet is one dated version of the label's opening rules. Rule sets are data: the built-in ones come from
// CurrentRuleSets, administrators will add versions through the API; the logic reads thresholds only from here.
type RuleSet struct {
	Code      string // stable, e.g. "fs-2025-06"
	Title     string // French
	Source    string // the text that sets the rules
	ValidFrom Date   // the set applies to evaluations on or after this date, until the next set's ValidFrom

	MinWeeklyMinutes      int  // opening time per week, overlaps counted once
	MinOpenDays           int  // days with some opening in the week
	MinAgentsPresent      int  // agents planned on every slot
	TrainedAgentsRequired bool // the agents present have completed the initial training
	PartnerSocleRequired  bool // hook: filled by the partners capability (socle in force at the date)
	PremisesRequired      bool // hook: filled by the premises capability
}

// CurrentRuleSets returns the built-in rule sets, oldest first:
//   - fs-2019: the France services charter (circulaire du Premier ministre n° 6094/SG du 1er juillet 2019): open
//     at least 24 h a week over 5 days, two agents trained and present;
//   - fs-2025-06: the référentiel of the arrêté du 16 juin 2025 (DESIGN.md §2), same thresholds.
//
// The single-agent derogation (24 h over 5 working days) is not a rule set: see the report for what is left.
func CurrentRuleSets() []RuleSet {
	base := RuleSet{MinWeeklyMinutes: 24 * 60, MinOpenDays: 5, MinAgentsPresent: 2, TrainedAgentsRequired: true,
		PartnerSocleRequired: true, PremisesRequired: true}
	v2019, v2025 := base, base
	v2019.Code, v2019.ValidFrom = "fs-2019", NewDate(2019, time.July, 1)
	v2019.Title = "Charte France services (2019)"
	v2019.Source = "Circulaire du Premier ministre n° 6094/SG du 1er juillet 2019"
	v2025.Code, v2025.ValidFrom = "fs-2025-06", NewDate(2025, time.June, 16)
	v2025.Title = "Référentiel France services (2025)"
	v2025.Source = "Arrêté du 16 juin 2025"
	return []RuleSet{v2019, v2025}
}

// RuleSetAt picks the set in force on d: the latest whose ValidFrom is on or before d.
func RuleSetAt(sets []RuleSet, d Date) (RuleSet, bool) {
	var best RuleSet
	found := false
	for _, s := range sets {
		if !s.ValidFrom.After(d) && (!found || s.ValidFrom.After(best.ValidFrom)) {
			best, found = s, true
		}
	}
	return best, found
}
