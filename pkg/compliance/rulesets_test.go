package compliance

import (
	"context"
	"testing"

	"maillage/pkg/hours"
	"maillage/pkg/opening"
	"maillage/pkg/testkit"
)

// The rule sets seeded by migration 00007 are the built-in ones of pkg/hours, value for value.
func TestSeededRuleSetsAreTheBuiltInOnes(t *testing.T) {
	t.Parallel()
	gdb, _ := testkit.DB(t)
	stored, err := (&Service{DB: gdb, Opening: &opening.Store{DB: gdb}}).ruleSets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	builtIn := hours.CurrentRuleSets()
	if len(stored) != len(builtIn) {
		t.Fatalf("%d stored rule sets, %d built in", len(stored), len(builtIn))
	}
	for i := range builtIn {
		if stored[i] != builtIn[i] {
			t.Errorf("rule set %d:\nstored   %+v\nbuilt in %+v", i, stored[i], builtIn[i])
		}
	}
}

func TestValidateRuleSet(t *testing.T) {
	t.Parallel()
	today := hours.NewDate(2026, 11, 24)
	existing := hours.CurrentRuleSets()
	ok := hours.RuleSet{Code: "fs-2027", Title: "Référentiel 2027", ValidFrom: today, MinWeeklyMinutes: 1800,
		MinOpenDays: 5, MinAgentsPresent: 2}
	for _, tc := range []struct {
		name  string
		edit  func(*hours.RuleSet)
		field string // "" when valid
	}{
		{"valid from today", func(*hours.RuleSet) {}, ""},
		{"bounds", func(r *hours.RuleSet) { r.MinWeeklyMinutes, r.MinOpenDays, r.MinAgentsPresent = 10080, 7, 20 }, ""},
		{"code with capitals", func(r *hours.RuleSet) { r.Code = "FS-2027" }, "code"},
		{"code of one character", func(r *hours.RuleSet) { r.Code = "f" }, "code"},
		{"code starting with a hyphen", func(r *hours.RuleSet) { r.Code = "-fs" }, "code"},
		{"no title", func(r *hours.RuleSet) { r.Title = "" }, "title"},
		{"no date", func(r *hours.RuleSet) { r.ValidFrom = hours.Date{} }, "valid_from"},
		{"yesterday", func(r *hours.RuleSet) { r.ValidFrom = today.AddDays(-1) }, "valid_from"},
		{"no minutes", func(r *hours.RuleSet) { r.MinWeeklyMinutes = 0 }, "min_weekly_minutes"},
		{"more than a week", func(r *hours.RuleSet) { r.MinWeeklyMinutes = 10081 }, "min_weekly_minutes"},
		{"eight days", func(r *hours.RuleSet) { r.MinOpenDays = 8 }, "min_open_days"},
		{"no agent", func(r *hours.RuleSet) { r.MinAgentsPresent = 0 }, "min_agents_present"},
		{"21 agents", func(r *hours.RuleSet) { r.MinAgentsPresent = 21 }, "min_agents_present"},
	} {
		r := ok
		tc.edit(&r)
		err := validateRuleSet(r, existing, today)
		fields := map[string]string{}
		if e, isApp := asInvalid(err); isApp {
			fields = e
		}
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && fields[tc.field] == "":
			t.Errorf("%s: no error on %s (%v)", tc.name, tc.field, err)
		}
	}
	// strictly after the last set, even when that one is in the future
	future := append(existing, hours.RuleSet{Code: "fs-2028", ValidFrom: today.AddDays(100)})
	r := ok
	r.ValidFrom = today.AddDays(100)
	if f, _ := asInvalid(validateRuleSet(r, future, today)); f["valid_from"] == "" {
		t.Error("a set on the same day as the last one")
	}
	r.ValidFrom = today.AddDays(101)
	if err := validateRuleSet(r, future, today); err != nil {
		t.Errorf("a set the day after the last one: %v", err)
	}
}
