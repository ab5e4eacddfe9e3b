package labelling

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"maillage/pkg/apperr"
)

// Criterion is one criterion of the quality grid.
type Criterion struct {
	Code, Label, Category string
	Automatic             bool
	ComplianceCode        string // set for automatic criteria: the compliance engine evaluates them
}

// Grid is one version of the criteria grid; a published version never changes.
type Grid struct {
	Version, Title string
	ValidFrom      time.Time
	Criteria       []Criterion
}

// Audit answers.
const (
	Conforme    = "conforme"
	NonConf     = "non_conforme"
	SansObjet   = "sans_objet"
	AVerifier   = "a_verifier"
	MaxComment  = 2000
	MaxCriteria = 100
)

// AnswerStatuses are the statuses of a criterion in an audit.
var AnswerStatuses = []string{Conforme, NonConf, SansObjet, AVerifier}

// Answer is the auditor's answer on one criterion.
type Answer struct {
	Code, Status, Comment string
}

// AutomaticStatus maps the compliance engine's verdict of a criterion to the audit's status.
func AutomaticStatus(verdict string) string {
	switch verdict {
	case "ok":
		return Conforme
	case "failure":
		return NonConf
	default: // unknown, warning
		return AVerifier
	}
}

// ValidateAnswers checks answers against the grid: manual criteria only, known statuses, one answer per
// criterion; fields are keyed answers[i].code, answers[i].status, answers[i].comment.
func ValidateAnswers(g Grid, answers []Answer) error {
	byCode := map[string]Criterion{}
	for _, c := range g.Criteria {
		byCode[c.Code] = c
	}
	var v apperr.Validation
	seen := map[string]bool{}
	for i, a := range answers {
		at := fmt.Sprintf("answers[%d].", i)
		c, ok := byCode[a.Code]
		switch {
		case !ok:
			v.Add(at+"code", "Critère absent de la grille "+g.Version+".")
		case c.Automatic:
			v.Add(at+"code", "Critère évalué automatiquement par le moteur de conformité : il ne se saisit pas.")
		case seen[a.Code]:
			v.Add(at+"code", "Une seule réponse par critère.")
		}
		seen[a.Code] = true
		v.Check(slices.Contains(AnswerStatuses, a.Status), at+"status", "Statut inconnu : conforme, non_conforme, sans_objet ou a_verifier.")
		v.Check(len([]rune(a.Comment)) <= MaxComment, at+"comment", "Commentaire trop long (2 000 caractères au plus).")
	}
	return v.Err()
}

// AuditResult sums up the manual part of an audit.
type AuditResult struct {
	Complete    bool
	Missing     []string    // codes of manual criteria without a final answer (none, or a_verifier)
	NonConforme []Criterion // manual criteria answered non_conforme
}

// EvaluateAudit tells whether every manual criterion has a final answer and which are non_conforme.
func EvaluateAudit(g Grid, answers []Answer) AuditResult {
	byCode := map[string]Answer{}
	for _, a := range answers {
		byCode[a.Code] = a
	}
	out := AuditResult{Missing: []string{}, NonConforme: []Criterion{}}
	for _, c := range g.Criteria {
		if c.Automatic {
			continue
		}
		a, ok := byCode[c.Code]
		switch {
		case !ok || a.Status == AVerifier || a.Status == "":
			out.Missing = append(out.Missing, c.Code)
		case a.Status == NonConf:
			out.NonConforme = append(out.NonConforme, c)
		}
	}
	out.Complete = len(out.Missing) == 0
	return out
}

var (
	gridVersion  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,39}$`)
	criterionKey = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$`)
)

// ValidateGrid checks a new grid version: its name, title, date, and 1 to 100 criteria with unique codes, each
// automatic one naming a compliance code and no manual one naming any.
func ValidateGrid(g *Grid) error {
	var v apperr.Validation
	g.Version, g.Title = strings.TrimSpace(g.Version), strings.TrimSpace(g.Title)
	v.Check(gridVersion.MatchString(g.Version), "version", "Version : 2 à 40 caractères, minuscules, chiffres et tirets (ex. qualite-2026).")
	v.Check(g.Title != "" && len([]rune(g.Title)) <= 200, "title", "Titre obligatoire (200 caractères au plus).")
	v.Check(!g.ValidFrom.IsZero(), "valid_from", "Date d’entrée en vigueur obligatoire (AAAA-MM-JJ).")
	v.Check(len(g.Criteria) > 0 && len(g.Criteria) <= MaxCriteria, "criteria", "La grille compte de 1 à 100 critères.")
	seen := map[string]bool{}
	for i := range g.Criteria {
		c := &g.Criteria[i]
		at := fmt.Sprintf("criteria[%d].", i)
		c.Code, c.Label, c.Category = strings.TrimSpace(c.Code), strings.TrimSpace(c.Label), strings.TrimSpace(c.Category)
		v.Check(criterionKey.MatchString(c.Code), at+"code", "Code : 1 à 32 caractères (lettres, chiffres, « - », « _ », « . »).")
		v.Check(!seen[c.Code], at+"code", "Code en double dans la grille.")
		seen[c.Code] = true
		v.Check(c.Label != "" && len([]rune(c.Label)) <= 300, at+"label", "Libellé obligatoire (300 caractères au plus).")
		v.Check(c.Category != "" && len([]rune(c.Category)) <= 100, at+"category", "Catégorie obligatoire (100 caractères au plus).")
		if c.Automatic {
			v.Check(slices.Contains(ComplianceCodes, c.ComplianceCode), at+"compliance_code",
				"Un critère automatique nomme un critère du moteur : "+strings.Join(ComplianceCodes, ", ")+".")
		} else {
			v.Check(c.ComplianceCode == "", at+"compliance_code", "Seul un critère automatique nomme un critère du moteur.")
		}
	}
	return v.Err()
}
