package labelling

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

// adrRow is one line of the transition table of ADR 0007, read from the document itself: the expected results
// below never come from the code's table.
type adrRow struct {
	from           []string
	to             string
	roles          []string
	reasonRequired bool
	guarded        bool
}

func readADRTable(t *testing.T) []adrRow {
	t.Helper()
	f, err := os.Open("../../docs/adr/0007-labelling.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []adrRow
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "| from | to | roles |"):
			in = true
			continue
		case in && !strings.HasPrefix(line, "|"):
			in = false
		}
		if !in || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 5 {
			t.Fatalf("ADR table line %q: %d cells", line, len(cells))
		}
		rows = append(rows, adrRow{from: list(cells[0]), to: strings.TrimSpace(cells[1]), roles: list(cells[2]),
			reasonRequired: strings.TrimSpace(cells[3]) == "yes", guarded: strings.TrimSpace(cells[4]) != ""})
	}
	if len(rows) < 10 {
		t.Fatalf("ADR table: %d rows read", len(rows))
	}
	return rows
}

func list(cell string) []string {
	var out []string
	for _, p := range strings.Split(cell, ",") {
		out = append(out, strings.TrimSpace(p))
	}
	return out
}

// adrStates are the states the ADR lists, in its words.
var adrStates = []string{"projet", "candidature_deposee", "instruction", "audit_demande", "labellise", "non_conforme",
	"rejete", "sous_surveillance", "suspendu", "retire", "ferme"}

var adrRoles = []string{"admin", "region", "prefecture", "animateur", "structure", "partner"}

func (r adrRow) matches(from, to string) bool { return r.to == to && slices.Contains(r.from, from) }

// satisfied are facts under which every guard passes.
var satisfied = Facts{
	File:                FileFacts{Exists: true, CarrierName: "Commune", Sites: 1, PremisesAnswered: true, Documents: 1, HoursOK: true, Agents: 2, MinAgents: 2},
	Audit:               AuditFacts{Exists: true, Complete: true},
	ComplianceEvaluated: true,
	Compliance:          []CriterionResult{{Code: CodeWeeklyHours, Status: "ok"}, {Code: CodeOpenDays, Status: "ok"}},
}

// Every state × every target state × every role, against the ADR's table.
func TestLabelTransitionTableMatchesTheADR(t *testing.T) {
	rows := readADRTable(t)
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	if len(adrStates) != len(States) {
		t.Fatalf("%d states in the code, %d in the ADR", len(States), len(adrStates))
	}
	cases := 0
	for _, from := range adrStates {
		for _, to := range adrStates {
			var row *adrRow
			for i := range rows {
				if rows[i].matches(from, to) {
					row = &rows[i]
				}
			}
			for _, role := range adrRoles {
				cases++
				r := Request{From: State(from), To: State(to), Role: auth.Role(role), Today: today, Reason: "Motif"}
				wantAllowed := row != nil && slices.Contains(row.roles, role)
				if row != nil && row.guarded && to == "labellise" {
					r.WaveGiven = true
				}
				err := Check(r, satisfied)
				switch {
				case row == nil:
					expectCode(t, err, apperr.KindConflict, "label.transition_invalid", from, to, role)
				case !wantAllowed:
					expectCode(t, err, apperr.KindForbidden, "label.transition_forbidden", from, to, role)
				case err != nil:
					t.Errorf("%s → %s as %s: %v, want allowed", from, to, role, err)
				}
				got := slices.ContainsFunc(Allowed(State(from), auth.Role(role)), func(tr Transition) bool { return tr.To == State(to) })
				if got != wantAllowed {
					t.Errorf("Allowed(%s, %s) lists %s: %v, want %v", from, role, to, got, wantAllowed)
				}
				if row == nil || !wantAllowed {
					continue
				}
				tr, _ := Find(State(from), State(to))
				if tr.ReasonRequired() != row.reasonRequired || tr.Negative() != row.reasonRequired {
					t.Errorf("%s → %s: reason required %v, ADR says %v", from, to, tr.ReasonRequired(), row.reasonRequired)
				}
				if (tr.Guard != GuardNone) != row.guarded {
					t.Errorf("%s → %s: guard %q, ADR guarded %v", from, to, tr.Guard, row.guarded)
				}
				r.Reason = ""
				err = Check(r, satisfied)
				if row.reasonRequired {
					expectField(t, err, "validation_failed", "reason", from, to, role)
				} else if err != nil {
					t.Errorf("%s → %s as %s without a reason: %v", from, to, role, err)
				}
			}
		}
	}
	if cases != 11*11*6 {
		t.Fatalf("%d cases", cases)
	}
}

func expectCode(t *testing.T, err error, kind apperr.Kind, code, from, to, role string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != kind || e.Code != code {
		t.Errorf("%s → %s as %s: %v, want %s", from, to, role, err, code)
	}
}

func expectField(t *testing.T, err error, code, field, from, to, role string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Fields[field] == "" {
		t.Errorf("%s → %s as %s: %v, want %s on %s", from, to, role, err, code, field)
	}
}

// Every state has a French label, and the ADR's negative states are the ones requiring a reason.
func TestLabelStatesAndNegatives(t *testing.T) {
	negatives := []string{"rejete", "non_conforme", "sous_surveillance", "suspendu", "retire", "ferme"}
	for _, s := range adrStates {
		st := State(s)
		if !st.Valid() || st.Label() == s || st.Label() == "" {
			t.Errorf("state %s: label %q", s, st.Label())
		}
		if st.Negative() != slices.Contains(negatives, s) {
			t.Errorf("state %s: negative %v", s, st.Negative())
		}
	}
	if State("inconnu").Valid() {
		t.Error("unknown state valid")
	}
	for _, tr := range Table() {
		if tr.Verb == "" || strings.ContainsRune(tr.Verb, '\'') {
			t.Errorf("%s → %s: verb %q (French, typographic apostrophe)", tr.From, tr.To, tr.Verb)
		}
	}
}
