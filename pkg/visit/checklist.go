package visit

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"
)

// TemplateStatus is where a checklist template stands: a draft can change; a published version never does.
type TemplateStatus string

const (
	TemplateDraft     TemplateStatus = "brouillon"
	TemplatePublished TemplateStatus = "publiee"
)

// AnswerType is the kind of answer a checklist item expects.
type AnswerType string

const (
	AnswerYesNo AnswerType = "yes_no"    // true / false
	AnswerScale AnswerType = "scale_1_4" // 1 (insuffisant) to 4 (très satisfaisant)
	AnswerText  AnswerType = "text"
	AnswerNum   AnswerType = "number"
)

// AnswerTypes lists the answer types.
var AnswerTypes = []AnswerType{AnswerYesNo, AnswerScale, AnswerText, AnswerNum}

// PrefillKind names a figure the system puts next to an item so the visitor does not have to look it up.
type PrefillKind string

const (
	PrefillCompliance PrefillKind = "compliance"          // current compliance with the label's rules
	PrefillOpenAct    PrefillKind = "open_actions"        // open action items of the structure
	PrefillActivity   PrefillKind = "activity_last_month" // last month's activity figures
	PrefillLabel      PrefillKind = "label_status"        // label status and date
)

// PrefillKinds lists the prefill kinds.
var PrefillKinds = []PrefillKind{PrefillCompliance, PrefillOpenAct, PrefillActivity, PrefillLabel}

// Template is one version of a checklist for a visit type, national (Departement nil) or of one département.
type Template struct {
	ID          string
	VisitType   Type
	Departement *string
	Number      *int // version number, given at publication
	Title       string
	Description string
	Status      TemplateStatus
	PublishedAt *time.Time
	Items       []Item
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int
}

// Item is one question of a checklist.
type Item struct {
	ID         string
	Position   int
	Section    string
	Label      string
	Help       string
	AnswerType AnswerType
	Required   bool
	Prefill    *PrefillKind
}

// Prefill is a figure shown next to an item. When the capability that computes it does not exist yet, Available
// is false, Value is nil and Note says so: a prefilled value is never invented.
type Prefill struct {
	ItemID    string
	Kind      PrefillKind
	Available bool
	Value     any
	AsOf      *time.Time
	Note      string
}

// AnswerProblem checks an answer's value against the item's answer type; it returns "" when the value fits, else
// a French message.
func AnswerProblem(t AnswerType, raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "Réponse manquante."
	}
	switch t {
	case AnswerYesNo:
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			return "Réponse attendue : oui (true) ou non (false)."
		}
	case AnswerScale:
		var f float64
		if json.Unmarshal(raw, &f) != nil || f != math.Trunc(f) || f < 1 || f > 4 {
			return "Réponse attendue : un entier de 1 à 4."
		}
	case AnswerText:
		var s string
		if json.Unmarshal(raw, &s) != nil || strings.TrimSpace(s) == "" {
			return "Réponse attendue : un texte."
		}
		if len([]rune(s)) > 4000 {
			return "Texte trop long (4 000 caractères au plus)."
		}
	case AnswerNum:
		var f float64
		if json.Unmarshal(raw, &f) != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return "Réponse attendue : un nombre."
		}
	default:
		return "Type de réponse inconnu."
	}
	return ""
}

// MissingRequired lists the labels of the required items without an answer.
func MissingRequired(items []Item, answers []Answer) []string {
	var missing []string
	for _, it := range items {
		if !it.Required {
			continue
		}
		if !slices.ContainsFunc(answers, func(a Answer) bool { return a.ItemID == it.ID }) {
			missing = append(missing, it.Label)
		}
	}
	return missing
}
