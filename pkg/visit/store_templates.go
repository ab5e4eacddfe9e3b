package visit

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// ErrTemplateNotFound is the 404 of a checklist template absent or of a département outside the territory.
var ErrTemplateNotFound = apperr.NotFound("checklist.not_found", "Cette grille n’existe pas ou n’est pas dans votre territoire.")

// TemplateFilter selects checklist templates.
type TemplateFilter struct {
	VisitType   Type
	Departement string // this département's templates and the national ones
	Status      TemplateStatus
	IDs         []string
	// latestPublished keeps only the newest published template of VisitType for Departement: the département's own
	// if it has one, else the national one.
	latestPublished bool
}

type templateRow struct {
	ID              string
	VisitType       string
	DepartementCode *string
	Number          *int
	Title           string
	Description     string
	Status          string
	PublishedAt     *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int
}

type itemRow struct {
	ID         string
	TemplateID string
	Position   int
	Section    string
	Label      string
	Help       string
	AnswerType string
	Required   bool
	Prefill    *string
}

// scopedTemplates shows the published national templates to everyone (their drafts to the national level only)
// and a département's templates within its territory.
func scopedTemplates(q *gorm.DB, a auth.Actor) *gorm.DB {
	if a.IsNational() {
		return q
	}
	deps, _ := a.DepartementFilter()
	if len(deps) == 0 {
		return q.Where("t.departement_code IS NULL AND t.status = 'publiee'")
	}
	return q.Where("(t.departement_code IS NULL AND t.status = 'publiee') OR t.departement_code IN ?", deps)
}

// Templates lists the templates of the actor's territory: by visit type, national first, newest version first
// (drafts before them).
func (s *Store) Templates(ctx context.Context, a auth.Actor, f TemplateFilter) ([]Template, error) {
	q := scopedTemplates(db.Conn(ctx, s.DB).Table("checklist_templates t").Select("t.*"), a)
	if f.VisitType != "" {
		q = q.Where("t.visit_type = ?", f.VisitType)
	}
	if f.Departement != "" {
		q = q.Where("t.departement_code IS NULL OR t.departement_code = ?", f.Departement)
	}
	if f.Status != "" {
		q = q.Where("t.status = ?", f.Status)
	}
	if len(f.IDs) > 0 {
		q = q.Where("t.id IN ?", f.IDs)
	}
	if f.latestPublished {
		q = q.Where(`t.id = (SELECT l.id FROM checklist_templates l WHERE l.visit_type = ? AND l.status = 'publiee'
			AND (l.departement_code = ? OR l.departement_code IS NULL)
			ORDER BY l.departement_code NULLS LAST, l.number DESC LIMIT 1)`, f.VisitType, f.Departement)
	}
	var rows []templateRow
	err := q.Order(`array_position(ARRAY['prefectorale','animateur','audit_qualite','autre'], t.visit_type),
		t.departement_code NULLS FIRST, t.number DESC NULLS FIRST, t.created_at DESC, t.id`).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	items, err := s.items(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Template, len(rows))
	for i, r := range rows {
		out[i] = Template{ID: r.ID, VisitType: Type(r.VisitType), Departement: r.DepartementCode, Number: r.Number,
			Title: r.Title, Description: r.Description, Status: TemplateStatus(r.Status), PublishedAt: r.PublishedAt,
			CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version, Items: items[r.ID]}
		if out[i].Items == nil {
			out[i].Items = []Item{}
		}
	}
	return out, nil
}

func (s *Store) items(ctx context.Context, templateIDs []string) (map[string][]Item, error) {
	out := map[string][]Item{}
	if len(templateIDs) == 0 {
		return out, nil
	}
	var rows []itemRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, template_id, position, section, label, help, answer_type, required, prefill
		FROM checklist_items WHERE template_id IN ? ORDER BY template_id, position`, templateIDs).Scan(&rows).Error
	for _, r := range rows {
		it := Item{ID: r.ID, Position: r.Position, Section: r.Section, Label: r.Label, Help: r.Help,
			AnswerType: AnswerType(r.AnswerType), Required: r.Required}
		if r.Prefill != nil {
			k := PrefillKind(*r.Prefill)
			it.Prefill = &k
		}
		out[r.TemplateID] = append(out[r.TemplateID], it)
	}
	return out, err
}

// Template returns one template of the actor's territory with its items.
func (s *Store) Template(ctx context.Context, a auth.Actor, id string) (Template, error) {
	if !IsUUID(id) {
		return Template{}, ErrTemplateNotFound
	}
	list, err := s.Templates(ctx, a, TemplateFilter{IDs: []string{id}})
	if err != nil {
		return Template{}, err
	}
	if len(list) == 0 {
		return Template{}, ErrTemplateNotFound
	}
	return list[0], nil
}

// LatestPublished returns the newest published template for a visit type in a département: the département's
// own if it has one, else the national one; found is false when neither exists.
func (s *Store) LatestPublished(ctx context.Context, t Type, dep string) (Template, bool, error) {
	list, err := s.Templates(ctx, auth.System, TemplateFilter{VisitType: t, Departement: dep, latestPublished: true})
	if err != nil || len(list) == 0 {
		return Template{}, false, err
	}
	return list[0], true, nil
}

// InsertTemplate creates a draft with its items.
func (s *Store) InsertTemplate(ctx context.Context, t Template) (Template, error) {
	t.ID = uuid.NewString()
	err := db.Conn(ctx, s.DB).Exec(`INSERT INTO checklist_templates (id, visit_type, departement_code, title, description)
		VALUES (?, ?, ?, ?, ?)`, t.ID, t.VisitType, t.Departement, t.Title, t.Description).Error
	if err != nil {
		return Template{}, err
	}
	if err := s.writeItems(ctx, t); err != nil {
		return Template{}, err
	}
	return s.Template(ctx, auth.System, t.ID)
}

func (s *Store) writeItems(ctx context.Context, t Template) error {
	conn := db.Conn(ctx, s.DB)
	for i, it := range t.Items {
		err := conn.Exec(`INSERT INTO checklist_items (template_id, position, section, label, help, answer_type,
			required, prefill) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			t.ID, i+1, it.Section, it.Label, it.Help, it.AnswerType, it.Required, it.Prefill).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// UpdateDraft writes a draft's title, description and items at the expected version.
func (s *Store) UpdateDraft(ctx context.Context, t Template, expectedVersion int) (Template, error) {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE checklist_templates SET title = ?, description = ?, updated_at = now(),
		version = version + 1 WHERE id = ? AND version = ? AND status = 'brouillon'`,
		t.Title, t.Description, t.ID, expectedVersion)
	if res.Error != nil {
		return Template{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Template{}, ErrStaleTemplate
	}
	if err := db.Conn(ctx, s.DB).Exec(`DELETE FROM checklist_items WHERE template_id = ?`, t.ID).Error; err != nil {
		return Template{}, err
	}
	if err := s.writeItems(ctx, t); err != nil {
		return Template{}, err
	}
	return s.Template(ctx, auth.System, t.ID)
}

// Publish freezes a draft at the expected version and gives it the next version number of its visit type and
// département (national templates are numbered on their own). Call it inside a transaction: the numbering is
// serialised with a transaction lock.
func (s *Store) Publish(ctx context.Context, t Template, expectedVersion int, now time.Time) (Template, error) {
	conn := db.Conn(ctx, s.DB)
	dep := ""
	if t.Departement != nil {
		dep = *t.Departement
	}
	if err := conn.Exec(`SELECT pg_advisory_xact_lock(hashtext('checklist:' || ? || ':' || ?))`, t.VisitType, dep).Error; err != nil {
		return Template{}, err
	}
	res := conn.Exec(`UPDATE checklist_templates SET status = 'publiee', published_at = ?, updated_at = now(),
		version = version + 1,
		number = (SELECT coalesce(max(number), 0) + 1 FROM checklist_templates
			WHERE visit_type = ? AND coalesce(departement_code, '') = ?)
		WHERE id = ? AND version = ? AND status = 'brouillon'`, now, t.VisitType, dep, t.ID, expectedVersion)
	if res.Error != nil {
		return Template{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Template{}, ErrStaleTemplate
	}
	return s.Template(ctx, auth.System, t.ID)
}

// DeleteDraft removes a draft at the expected version.
func (s *Store) DeleteDraft(ctx context.Context, id string, expectedVersion int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM checklist_templates WHERE id = ? AND version = ? AND status = 'brouillon'`,
		id, expectedVersion)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleTemplate
	}
	return nil
}

// PlanVisits returns the prefectoral visits (planned or done) of a département whose date lies in [from, to].
func (s *Store) PlanVisits(ctx context.Context, dep string, from, to time.Time) ([]PlanVisit, error) {
	var rows []struct {
		ID          string
		StructureID string
		VisitType   string
		Status      string
		PlannedDate *time.Time
		DoneDate    *time.Time
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, structure_id, visit_type, status, planned_date, done_date FROM visits
		WHERE departement_code = ? AND visit_type = 'prefectorale' AND status IN ('planifiee', 'realisee')
		AND coalesce(done_date, planned_date) BETWEEN ? AND ?`,
		dep, from.Format(time.DateOnly), to.Format(time.DateOnly)).Scan(&rows).Error
	out := make([]PlanVisit, len(rows))
	for i, r := range rows {
		out[i] = PlanVisit{ID: r.ID, StructureID: r.StructureID, Type: Type(r.VisitType), Status: Status(r.Status),
			PlannedDate: civilPtr(r.PlannedDate), DoneDate: civilPtr(r.DoneDate)}
	}
	return out, err
}

func civilPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := CivilDate(*t)
	return &d
}
