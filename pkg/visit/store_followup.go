package visit

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// ErrFindingNotFound is the 404 of a finding absent or not of the visit.
var ErrFindingNotFound = apperr.NotFound("finding.not_found", "Ce constat n’existe pas ou n’est pas dans votre territoire.")

// ErrActionNotFound is the 404 of an action item absent or outside the caller's territory.
var ErrActionNotFound = apperr.NotFound("action.not_found", "Cette action n’existe pas ou n’est pas dans votre territoire.")

const findingColumns = `id, visit_id, structure_id, departement_code, description, severity, watch_requested,
	watch_requested_at, watch_requested_by, created_at, updated_at, version`

type findingRow struct {
	ID               string
	VisitID          string
	StructureID      string
	DepartementCode  string
	Description      string
	Severity         string
	WatchRequested   bool
	WatchRequestedAt *time.Time
	WatchRequestedBy string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

func (r findingRow) finding() Finding {
	return Finding{ID: r.ID, VisitID: r.VisitID, StructureID: r.StructureID, Departement: r.DepartementCode,
		Description: r.Description, Severity: Severity(r.Severity), WatchRequested: r.WatchRequested,
		WatchRequestedAt: r.WatchRequestedAt, WatchRequestedBy: r.WatchRequestedBy, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt, Version: r.Version}
}

// Findings lists the findings of a visit (already read, so scoped, by the caller), oldest first.
func (s *Store) Findings(ctx context.Context, visitID string) ([]Finding, error) {
	var rows []findingRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+findingColumns+` FROM findings WHERE visit_id = ? ORDER BY created_at, id`,
		visitID).Scan(&rows).Error
	out := make([]Finding, len(rows))
	for i, r := range rows {
		out[i] = r.finding()
	}
	return out, err
}

// Finding returns one finding of a visit.
func (s *Store) Finding(ctx context.Context, visitID, id string) (Finding, error) {
	if !IsUUID(id) {
		return Finding{}, ErrFindingNotFound
	}
	var rows []findingRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+findingColumns+` FROM findings WHERE visit_id = ? AND id = ?`, visitID, id).
		Scan(&rows).Error
	if err != nil {
		return Finding{}, err
	}
	if len(rows) == 0 {
		return Finding{}, ErrFindingNotFound
	}
	return rows[0].finding(), nil
}

// InsertFinding creates a finding.
func (s *Store) InsertFinding(ctx context.Context, f Finding) (Finding, error) {
	f.ID = uuid.NewString()
	err := db.Conn(ctx, s.DB).Exec(`INSERT INTO findings (id, visit_id, structure_id, departement_code, description,
		severity, watch_requested, watch_requested_at, watch_requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ID, f.VisitID, f.StructureID, f.Departement, f.Description, f.Severity, f.WatchRequested,
		f.WatchRequestedAt, f.WatchRequestedBy).Error
	if err != nil {
		return Finding{}, err
	}
	return s.Finding(ctx, f.VisitID, f.ID)
}

// UpdateFinding writes a finding at the expected version.
func (s *Store) UpdateFinding(ctx context.Context, f Finding, expectedVersion int) (Finding, error) {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE findings SET description = ?, severity = ?, watch_requested = ?,
		watch_requested_at = ?, watch_requested_by = ?, updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`, f.Description, f.Severity, f.WatchRequested, f.WatchRequestedAt,
		f.WatchRequestedBy, f.ID, expectedVersion)
	if res.Error != nil {
		return Finding{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Finding{}, ErrStaleFinding
	}
	return s.Finding(ctx, f.VisitID, f.ID)
}

// DeleteFinding removes a finding at the expected version (its actions stay, detached).
func (s *Store) DeleteFinding(ctx context.Context, id string, expectedVersion int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM findings WHERE id = ? AND version = ?`, id, expectedVersion)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleFinding
	}
	return nil
}

// ActionFilter selects action items.
type ActionFilter struct {
	VisitID     string
	StructureID string
	Departement string
	Status      ActionStatus
	OwnerType   OwnerType
	OverdueOn   *time.Time // unfinished and due before this civil date
	IDs         []string
}

const actionColumns = `a.id, a.visit_id, a.finding_id, a.structure_id, a.departement_code, a.description,
	a.owner_type, a.owner_label, a.due_date, a.status, a.closed_at, a.created_at, a.updated_at, a.version`

type actionRow struct {
	ID              string
	VisitID         string
	FindingID       *string
	StructureID     string
	DepartementCode string
	Description     string
	OwnerType       string
	OwnerLabel      string
	DueDate         time.Time
	Status          string
	ClosedAt        *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int
}

func (r actionRow) action() Action {
	return Action{ID: r.ID, VisitID: r.VisitID, FindingID: r.FindingID, StructureID: r.StructureID,
		Departement: r.DepartementCode, Description: r.Description, OwnerType: OwnerType(r.OwnerType),
		OwnerLabel: r.OwnerLabel, DueDate: CivilDate(r.DueDate), Status: ActionStatus(r.Status), ClosedAt: r.ClosedAt,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
}

// Actions returns one page of the action items of the actor's territory, earliest due first.
func (s *Store) Actions(ctx context.Context, a auth.Actor, f ActionFilter, cursor string, limit int) ([]Action, string, error) {
	q := scopedTo(db.Conn(ctx, s.DB).Table("action_items a").Select(actionColumns), a, "a")
	if f.VisitID != "" {
		q = q.Where("a.visit_id = ?", f.VisitID)
	}
	if f.StructureID != "" {
		q = q.Where("a.structure_id = ?", f.StructureID)
	}
	if f.Departement != "" {
		q = q.Where("a.departement_code = ?", f.Departement)
	}
	if f.Status != "" {
		q = q.Where("a.status = ?", f.Status)
	}
	if f.OwnerType != "" {
		q = q.Where("a.owner_type = ?", f.OwnerType)
	}
	if f.OverdueOn != nil {
		q = q.Where("a.status <> 'close' AND a.due_date < ?", f.OverdueOn.Format(time.DateOnly))
	}
	if len(f.IDs) > 0 {
		q = q.Where("a.id IN ?", f.IDs)
	}
	if cursor != "" {
		key, id, err := decodeCursor(cursor)
		if err != nil {
			return nil, "", err
		}
		q = q.Where("(a.due_date, a.id) > (?::date, ?::uuid)", key, id)
	}
	if limit > 0 {
		q = q.Limit(limit + 1)
	}
	var rows []actionRow
	if err := q.Order("a.due_date, a.id").Scan(&rows).Error; err != nil {
		return nil, "", err
	}
	next := ""
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = encodeCursor(last.DueDate.Format(time.DateOnly), last.ID)
	}
	out := make([]Action, len(rows))
	for i, r := range rows {
		out[i] = r.action()
	}
	return out, next, nil
}

// Action returns one action item of the actor's territory.
func (s *Store) Action(ctx context.Context, a auth.Actor, id string) (Action, error) {
	if !IsUUID(id) {
		return Action{}, ErrActionNotFound
	}
	list, _, err := s.Actions(ctx, a, ActionFilter{IDs: []string{id}}, "", 0)
	if err != nil {
		return Action{}, err
	}
	if len(list) == 0 {
		return Action{}, ErrActionNotFound
	}
	return list[0], nil
}

// InsertAction creates an action item and the first entry of its history.
func (s *Store) InsertAction(ctx context.Context, a Action, by auth.Actor) (Action, error) {
	a.ID = uuid.NewString()
	err := db.Conn(ctx, s.DB).Exec(`INSERT INTO action_items (id, visit_id, finding_id, structure_id, departement_code,
		description, owner_type, owner_label, due_date, status, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.VisitID, a.FindingID, a.StructureID, a.Departement, a.Description, a.OwnerType, a.OwnerLabel,
		a.DueDate.Format(time.DateOnly), a.Status, a.ClosedAt).Error
	if err != nil {
		return Action{}, err
	}
	if err := s.AddEvent(ctx, ActionEvent{ActionID: a.ID, ActorID: by.ID, ActorLabel: by.Label, ToStatus: a.Status}); err != nil {
		return Action{}, err
	}
	return s.Action(ctx, auth.System, a.ID)
}

// UpdateAction writes an action item at the expected version.
func (s *Store) UpdateAction(ctx context.Context, a Action, expectedVersion int) (Action, error) {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE action_items SET description = ?, owner_type = ?, owner_label = ?,
		due_date = ?, status = ?, closed_at = ?, updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`, a.Description, a.OwnerType, a.OwnerLabel, a.DueDate.Format(time.DateOnly),
		a.Status, a.ClosedAt, a.ID, expectedVersion)
	if res.Error != nil {
		return Action{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Action{}, ErrStaleAction
	}
	return s.Action(ctx, auth.System, a.ID)
}

type changeJSON struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// AddEvent appends an entry to an action item's history.
func (s *Store) AddEvent(ctx context.Context, e ActionEvent) error {
	changes := map[string]changeJSON{}
	for k, c := range e.Changes {
		changes[k] = changeJSON(c)
	}
	raw, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	return db.Conn(ctx, s.DB).Exec(`INSERT INTO action_item_events (action_id, actor_id, actor_label, from_status,
		to_status, changes, comment) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)`,
		e.ActionID, e.ActorID, e.ActorLabel, e.FromStatus, e.ToStatus, string(raw), e.Comment).Error
}

// Events returns an action item's history, oldest first.
func (s *Store) Events(ctx context.Context, actionID string) ([]ActionEvent, error) {
	var rows []struct {
		ID         int64
		At         time.Time
		ActorID    string
		ActorLabel string
		FromStatus *string
		ToStatus   string
		Changes    string
		Comment    string
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, at, actor_id, actor_label, from_status, to_status, changes, comment
		FROM action_item_events WHERE action_id = ? ORDER BY id`, actionID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]ActionEvent, len(rows))
	for i, r := range rows {
		var changes map[string]changeJSON
		if err := json.Unmarshal([]byte(r.Changes), &changes); err != nil {
			return nil, err
		}
		e := ActionEvent{ID: r.ID, ActionID: actionID, At: r.At, ActorID: r.ActorID, ActorLabel: r.ActorLabel,
			ToStatus: ActionStatus(r.ToStatus), Comment: r.Comment, Changes: map[string]Change{}}
		if r.FromStatus != nil {
			from := ActionStatus(*r.FromStatus)
			e.FromStatus = &from
		}
		for k, c := range changes {
			e.Changes[k] = Change(c)
		}
		out[i] = e
	}
	return out, nil
}

// OpenActions counts a structure's unfinished action items, and those of them past their due date on today.
func (s *Store) OpenActions(ctx context.Context, structureID string, today time.Time) (open, overdue int, err error) {
	var r struct{ Open, Overdue int }
	err = db.Conn(ctx, s.DB).Raw(`SELECT count(*) AS open, count(*) FILTER (WHERE due_date < ?) AS overdue
		FROM action_items WHERE structure_id = ? AND status <> 'close'`, today.Format(time.DateOnly), structureID).
		Scan(&r).Error
	return r.Open, r.Overdue, err
}
