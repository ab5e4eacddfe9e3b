package user

import (
	"slices"
	"testing"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

func fieldsOf(u User) map[string]string {
	var v apperr.Validation
	checkFields(normalized(u), &v)
	e, ok := apperr.As(v.Err())
	if !ok {
		return nil
	}
	return e.Fields
}

func TestTerritoryMustMatchTheRole(t *testing.T) {
	t.Parallel()
	sid := "0b8f5e0e-4d3a-4c7b-9f1e-2a6d1c3b4e5f"
	base := func(role auth.Role) User { return User{Email: "a@maillage.test", Name: "A", Role: role} }
	with := func(u User, f func(*User)) User { f(&u); return u }
	cases := []struct {
		name   string
		user   User
		fields []string
	}{
		{"admin alone", base(auth.RoleAdmin), nil},
		{"admin with départements", with(base(auth.RoleAdmin), func(u *User) { u.Departements = []string{"70"} }), []string{"departements"}},
		{"region with région", with(base(auth.RoleRegion), func(u *User) { u.RegionCode = "27" }), nil},
		{"region without région", base(auth.RoleRegion), []string{"region_code"}},
		{"region with départements", with(base(auth.RoleRegion), func(u *User) {
			u.RegionCode, u.Departements = "27", []string{"70"}
		}), []string{"departements"}},
		{"prefecture with département", with(base(auth.RolePrefecture), func(u *User) { u.Departements = []string{"70"} }), nil},
		{"prefecture without", base(auth.RolePrefecture), []string{"departements"}},
		{"prefecture with a région", with(base(auth.RolePrefecture), func(u *User) {
			u.Departements, u.RegionCode = []string{"70"}, "27"
		}), []string{"region_code"}},
		{"animateur without", base(auth.RoleAnimateur), []string{"departements"}},
		{"structure with structure", with(base(auth.RoleStructure), func(u *User) { u.StructureIDs = []string{sid} }), nil},
		{"structure without", base(auth.RoleStructure), []string{"structure_ids"}},
		{"structure with malformed id", with(base(auth.RoleStructure), func(u *User) { u.StructureIDs = []string{"12"} }), []string{"structure_ids"}},
		{"partner complete", with(base(auth.RolePartner), func(u *User) {
			u.Departements, u.PartnerOrg = []string{"70"}, "CNAF"
		}), nil},
		{"partner without anything", base(auth.RolePartner), []string{"departements", "partner_org"}},
		{"organisation on a prefecture", with(base(auth.RolePrefecture), func(u *User) {
			u.Departements, u.PartnerOrg = []string{"70"}, "CNAF"
		}), []string{"partner_org"}},
		{"Corsica and overseas codes", with(base(auth.RoleAnimateur), func(u *User) {
			u.Departements = []string{"2a", "974", " 70 "}
		}), nil},
		{"malformed codes", with(base(auth.RoleAnimateur), func(u *User) { u.Departements = []string{"7", "ABC"} }), []string{"departements"}},
		{"bad e-mail and empty name", User{Email: "nope", Role: auth.RoleAdmin}, []string{"email", "name"}},
		{"unknown role", User{Email: "a@maillage.test", Name: "A", Role: "chef"}, []string{"role"}},
	}
	for _, tc := range cases {
		got := fieldsOf(tc.user)
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, tc.fields) {
			t.Errorf("%s: fields %v (%v), want %v", tc.name, keys, got, tc.fields)
		}
	}
}

func TestWhoMayAssignWhat(t *testing.T) {
	t.Parallel()
	admin := auth.Actor{Role: auth.RoleAdmin}
	pref70 := auth.Actor{Role: auth.RolePrefecture, Departements: []string{"70"}}
	cases := []struct {
		name    string
		actor   auth.Actor
		role    auth.Role
		result  []string
		changed []string
		code    string
	}{
		{"admin anything", admin, auth.RoleAdmin, nil, nil, ""},
		{"prefecture in its département", pref70, auth.RoleAnimateur, []string{"70"}, []string{"70"}, ""},
		{"prefecture outside", pref70, auth.RoleAnimateur, []string{"57"}, []string{"57"}, "auth.out_of_territory"},
		{"prefecture keeps a shared account's other département", pref70, auth.RoleAnimateur, []string{"57", "70"}, nil, ""},
		{"prefecture leaves no département of its own", pref70, auth.RoleStructure, nil, nil, "validation_failed"},
		{"prefecture makes an admin", pref70, auth.RoleAdmin, nil, nil, "user.role_forbidden"},
		{"prefecture makes a regional account", pref70, auth.RoleRegion, nil, nil, "user.role_forbidden"},
	}
	for _, tc := range cases {
		err := checkMayGiveRole(tc.actor, tc.role)
		if err == nil {
			err = checkMayAssign(tc.actor, tc.result, tc.changed)
		}
		got := ""
		if e, ok := apperr.As(err); ok {
			got = e.Code
		}
		if got != tc.code {
			t.Errorf("%s: %q, want %q (%v)", tc.name, got, tc.code, err)
		}
	}
}

func TestApplyAndNormalize(t *testing.T) {
	t.Parallel()
	cur := User{ID: "1", Email: "a@x.fr", Name: "A", Role: auth.RoleAnimateur, Departements: []string{"70"}, Active: true}
	name, none := "  B  ", []string{}
	next := cur.apply(Changes{Name: &name, Departements: &none})
	if next.Name != "B" || len(next.Departements) != 0 || next.Departements == nil || cur.Departements[0] != "70" {
		t.Fatalf("apply: %+v (cur %+v)", next, cur)
	}
	if !sameState(cur, cur.apply(Changes{})) {
		t.Fatal("an empty change must change nothing")
	}
	deps := []string{"57", " 70", "57", "2b"}
	if got := normalized(User{Departements: deps}).Departements; !slices.Equal(got, []string{"2B", "57", "70"}) {
		t.Fatalf("normalized départements %v", got)
	}
	ids := []string{"{0B8F5E0E-4D3A-4C7B-9F1E-2A6D1C3B4E5F}"}
	if got := normalized(User{StructureIDs: ids}).StructureIDs; got[0] != "0b8f5e0e-4d3a-4c7b-9f1e-2a6d1c3b4e5f" {
		t.Fatalf("structure id not canonical: %v", got)
	}
	if d := symmetricDiff([]string{"57", "70"}, []string{"70", "60"}); !slices.Equal(d, []string{"57", "60"}) {
		t.Fatalf("symmetricDiff %v", d)
	}
}

func TestListCursorRoundTrip(t *testing.T) {
	t.Parallel()
	c := listCursor{Email: "a.b@maillage.test", ID: "0b8f5e0e-4d3a-4c7b-9f1e-2a6d1c3b4e5f"}
	got, err := decodeCursor(encodeCursor(c))
	if err != nil || got != c {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	for _, bad := range []string{"", "!!!", encodeCursor(listCursor{Email: "x", ID: "not-a-uuid"})} {
		if _, err := decodeCursor(bad); err == nil {
			t.Errorf("cursor %q accepted", bad)
		}
	}
}
