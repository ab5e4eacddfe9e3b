package partner_test

import (
	"reflect"
	"testing"

	"maillage/pkg/partner"
)

func TestCoverage(t *testing.T) {
	t.Parallel()
	op := func(code string) partner.Ref { return partner.Ref{Kind: partner.KindOperator, ID: code} }
	in := partner.CoverageInput{
		At: "2026-03-10", Departement: "70", Structures: []string{"vesoul", "gray"},
		Socle: []partner.Operator{{Code: "cnaf"}, {Code: "cnam"}, {Code: "dgfip"}, {Code: "msa"}},
		Referents: []partner.Referent{
			{Partner: op("cnaf"), Departement: "70"},                                     // whole département
			{Partner: op("cnam"), Departement: "70", StructureID: "gray"},                // one structure
			{Partner: op("dgfip"), Departement: "70", ValidTo: "2026-03-09"},             // ended the day before
			{Partner: op("msa"), Departement: "70", ValidFrom: "2026-04-01"},             // not yet
			{Partner: partner.Ref{Kind: partner.KindLocal, ID: "ml"}, Departement: "70"}, // local: not in the socle
			{Partner: op("msa"), Departement: "57"},                                      // another département
		},
		Permanences: []partner.Permanence{
			{StructureID: "vesoul", Partner: op("cnaf"), Modality: partner.ModalityVisio},
			{StructureID: "vesoul", Partner: op("cnaf"), Modality: partner.ModalityVisio}, // listed once
			{StructureID: "vesoul", Partner: op("dgfip"), Modality: partner.ModalityPhysique},
		},
	}
	rows := partner.Coverage(in)
	want := map[string][][]string{
		"vesoul": {{"referent", "permanence:visio"}, {}, {"permanence:physique"}, {}},
		"gray":   {{"referent"}, {"referent"}, {}, {}},
	}
	missing := map[string]int{"vesoul": 2, "gray": 2}
	if len(rows) != 2 || rows[0].StructureID != "vesoul" {
		t.Fatalf("rows %+v", rows)
	}
	for _, r := range rows {
		if r.Missing != missing[r.StructureID] {
			t.Errorf("%s: %d missing, want %d", r.StructureID, r.Missing, missing[r.StructureID])
		}
		for j, c := range r.Cells {
			if !reflect.DeepEqual(c.How, want[r.StructureID][j]) || c.Covered != (len(c.How) > 0) {
				t.Errorf("%s × %s: %+v, want %v", r.StructureID, c.Operator, c, want[r.StructureID][j])
			}
		}
	}
}
