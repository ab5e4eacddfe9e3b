package labelling

import (
	"strings"
	"testing"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

var today = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func labelRequest(role auth.Role, derogations ...Derogation) Request {
	return Request{From: AuditDemande, To: Labellise, Role: role, WaveGiven: true, Derogations: derogations, Today: today}
}

func fieldsOf(t *testing.T, err error, code string) map[string]string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error %v, want %s", err, code)
	}
	return e.Fields
}

func TestLabelGuard(t *testing.T) {
	short := satisfied
	short.Compliance = []CriterionResult{
		{Code: CodeWeeklyHours, Status: "failure", Explanation: "20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises."},
		{Code: CodeOpenDays, Status: "ok"},
		{Code: CodeAgentsPresent, Status: "failure", Explanation: "1 agent prévu, 2 requis."},
		{Code: CodePartnerSocle, Status: "unknown"}, // not provided yet: not blocking
		{Code: CodeAgentsTrained, Status: "warning"},
	}
	fields := fieldsOf(t, Check(labelRequest(auth.RolePrefecture), short), "label.guard_failed")
	if !strings.HasPrefix(fields["compliance.weekly_hours"], "20 h d’ouverture") || fields["compliance.agents_present"] == "" ||
		len(fields) != 2 {
		t.Fatalf("fields %v", fields)
	}
	until := "2027-06-30"
	hours := Derogation{Criterion: CodeWeeklyHours, Justification: "Travaux jusqu’en juin", Until: until}
	agents := Derogation{Criterion: CodeAgentsPresent, Justification: "Un seul agent", Until: until}
	// the single-agent derogation needs the opening hours met
	fields = fieldsOf(t, Check(labelRequest(auth.RolePrefecture, hours, agents), short), "label.guard_failed")
	if !strings.Contains(fields["derogations[1].criterion"], "un seul agent") || len(fields) != 1 {
		t.Fatalf("single agent with short hours: %v", fields)
	}
	short.Compliance[0].Status = "ok"
	if err := Check(labelRequest(auth.RolePrefecture, agents), short); err != nil {
		t.Fatalf("single agent derogation with 24 h: %v", err)
	}
	if err := Check(labelRequest(auth.RoleAdmin, agents), short); err != nil {
		t.Fatalf("admin derogation: %v", err)
	}
	fields = fieldsOf(t, Check(labelRequest(auth.RolePrefecture, agents, hours), short), "label.guard_failed")
	if fields["derogations[1].criterion"] == "" || len(fields) != 1 {
		t.Fatalf("needless derogation: %v", fields)
	}
	// unknown hours or agents data blocks
	unknown := satisfied
	unknown.Compliance = []CriterionResult{{Code: CodeAgentsTrained, Status: "unknown", Explanation: "Aucun agent."}}
	if f := fieldsOf(t, Check(labelRequest(auth.RolePrefecture), unknown), "label.guard_failed"); f["compliance.agents_trained"] == "" {
		t.Fatalf("unknown agents: %v", f)
	}
	noEval := satisfied
	noEval.ComplianceEvaluated = false
	if f := fieldsOf(t, Check(labelRequest(auth.RolePrefecture), noEval), "label.guard_failed"); f["compliance"] == "" {
		t.Fatalf("no evaluation: %v", f)
	}
}

func TestLabelGuardAudit(t *testing.T) {
	f := satisfied
	f.Audit = AuditFacts{}
	if got := fieldsOf(t, Check(labelRequest(auth.RolePrefecture), f), "label.guard_failed"); got["audit"] == "" {
		t.Fatalf("no audit: %v", got)
	}
	f.Audit = AuditFacts{Exists: true, Missing: []string{"LOC-01", "LOC-02"},
		NonConforme: []Criterion{{Code: "ACC-03", Label: "Horaires affichés"}}}
	got := fieldsOf(t, Check(labelRequest(auth.RolePrefecture), f), "label.guard_failed")
	if !strings.Contains(got["audit"], "2 critères à renseigner (LOC-01, LOC-02)") ||
		got["audit.ACC-03"] != "Critère non conforme à l’audit : Horaires affichés." {
		t.Fatalf("incomplete audit: %v", got)
	}
}

func TestLabelRequestValidation(t *testing.T) {
	r := labelRequest(auth.RolePrefecture)
	r.WaveGiven = false
	if f := fieldsOf(t, Check(r, satisfied), "validation_failed"); f["wave_id"] == "" {
		t.Fatalf("no wave: %v", f)
	}
	bad := []Derogation{{Criterion: "signage", Until: "2020-01-01"}, {Criterion: CodeOpenDays, Justification: "x", Until: "demain"}}
	f := fieldsOf(t, Check(labelRequest(auth.RolePrefecture, bad...), satisfied), "validation_failed")
	for _, k := range []string{"derogations[0].criterion", "derogations[0].justification", "derogations[0].until", "derogations[1].until"} {
		if f[k] == "" {
			t.Errorf("missing error on %s: %v", k, f)
		}
	}
	// derogations only from the prefecture, only on a labelling
	closing := Request{From: Labellise, To: Ferme, Role: auth.RoleStructure, Reason: "Fin du projet", Today: today,
		Derogations: []Derogation{{Criterion: CodeOpenDays, Justification: "x", Until: "2027-01-01"}}}
	if e, _ := apperr.As(Check(closing, satisfied)); e == nil || e.Code != "label.derogation_forbidden" {
		t.Fatalf("derogation by a structure: %v", e)
	}
	closing.Role = auth.RolePrefecture
	if f := fieldsOf(t, Check(closing, satisfied), "validation_failed"); f["derogations"] == "" {
		t.Fatalf("derogation on a closure: %v", f)
	}
	closing.Derogations, closing.WaveGiven = nil, true
	if f := fieldsOf(t, Check(closing, satisfied), "validation_failed"); f["wave_id"] == "" {
		t.Fatalf("wave on a closure: %v", f)
	}
	closing.WaveGiven, closing.Reason = false, strings.Repeat("é", MaxReason+1)
	if f := fieldsOf(t, Check(closing, satisfied), "validation_failed"); f["reason"] == "" {
		t.Fatalf("long reason: %v", f)
	}
	if _, err := Resolve(Projet, State("labellisee"), auth.RoleAdmin); err == nil {
		t.Fatal("unknown target state accepted")
	}
}

func TestLabelFileGuards(t *testing.T) {
	r := Request{From: Projet, To: CandidatureDeposee, Role: auth.RoleStructure, Today: today}
	if f := fieldsOf(t, Check(r, Facts{}), "label.guard_failed"); f["candidature"] == "" {
		t.Fatalf("no candidature: %v", f)
	}
	r = Request{From: Instruction, To: AuditDemande, Role: auth.RolePrefecture, Today: today}
	facts := Facts{File: FileFacts{Exists: true, Agents: 1, MinAgents: 2,
		HoursMessage: "20 h d’ouverture sur la semaine type : 4 h de moins que les 24 h requises."}}
	f := fieldsOf(t, Check(r, facts), "label.guard_failed")
	want := map[string]string{"carrier": "porteur", "sites": "site", "premises": "locaux", "documents": "pièce",
		"hours": "20 h d’ouverture", "agents": "au moins 2 agents à la structure (1 agent actuellement)"}
	for k, w := range want {
		if !strings.Contains(f[k], w) {
			t.Errorf("%s: %q, want it to contain %q", k, f[k], w)
		}
	}
	if len(f) != len(want) {
		t.Errorf("fields %v", f)
	}
	items := Completeness(satisfied.File)
	for _, it := range items {
		if !it.OK || it.Message == "" {
			t.Errorf("complete file: %+v", it)
		}
	}
	if items[0].Message != "Porteur : Commune." || items[5].Message != "2 agents rattachés." {
		t.Errorf("messages %+v", items)
	}
}

func TestLabelValidateCandidature(t *testing.T) {
	in := CandidatureInput{CarrierName: "  Communauté de communes  ", CarrierSIRET: "200 041 762 00018",
		PlannedSites: []PlannedSite{{Name: ""}}, PartnersPlanned: []string{"CAF", " CAF "}}
	f := fieldsOf(t, ValidateCandidature(&in), "validation_failed")
	if f["planned_sites[0].name"] == "" || f["partners_planned[1]"] == "" || f["carrier_siret"] != "" || len(f) != 2 {
		t.Fatalf("fields %v", f)
	}
	if in.CarrierName != "Communauté de communes" || in.CarrierSIRET != "20004176200018" {
		t.Fatalf("trimmed %+v", in)
	}
	in = CandidatureInput{CarrierSIRET: "123"}
	if f := fieldsOf(t, ValidateCandidature(&in), "validation_failed"); f["carrier_siret"] == "" {
		t.Fatalf("bad SIRET: %v", f)
	}
}
