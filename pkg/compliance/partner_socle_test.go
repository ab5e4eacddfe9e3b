package compliance

import (
	"context"
	"strings"
	"testing"

	"maillage/pkg/hours"
	"maillage/pkg/partner"
	"maillage/pkg/structure"
	"maillage/pkg/testkit"
)

// The partner criterion is read from the stored operators and referents: a structure of the 70 fails while an
// operator of the socle has neither a referent nor a permanence, the explanation naming it, and passes once that
// operator holds a permanence there; in a département without any partner data it is unknown, not a failure.
func TestPartnerSocleFromThePartnersData(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ctx := context.Background()
	store := &partner.Store{DB: gdb}
	ops, err := store.Operators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const at = "2026-06-01"
	socle := partner.SocleAt(ops, at)
	if len(socle) != 13 {
		t.Fatalf("socle at %s: %d operators, want 13", at, len(socle))
	}
	for _, o := range socle {
		if o.Code == "urssaf" || o.Code == "anah" {
			continue
		}
		if _, err := store.SaveReferent(ctx, partner.Referent{Partner: partner.Ref{Kind: partner.KindOperator, ID: o.Code},
			Departement: "70", Name: "Référent " + o.Code}, 0); err != nil {
			t.Fatal(err)
		}
	}
	in, err := store.SocleInputs(ctx, []string{"70", "57"})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Referents) != 11 || len(in.Operators) != len(ops) {
		t.Fatalf("read %d referents and %d operators", len(in.Referents), len(in.Operators))
	}
	const st = "00000000-0000-0000-0000-000000000070"
	// one judge per evaluation, over structures of both départements, as a report makes it
	partnerSocle := func(dep, id, at string, in partner.SocleInputs) *hours.External {
		list := []structure.Structure{{ID: st, Departement: "70"}, {ID: "another", Departement: "70"},
			{ID: "moselle", Departement: "57"}}
		return newSocleJudge(in, at, list).judge(dep, id)
	}
	x := partnerSocle("70", st, at, in)
	if x.Status != hours.VerdictFailure || *x.Measured != 11 || *x.Threshold != 13 || x.Unit != "opérateurs" ||
		x.Explanation != "11 opérateurs du socle sur 13 couverts ; non couverts : Anah, Urssaf." {
		t.Fatalf("two operators missing: %+v", x)
	}
	in.Permanences = append(in.Permanences, partner.Permanence{StructureID: st, Departement: "70",
		Partner: partner.Ref{Kind: partner.KindOperator, ID: "urssaf"}, Modality: partner.ModalityVisio})
	if x := partnerSocle("70", st, at, in); x.Status != hours.VerdictFailure || !strings.HasSuffix(x.Explanation, ": Anah.") {
		t.Fatalf("the Urssaf holds a permanence: %+v", x)
	}
	in.Permanences = append(in.Permanences, partner.Permanence{StructureID: st, Departement: "70",
		Partner: partner.Ref{Kind: partner.KindOperator, ID: "anah"}, Modality: partner.ModalityPhysique})
	if x := partnerSocle("70", st, at, in); x.Status != hours.VerdictOK || *x.Measured != 13 ||
		x.Explanation != "Les 13 opérateurs du socle sont couverts (référent ou permanence)." {
		t.Fatalf("every operator covered: %+v", x)
	}
	if x := partnerSocle("70", "another", at, in); x.Status != hours.VerdictFailure {
		t.Fatalf("the permanences are at one structure only, another one still misses two: %+v", x)
	}
	if x := partnerSocle("57", "moselle", at, in); x.Status != hours.VerdictUnknown || x.Measured != nil || x.Threshold != nil || x.Unit != "" ||
		x.Explanation != "Aucun référent ni permanence des opérateurs nationaux n’est enregistré pour ce département." {
		t.Fatalf("no partner data in the 57: %+v", x)
	}
	// In 2024 the socle had 11 operators: Urssaf was not part of it yet.
	if x := partnerSocle("70", "another", "2024-06-01", in); x.Status != hours.VerdictFailure || *x.Threshold != 11 ||
		!strings.HasSuffix(x.Explanation, ": Anah.") {
		t.Fatalf("at 2024-06-01: %+v", x)
	}
}
