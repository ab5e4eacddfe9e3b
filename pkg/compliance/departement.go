package compliance

import (
	"context"
	"slices"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/hours"
	"maillage/pkg/structure"
)

// CriterionCount counts the structures per status of one criterion (its worst status over the typical and the
// real weeks).
type CriterionCount struct {
	Code                          hours.CriterionCode
	OK, Warning, Failure, Unknown int
}

// Summary counts the structures per overall status and per criterion.
type Summary struct {
	Structures                    int
	OK, Warning, Failure, Unknown int
	Criteria                      []CriterionCount
}

var criterionOrder = []hours.CriterionCode{hours.CodeWeeklyHours, hours.CodeOpenDays, hours.CodeAgentsPresent,
	hours.CodeAgentsTrained, hours.CodePartnerSocle, hours.CodePremises}

var verdictRank = map[hours.Verdict]int{hours.VerdictOK: 0, hours.VerdictWarning: 1, hours.VerdictUnknown: 2, hours.VerdictFailure: 3}

func (sum *Summary) add(r hours.Report) {
	sum.Structures++
	count(&sum.OK, &sum.Warning, &sum.Failure, &sum.Unknown, r.Status)
	worst := map[hours.CriterionCode]hours.Verdict{}
	for _, w := range append([]hours.WeekReport{r.TypicalWeek}, r.Weeks...) {
		for _, c := range w.Criteria {
			if v, ok := worst[c.Code]; !ok || verdictRank[c.Status] > verdictRank[v] {
				worst[c.Code] = c.Status
			}
		}
	}
	if sum.Criteria == nil {
		sum.Criteria = make([]CriterionCount, len(criterionOrder))
		for i, c := range criterionOrder {
			sum.Criteria[i].Code = c
		}
	}
	for i := range sum.Criteria {
		c := &sum.Criteria[i]
		if v, ok := worst[c.Code]; ok {
			count(&c.OK, &c.Warning, &c.Failure, &c.Unknown, v)
		}
	}
}

func count(ok, warning, failure, unknown *int, v hours.Verdict) {
	switch v {
	case hours.VerdictOK:
		*ok++
	case hours.VerdictWarning:
		*warning++
	case hours.VerdictFailure:
		*failure++
	default:
		*unknown++
	}
}

// reports evaluates structures in a bounded number of statements: the layers, agents and rule sets of all of them
// are read at once, and the partner data of their départements at once, in two statements whatever their number
// (loadInputs).
func (s *Service) reports(ctx context.Context, list []structure.Structure, weeks int) ([]hours.Report, error) {
	if len(list) == 0 {
		return []hours.Report{}, nil
	}
	at := hours.DateOf(s.Now().In(hours.DefaultLocation()))
	in, err := s.loadInputs(ctx, list, at.AddDays(-1).Monday(), at)
	if err != nil {
		return nil, err
	}
	// Each structure is judged on its own date (its zone); most share one, so group by date.
	byDay := map[hours.Date][]structure.Structure{}
	for _, st := range list {
		d := s.today(st)
		byDay[d] = append(byDay[d], st)
	}
	all := map[string]hours.Report{}
	for d, group := range byDay {
		// antennas need their main site in the batch: give every group the whole list's main sites
		for id, r := range s.evaluateAll(withMainSites(group, list), in, d, weeks) {
			all[id] = r
		}
	}
	out := make([]hours.Report, len(list))
	for i, st := range list {
		out[i] = all[st.ID]
	}
	return out, nil
}

func withMainSites(group, all []structure.Structure) []structure.Structure {
	in := map[string]bool{}
	for _, st := range group {
		in[st.ID] = true
	}
	out := group
	for _, st := range group {
		if st.ParentID == nil || in[*st.ParentID] {
			continue
		}
		for _, p := range all {
			if p.ID == *st.ParentID {
				out = append(out, p)
				in[p.ID] = true
			}
		}
	}
	return out
}

// Departement evaluates every structure of a département the actor may see: one report each and the summary, on the
// typical week, plus that many real weeks when weeks > 0.
func (s *Service) Departement(ctx context.Context, actor auth.Actor, dep string, weeks int) ([]hours.Report, Summary, error) {
	if !actor.CanSeeDepartement(dep) {
		return nil, Summary{}, apperr.NotFound("departement.not_found", "Ce département n’est pas dans votre territoire.")
	}
	list, _, err := s.Structures.List(ctx, actor, structure.Filter{Departement: dep}, "", 0)
	if err != nil {
		return nil, Summary{}, err
	}
	if weeks <= 0 {
		weeks = hours.TypicalWeekOnly // the report of a whole département is about the typical week unless asked
	}
	reports, err := s.reports(ctx, list, weeks)
	if err != nil {
		return nil, Summary{}, err
	}
	var sum Summary
	for _, r := range reports {
		sum.add(r)
	}
	return reports, sum, nil
}

// DepartementSummary is the summary of one département.
type DepartementSummary struct {
	Departement string
	Summary
}

// NationalSummary sums the compliance of the actor's territory (national for admin, the région for region),
// per département, in a bounded number of statements.
func (s *Service) NationalSummary(ctx context.Context, actor auth.Actor, weeks int) (Summary, []DepartementSummary, error) {
	list, _, err := s.Structures.List(ctx, actor, structure.Filter{}, "", 0)
	if err != nil {
		return Summary{}, nil, err
	}
	reports, err := s.reports(ctx, list, weeksOrDefault(weeks))
	if err != nil {
		return Summary{}, nil, err
	}
	var total Summary
	perDep := map[string]*DepartementSummary{}
	var order []string
	for i, r := range reports {
		dep := list[i].Departement
		if perDep[dep] == nil {
			perDep[dep] = &DepartementSummary{Departement: dep}
			order = append(order, dep)
		}
		perDep[dep].add(r)
		total.add(r)
	}
	slices.Sort(order)
	out := make([]DepartementSummary, 0, len(order))
	for _, d := range order {
		out = append(out, *perDep[d])
	}
	return total, out, nil
}
