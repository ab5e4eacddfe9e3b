// Package label stores the labelling records (migration 00008, ADR 0007): the label state of a structure (its
// status and date on structures, with their own version), the history of its transitions, the candidature file and
// its documents, the criteria grid versions, the audits, the waves and the targets. Plain records and SQL, no
// rules: pkg/labelling decides, pkg/labelflow composes. Reads are not scoped here: every caller has read the
// structure (or checked the département) through its actor first.
package label

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Store reads and writes the labelling tables.
type Store struct {
	DB *gorm.DB
}

// State is the label state of a structure.
type State struct {
	StructureID string
	Departement string
	Status      string
	LabelDate   *time.Time
	Version     int
}

const stateColumns = `id AS structure_id, departement_code AS departement, label_status AS status, label_date,
	label_version AS version`

// ErrStale is the 412 of a label state whose version moved on since the caller read it.
var ErrStale = apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
	"Le label de cette structure a changé depuis votre lecture : rechargez-le puis recommencez.")

// ErrStructureNotFound is the 404 of a structure that disappeared.
var ErrStructureNotFound = apperr.NotFound("structure.not_found", "Cette structure n’existe pas ou n’est pas dans votre territoire.")

// State reads the label state of a structure.
func (s *Store) State(ctx context.Context, structureID string) (State, error) {
	return s.state(ctx, structureID, "")
}

// Lock reads the label state of a structure and locks its row until the end of the transaction: two decisions
// on one structure run one after the other, the second one seeing the first one's version.
func (s *Store) Lock(ctx context.Context, structureID string) (State, error) {
	return s.state(ctx, structureID, " FOR UPDATE")
}

func (s *Store) state(ctx context.Context, structureID, lock string) (State, error) {
	var out []State
	if err := db.Conn(ctx, s.DB).Raw(`SELECT `+stateColumns+` FROM structures WHERE id = ?`+lock, structureID).
		Scan(&out).Error; err != nil {
		return State{}, err
	}
	if len(out) == 0 {
		return State{}, ErrStructureNotFound
	}
	return out[0], nil
}

// Versions reads the label version of structures.
func (s *Store) Versions(ctx context.Context, ids []string) (map[string]int, error) {
	out := map[string]int{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID      string
		Version int
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, label_version AS version FROM structures WHERE id IN ?`, ids).Scan(&rows).Error
	for _, r := range rows {
		out[r.ID] = r.Version
	}
	return out, err
}

// SetState writes the label status and date of a structure at the expected version and moves the version on.
func (s *Store) SetState(ctx context.Context, structureID, status string, labelDate *time.Time, expected int) (int, error) {
	var version []int
	err := db.Conn(ctx, s.DB).Raw(`UPDATE structures SET label_status = ?, label_date = ?, label_version = label_version + 1,
		updated_at = now() WHERE id = ? AND label_version = ? RETURNING label_version`,
		status, dateArg(labelDate), structureID, expected).Scan(&version).Error
	if err != nil {
		return 0, err
	}
	if len(version) == 0 {
		return 0, ErrStale
	}
	return version[0], nil
}

// Derogation is a derogation granted with a labelling.
type Derogation struct {
	Criterion, Justification, Until string
}

type derogationJSON struct {
	Criterion     string `json:"criterion"`
	Justification string `json:"justification"`
	Until         string `json:"until"`
}

// Transition is one recorded label decision.
type Transition struct {
	ID, StructureID, Departement string
	From, To                     string
	At                           time.Time
	ActorID, ActorLabel, Reason  string
	WaveID                       *string
	Derogations                  []Derogation
	DocumentIDs                  []string
	ComplianceStatus             string
	Compliance                   []byte // the compliance report seen at that moment (JSON); nil when none
}

// InsertTransition appends a decision to the history (at now unless At is set).
func (s *Store) InsertTransition(ctx context.Context, t Transition) (Transition, error) {
	ders := make([]derogationJSON, len(t.Derogations))
	for i, d := range t.Derogations {
		ders[i] = derogationJSON(d)
	}
	raw, err := json.Marshal(ders)
	if err != nil {
		return Transition{}, err
	}
	var report any
	if t.Compliance != nil {
		report = string(t.Compliance)
	}
	t.ID = uuid.NewString()
	if t.At.IsZero() {
		t.At = time.Now().UTC().Truncate(time.Microsecond)
	}
	err = db.Conn(ctx, s.DB).Exec(`INSERT INTO label_transitions (id, structure_id, departement_code, from_state, to_state,
		at, actor_id, actor_label, reason, wave_id, derogations, document_ids, compliance_status, compliance)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS uuid[]), ?, CAST(? AS jsonb))`,
		t.ID, t.StructureID, t.Departement, t.From, t.To, t.At, t.ActorID, t.ActorLabel, t.Reason, t.WaveID, string(raw),
		db.TextArray(nonNil(t.DocumentIDs)), t.ComplianceStatus, report).Error
	return t, err
}

type transitionRow struct {
	ID, StructureID, Departement, FromState, ToState string
	At                                               time.Time
	ActorID, ActorLabel, Reason                      string
	WaveID                                           *string
	Derogations                                      []byte
	DocumentIDs                                      db.TextArray
	ComplianceStatus                                 string
}

// Transitions lists the decisions of a structure, oldest first (without the compliance reports).
func (s *Store) Transitions(ctx context.Context, structureID string) ([]Transition, error) {
	var rows []transitionRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, structure_id, departement_code AS departement, from_state, to_state, at,
		actor_id, actor_label, reason, wave_id, derogations, document_ids::text[] AS document_ids, compliance_status
		FROM label_transitions WHERE structure_id = ? ORDER BY at, id`, structureID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Transition, len(rows))
	for i, r := range rows {
		var ders []derogationJSON
		if err := json.Unmarshal(r.Derogations, &ders); err != nil {
			return nil, err
		}
		t := Transition{ID: r.ID, StructureID: r.StructureID, Departement: r.Departement, From: r.FromState, To: r.ToState,
			At: r.At, ActorID: r.ActorID, ActorLabel: r.ActorLabel, Reason: r.Reason, WaveID: r.WaveID,
			Derogations: make([]Derogation, len(ders)), DocumentIDs: nonNil(r.DocumentIDs), ComplianceStatus: r.ComplianceStatus}
		for j, d := range ders {
			t.Derogations[j] = Derogation(d)
		}
		out[i] = t
	}
	return out, nil
}

// LastTransitions returns, per structure, when it reached its current state through a recorded decision.
func (s *Store) LastTransitions(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		StructureID string
		At          time.Time
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT DISTINCT ON (structure_id) structure_id, at FROM label_transitions
		WHERE structure_id IN ? ORDER BY structure_id, at DESC`, ids).Scan(&rows).Error
	for _, r := range rows {
		out[r.StructureID] = r.At
	}
	return out, err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func dateArg(d *time.Time) any {
	if d == nil {
		return nil
	}
	return d.Format(time.DateOnly)
}
