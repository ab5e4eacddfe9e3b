package label

import (
	"context"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Wave is a wave of labelling of a département.
type Wave struct {
	ID, Departement, Name string
	Date                  time.Time
	CreatedBy             string
	CreatedAt             time.Time
}

const waveColumns = `id, departement_code AS departement, name, wave_date AS date, created_by, created_at`

// ErrWaveNotFound is the 404 of a wave absent (or of another département, for the caller's purpose).
var ErrWaveNotFound = apperr.NotFound("wave.not_found", "Cette vague de labellisation n’existe pas.")

// Waves lists the waves of the départements, by date.
func (s *Store) Waves(ctx context.Context, deps []string) ([]Wave, error) {
	out := []Wave{}
	if len(deps) == 0 {
		return out, nil
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+waveColumns+` FROM label_waves WHERE departement_code IN ?
		ORDER BY wave_date, departement_code`, deps).Scan(&out).Error
	return out, err
}

// Wave returns one wave.
func (s *Store) Wave(ctx context.Context, id string) (Wave, error) {
	if !db.IsUUID(id) {
		return Wave{}, ErrWaveNotFound
	}
	var out []Wave
	if err := db.Conn(ctx, s.DB).Raw(`SELECT `+waveColumns+` FROM label_waves WHERE id = ?`, id).Scan(&out).Error; err != nil {
		return Wave{}, err
	}
	if len(out) == 0 {
		return Wave{}, ErrWaveNotFound
	}
	return out[0], nil
}

// InsertWave records a wave (409 when the département has one at that date).
func (s *Store) InsertWave(ctx context.Context, w Wave) (Wave, error) {
	w.ID = uuid.NewString()
	err := db.Conn(ctx, s.DB).Exec(`INSERT INTO label_waves (id, departement_code, name, wave_date, created_by)
		VALUES (?, ?, ?, ?, ?)`, w.ID, w.Departement, w.Name, w.Date.Format(time.DateOnly), w.CreatedBy).Error
	if db.IsUniqueViolation(err, "label_waves_departement_code_wave_date_key") {
		return Wave{}, apperr.Conflict("wave.date_taken", "Une vague existe déjà à cette date dans ce département.")
	}
	if err != nil {
		return Wave{}, err
	}
	return s.Wave(ctx, w.ID)
}

// Target is a labelling target of a département or a région.
type Target struct {
	ID, Scope, Code      string
	DueDate              time.Time
	Count                int
	Format               *string
	EveryCanton          bool
	Label                string
	CreatedAt, UpdatedAt time.Time
	Version              int
}

const targetColumns = `id, scope, code, due_date, count, format, every_canton, label, created_at, updated_at, version`

// ErrTargetNotFound is the 404 of a target absent or outside the caller's territory.
var ErrTargetNotFound = apperr.NotFound("target.not_found", "Cet objectif n’existe pas ou n’est pas dans votre territoire.")

// Targets lists the targets of a scope ("departement" or "region") for the codes, by due date.
func (s *Store) Targets(ctx context.Context, scope string, codes []string) ([]Target, error) {
	out := []Target{}
	if len(codes) == 0 {
		return out, nil
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+targetColumns+` FROM label_targets WHERE scope = ? AND code IN ?
		ORDER BY due_date, created_at, id`, scope, codes).Scan(&out).Error
	return out, err
}

// Target returns one target.
func (s *Store) Target(ctx context.Context, id string) (Target, error) {
	if !db.IsUUID(id) {
		return Target{}, ErrTargetNotFound
	}
	var out []Target
	if err := db.Conn(ctx, s.DB).Raw(`SELECT `+targetColumns+` FROM label_targets WHERE id = ?`, id).Scan(&out).Error; err != nil {
		return Target{}, err
	}
	if len(out) == 0 {
		return Target{}, ErrTargetNotFound
	}
	return out[0], nil
}

// ErrTargetStale is the 412 of a target changed since the caller read it.
var ErrTargetStale = apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
	"L’objectif a changé depuis votre lecture : rechargez-le puis recommencez.")

// SaveTarget creates (ID "") or updates (at the expected version) a target.
func (s *Store) SaveTarget(ctx context.Context, t Target, expected int) (Target, error) {
	conn := db.Conn(ctx, s.DB)
	due := t.DueDate.Format(time.DateOnly)
	if t.ID == "" {
		t.ID = uuid.NewString()
		if err := conn.Exec(`INSERT INTO label_targets (id, scope, code, due_date, count, format, every_canton, label)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, t.Scope, t.Code, due, t.Count, t.Format, t.EveryCanton, t.Label).Error; err != nil {
			return Target{}, err
		}
		return s.Target(ctx, t.ID)
	}
	res := conn.Exec(`UPDATE label_targets SET due_date = ?, count = ?, format = ?, every_canton = ?, label = ?,
		updated_at = now(), version = version + 1 WHERE id = ? AND version = ?`,
		due, t.Count, t.Format, t.EveryCanton, t.Label, t.ID, expected)
	if res.Error != nil {
		return Target{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Target{}, ErrTargetStale
	}
	return s.Target(ctx, t.ID)
}

// DeleteTarget removes a target at the expected version.
func (s *Store) DeleteTarget(ctx context.Context, id string, expected int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM label_targets WHERE id = ? AND version = ?`, id, expected)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrTargetStale
	}
	return nil
}

// Canton is a canton with its outline (GeoJSON), read from the territory's reference table.
type Canton struct {
	Code, Name, Departement string
	Geometry                []byte
}

// Cantons lists the cantons of the départements, by code.
func (s *Store) Cantons(ctx context.Context, deps []string) ([]Canton, error) {
	out := []Canton{}
	if len(deps) == 0 {
		return out, nil
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT code, name, departement_code AS departement, geometry FROM cantons
		WHERE departement_code IN ? ORDER BY code`, deps).Scan(&out).Error
	return out, err
}

// WatchRequest is a visit finding asking for the structure to be put under watch (ADR 0005).
type WatchRequest struct {
	FindingID, VisitID, Severity, Description string
	RequestedAt                               time.Time
	RequestedBy                               string
}

// WatchRequests lists the findings of a structure asking for watch, requested after since (all when nil),
// oldest first. They are read from the visits' findings, which the visits capability owns.
func (s *Store) WatchRequests(ctx context.Context, structureID string, since *time.Time) ([]WatchRequest, error) {
	out := []WatchRequest{}
	q := db.Conn(ctx, s.DB).Table("findings").Select(`id AS finding_id, visit_id, severity, description,
		coalesce(watch_requested_at, updated_at) AS requested_at, watch_requested_by AS requested_by`).
		Where("structure_id = ? AND watch_requested", structureID)
	if since != nil {
		q = q.Where("coalesce(watch_requested_at, updated_at) > ?", *since)
	}
	err := q.Order("requested_at, id").Scan(&out).Error
	return out, err
}
