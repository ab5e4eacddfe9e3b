package partner

import "slices"

// Coverage ways, in the order a cell lists them.
const (
	CoveredByReferent = "referent"    // a referent of the operator for the département or for the structure
	coveredPermanence = "permanence:" // + modality: a permanence of the operator at the structure
)

// CoverageCell says whether one operator of the socle is covered at one structure, and how.
type CoverageCell struct {
	Operator string
	Covered  bool
	How      []string
}

// CoverageRow is the coverage of one structure by the operators of the socle.
type CoverageRow struct {
	StructureID string
	Cells       []CoverageCell
	Missing     int
}

// CoverageInput is what the coverage of a département at a date is computed from: the structures (ids, in
// display order), the socle at that date, and the referents and permanences of the département.
type CoverageInput struct {
	At          string
	Departement string
	Structures  []string
	Socle       []Operator
	Referents   []Referent
	Permanences []Permanence
}

// Coverage computes, for each structure and each operator of the socle, whether it is covered: a referent of the
// operator valid at the date, for the département or for that structure, or a permanence of the operator at the
// structure (any modality). Local partners do not count: the socle is made of operators.
func Coverage(in CoverageInput) []CoverageRow {
	deptWide := map[string]bool{}
	atStructure := map[[2]string][]string{} // (structure, operator) -> ways
	for _, r := range in.Referents {
		if r.Partner.Kind != KindOperator || !ValidOn(in.At, r.ValidFrom, r.ValidTo) {
			continue
		}
		if r.StructureID == "" {
			if r.Departement == in.Departement {
				deptWide[r.Partner.ID] = true
			}
			continue
		}
		add(atStructure, [2]string{r.StructureID, r.Partner.ID}, CoveredByReferent)
	}
	for _, p := range in.Permanences {
		if p.Partner.Kind == KindOperator {
			add(atStructure, [2]string{p.StructureID, p.Partner.ID}, coveredPermanence+string(p.Modality))
		}
	}
	rows := make([]CoverageRow, len(in.Structures))
	for i, id := range in.Structures {
		row := CoverageRow{StructureID: id, Cells: make([]CoverageCell, len(in.Socle))}
		for j, o := range in.Socle {
			how := []string{}
			if deptWide[o.Code] {
				how = append(how, CoveredByReferent)
			}
			for _, w := range atStructure[[2]string{id, o.Code}] {
				if !slices.Contains(how, w) {
					how = append(how, w)
				}
			}
			row.Cells[j] = CoverageCell{Operator: o.Code, Covered: len(how) > 0, How: how}
			if len(how) == 0 {
				row.Missing++
			}
		}
		rows[i] = row
	}
	return rows
}

func add(m map[[2]string][]string, k [2]string, way string) {
	if !slices.Contains(m[k], way) {
		m[k] = append(m[k], way)
	}
}
