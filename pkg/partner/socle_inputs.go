package partner

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

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

// socleInputsQuery reads the operators with their names, and the operators' referents and permanences of the
// départements ($1), as flat rows of one statement told apart by kind: 'o' for an operator (one row per name), 'r'
// for a referent, 'p' for a permanence. Flat rows through pgx (db.Read) rather than JSON: building and decoding
// the JSON was a tenth of the benchmark's département report (ADR 0009).
const socleInputsQuery = `SELECT 'o' AS kind, o.code, o.socle_from, o.socle_to, n.valid_from, n.name, n.short_name,
		NULL::text AS departement, NULL::text AS structure_id, NULL::date AS valid_from, NULL::date AS valid_to,
		NULL::text AS modality
	FROM operators o LEFT JOIN operator_names n ON n.operator_code = o.code
	UNION ALL
	SELECT 'r', r.operator_code, NULL, NULL, NULL, NULL, NULL, r.departement_code, r.structure_id::text, r.valid_from,
		r.valid_to, NULL
	FROM referents r WHERE r.partner_kind = 'operator' AND r.departement_code = ANY($1)
	UNION ALL
	SELECT 'p', p.operator_code, NULL, NULL, NULL, NULL, NULL, p.departement_code, p.structure_id::text, NULL, NULL,
		p.modality
	FROM permanences p WHERE p.partner_kind = 'operator' AND p.departement_code = ANY($1)
	ORDER BY 1, 2, 5, 9`

// SocleInputs reads, in one statement whatever the number of départements, the operators and the operators'
// referents and permanences of the départements.
func (s *Store) SocleInputs(ctx context.Context, deps []string) (SocleInputs, error) {
	var out SocleInputs
	err := db.Read(ctx, s.DB, socleInputsQuery, []any{deps}, func(rows db.Rows) error {
		var kind, code string
		var socleFrom, socleTo, nameFrom, validFrom, validTo pgtype.Date
		var name, shortName, dep, structureID, modality pgtype.Text
		for rows.Next() {
			if err := rows.Scan(&kind, &code, &socleFrom, &socleTo, &nameFrom, &name, &shortName, &dep, &structureID,
				&validFrom, &validTo, &modality); err != nil {
				return err
			}
			switch kind {
			case "o":
				if n := len(out.Operators); n == 0 || out.Operators[n-1].Code != code {
					out.Operators = append(out.Operators, Operator{Code: code, SocleFrom: isoDay(socleFrom),
						SocleTo: isoDay(socleTo)})
				}
				if nameFrom.Valid {
					o := &out.Operators[len(out.Operators)-1]
					o.Names = append(o.Names, Name{From: isoDay(nameFrom), Name: name.String, ShortName: shortName.String})
				}
			case "r":
				out.Referents = append(out.Referents, Referent{Partner: Ref{Kind: KindOperator, ID: code},
					Departement: dep.String, StructureID: structureID.String, ValidFrom: isoDay(validFrom),
					ValidTo: isoDay(validTo)})
			case "p":
				out.Permanences = append(out.Permanences, Permanence{Partner: Ref{Kind: KindOperator, ID: code},
					Departement: dep.String, StructureID: structureID.String, Modality: Modality(modality.String)})
			}
		}
		return nil
	})
	for i := range out.Operators {
		out.Operators[i].Names = withDerivedEnds(out.Operators[i].Names, dayBefore)
	}
	return out, err
}

// isoDay formats a date column ("" for NULL).
func isoDay(d pgtype.Date) string {
	if !d.Valid {
		return ""
	}
	return d.Time.Format(time.DateOnly)
}
