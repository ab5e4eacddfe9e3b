package compliance

import (
	"fmt"
	"strings"

	"maillage/pkg/hours"
	"maillage/pkg/partner"
	"maillage/pkg/structure"
)

// unitOperators is the unit of the partner criterion.
const unitOperators = "opérateurs"

// socleJudge judges the partner criterion of every structure of one evaluation: whether every operator of the socle
// in force on at covers the structure (a referent for its département or for it, or a permanence at it:
// partner.Coverage). The coverage is computed once per département for all its structures of the evaluation, not
// once per structure: a per-structure call walked every permanence of the département each time (40 structures ×
// 160 permanences per report of the benchmark, a quarter of its CPU).
type socleJudge struct {
	at       string
	socle    []partner.Operator
	recorded map[string]bool                // départements with at least one operator referent or permanence
	rows     map[string]partner.CoverageRow // by structure
}

func newSocleJudge(in partner.SocleInputs, at string, list []structure.Structure) socleJudge {
	j := socleJudge{at: at, socle: partner.SocleAt(in.Operators, at), recorded: map[string]bool{},
		rows: make(map[string]partner.CoverageRow, len(list))}
	for _, r := range in.Referents {
		j.recorded[r.Departement] = true
	}
	for _, p := range in.Permanences {
		j.recorded[p.Departement] = true
	}
	byDep := map[string][]string{}
	for _, st := range list {
		byDep[st.Departement] = append(byDep[st.Departement], st.ID)
	}
	for dep, ids := range byDep {
		if !j.recorded[dep] || len(j.socle) == 0 {
			continue
		}
		for _, row := range partner.Coverage(partner.CoverageInput{At: at, Departement: dep, Structures: ids,
			Socle: j.socle, Referents: in.Referents, Permanences: in.Permanences}) {
			j.rows[row.StructureID] = row
		}
	}
	return j
}

// judge is the verdict for one structure of the list. It is unknown, never a silent pass nor a false failure, when
// no referent nor permanence of any operator is recorded for the département: the data is not in Maillage yet. An
// unknown verdict has no measure, threshold nor unit (like any criterion without data).
func (j socleJudge) judge(dep, structureID string) *hours.External {
	if !j.recorded[dep] {
		return &hours.External{Status: hours.VerdictUnknown,
			Explanation: "Aucun référent ni permanence des opérateurs nationaux n’est enregistré pour ce département."}
	}
	if len(j.socle) == 0 {
		return &hours.External{Status: hours.VerdictUnknown,
			Explanation: "Aucun opérateur ne compose le socle à cette date."}
	}
	row := j.rows[structureID]
	var missing []string
	for i, c := range row.Cells {
		if !c.Covered {
			missing = append(missing, shortName(j.socle[i], j.at))
		}
	}
	covered, total := float64(len(j.socle)-len(missing)), float64(len(j.socle))
	x := &hours.External{Status: hours.VerdictOK, Measured: &covered, Threshold: &total, Unit: unitOperators,
		Explanation: fmt.Sprintf("Les %d opérateurs du socle sont couverts (référent ou permanence).", len(j.socle))}
	if len(missing) > 0 {
		x.Status = hours.VerdictFailure
		x.Explanation = fmt.Sprintf("%d opérateurs du socle sur %d couverts ; non couverts : %s.",
			len(j.socle)-len(missing), len(j.socle), strings.Join(missing, ", "))
	}
	return x
}

// shortName is the short name of the operator on at, else its name.
func shortName(o partner.Operator, at string) string {
	n := o.NameAt(at)
	if n.ShortName != "" {
		return n.ShortName
	}
	return n.Name
}
