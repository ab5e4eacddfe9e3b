package labelling

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

// MaxReason bounds the reason of a decision and the justification of a derogation.
const MaxReason = 2000

// Derogation lets a structure be labelled although one compliance criterion fails, until a date.
type Derogation struct {
	Criterion     string // a compliance code (ComplianceCodes)
	Justification string
	Until         string // YYYY-MM-DD, after today
}

// CriterionResult is one compliance criterion as the engine judged it (its worst status over the typical and
// the real weeks), with the engine's French explanation.
type CriterionResult struct {
	Code        string
	Status      string // ok, warning, failure, unknown
	Explanation string
}

// AuditFacts describe the open audit of a structure.
type AuditFacts struct {
	Exists      bool
	Complete    bool
	Missing     []string    // codes of the manual criteria not answered yet
	NonConforme []Criterion // manual criteria answered non_conforme
}

// Facts are what the guards read; the use case gathers them.
type Facts struct {
	File                FileFacts
	Audit               AuditFacts
	ComplianceEvaluated bool
	Compliance          []CriterionResult
}

// Request is a transition asked for.
type Request struct {
	From, To    State
	Role        auth.Role
	Reason      string
	WaveGiven   bool
	Derogations []Derogation
	Today       time.Time // civil date
}

// Problem is one failing guard: the field it is reported on, a stable code and a French message.
type Problem struct {
	Field, Code, Message string
}

// Resolve finds the transition and checks the role may make it: 422 for an unknown state, 409
// label.transition_invalid when the table has no such transition, 403 label.transition_forbidden for the role.
func Resolve(from, to State, role auth.Role) (Transition, error) {
	if !to.Valid() {
		return Transition{}, apperr.Invalid("validation_failed", "to", "État inconnu.")
	}
	t, ok := Find(from, to)
	if !ok {
		return Transition{}, apperr.Conflict("label.transition_invalid",
			fmt.Sprintf("Une structure « %s » ne peut pas passer à « %s ».", from.Label(), to.Label()))
	}
	if !t.MayUse(role) {
		return Transition{}, apperr.Forbidden("label.transition_forbidden",
			fmt.Sprintf("Votre rôle ne permet pas cette décision (« %s »).", t.Verb))
	}
	return t, nil
}

// Check decides a transition: Resolve, then the request's own fields (reason, wave, derogations), then the
// guards over the facts (422 label.guard_failed, one field per failing guard).
func Check(r Request, f Facts) error {
	t, err := Resolve(r.From, r.To, r.Role)
	if err != nil {
		return err
	}
	if err := Validate(t, r); err != nil {
		return err
	}
	if problems := Blockers(t, f, r.Derogations, r.Today); len(problems) > 0 {
		return GuardError(problems)
	}
	return nil
}

// Validate checks the fields of the request against the transition.
func Validate(t Transition, r Request) error {
	if len(r.Derogations) > 0 && r.Role != auth.RoleAdmin && r.Role != auth.RolePrefecture {
		return apperr.Forbidden("label.derogation_forbidden", "Seule la préfecture peut accorder une dérogation.")
	}
	var v apperr.Validation
	reason := strings.TrimSpace(r.Reason)
	v.Check(reason != "" || !t.ReasonRequired(), "reason", "Le motif de cette décision est obligatoire.")
	v.Check(len([]rune(reason)) <= MaxReason, "reason", "Motif trop long (2 000 caractères au plus).")
	v.Check(!t.NeedsWave || r.WaveGiven, "wave_id", "Choisissez la vague de labellisation.")
	v.Check(t.NeedsWave || !r.WaveGiven, "wave_id", "Une vague ne s’indique que pour une labellisation.")
	if len(r.Derogations) > 0 && t.Guard != GuardLabelReady {
		v.Add("derogations", "Une dérogation n’accompagne qu’une labellisation.")
	}
	seen := map[string]bool{}
	for i, d := range r.Derogations {
		at := fmt.Sprintf("derogations[%d].", i)
		switch {
		case !slices.Contains(ComplianceCodes, d.Criterion):
			v.Add(at+"criterion", "Critère inconnu : "+strings.Join(ComplianceCodes, ", ")+".")
		case seen[d.Criterion]:
			v.Add(at+"criterion", "Une seule dérogation par critère.")
		}
		seen[d.Criterion] = true
		j := strings.TrimSpace(d.Justification)
		v.Check(j != "", at+"justification", "La justification de la dérogation est obligatoire.")
		v.Check(len([]rune(j)) <= MaxReason, at+"justification", "Justification trop longue (2 000 caractères au plus).")
		until, err := time.Parse(time.DateOnly, d.Until)
		v.Check(err == nil && until.After(r.Today) && until.Year() <= 2100, at+"until",
			"Date de fin de la dérogation postérieure à aujourd’hui attendue (AAAA-MM-JJ).")
	}
	return v.Err()
}

// GuardError is the 422 label.guard_failed of failing guards, one field each.
func GuardError(problems []Problem) error {
	fields := map[string]string{}
	for _, p := range problems {
		if prev, ok := fields[p.Field]; ok {
			fields[p.Field] = prev + " " + p.Message
			continue
		}
		fields[p.Field] = p.Message
	}
	return &apperr.Error{Kind: apperr.KindInvalid, Code: "label.guard_failed",
		Message: "Les conditions de cette décision ne sont pas remplies.", Fields: fields}
}

// Blockers lists the guards of the transition that fail on the facts (none for a transition without guard).
// For a labelling, the given derogations cover the compliance criteria they name.
func Blockers(t Transition, f Facts, derogations []Derogation, today time.Time) []Problem {
	switch t.Guard {
	case GuardCandidatureExists:
		if !f.File.Exists {
			return []Problem{missingFile()}
		}
	case GuardFileComplete:
		return fileBlockers(f.File)
	case GuardLabelReady:
		return labelBlockers(f, derogations)
	}
	return nil
}

func missingFile() Problem {
	return Problem{Field: "candidature", Code: "candidature.missing", Message: "Saisissez d’abord le dossier de candidature."}
}

func fileBlockers(f FileFacts) []Problem {
	if !f.Exists {
		return []Problem{missingFile()}
	}
	var out []Problem
	for _, it := range Completeness(f) {
		if !it.OK {
			out = append(out, Problem{Field: it.Field, Code: "candidature." + it.Field, Message: it.Message})
		}
	}
	return out
}

func labelBlockers(f Facts, derogations []Derogation) []Problem {
	var out []Problem
	switch {
	case !f.Audit.Exists:
		out = append(out, Problem{Field: "audit", Code: "audit.missing", Message: "L’audit qualité n’a pas encore été saisi."})
	case !f.Audit.Complete:
		out = append(out, Problem{Field: "audit", Code: "audit.incomplete", Message: fmt.Sprintf(
			"Audit incomplet : %s à renseigner (%s).", plural(len(f.Audit.Missing), "critère", "critères"),
			strings.Join(f.Audit.Missing, ", "))})
	}
	for _, c := range f.Audit.NonConforme {
		out = append(out, Problem{Field: "audit." + c.Code, Code: "audit.non_conforme",
			Message: "Critère non conforme à l’audit : " + c.Label + "."})
	}
	if !f.ComplianceEvaluated {
		return append(out, Problem{Field: "compliance", Code: "compliance.unavailable",
			Message: "La conformité de la structure n’a pas pu être évaluée."})
	}
	covered := map[string]bool{}
	for _, d := range derogations {
		covered[d.Criterion] = true
	}
	failing := map[string]bool{}
	for _, c := range f.Compliance {
		if !Blocking(c) {
			continue
		}
		failing[c.Code] = true
		if !covered[c.Code] {
			out = append(out, Problem{Field: "compliance." + c.Code, Code: "compliance." + c.Code,
				Message: c.Explanation + " Une dérogation de la préfecture peut couvrir ce critère."})
		}
	}
	for i, d := range derogations {
		field := fmt.Sprintf("derogations[%d].criterion", i)
		switch {
		case !failing[d.Criterion]:
			out = append(out, Problem{Field: field, Code: "derogation.unneeded",
				Message: "Ce critère est respecté : aucune dérogation n’est nécessaire."})
		case d.Criterion == CodeAgentsPresent && (failing[CodeWeeklyHours] || failing[CodeOpenDays]):
			out = append(out, Problem{Field: field, Code: "derogation.single_agent",
				Message: "La dérogation à un seul agent n’est possible que si l’ouverture minimale (heures et jours) est respectée."})
		}
	}
	return out
}

// Compliance codes (the engine's criteria, ADR 0006).
const (
	CodeWeeklyHours   = "weekly_hours"
	CodeOpenDays      = "open_days"
	CodeAgentsPresent = "agents_present"
	CodeAgentsTrained = "agents_trained"
	CodePartnerSocle  = "partner_socle"
	CodePremises      = "premises"
)

// ComplianceCodes are the criteria a derogation or an automatic grid criterion may name.
var ComplianceCodes = []string{CodeWeeklyHours, CodeOpenDays, CodeAgentsPresent, CodeAgentsTrained, CodePartnerSocle,
	CodePremises}

// timeAndAgentCodes are judged on the hours and agents Maillage holds: missing data there blocks a labelling.
var timeAndAgentCodes = []string{CodeWeeklyHours, CodeOpenDays, CodeAgentsPresent, CodeAgentsTrained}

// Blocking tells whether a compliance criterion prevents a labelling without a derogation: a failure, or unknown
// data on the hours and agents (never a silent pass). The partner socle and the premises, which other
// capabilities will provide, block only when they fail; until then the audit's manual criteria cover them.
func Blocking(c CriterionResult) bool {
	switch c.Status {
	case "failure":
		return true
	case "unknown":
		return slices.Contains(timeAndAgentCodes, c.Code)
	}
	return false
}

func plural(n int, one, many string) string {
	if n > 1 {
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("%d %s", n, one)
}
