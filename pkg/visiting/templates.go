package visiting

import (
	"context"
	"fmt"
	"slices"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/visit"
)

// TemplateFields are what a caller gives to create or change a draft checklist; nil means "not given".
type TemplateFields struct {
	VisitType   *string // creation only
	Departement *string // creation only; "" or nil for a national template (admin)
	Title       *string
	Description *string
	Items       *[]visit.Item
}

const maxItems = 100

// Templates lists the checklist templates of the actor's territory (national ones included).
func (s *Service) Templates(ctx context.Context, a auth.Actor, f visit.TemplateFilter) ([]visit.Template, error) {
	if !a.HasRole(stewards...) {
		return nil, forbidden("Votre rôle ne permet pas de consulter les grilles de visite.")
	}
	return s.Visits.Templates(ctx, a, f)
}

// Template returns one checklist template of the actor's territory.
func (s *Service) Template(ctx context.Context, a auth.Actor, id string) (visit.Template, error) {
	if !a.HasRole(stewards...) {
		return visit.Template{}, forbidden("Votre rôle ne permet pas de consulter les grilles de visite.")
	}
	return s.Visits.Template(ctx, a, id)
}

// CreateTemplate starts a draft: a new version of the checklist of a visit type, national or of one département.
func (s *Service) CreateTemplate(ctx context.Context, a auth.Actor, f TemplateFields) (visit.Template, error) {
	if !a.HasRole(managers...) {
		return visit.Template{}, forbidden("Votre rôle ne permet pas de rédiger les grilles de visite.")
	}
	t := visit.Template{VisitType: visit.Type(trim(deref(f.VisitType))), Status: visit.TemplateDraft}
	if !t.VisitType.Valid() {
		return visit.Template{}, apperr.Invalid("validation_failed", "visit_type",
			"Type de visite inconnu : prefectorale, animateur, audit_qualite ou autre.")
	}
	if dep := trim(deref(f.Departement)); dep != "" {
		t.Departement = &dep
	}
	if err := mayEditTemplate(a, t); err != nil {
		return visit.Template{}, err
	}
	if t.Departement != nil {
		if _, err := s.Territory.Departement(ctx, *t.Departement); err != nil {
			return visit.Template{}, apperr.Invalid("validation_failed", "departement_code", "Département inconnu.")
		}
	}
	if err := applyTemplateFields(&t, f, true); err != nil {
		return visit.Template{}, err
	}
	var out visit.Template
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		created, err := s.Visits.InsertTemplate(ctx, t)
		if err != nil {
			return err
		}
		out = created
		return audit.Record(ctx, s.DB, audit.Entry{Action: "checklist_template.create", ObjectType: "checklist_template",
			ObjectID: created.ID, Departements: templateDeps(created), After: templateView(created)})
	})
	return out, err
}

// UpdateTemplate changes a draft at the expected version; a published version never changes.
func (s *Service) UpdateTemplate(ctx context.Context, a auth.Actor, id string, version int, f TemplateFields) (visit.Template, error) {
	if f.VisitType != nil || f.Departement != nil {
		return visit.Template{}, apperr.Invalid("validation_failed", "visit_type",
			"Le type de visite et le département d’une grille ne changent pas : créez-en une autre.")
	}
	var out visit.Template
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		before, err := s.draft(ctx, a, id)
		if err != nil {
			return err
		}
		next := before
		if err := applyTemplateFields(&next, f, false); err != nil {
			return err
		}
		updated, err := s.Visits.UpdateDraft(ctx, next, version)
		if err != nil {
			return err
		}
		out = updated
		return audit.Record(ctx, s.DB, audit.Entry{Action: "checklist_template.update", ObjectType: "checklist_template",
			ObjectID: id, Departements: templateDeps(before), Before: templateView(before), After: templateView(updated)})
	})
	return out, err
}

// PublishTemplate freezes a draft and numbers it: visits created from then on use it; visits already created keep
// the version they were given.
func (s *Service) PublishTemplate(ctx context.Context, a auth.Actor, id string, version int) (visit.Template, error) {
	var out visit.Template
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		before, err := s.draft(ctx, a, id)
		if err != nil {
			return err
		}
		if len(before.Items) == 0 {
			return apperr.Invalid("validation_failed", "items", "Une grille sans question ne se publie pas.")
		}
		published, err := s.Visits.Publish(ctx, before, version, s.Now().UTC())
		if err != nil {
			return err
		}
		out = published
		return audit.Record(ctx, s.DB, audit.Entry{Action: "checklist_template.publish", ObjectType: "checklist_template",
			ObjectID: id, Departements: templateDeps(before), Before: templateView(before), After: templateView(published)})
	})
	return out, err
}

// DeleteTemplate removes a draft.
func (s *Service) DeleteTemplate(ctx context.Context, a auth.Actor, id string, version int) error {
	return db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		before, err := s.draft(ctx, a, id)
		if err != nil {
			return err
		}
		if err := s.Visits.DeleteDraft(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "checklist_template.delete", ObjectType: "checklist_template",
			ObjectID: id, Departements: templateDeps(before), Before: templateView(before)})
	})
}

// draft reads a template the actor may edit and checks it is still a draft.
func (s *Service) draft(ctx context.Context, a auth.Actor, id string) (visit.Template, error) {
	t, err := s.Template(ctx, a, id)
	if err != nil {
		return visit.Template{}, err
	}
	if err := mayEditTemplate(a, t); err != nil {
		return visit.Template{}, err
	}
	if t.Status != visit.TemplateDraft {
		return visit.Template{}, apperr.Conflict("checklist.published",
			"Une grille publiée ne change plus : créez-en une nouvelle version.")
	}
	return t, nil
}

// mayEditTemplate: the national level writes national and departmental templates; a prefecture those of its
// départements.
func mayEditTemplate(a auth.Actor, t visit.Template) error {
	switch {
	case a.IsNational():
		return nil
	case !a.HasRole(managers...):
		return forbidden("Votre rôle ne permet pas de rédiger les grilles de visite.")
	case t.Departement == nil:
		return apperr.Forbidden("checklist.national_forbidden",
			"Les grilles nationales relèvent de l’administration nationale ; rédigez une grille de votre département.")
	case !a.CanSeeDepartement(*t.Departement):
		return apperr.Forbidden("auth.out_of_territory", "Ce département n’est pas dans votre territoire.")
	}
	return nil
}

func applyTemplateFields(t *visit.Template, f TemplateFields, creating bool) error {
	var v apperr.Validation
	if f.Title != nil {
		t.Title = trim(*f.Title)
	}
	v.Check(t.Title != "", "title", "Le titre est obligatoire.")
	v.Check(!textTooLong(t.Title, 200), "title", "Titre trop long (200 caractères au plus).")
	if f.Description != nil {
		t.Description = trim(*f.Description)
		v.Check(!textTooLong(t.Description, 2000), "description", "Description trop longue (2 000 caractères au plus).")
	}
	if f.Items != nil {
		t.Items = checkItems(*f.Items, &v)
	}
	v.Check(!creating || f.Items != nil, "items", "Donnez au moins une question.")
	return v.Err()
}

func checkItems(in []visit.Item, v *apperr.Validation) []visit.Item {
	v.Check(len(in) >= 1 && len(in) <= maxItems, "items", fmt.Sprintf("Entre 1 et %d questions.", maxItems))
	out := make([]visit.Item, len(in))
	for i, it := range in {
		field := fmt.Sprintf("items[%d]", i)
		it.ID, it.Position = "", i+1
		it.Section, it.Label, it.Help = trim(it.Section), trim(it.Label), trim(it.Help)
		v.Check(it.Label != "", field+".label", "Le libellé de la question est obligatoire.")
		v.Check(!textTooLong(it.Label, 500), field+".label", "Libellé trop long (500 caractères au plus).")
		v.Check(!textTooLong(it.Section, 200), field+".section", "Rubrique trop longue.")
		v.Check(!textTooLong(it.Help, 1000), field+".help", "Aide trop longue.")
		v.Check(slices.Contains(visit.AnswerTypes, it.AnswerType), field+".answer_type",
			"Type de réponse inconnu : yes_no, scale_1_4, text ou number.")
		if it.Prefill != nil {
			v.Check(slices.Contains(visit.PrefillKinds, *it.Prefill), field+".prefill",
				"Préremplissage inconnu : compliance, open_actions, activity_last_month ou label_status.")
		}
		out[i] = it
	}
	return out
}

func templateDeps(t visit.Template) []string {
	if t.Departement == nil {
		return []string{}
	}
	return []string{*t.Departement}
}
