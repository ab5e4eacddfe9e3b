package compliance

import (
	"fmt"
	"slices"
	"strings"

	"maillage/pkg/hours"
	"maillage/pkg/partner"
)

// unitOperators is the unit of the partner criterion.
const unitOperators = "opérateurs"

// partnerSocle judges whether every operator of the socle in force on at covers the structure (a referent for
// its département or for it, or a permanence at it: partner.Coverage). It is unknown, never a silent pass nor a
// false failure, when no referent nor permanence of any operator is recorded for the département: the data is
// not in Maillage yet. An unknown verdict has no measure, threshold nor unit (like any criterion without data).
func partnerSocle(dep, structureID, at string, in partner.SocleInputs) *hours.External {
	recorded := slices.ContainsFunc(in.Referents, func(r partner.Referent) bool { return r.Departement == dep }) ||
		slices.ContainsFunc(in.Permanences, func(p partner.Permanence) bool { return p.Departement == dep })
	if !recorded {
		return &hours.External{Status: hours.VerdictUnknown,
			Explanation: "Aucun référent ni permanence des opérateurs nationaux n’est enregistré pour ce département."}
	}
	socle := partner.SocleAt(in.Operators, at)
	if len(socle) == 0 {
		return &hours.External{Status: hours.VerdictUnknown,
			Explanation: "Aucun opérateur ne compose le socle à cette date."}
	}
	row := partner.Coverage(partner.CoverageInput{At: at, Departement: dep, Structures: []string{structureID},
		Socle: socle, Referents: in.Referents, Permanences: in.Permanences})[0]
	var missing []string
	for i, c := range row.Cells {
		if !c.Covered {
			missing = append(missing, shortName(socle[i], at))
		}
	}
	covered, total := float64(len(socle)-len(missing)), float64(len(socle))
	x := &hours.External{Status: hours.VerdictOK, Measured: &covered, Threshold: &total, Unit: unitOperators,
		Explanation: fmt.Sprintf("Les %d opérateurs du socle sont couverts (référent ou permanence).", len(socle))}
	if len(missing) > 0 {
		x.Status = hours.VerdictFailure
		x.Explanation = fmt.Sprintf("%d opérateurs du socle sur %d couverts ; non couverts : %s.",
			len(socle)-len(missing), len(socle), strings.Join(missing, ", "))
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
