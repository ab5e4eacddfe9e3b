package label

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Criterion is one criterion of a grid version.
type Criterion struct {
	Code, Label, Category string
	Automatic             bool
	ComplianceCode        string // "" for a manual criterion
}

// Grid is a version of the criteria grid.
type Grid struct {
	Version, Title string
	ValidFrom      time.Time
	CreatedBy      string
	CreatedAt      time.Time
	Criteria       []Criterion
	CriteriaCount  int
}

type gridRow struct {
	Version, Title string
	ValidFrom      time.Time
	CreatedBy      string
	CreatedAt      time.Time
	CriteriaCount  int
}

func (r gridRow) grid() Grid {
	return Grid{Version: r.Version, Title: r.Title, ValidFrom: r.ValidFrom, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt,
		CriteriaCount: r.CriteriaCount}
}

// ErrGridNotFound is the 404 of an unknown grid version.
var ErrGridNotFound = apperr.NotFound("label_grid.not_found", "Cette version de la grille n’existe pas.")

// Grids lists the grid versions, the one in force last (by entry into force).
func (s *Store) Grids(ctx context.Context) ([]Grid, error) {
	var rows []gridRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT g.version, g.title, g.valid_from, g.created_by, g.created_at,
		(SELECT count(*) FROM label_grid_criteria c WHERE c.grid_version = g.version) AS criteria_count
		FROM label_grids g ORDER BY g.valid_from, g.created_at`).Scan(&rows).Error
	out := make([]Grid, len(rows))
	for i, r := range rows {
		out[i] = r.grid()
	}
	return out, err
}

// Grid returns a grid version with its criteria, in order.
func (s *Store) Grid(ctx context.Context, version string) (Grid, error) {
	var gs []gridRow
	conn := db.Conn(ctx, s.DB)
	if err := conn.Raw(`SELECT version, title, valid_from, created_by, created_at FROM label_grids WHERE version = ?`,
		version).Scan(&gs).Error; err != nil {
		return Grid{}, err
	}
	if len(gs) == 0 {
		return Grid{}, ErrGridNotFound
	}
	g := gs[0].grid()
	g.Criteria = []Criterion{}
	err := conn.Raw(`SELECT code, label, category, automatic, coalesce(compliance_code, '') AS compliance_code
		FROM label_grid_criteria WHERE grid_version = ? ORDER BY position`, version).Scan(&g.Criteria).Error
	g.CriteriaCount = len(g.Criteria)
	return g, err
}

// GridInForce returns the grid a new audit takes on a day: the latest in force, else the first one.
func (s *Store) GridInForce(ctx context.Context, day time.Time) (Grid, error) {
	var versions []string
	err := db.Conn(ctx, s.DB).Raw(`SELECT version FROM label_grids
		ORDER BY (valid_from <= CAST(? AS date)) DESC, CASE WHEN valid_from <= CAST(? AS date) THEN valid_from END DESC,
		valid_from, created_at DESC LIMIT 1`, day.Format(time.DateOnly), day.Format(time.DateOnly)).Scan(&versions).Error
	if err != nil {
		return Grid{}, err
	}
	if len(versions) == 0 {
		return Grid{}, ErrGridNotFound
	}
	return s.Grid(ctx, versions[0])
}

// InsertGrid publishes a new grid version (409 when the version exists).
func (s *Store) InsertGrid(ctx context.Context, g Grid) (Grid, error) {
	conn := db.Conn(ctx, s.DB)
	err := conn.Exec(`INSERT INTO label_grids (version, title, valid_from, created_by) VALUES (?, ?, ?, ?)`,
		g.Version, g.Title, g.ValidFrom.Format(time.DateOnly), g.CreatedBy).Error
	if db.IsUniqueViolation(err, "label_grids_pkey") {
		return Grid{}, apperr.Conflict("label_grid.version_taken", "Cette version de la grille existe déjà : choisissez un autre nom.")
	}
	if err != nil {
		return Grid{}, err
	}
	values := make([]string, len(g.Criteria))
	args := make([]any, 0, 7*len(g.Criteria))
	for i, c := range g.Criteria {
		var code any
		if c.ComplianceCode != "" {
			code = c.ComplianceCode
		}
		values[i] = "(?, ?, ?, ?, ?, ?, ?)"
		args = append(args, g.Version, i+1, c.Code, c.Label, c.Category, c.Automatic, code)
	}
	if err := conn.Exec(`INSERT INTO label_grid_criteria (grid_version, position, code, label, category, automatic,
		compliance_code) VALUES `+strings.Join(values, ", "), args...).Error; err != nil {
		return Grid{}, err
	}
	return s.Grid(ctx, g.Version)
}

// Answer is an audit answer on one criterion (also the frozen result of an automatic criterion).
type Answer struct {
	Code, Status, Comment string
}

type answerJSON struct {
	Code    string `json:"code"`
	Status  string `json:"status"`
	Comment string `json:"comment"`
}

// Audit is an audit of a structure against a grid version, which it keeps.
type Audit struct {
	ID, StructureID, GridVersion string
	Answers                      []Answer
	Automatic                    []Answer // frozen when the audit was closed; nil while it is open
	UpdatedBy                    string
	CreatedAt, UpdatedAt         time.Time
	ClosedAt                     *time.Time
	Version                      int
}

type auditRow struct {
	ID, StructureID, GridVersion string
	Answers, Automatic           []byte
	UpdatedBy                    string
	CreatedAt, UpdatedAt         time.Time
	ClosedAt                     *time.Time
	Version                      int
}

// LatestAudit returns the most recent audit of a structure (open or closed), and whether there is one.
func (s *Store) LatestAudit(ctx context.Context, structureID string) (Audit, bool, error) {
	var rows []auditRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, structure_id, grid_version, answers, automatic, updated_by, created_at,
		updated_at, closed_at, version FROM label_audits WHERE structure_id = ? ORDER BY created_at DESC, id LIMIT 1`,
		structureID).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return Audit{}, false, err
	}
	r := rows[0]
	a := Audit{ID: r.ID, StructureID: r.StructureID, GridVersion: r.GridVersion, UpdatedBy: r.UpdatedBy,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, ClosedAt: r.ClosedAt, Version: r.Version}
	if a.Answers, err = decodeAnswers(r.Answers); err != nil {
		return Audit{}, false, err
	}
	if r.Automatic != nil {
		if a.Automatic, err = decodeAnswers(r.Automatic); err != nil {
			return Audit{}, false, err
		}
	}
	return a, true, nil
}

func decodeAnswers(raw []byte) ([]Answer, error) {
	var list []answerJSON
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	out := make([]Answer, len(list))
	for i, a := range list {
		out[i] = Answer(a)
	}
	return out, nil
}

func encodeAnswers(list []Answer) (string, error) {
	out := make([]answerJSON, len(list))
	for i, a := range list {
		out[i] = answerJSON(a)
	}
	raw, err := json.Marshal(out)
	return string(raw), err
}

// ErrAuditStale is the 412 of an audit changed since the caller read it.
var ErrAuditStale = apperr.New(apperr.KindPreconditionFailed, "request.if_match_mismatch",
	"L’audit a changé depuis votre lecture : rechargez-le puis recommencez.")

// SaveAudit opens an audit (ID "") or replaces the answers of an open one at the expected version.
func (s *Store) SaveAudit(ctx context.Context, a Audit, expected int) (Audit, error) {
	answers, err := encodeAnswers(a.Answers)
	if err != nil {
		return Audit{}, err
	}
	conn := db.Conn(ctx, s.DB)
	if a.ID == "" {
		err = conn.Exec(`INSERT INTO label_audits (id, structure_id, grid_version, answers, updated_by)
			VALUES (?, ?, ?, CAST(? AS jsonb), ?)`, uuid.NewString(), a.StructureID, a.GridVersion, answers, a.UpdatedBy).Error
		if db.IsUniqueViolation(err, "label_audits_open_key") {
			return Audit{}, ErrAuditStale
		}
	} else {
		res := conn.Exec(`UPDATE label_audits SET answers = CAST(? AS jsonb), updated_by = ?, updated_at = now(),
			version = version + 1 WHERE id = ? AND closed_at IS NULL AND version = ?`, answers, a.UpdatedBy, a.ID, expected)
		err = res.Error
		if err == nil && res.RowsAffected == 0 {
			return Audit{}, ErrAuditStale
		}
	}
	if err != nil {
		return Audit{}, err
	}
	out, _, err := s.LatestAudit(ctx, a.StructureID)
	return out, err
}

// CloseAudit closes an open audit with its automatic criteria frozen.
func (s *Store) CloseAudit(ctx context.Context, id string, automatic []Answer) error {
	raw, err := encodeAnswers(automatic)
	if err != nil {
		return err
	}
	return db.Conn(ctx, s.DB).Exec(`UPDATE label_audits SET automatic = CAST(? AS jsonb), closed_at = now(),
		version = version + 1 WHERE id = ? AND closed_at IS NULL`, raw, id).Error
}
