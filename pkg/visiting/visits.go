package visiting

import (
	"context"
	"reflect"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
	"maillage/pkg/visit"
)

// Fields are what a caller gives to create or change a visit; nil means "not given" (kept on update).
type Fields struct {
	StructureID     *string // creation only
	Type            *string // creation only
	Status          *string
	PlannedDate     *string // "YYYY-MM-DD"
	PlannedTime     *string // "HH:MM", "" for the whole day
	DurationMinutes *int
	DoneDate        *string
	CancelReason    *string
	Visitors        *[]visit.Visitor
	PeopleMet       *[]visit.Person
	Report          *string
	FollowUp        *bool
	TemplateID      *string // "" detaches the checklist (only while no answer is recorded)
	Answers         *[]visit.Answer
}

// Detail is a visit with what is shown around it: its structure, its checklist and the prefilled figures.
type Detail struct {
	Visit     visit.Visit
	Structure structure.Structure
	Template  *visit.Template
	Prefills  []visit.Prefill
}

// Page is a page of visits with their structures.
type Page struct {
	Items      []visit.Visit
	Structures map[string]structure.Structure
	Next       string
}

// List returns a page of the visits of the actor's territory.
func (s *Service) List(ctx context.Context, a auth.Actor, f visit.Filter, cursor string, limit int) (Page, error) {
	if err := mayRead(a); err != nil {
		return Page{}, err
	}
	items, next, err := s.Visits.List(ctx, a, f, cursor, limit)
	if err != nil {
		return Page{}, err
	}
	ids := make([]string, len(items))
	for i, v := range items {
		ids[i] = v.StructureID
	}
	sts, err := s.structuresByID(ctx, ids)
	return Page{Items: items, Structures: sts, Next: next}, err
}

// Get returns one visit of the actor's territory with its checklist.
func (s *Service) Get(ctx context.Context, a auth.Actor, id string) (Detail, error) {
	if err := mayRead(a); err != nil {
		return Detail{}, err
	}
	v, err := s.Visits.Get(ctx, a, id)
	if err != nil {
		return Detail{}, err
	}
	return s.detail(ctx, v)
}

// Visible checks that the actor may read the visit (404 outside the territory).
func (s *Service) Visible(ctx context.Context, a auth.Actor, id string) error {
	if err := mayRead(a); err != nil {
		return err
	}
	_, err := s.Visits.Get(ctx, a, id)
	return err
}

func (s *Service) detail(ctx context.Context, v visit.Visit) (Detail, error) {
	sts, err := s.structuresByID(ctx, []string{v.StructureID})
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Visit: v, Structure: sts[v.StructureID], Prefills: []visit.Prefill{}}
	if v.TemplateID == nil {
		return d, nil
	}
	tpl, err := s.template(ctx, *v.TemplateID)
	if err != nil {
		return Detail{}, err
	}
	d.Template = &tpl
	if v.PrefillSnapshot != nil {
		d.Prefills = v.PrefillSnapshot
		return d, nil
	}
	d.Prefills, err = s.prefills(ctx, tpl, d.Structure)
	return d, err
}

// Create plans a visit, or records one already done.
func (s *Service) Create(ctx context.Context, a auth.Actor, f Fields) (Detail, error) {
	if !a.HasRole(planners...) {
		return Detail{}, forbidden("Votre rôle ne permet pas de planifier des visites.")
	}
	t := visit.Type(deref(f.Type))
	if !t.Valid() {
		return Detail{}, apperr.Invalid("validation_failed", "type",
			"Type de visite inconnu : prefectorale, animateur, audit_qualite ou autre.")
	}
	if err := mayWrite(a, t); err != nil {
		return Detail{}, err
	}
	var out Detail
	err := db.WithTx(withMemo(auth.WithActor(ctx, a)), s.DB, func(ctx context.Context) error {
		st, err := s.Structures.Get(ctx, a, trim(deref(f.StructureID)))
		if apperr.IsKind(err, apperr.KindNotFound) {
			return apperr.Invalid("validation_failed", "structure_id", "Structure introuvable dans votre territoire.")
		}
		if err != nil {
			return err
		}
		memoOf(ctx).remember(st)
		next := visit.Visit{StructureID: st.ID, Departement: st.Departement, Type: t, Status: visit.StatusPlanned,
			DurationMinutes: 120, CreatedBy: a.Label, Visitors: []visit.Visitor{}, PeopleMet: []visit.Person{},
			Answers: []visit.Answer{}}
		if f.TemplateID == nil {
			tpl, found, err := s.Visits.LatestPublished(ctx, t, st.Departement)
			if err != nil {
				return err
			}
			if found {
				next.TemplateID = &tpl.ID
				memoOf(ctx).rememberTemplate(tpl)
			}
		}
		if err := s.apply(ctx, &next, visit.Visit{}, f); err != nil {
			return err
		}
		if err := s.freezePrefills(ctx, &next, "", st); err != nil {
			return err
		}
		created, err := s.Visits.Insert(ctx, next)
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "visit.create", ObjectType: "visit", ObjectID: created.ID,
			Departements: []string{created.Departement}, After: visitView(created)}); err != nil {
			return err
		}
		out, err = s.detail(ctx, created)
		return err
	})
	return out, err
}

// Update changes a visit at the expected version: planning details, visitors, people met, report, answers, and
// its status (recording it done, or cancelling it with a reason). Nothing changed keeps the version.
func (s *Service) Update(ctx context.Context, a auth.Actor, id string, version int, f Fields) (Detail, error) {
	if f.StructureID != nil || f.Type != nil {
		return Detail{}, apperr.Invalid("validation_failed", "type",
			"La structure et le type d’une visite ne changent pas : annulez-la et planifiez-en une autre.")
	}
	var out Detail
	err := db.WithTx(withMemo(auth.WithActor(ctx, a)), s.DB, func(ctx context.Context) error {
		before, err := s.writable(ctx, a, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return visit.ErrStaleVisit
		}
		next := before
		if err := s.apply(ctx, &next, before, f); err != nil {
			return err
		}
		if reflect.DeepEqual(before, next) {
			out, err = s.detail(ctx, before)
			return err
		}
		sts, err := s.structuresByID(ctx, []string{before.StructureID})
		if err != nil {
			return err
		}
		if err := s.freezePrefills(ctx, &next, before.Status, sts[before.StructureID]); err != nil {
			return err
		}
		updated, err := s.Visits.Update(ctx, next, version)
		if err != nil {
			return err
		}
		action := "visit.update"
		switch {
		case updated.Status == visit.StatusDone && before.Status != visit.StatusDone:
			action = "visit.complete"
		case updated.Status == visit.StatusCancelled:
			action = "visit.cancel"
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: action, ObjectType: "visit", ObjectID: id,
			Departements: []string{before.Departement}, Before: visitView(before), After: visitView(updated)}); err != nil {
			return err
		}
		out, err = s.detail(ctx, updated)
		return err
	})
	return out, err
}

// Delete removes a planned visit that nothing hangs off yet; a visit done stays on file and a cancelled one keeps
// its reason.
func (s *Service) Delete(ctx context.Context, a auth.Actor, id string, version int) error {
	return db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		before, err := s.Visits.Get(ctx, a, id)
		if err != nil {
			return err
		}
		if err := mayWrite(a, before.Type); err != nil {
			return err
		}
		actions, _, err := s.Visits.Actions(ctx, auth.System, visit.ActionFilter{VisitID: id}, "", 0)
		if err != nil {
			return err
		}
		if before.Status != visit.StatusPlanned || before.Counts.Findings+before.Counts.Attachments+len(actions) > 0 {
			return apperr.Conflict("visit.not_deletable",
				"Seule une visite planifiée, sans constat, action ni pièce jointe, se supprime ; sinon annulez-la avec un motif.")
		}
		if err := s.Visits.Delete(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "visit.delete", ObjectType: "visit", ObjectID: id,
			Departements: []string{before.Departement}, Before: visitView(before)})
	})
}

// freezePrefills keeps the prefilled figures as they stand when a visit becomes done, so the record shows what
// the visitor saw.
func (s *Service) freezePrefills(ctx context.Context, v *visit.Visit, from visit.Status, st structure.Structure) error {
	if v.Status != visit.StatusDone || from == visit.StatusDone {
		return nil
	}
	v.PrefillSnapshot = []visit.Prefill{}
	if v.TemplateID == nil {
		return nil
	}
	tpl, err := s.template(ctx, *v.TemplateID)
	if err != nil {
		return err
	}
	v.PrefillSnapshot, err = s.prefills(ctx, tpl, st)
	return err
}
