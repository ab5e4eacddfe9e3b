// Package labelling holds the pure rules of the France services label (issue 6, ADR 0007): the lifecycle as one
// transition table, the guards as functions over facts gathered by the caller, the completeness of a candidature
// file, the criteria grid and the audit, the documents accepted in a file, and the progress maths (targets, waves,
// cantons). Nothing here reads a database: pkg/labelflow gathers the facts and writes the results.
package labelling

import (
	"slices"

	"maillage/pkg/auth"
)

// State is a label state; structures.label_status holds the current one.
type State string

const (
	Projet             State = "projet"
	CandidatureDeposee State = "candidature_deposee"
	Instruction        State = "instruction"
	AuditDemande       State = "audit_demande"
	Labellise          State = "labellise"
	NonConforme        State = "non_conforme"
	Rejete             State = "rejete"
	SousSurveillance   State = "sous_surveillance"
	Suspendu           State = "suspendu"
	Retire             State = "retire"
	Ferme              State = "ferme"
)

// States lists every state in the order of the table (the columns of the pipeline board).
var States = []State{Projet, CandidatureDeposee, Instruction, AuditDemande, Labellise, NonConforme, Rejete,
	SousSurveillance, Suspendu, Retire, Ferme}

var stateLabels = map[State]string{
	Projet: "Projet", CandidatureDeposee: "Candidature déposée", Instruction: "En instruction",
	AuditDemande: "Audit demandé", Labellise: "Labellisée", NonConforme: "Non conforme", Rejete: "Candidature rejetée",
	SousSurveillance: "Sous surveillance", Suspendu: "Label suspendu", Retire: "Label retiré", Ferme: "Fermée",
}

// Valid tells whether s is a known state.
func (s State) Valid() bool { return slices.Contains(States, s) }

// Label is the French name of the state.
func (s State) Label() string {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return string(s)
}

// Labelled tells whether the label is in force in this state (counted as labelled in progress and targets).
func (s State) Labelled() bool { return s == Labellise || s == SousSurveillance }

// Negative tells whether reaching the state is a negative decision: its reason is required.
func (s State) Negative() bool {
	return slices.Contains([]State{Rejete, NonConforme, SousSurveillance, Suspendu, Retire, Ferme}, s)
}

// Guard names the condition a transition checks over facts.
type Guard string

const (
	GuardNone              Guard = ""
	GuardCandidatureExists Guard = "candidature_exists"   // a candidature file exists
	GuardFileComplete      Guard = "candidature_complete" // every completeness item of the file is met
	GuardLabelReady        Guard = "label_ready"          // audit complete and conforme, compliance passes or derogated
)

// Transition is one line of the table.
type Transition struct {
	From, To  State
	Roles     []auth.Role
	Verb      string // French, the button of the SPA
	NeedsWave bool
	Guard     Guard
}

// ReasonRequired tells whether the transition needs a reason (negative decisions).
func (t Transition) ReasonRequired() bool { return t.To.Negative() }

// Negative tells whether the transition is a negative decision.
func (t Transition) Negative() bool { return t.To.Negative() }

var (
	steering = []auth.Role{auth.RoleAdmin, auth.RolePrefecture}
	carriers = []auth.Role{auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur, auth.RoleStructure}
	closers  = []auth.Role{auth.RoleAdmin, auth.RolePrefecture, auth.RoleStructure}
)

// table is THE transition table (ADR 0007); the API, the SPA's buttons (through GET …/label) and the docs read it.
var table = []Transition{
	{From: Projet, To: CandidatureDeposee, Roles: carriers, Verb: "Déposer la candidature", Guard: GuardCandidatureExists},
	{From: CandidatureDeposee, To: Instruction, Roles: steering, Verb: "Mettre en instruction"},
	{From: Instruction, To: AuditDemande, Roles: steering, Verb: "Demander l’audit", Guard: GuardFileComplete},
	{From: Instruction, To: Rejete, Roles: steering, Verb: "Rejeter la candidature"},
	{From: AuditDemande, To: Labellise, Roles: steering, Verb: "Labelliser", NeedsWave: true, Guard: GuardLabelReady},
	{From: AuditDemande, To: NonConforme, Roles: steering, Verb: "Déclarer non conforme"},
	{From: NonConforme, To: Instruction, Roles: steering, Verb: "Reprendre l’instruction"},
	{From: Labellise, To: SousSurveillance, Roles: steering, Verb: "Placer sous surveillance"},
	{From: SousSurveillance, To: Labellise, Roles: steering, Verb: "Lever la surveillance"},
	{From: Labellise, To: Suspendu, Roles: steering, Verb: "Suspendre le label"},
	{From: SousSurveillance, To: Suspendu, Roles: steering, Verb: "Suspendre le label"},
	{From: Suspendu, To: Labellise, Roles: steering, Verb: "Rétablir le label"},
	{From: Suspendu, To: Retire, Roles: steering, Verb: "Retirer le label"},
	{From: Labellise, To: Ferme, Roles: closers, Verb: "Fermer la structure"},
	{From: SousSurveillance, To: Ferme, Roles: closers, Verb: "Fermer la structure"},
	{From: Suspendu, To: Ferme, Roles: closers, Verb: "Fermer la structure"},
}

// Table returns a copy of the transition table, in its order.
func Table() []Transition { return slices.Clone(table) }

// Find returns the transition from one state to another, if the table has it.
func Find(from, to State) (Transition, bool) {
	for _, t := range table {
		if t.From == from && t.To == to {
			return t, true
		}
	}
	return Transition{}, false
}

// MayUse tells whether the role may make the transition.
func (t Transition) MayUse(role auth.Role) bool { return slices.Contains(t.Roles, role) }

// Allowed lists the transitions the role may make from the state, in the table's order.
func Allowed(state State, role auth.Role) []Transition {
	out := []Transition{}
	for _, t := range table {
		if t.From == state && t.MayUse(role) {
			out = append(out, t)
		}
	}
	return out
}
