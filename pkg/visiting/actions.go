package visiting

import (
	"context"
	"reflect"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/structure"
	"maillage/pkg/visit"
)

// ActionFields are what a caller gives to create or change an action item; nil means "not given". Comment goes
// to the history only.
type ActionFields struct {
	FindingID   *string // creation only
	Description *string
	OwnerType   *string
	OwnerLabel  *string
	DueDate     *string
	Status      *string
	Comment     *string
}

// ActionPage is a page of action items with their structures.
type ActionPage struct {
	Items      []visit.Action
	Structures map[string]structure.Structure
	Today      time.Time
	Next       string
}

// ActionDetail is an action item with its history.
type ActionDetail struct {
	Action    visit.Action
	Structure structure.Structure
	History   []visit.ActionEvent
	Today     time.Time
}

// Actions lists the action items of the actor's territory.
func (s *Service) Actions(ctx context.Context, a auth.Actor, f visit.ActionFilter, cursor string, limit int) (ActionPage, error) {
	if err := mayRead(a); err != nil {
		return ActionPage{}, err
	}
	if f.VisitID != "" {
		if err := s.Visible(ctx, a, f.VisitID); err != nil {
			return ActionPage{}, err
		}
	}
	return s.actionPage(ctx, a, f, cursor, limit)
}

// OverdueActions lists the unfinished action items of a département whose due date has passed, the oldest
// first.
func (s *Service) OverdueActions(ctx context.Context, a auth.Actor, dep, cursor string, limit int) (ActionPage, error) {
	if !a.HasRole(stewards...) {
		return ActionPage{}, forbidden("Votre rôle ne permet pas de suivre les actions du département.")
	}
	if err := s.departementVisible(ctx, a, dep); err != nil {
		return ActionPage{}, err
	}
	today := s.today()
	return s.actionPage(ctx, a, visit.ActionFilter{Departement: dep, OverdueOn: &today}, cursor, limit)
}

func (s *Service) actionPage(ctx context.Context, a auth.Actor, f visit.ActionFilter, cursor string, limit int) (ActionPage, error) {
	items, next, err := s.Visits.Actions(ctx, a, f, cursor, limit)
	if err != nil {
		return ActionPage{}, err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.StructureID
	}
	sts, err := s.structuresByID(ctx, ids)
	return ActionPage{Items: items, Structures: sts, Today: s.today(), Next: next}, err
}

// Action returns an action item of the actor's territory with its history.
func (s *Service) Action(ctx context.Context, a auth.Actor, id string) (ActionDetail, error) {
	if err := mayRead(a); err != nil {
		return ActionDetail{}, err
	}
	act, err := s.Visits.Action(ctx, a, id)
	if err != nil {
		return ActionDetail{}, err
	}
	return s.actionDetail(ctx, act)
}

func (s *Service) actionDetail(ctx context.Context, act visit.Action) (ActionDetail, error) {
	history, err := s.Visits.Events(ctx, act.ID)
	if err != nil {
		return ActionDetail{}, err
	}
	sts, err := s.structuresByID(ctx, []string{act.StructureID})
	return ActionDetail{Action: act, Structure: sts[act.StructureID], History: history, Today: s.today()}, err
}

// AddAction decides an action item after a visit, optionally tied to one of its findings.
func (s *Service) AddAction(ctx context.Context, a auth.Actor, visitID string, f ActionFields) (ActionDetail, error) {
	var out ActionDetail
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		v, err := s.writable(ctx, a, visitID)
		if err != nil {
			return err
		}
		next := visit.Action{VisitID: v.ID, StructureID: v.StructureID, Departement: v.Departement, Status: visit.ActionOpen}
		var val apperr.Validation
		if id := trim(deref(f.FindingID)); id != "" {
			_, err := s.Visits.Finding(ctx, v.ID, strings.ToLower(id))
			switch {
			case apperr.IsKind(err, apperr.KindNotFound):
				val.Add("finding_id", "Constat introuvable parmi ceux de cette visite.")
			case err != nil:
				return err
			default:
				id = strings.ToLower(id)
				next.FindingID = &id
			}
		}
		val.Check(f.Status == nil || visit.ActionStatus(trim(*f.Status)) == visit.ActionOpen, "status",
			"Une action naît « ouverte » ; son statut évolue ensuite.")
		val.Check(f.DueDate != nil, "due_date", "L’échéance est obligatoire.")
		val.Check(f.OwnerType != nil, "owner_type", "Le responsable est obligatoire : structure, prefecture ou partenaire.")
		applyAction(&next, f, &val)
		if next.DueDate.Before(v.Date()) && !next.DueDate.IsZero() {
			val.Add("due_date", "L’échéance ne peut pas précéder la visite.")
		}
		if err := val.Err(); err != nil {
			return err
		}
		created, err := s.Visits.InsertAction(ctx, next, a)
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, audit.Entry{Action: "action.create", ObjectType: "action", ObjectID: created.ID,
			Departements: []string{v.Departement}, After: actionView(created)}); err != nil {
			return err
		}
		out, err = s.actionDetail(ctx, created)
		return err
	})
	return out, err
}

// UpdateAction changes an action item at the expected version and writes the change to its history. A structure
// account changes only the status (with a comment) of the actions its structure is in charge of.
func (s *Service) UpdateAction(ctx context.Context, a auth.Actor, id string, version int, f ActionFields) (ActionDetail, error) {
	var out ActionDetail
	err := db.WithTx(auth.WithActor(ctx, a), s.DB, func(ctx context.Context) error {
		before, err := s.Visits.Action(ctx, a, id)
		if err != nil {
			return err
		}
		if err := s.mayChangeAction(ctx, a, before, f); err != nil {
			return err
		}
		if before.Version != version {
			return visit.ErrStaleAction
		}
		next := before
		var val apperr.Validation
		applyAction(&next, f, &val)
		comment := trim(deref(f.Comment))
		val.Check(!textTooLong(comment, 2000), "comment", "Commentaire trop long (2 000 caractères au plus).")
		if err := val.Err(); err != nil {
			return err
		}
		switch {
		case next.Status == visit.ActionClosed && before.Status != visit.ActionClosed:
			now := s.Now().UTC()
			next.ClosedAt = &now
		case next.Status != visit.ActionClosed:
			next.ClosedAt = nil
		}
		if reflect.DeepEqual(before, next) && comment == "" {
			out, err = s.actionDetail(ctx, before)
			return err
		}
		return s.writeAction(ctx, a, before, next, version, comment, &out)
	})
	return out, err
}

func (s *Service) writeAction(ctx context.Context, a auth.Actor, before, next visit.Action, version int, comment string, out *ActionDetail) error {
	updated := before
	if !reflect.DeepEqual(before, next) {
		var err error
		if updated, err = s.Visits.UpdateAction(ctx, next, version); err != nil {
			return err
		}
	}
	from := before.Status
	event := visit.ActionEvent{ActionID: before.ID, ActorID: a.ID, ActorLabel: a.Label, FromStatus: &from,
		ToStatus: updated.Status, Changes: actionChanges(before, updated), Comment: comment}
	if err := s.Visits.AddEvent(ctx, event); err != nil {
		return err
	}
	action := "action.update"
	if reflect.DeepEqual(before, updated) {
		action = "action.comment"
	}
	after := actionView(updated)
	if comment != "" {
		after["comment"] = comment
	}
	if err := audit.Record(ctx, s.DB, audit.Entry{Action: action, ObjectType: "action", ObjectID: before.ID,
		Departements: []string{before.Departement}, Before: actionView(before), After: after}); err != nil {
		return err
	}
	var err error
	*out, err = s.actionDetail(ctx, updated)
	return err
}

// mayChangeAction: the prefecture and the national level change any action; the animator those of its own
// visits; a structure account the status of the actions its structure is in charge of.
func (s *Service) mayChangeAction(ctx context.Context, a auth.Actor, act visit.Action, f ActionFields) error {
	if a.Role == auth.RoleStructure {
		if act.OwnerType != visit.OwnerStructure {
			return apperr.Forbidden("action.not_owner", "Cette action n’est pas à la charge de votre structure.")
		}
		if f.Description != nil || f.OwnerType != nil || f.OwnerLabel != nil || f.DueDate != nil || f.FindingID != nil {
			return apperr.Forbidden("action.field_forbidden",
				"Votre structure fait évoluer le statut de ses actions (avec un commentaire) ; l’échéance et le responsable relèvent de la préfecture.")
		}
		return nil
	}
	if f.FindingID != nil {
		return apperr.Invalid("validation_failed", "finding_id", "Le constat d’une action ne change pas.")
	}
	v, err := s.Visits.Get(ctx, auth.System, act.VisitID)
	if err != nil {
		return err
	}
	return mayWrite(a, v.Type)
}

func applyAction(next *visit.Action, f ActionFields, v *apperr.Validation) {
	if f.Description != nil {
		next.Description = trim(*f.Description)
	}
	v.Check(next.Description != "", "description", "La description de l’action est obligatoire.")
	v.Check(!textTooLong(next.Description, 4000), "description", "Description trop longue (4 000 caractères au plus).")
	if f.OwnerType != nil {
		next.OwnerType = visit.OwnerType(trim(*f.OwnerType))
		v.Check(next.OwnerType.Valid(), "owner_type", "Responsable inconnu : structure, prefecture ou partenaire.")
	}
	if f.OwnerLabel != nil {
		next.OwnerLabel = trim(*f.OwnerLabel)
		v.Check(!textTooLong(next.OwnerLabel, 200), "owner_label", "Nom du responsable trop long.")
	}
	if f.DueDate != nil {
		if d := parseDate(trim(*f.DueDate), "due_date", v); d != nil {
			next.DueDate = *d
		}
	}
	if f.Status != nil {
		next.Status = visit.ActionStatus(trim(*f.Status))
		v.Check(next.Status.Valid(), "status", "Statut inconnu : ouverte, en_cours ou close.")
	}
}

func actionChanges(before, after visit.Action) map[string]visit.Change {
	out := map[string]visit.Change{}
	add := func(field string, from, to any) {
		if from != to {
			out[field] = visit.Change{From: from, To: to}
		}
	}
	add("status", string(before.Status), string(after.Status))
	add("due_date", before.DueDate.Format(time.DateOnly), after.DueDate.Format(time.DateOnly))
	add("owner_type", string(before.OwnerType), string(after.OwnerType))
	add("owner_label", before.OwnerLabel, after.OwnerLabel)
	add("description", before.Description, after.Description)
	return out
}
