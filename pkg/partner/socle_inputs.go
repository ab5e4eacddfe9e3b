package partner

import (
	"context"
	"encoding/json"

	"maillage/pkg/db"
)

// SocleInputs is what judging the partner criterion of compliance reads: every operator (with its names), and the
// operators' referents and permanences of some départements. Local partners are left out: the socle is made of
// operators.
type SocleInputs struct {
	Operators   []Operator
	Referents   []Referent
	Permanences []Permanence
}

// socleInputsQuery aggregates the operators, the referents and the permanences as JSON in one row. Parameters:
// the départements, twice.
const socleInputsQuery = `SELECT
	(SELECT json_agg(json_build_object('code', o.code, 'socle_from', to_char(o.socle_from, 'YYYY-MM-DD'),
		'socle_to', to_char(o.socle_to, 'YYYY-MM-DD'),
		'names', (SELECT json_agg(json_build_object('from', to_char(n.valid_from, 'YYYY-MM-DD'), 'name', n.name,
			'short_name', n.short_name) ORDER BY n.valid_from) FROM operator_names n WHERE n.operator_code = o.code))
		ORDER BY o.code) FROM operators o) AS operators,
	(SELECT json_agg(json_build_object('operator', r.operator_code, 'departement', r.departement_code,
		'structure_id', r.structure_id, 'valid_from', to_char(r.valid_from, 'YYYY-MM-DD'),
		'valid_to', to_char(r.valid_to, 'YYYY-MM-DD')))
		FROM referents r WHERE r.partner_kind = 'operator' AND r.departement_code IN ?) AS referents,
	(SELECT json_agg(json_build_object('operator', p.operator_code, 'departement', p.departement_code,
		'structure_id', p.structure_id, 'modality', p.modality))
		FROM permanences p WHERE p.partner_kind = 'operator' AND p.departement_code IN ?) AS permanences`

type socleRowJSON struct {
	Code        string  `json:"code"`
	SocleFrom   *string `json:"socle_from"`
	SocleTo     *string `json:"socle_to"`
	Operator    string  `json:"operator"`
	Departement string  `json:"departement"`
	StructureID *string `json:"structure_id"`
	ValidFrom   *string `json:"valid_from"`
	ValidTo     *string `json:"valid_to"`
	Modality    string  `json:"modality"`
	Names       []struct {
		From      string `json:"from"`
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
	} `json:"names"`
}

// SocleInputs reads, in one statement whatever the number of départements, the operators and the operators'
// referents and permanences of the départements.
func (s *Store) SocleInputs(ctx context.Context, deps []string) (SocleInputs, error) {
	if len(deps) == 0 {
		deps = []string{""} // IN () is not valid SQL; no département has an empty code
	}
	var raw struct{ Operators, Referents, Permanences []byte }
	if err := db.Conn(ctx, s.DB).Raw(socleInputsQuery, deps, deps).Row().
		Scan(&raw.Operators, &raw.Referents, &raw.Permanences); err != nil {
		return SocleInputs{}, err
	}
	var ops, refs, perms []socleRowJSON
	for _, d := range []struct {
		b   []byte
		out *[]socleRowJSON
	}{{raw.Operators, &ops}, {raw.Referents, &refs}, {raw.Permanences, &perms}} {
		if len(d.b) > 0 {
			if err := json.Unmarshal(d.b, d.out); err != nil {
				return SocleInputs{}, err
			}
		}
	}
	var out SocleInputs
	for _, o := range ops {
		names := make([]Name, len(o.Names))
		for i, n := range o.Names {
			names[i] = Name{From: n.From, Name: n.Name, ShortName: n.ShortName}
		}
		out.Operators = append(out.Operators, Operator{Code: o.Code, SocleFrom: deref(o.SocleFrom), SocleTo: deref(o.SocleTo),
			Names: withDerivedEnds(names, dayBefore)})
	}
	for _, r := range refs {
		out.Referents = append(out.Referents, Referent{Partner: Ref{Kind: KindOperator, ID: r.Operator},
			Departement: r.Departement, StructureID: deref(r.StructureID), ValidFrom: deref(r.ValidFrom), ValidTo: deref(r.ValidTo)})
	}
	for _, p := range perms {
		out.Permanences = append(out.Permanences, Permanence{Partner: Ref{Kind: KindOperator, ID: p.Operator},
			Departement: p.Departement, StructureID: deref(p.StructureID), Modality: Modality(p.Modality)})
	}
	return out, nil
}
