package partner_test

import (
	"context"
	"slices"
	"testing"

	"maillage/pkg/partner"
	"maillage/pkg/testkit"
)

// national is the socle as the programme's texts give it (DESIGN.md §2): 9 operators from 2019-07-01, 2 more from
// 2024-01-01, 2 more from 2025-01-01; Pôle emploi renamed France Travail on 2024-01-01.
var national = []partner.Operator{
	{Code: "ants", SocleFrom: "2019-07-01", Names: []partner.Name{{From: "2019-07-01", Name: "ANTS"}}},
	{Code: "justice", SocleFrom: "2019-07-01"},
	{Code: "dgfip", SocleFrom: "2019-07-01"},
	{Code: "laposte", SocleFrom: "2019-07-01"},
	{Code: "msa", SocleFrom: "2019-07-01"},
	{Code: "francetravail", SocleFrom: "2019-07-01", Names: []partner.Name{
		{From: "2019-07-01", To: "2023-12-31", Name: "Pôle emploi"}, {From: "2024-01-01", Name: "France Travail"}}},
	{Code: "cnav", SocleFrom: "2019-07-01"},
	{Code: "cnam", SocleFrom: "2019-07-01"},
	{Code: "cnaf", SocleFrom: "2019-07-01"},
	{Code: "dgec", SocleFrom: "2024-01-01"},
	{Code: "anah", SocleFrom: "2024-01-01"},
	{Code: "agirc_arrco", SocleFrom: "2025-01-01"},
	{Code: "urssaf", SocleFrom: "2025-01-01"},
	{Code: "ancien", SocleFrom: "2019-07-01", SocleTo: "2020-12-31"}, // left the socle: never counted after
	{Code: "local_hors_socle"},                                       // known, never in the socle
}

func codes(list []partner.Operator) []string {
	out := make([]string, len(list))
	for i, o := range list {
		out[i] = o.Code
	}
	return out
}

func TestSocleAt(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		at        string
		count     int
		has, hasn []string
		franceTr  string
	}{
		{"2019-06-30", 0, nil, []string{"cnaf"}, "Pôle emploi"},
		{"2019-07-01", 10, []string{"cnaf", "ancien"}, []string{"dgec"}, "Pôle emploi"},
		{"2021-01-01", 9, []string{"francetravail"}, []string{"ancien", "anah"}, "Pôle emploi"},
		{"2023-12-31", 9, nil, []string{"dgec", "anah"}, "Pôle emploi"},
		{"2024-01-01", 11, []string{"dgec", "anah"}, []string{"urssaf"}, "France Travail"},
		{"2024-12-31", 11, nil, []string{"agirc_arrco"}, "France Travail"},
		{"2025-01-01", 13, []string{"agirc_arrco", "urssaf"}, []string{"local_hors_socle"}, "France Travail"},
	} {
		got := codes(partner.SocleAt(national, c.at))
		if len(got) != c.count {
			t.Errorf("%s: %d operators %v, want %d", c.at, len(got), got, c.count)
		}
		for _, code := range c.has {
			if !slices.Contains(got, code) {
				t.Errorf("%s: %s missing from %v", c.at, code, got)
			}
		}
		for _, code := range c.hasn {
			if slices.Contains(got, code) {
				t.Errorf("%s: %s should not be in the socle", c.at, code)
			}
		}
		if n := national[5].NameAt(c.at).Name; n != c.franceTr {
			t.Errorf("%s: francetravail is named %q, want %q", c.at, n, c.franceTr)
		}
	}
	if n := national[1].NameAt("2024-01-01").Name; n != "justice" {
		t.Errorf("an operator without names is known by its code, got %q", n)
	}
}

// The reference data of the migration gives the same socle: 9 in 2019 and until 2023-12-31, 11 in 2024, 13 from
// 2025, with the dated names.
func TestStoredSocle(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	ops, err := (&partner.Store{DB: gdb}).Operators(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for at, want := range map[string]int{"2019-07-01": 9, "2023-12-31": 9, "2024-01-01": 11, "2025-01-01": 13} {
		if got := partner.SocleAt(ops, at); len(got) != want {
			t.Errorf("socle at %s: %d operators %v, want %d", at, len(got), codes(got), want)
		}
	}
	var ft partner.Operator
	for _, o := range ops {
		if o.Code == "francetravail" {
			ft = o
		}
	}
	if len(ft.Names) != 2 || ft.Names[0].To != "2023-12-31" || ft.NameAt("2023-12-31").Name != "Pôle emploi" ||
		ft.NameAt("2024-01-01").Name != "France Travail" || ft.NameAt("2019-07-01").ShortName != "Pôle emploi" {
		t.Errorf("francetravail names: %+v", ft.Names)
	}
}
