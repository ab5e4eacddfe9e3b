package visit

import (
	"slices"
	"time"
)

// paris is the time zone the quarters are counted in: the prefectoral calendar is national.
var paris = mustLoad("Europe/Paris")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is embedded: this cannot happen
	}
	return loc
}

// CivilDate is the date of t as a civil date (midnight UTC), the form dates are handled in everywhere.
func CivilDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ParisDate is the civil date it is in Europe/Paris at the instant now.
func ParisDate(now time.Time) time.Time { return CivilDate(now.In(paris)) }

// QuarterOf is the quarter (1–4) of a date.
func QuarterOf(d time.Time) int { return (int(d.Month())-1)/3 + 1 }

// QuarterBounds are the first and last civil days of a quarter.
func QuarterBounds(year, quarter int) (start, end time.Time) {
	start = time.Date(year, time.Month(3*(quarter-1)+1), 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(0, 3, -1)
}

// CellState is the state of one structure in one quarter of the plan.
type CellState string

const (
	CellDone        CellState = "done"         // a prefectoral visit was recorded done in the quarter
	CellPlanned     CellState = "planned"      // none done yet, one is planned in the quarter, which has not ended
	CellMissing     CellState = "missing"      // the quarter is under way and no visit is done or planned
	CellOverdue     CellState = "overdue"      // the quarter ended without a visit done
	CellNotDue      CellState = "not_due"      // a future quarter with nothing planned yet
	CellNotLabelled CellState = "not_labelled" // the structure was not labelled during that quarter
)

// CellStates lists the states in the order the plan's totals show them.
var CellStates = []CellState{CellDone, CellPlanned, CellMissing, CellOverdue, CellNotDue, CellNotLabelled}

// Phase says whether a quarter is over, under way or to come on the plan's date.
type Phase string

const (
	PhasePast    Phase = "past"
	PhaseCurrent Phase = "current"
	PhaseFuture  Phase = "future"
)

// labelledStatuses are the label statuses under which a structure owes its quarterly visit.
var labelledStatuses = []string{"labellise", "sous_surveillance"}

// PlanStructure is what the plan needs of a structure.
type PlanStructure struct {
	ID          string
	LabelStatus string
	LabelDate   *time.Time // civil date; nil for a labelled structure whose date is unknown (labelled "since ever")
}

// PlanVisit is what the plan needs of a visit.
type PlanVisit struct {
	ID          string
	StructureID string
	Type        Type
	Status      Status
	PlannedDate *time.Time
	DoneDate    *time.Time
}

// Quarter is one column of the plan.
type Quarter struct {
	Number int
	Start  time.Time
	End    time.Time
	Phase  Phase
	Totals map[CellState]int
}

// PlanCell is one structure in one quarter: its state and the visit that decides it (if any).
type PlanCell struct {
	Quarter int
	State   CellState
	VisitID string
	Date    *time.Time
}

// PlanRow is one structure's year.
type PlanRow struct {
	StructureID string
	Cells       [4]PlanCell
}

// Plan is the matrix structures × quarters of a year, as it stands on Today.
type Plan struct {
	Year     int
	Today    time.Time
	Quarters [4]Quarter
	Rows     []PlanRow
}

// ComputePlan builds the quarterly plan of prefectoral visits. today is the civil date in Europe/Paris
// (ParisDate). The rule (ADR 0005): a structure owes the visit of every quarter whose last day is on or after its
// label date — labelled mid-quarter, it owes that quarter's visit; the quarter counts as done when a
// prefectoral visit was recorded done on a date inside it; it is overdue once its last day has passed without
// one. Only prefectoral visits count; cancelled ones never do. Rows keep the order of structures.
func ComputePlan(year int, today time.Time, structures []PlanStructure, visits []PlanVisit) Plan {
	p := Plan{Year: year, Today: today, Rows: make([]PlanRow, 0, len(structures))}
	for q := 1; q <= 4; q++ {
		start, end := QuarterBounds(year, q)
		phase := PhaseCurrent
		switch {
		case end.Before(today):
			phase = PhasePast
		case start.After(today):
			phase = PhaseFuture
		}
		p.Quarters[q-1] = Quarter{Number: q, Start: start, End: end, Phase: phase, Totals: map[CellState]int{}}
	}
	byStructure := map[string][]PlanVisit{}
	for _, v := range visits {
		if v.Type == TypePrefectorale {
			byStructure[v.StructureID] = append(byStructure[v.StructureID], v)
		}
	}
	for _, st := range structures {
		row := PlanRow{StructureID: st.ID}
		for i := range p.Quarters {
			q := &p.Quarters[i]
			row.Cells[i] = cellOf(st, byStructure[st.ID], *q, today)
			q.Totals[row.Cells[i].State]++
		}
		p.Rows = append(p.Rows, row)
	}
	return p
}

func cellOf(st PlanStructure, visits []PlanVisit, q Quarter, today time.Time) PlanCell {
	cell := PlanCell{Quarter: q.Number}
	if !slices.Contains(labelledStatuses, st.LabelStatus) || (st.LabelDate != nil && st.LabelDate.After(q.End)) {
		cell.State = CellNotLabelled
		return cell
	}
	if v, ok := earliestIn(visits, StatusDone, q); ok {
		cell.State, cell.VisitID, cell.Date = CellDone, v.ID, v.DoneDate
		return cell
	}
	if q.End.Before(today) {
		cell.State = CellOverdue
		return cell
	}
	if v, ok := earliestIn(visits, StatusPlanned, q); ok {
		cell.State, cell.VisitID, cell.Date = CellPlanned, v.ID, v.PlannedDate
		return cell
	}
	if q.Start.After(today) {
		cell.State = CellNotDue
	} else {
		cell.State = CellMissing
	}
	return cell
}

// earliestIn finds the earliest visit of the status whose relevant date (done date for a done visit, planned
// date for a planned one) lies in the quarter.
func earliestIn(visits []PlanVisit, status Status, q Quarter) (PlanVisit, bool) {
	var best PlanVisit
	var bestDate *time.Time
	for _, v := range visits {
		if v.Status != status {
			continue
		}
		d := v.PlannedDate
		if status == StatusDone {
			d = v.DoneDate
		}
		if d == nil || d.Before(q.Start) || d.After(q.End) {
			continue
		}
		if bestDate == nil || d.Before(*bestDate) {
			best, bestDate = v, d
		}
	}
	return best, bestDate != nil
}
