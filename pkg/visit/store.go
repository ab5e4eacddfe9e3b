package visit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// Store reads and writes visits and what hangs off them. Reads take the actor and are limited to its territory
// here, in one place: a visit belongs to its structure's département, and a structure account sees the visits of
// its structures only. Writes are done by use cases that have read (and so scoped) the visit first.
type Store struct {
	DB *gorm.DB
}

// ErrNotFound is the 404 of a visit absent or outside the caller's territory.
var ErrNotFound = apperr.NotFound("visit.not_found", "Cette visite n’existe pas ou n’est pas dans votre territoire.")

// Filter selects visits.
type Filter struct {
	StructureID   string
	Departement   string
	Type          Type
	Status        Status
	From, To      *time.Time // on the visit's date (done, else planned), inclusive
	IDs           []string
	VisitorUserID string   // visits where this user is a visitor
	Statuses      []Status // any of these statuses
}

// scopedTo limits a query on an aliased table carrying departement_code and structure_id to the actor's
// territory.
func scopedTo(q *gorm.DB, a auth.Actor, alias string) *gorm.DB {
	switch {
	case a.IsNational():
		return q
	case a.Role == auth.RoleStructure:
		if len(a.StructureIDs) == 0 {
			return q.Where("false")
		}
		return q.Where(alias+".structure_id IN ?", a.StructureIDs)
	case a.Role == auth.RolePartner: // partners do not read visits (ADR 0005)
		return q.Where("false")
	default:
		deps, _ := a.DepartementFilter()
		if len(deps) == 0 {
			return q.Where("false")
		}
		return q.Where(alias+".departement_code IN ?", deps)
	}
}

const visitColumns = `v.id, v.structure_id, v.departement_code, v.visit_type, v.status, v.planned_date, v.planned_time,
	v.duration_minutes, v.done_date, v.cancel_reason, v.cancelled_at, v.people_met, v.report, v.follow_up,
	v.checklist_template_id, v.prefill_snapshot, v.created_by, v.created_at, v.updated_at, v.version,
	coalesce(v.done_date, v.planned_date) AS sort_date,
	(SELECT count(*) FROM findings f WHERE f.visit_id = v.id) AS findings_count,
	(SELECT count(*) FROM action_items a WHERE a.visit_id = v.id AND a.status <> 'close') AS open_actions_count,
	(SELECT count(*) FROM visit_attachments x WHERE x.visit_id = v.id) AS attachments_count`

type visitRow struct {
	ID                  string
	StructureID         string
	DepartementCode     string
	VisitType           string
	Status              string
	PlannedDate         *time.Time
	PlannedTime         string
	DurationMinutes     int
	DoneDate            *time.Time
	CancelReason        string
	CancelledAt         *time.Time
	PeopleMet           string
	Report              string
	FollowUp            bool
	ChecklistTemplateID *string
	PrefillSnapshot     *string
	CreatedBy           string
	CreatedAt           time.Time
	UpdatedAt           time.Time
	Version             int
	SortDate            time.Time
	FindingsCount       int
	OpenActionsCount    int
	AttachmentsCount    int
}

// personJSON and prefillJSON are the stored forms of people met and of the prefill snapshot.
type personJSON struct {
	Name     string `json:"name"`
	Function string `json:"function"`
}

type prefillJSON struct {
	ItemID    string     `json:"item_id"`
	Kind      string     `json:"kind"`
	Available bool       `json:"available"`
	Value     any        `json:"value"`
	AsOf      *time.Time `json:"as_of"`
	Note      string     `json:"note"`
}

func (r visitRow) visit() (Visit, error) {
	v := Visit{ID: r.ID, StructureID: r.StructureID, Departement: r.DepartementCode, Type: Type(r.VisitType),
		Status: Status(r.Status), PlannedDate: civilPtr(r.PlannedDate), PlannedTime: r.PlannedTime,
		DurationMinutes: r.DurationMinutes, DoneDate: civilPtr(r.DoneDate), CancelReason: r.CancelReason,
		CancelledAt: r.CancelledAt, Report: r.Report, FollowUp: r.FollowUp, TemplateID: r.ChecklistTemplateID,
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version,
		Counts:   Counts{Findings: r.FindingsCount, OpenActions: r.OpenActionsCount, Attachments: r.AttachmentsCount},
		Visitors: []Visitor{}, PeopleMet: []Person{}, Answers: []Answer{}}
	var people []personJSON
	if err := json.Unmarshal([]byte(r.PeopleMet), &people); err != nil {
		return Visit{}, err
	}
	for _, p := range people {
		v.PeopleMet = append(v.PeopleMet, Person(p))
	}
	if r.PrefillSnapshot != nil {
		var snap []prefillJSON
		if err := json.Unmarshal([]byte(*r.PrefillSnapshot), &snap); err != nil {
			return Visit{}, err
		}
		v.PrefillSnapshot = []Prefill{}
		for _, p := range snap {
			v.PrefillSnapshot = append(v.PrefillSnapshot, Prefill{ItemID: p.ItemID, Kind: PrefillKind(p.Kind),
				Available: p.Available, Value: p.Value, AsOf: p.AsOf, Note: p.Note})
		}
	}
	return v, nil
}

// List returns one page of visits, most recent date first, and the cursor of the next page ("" at the end).
func (s *Store) List(ctx context.Context, a auth.Actor, f Filter, cursor string, limit int) ([]Visit, string, error) {
	q := scopedTo(db.Conn(ctx, s.DB).Table("visits v").Select(visitColumns), a, "v")
	q = applyFilter(q, f)
	if cursor != "" {
		key, id, err := decodeCursor(cursor)
		if err != nil {
			return nil, "", err
		}
		q = q.Where("(coalesce(v.done_date, v.planned_date), v.id) < (?::date, ?::uuid)", key, id)
	}
	if limit > 0 {
		q = q.Limit(limit + 1)
	}
	var rows []visitRow
	if err := q.Order("sort_date DESC, v.id DESC").Scan(&rows).Error; err != nil {
		return nil, "", err
	}
	next := ""
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = encodeCursor(last.SortDate.Format(time.DateOnly), last.ID)
	}
	out := make([]Visit, len(rows))
	ids := make([]string, len(rows))
	for i, r := range rows {
		v, err := r.visit()
		if err != nil {
			return nil, "", err
		}
		out[i], ids[i] = v, r.ID
	}
	visitors, err := s.visitors(ctx, ids)
	if err != nil {
		return nil, "", err
	}
	for i := range out {
		if vs, ok := visitors[out[i].ID]; ok {
			out[i].Visitors = vs
		}
	}
	return out, next, nil
}

func applyFilter(q *gorm.DB, f Filter) *gorm.DB {
	if f.StructureID != "" {
		q = q.Where("v.structure_id = ?", f.StructureID)
	}
	if f.Departement != "" {
		q = q.Where("v.departement_code = ?", f.Departement)
	}
	if f.Type != "" {
		q = q.Where("v.visit_type = ?", f.Type)
	}
	if f.Status != "" {
		q = q.Where("v.status = ?", f.Status)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("v.status IN ?", f.Statuses)
	}
	if f.From != nil {
		q = q.Where("coalesce(v.done_date, v.planned_date) >= ?", f.From.Format(time.DateOnly))
	}
	if f.To != nil {
		q = q.Where("coalesce(v.done_date, v.planned_date) <= ?", f.To.Format(time.DateOnly))
	}
	if len(f.IDs) > 0 {
		q = q.Where("v.id IN ?", f.IDs)
	}
	if f.VisitorUserID != "" {
		q = q.Where("EXISTS (SELECT 1 FROM visit_visitors vv WHERE vv.visit_id = v.id AND vv.user_id = ?)", f.VisitorUserID)
	}
	return q
}

// Get returns one visit of the actor's territory, with its visitors and answers.
func (s *Store) Get(ctx context.Context, a auth.Actor, id string) (Visit, error) {
	if !IsUUID(id) {
		return Visit{}, ErrNotFound
	}
	list, _, err := s.List(ctx, a, Filter{IDs: []string{id}}, "", 0)
	if err != nil {
		return Visit{}, err
	}
	if len(list) == 0 {
		return Visit{}, ErrNotFound
	}
	v := list[0]
	v.Answers, err = s.answers(ctx, id)
	return v, err
}

// answers are a visit's checklist answers in the order of the checklist's items.
func (s *Store) answers(ctx context.Context, visitID string) ([]Answer, error) {
	var rows []struct {
		ItemID  string
		Value   string
		Comment string
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT a.item_id, a.value, a.comment FROM visit_answers a
		JOIN checklist_items i ON i.id = a.item_id WHERE a.visit_id = ? ORDER BY i.position`, visitID).Scan(&rows).Error
	out := []Answer{}
	for _, a := range rows {
		out = append(out, Answer{ItemID: a.ItemID, Value: json.RawMessage(a.Value), Comment: a.Comment})
	}
	return out, err
}

func (s *Store) visitors(ctx context.Context, visitIDs []string) (map[string][]Visitor, error) {
	out := map[string][]Visitor{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		VisitID  string
		UserID   *string
		Name     string
		Function string
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT visit_id, user_id, name, function FROM visit_visitors WHERE visit_id IN ?
		ORDER BY visit_id, position`, visitIDs).Scan(&rows).Error
	for _, r := range rows {
		out[r.VisitID] = append(out[r.VisitID], Visitor{UserID: r.UserID, Name: r.Name, Function: r.Function})
	}
	return out, err
}

// Insert creates a visit with its visitors and answers and returns it as stored.
func (s *Store) Insert(ctx context.Context, v Visit) (Visit, error) {
	v.ID = uuid.NewString()
	people, snapshot, err := encodeVisitJSON(v)
	if err != nil {
		return Visit{}, err
	}
	// RETURNING gives the row as stored (jsonb normalised, defaults filled) without reading it back: a new visit
	// has no findings, actions nor attachments yet.
	var rows []visitRow
	err = db.Conn(ctx, s.DB).Raw(`INSERT INTO visits (id, structure_id, departement_code, visit_type, status,
		planned_date, planned_time, duration_minutes, done_date, cancel_reason, cancelled_at, people_met, report,
		follow_up, checklist_template_id, prefill_snapshot, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?)
		RETURNING `+insertedColumns,
		v.ID, v.StructureID, v.Departement, v.Type, v.Status, dateArg(v.PlannedDate), v.PlannedTime,
		v.DurationMinutes, dateArg(v.DoneDate), v.CancelReason, v.CancelledAt, people, v.Report, v.FollowUp,
		v.TemplateID, snapshot, v.CreatedBy).Scan(&rows).Error
	if err != nil {
		return Visit{}, err
	}
	if len(rows) != 1 {
		return Visit{}, fmt.Errorf("insert visit: %d rows returned", len(rows))
	}
	if err := s.writeChildren(ctx, v); err != nil {
		return Visit{}, err
	}
	created, err := rows[0].visit()
	if err != nil {
		return Visit{}, err
	}
	for _, p := range v.Visitors { // stored as given; the uuid as PostgreSQL prints it
		if p.UserID != nil {
			id := strings.ToLower(*p.UserID)
			p.UserID = &id
		}
		created.Visitors = append(created.Visitors, p)
	}
	if len(v.Answers) > 0 { // jsonb normalises the values: read them as stored
		if created.Answers, err = s.answers(ctx, v.ID); err != nil {
			return Visit{}, err
		}
	}
	return created, nil
}

// insertedColumns are visitColumns for a row just inserted, in a RETURNING clause.
const insertedColumns = `id, structure_id, departement_code, visit_type, status, planned_date, planned_time,
	duration_minutes, done_date, cancel_reason, cancelled_at, people_met, report, follow_up,
	checklist_template_id, prefill_snapshot, created_by, created_at, updated_at, version,
	coalesce(done_date, planned_date) AS sort_date, 0 AS findings_count, 0 AS open_actions_count, 0 AS attachments_count`

// Update writes every field of v if its version is still expectedVersion; otherwise 412.
func (s *Store) Update(ctx context.Context, v Visit, expectedVersion int) (Visit, error) {
	people, snapshot, err := encodeVisitJSON(v)
	if err != nil {
		return Visit{}, err
	}
	res := db.Conn(ctx, s.DB).Exec(`UPDATE visits SET status = ?, planned_date = ?, planned_time = ?,
		duration_minutes = ?, done_date = ?, cancel_reason = ?, cancelled_at = ?, people_met = ?::jsonb, report = ?,
		follow_up = ?, checklist_template_id = ?, prefill_snapshot = ?::jsonb, updated_at = now(),
		version = version + 1
		WHERE id = ? AND version = ?`,
		v.Status, dateArg(v.PlannedDate), v.PlannedTime, v.DurationMinutes, dateArg(v.DoneDate), v.CancelReason,
		v.CancelledAt, people, v.Report, v.FollowUp, v.TemplateID, snapshot, v.ID, expectedVersion)
	if res.Error != nil {
		return Visit{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Visit{}, ErrStaleVisit
	}
	conn := db.Conn(ctx, s.DB)
	if err := conn.Exec(`DELETE FROM visit_visitors WHERE visit_id = ?`, v.ID).Error; err != nil {
		return Visit{}, err
	}
	if err := conn.Exec(`DELETE FROM visit_answers WHERE visit_id = ?`, v.ID).Error; err != nil {
		return Visit{}, err
	}
	if err := s.writeChildren(ctx, v); err != nil {
		return Visit{}, err
	}
	return s.Get(ctx, auth.System, v.ID)
}

// Touch moves a visit to its next version (a change of what hangs off it, e.g. an attachment) if its version is
// still expectedVersion.
func (s *Store) Touch(ctx context.Context, id string, expectedVersion int) error {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE visits SET updated_at = now(), version = version + 1 WHERE id = ? AND version = ?`,
		id, expectedVersion)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleVisit
	}
	return nil
}

func (s *Store) writeChildren(ctx context.Context, v Visit) error {
	conn := db.Conn(ctx, s.DB)
	for i, p := range v.Visitors {
		if err := conn.Exec(`INSERT INTO visit_visitors (visit_id, position, user_id, name, function) VALUES (?, ?, ?, ?, ?)`,
			v.ID, i+1, p.UserID, p.Name, p.Function).Error; err != nil {
			return err
		}
	}
	for _, a := range v.Answers {
		if err := conn.Exec(`INSERT INTO visit_answers (visit_id, item_id, value, comment) VALUES (?, ?, ?::jsonb, ?)`,
			v.ID, a.ItemID, string(a.Value), a.Comment).Error; err != nil {
			return err
		}
	}
	return nil
}

// Delete removes a visit at the expected version.
func (s *Store) Delete(ctx context.Context, id string, expectedVersion int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM visits WHERE id = ? AND version = ?`, id, expectedVersion)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleVisit
	}
	return nil
}

func encodeVisitJSON(v Visit) (people string, snapshot *string, err error) {
	ps := make([]personJSON, len(v.PeopleMet))
	for i, p := range v.PeopleMet {
		ps[i] = personJSON(p)
	}
	raw, err := json.Marshal(ps)
	if err != nil {
		return "", nil, err
	}
	if v.PrefillSnapshot == nil {
		return string(raw), nil, nil
	}
	snap := make([]prefillJSON, len(v.PrefillSnapshot))
	for i, p := range v.PrefillSnapshot {
		snap[i] = prefillJSON{ItemID: p.ItemID, Kind: string(p.Kind), Available: p.Available, Value: p.Value,
			AsOf: p.AsOf, Note: p.Note}
	}
	rawSnap, err := json.Marshal(snap)
	if err != nil {
		return "", nil, err
	}
	s := string(rawSnap)
	return string(raw), &s, nil
}

// dateArg passes a civil date as "YYYY-MM-DD" (nil stays NULL), so no time zone can shift it.
func dateArg(d *time.Time) any {
	if d == nil {
		return nil
	}
	return d.Format(time.DateOnly)
}
