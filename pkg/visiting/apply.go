package visiting

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/user"
	"maillage/pkg/visit"
)

var clockTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

const (
	maxVisitors  = 10
	maxPeopleMet = 30
	maxReport    = 20000
)

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func trim(s string) string { return strings.TrimSpace(s) }

// apply validates the given fields and writes them onto next; before is the stored visit (zero on creation).
// Every bad field is reported at once; an impossible change of status is a 409.
func (s *Service) apply(ctx context.Context, next *visit.Visit, before visit.Visit, f Fields) error {
	var v apperr.Validation
	creating := before.ID == ""
	if f.PlannedDate != nil {
		next.PlannedDate = parseDate(trim(*f.PlannedDate), "planned_date", &v)
	}
	if f.PlannedTime != nil {
		next.PlannedTime = trim(*f.PlannedTime)
		v.Check(next.PlannedTime == "" || clockTime.MatchString(next.PlannedTime), "planned_time",
			"Heure invalide : HH:MM attendu (ou vide pour la journée).")
	}
	if f.DurationMinutes != nil {
		next.DurationMinutes = *f.DurationMinutes
		v.Check(next.DurationMinutes >= 15 && next.DurationMinutes <= 720, "duration_minutes",
			"Durée entre 15 minutes et 12 heures.")
	}
	if f.Report != nil {
		next.Report = trim(*f.Report)
		v.Check(!textTooLong(next.Report, maxReport), "report", "Compte rendu trop long (20 000 caractères au plus).")
	}
	if f.FollowUp != nil {
		next.FollowUp = *f.FollowUp
	}
	if f.PeopleMet != nil {
		next.PeopleMet = checkPeople(*f.PeopleMet, &v)
	}
	if f.Visitors != nil {
		list, err := s.checkVisitors(ctx, next.Departement, *f.Visitors, &v)
		if err != nil {
			return err
		}
		next.Visitors = list
	}
	if f.DoneDate != nil {
		next.DoneDate = nil
		if raw := trim(*f.DoneDate); raw != "" {
			next.DoneDate = parseDate(raw, "done_date", &v)
		}
	}
	if f.CancelReason != nil {
		next.CancelReason = trim(*f.CancelReason)
		v.Check(!textTooLong(next.CancelReason, 1000), "cancel_reason", "Motif trop long (1 000 caractères au plus).")
	}
	tpl, err := s.applyTemplate(ctx, next, before, f, &v)
	if err != nil {
		return err
	}
	if f.Answers != nil {
		next.Answers = checkAnswers(tpl, *f.Answers, &v)
	}
	if err := s.transition(next, before.Status, creating, f, tpl, &v); err != nil {
		return err
	}
	return v.Err()
}

// transition applies the status given (if any) and the rules of the status reached.
func (s *Service) transition(next *visit.Visit, from visit.Status, creating bool, f Fields, tpl *visit.Template, v *apperr.Validation) error {
	to := next.Status
	if f.Status != nil {
		to = visit.Status(trim(*f.Status))
		if !to.Valid() {
			v.Add("status", "Statut inconnu : planifiee, realisee ou annulee.")
			return nil
		}
	}
	switch {
	case creating && to == visit.StatusCancelled:
		v.Add("status", "Une visite se crée planifiée ou réalisée.")
		return nil
	case !creating && from == visit.StatusDone && to != visit.StatusDone:
		return apperr.Conflict("visit.invalid_transition", "Une visite réalisée reste réalisée : elle ne s’annule ni ne se replanifie.")
	}
	next.Status = to
	given := func(p *string) bool { return p != nil && trim(*p) != "" }
	switch to {
	case visit.StatusPlanned:
		v.Check(next.PlannedDate != nil, "planned_date", "La date prévue est obligatoire.")
		v.Check(!given(f.DoneDate), "done_date", "La date de réalisation se donne en passant la visite au statut « realisee ».")
		v.Check(!given(f.CancelReason), "cancel_reason", "Le motif accompagne le passage au statut « annulee ».")
	case visit.StatusDone:
		switch {
		case next.DoneDate == nil:
			v.Add("done_date", "La date de réalisation est obligatoire pour une visite réalisée.")
		case next.DoneDate.After(s.today()):
			v.Add("done_date", "La date de réalisation ne peut pas être dans le futur.")
		case next.PlannedDate == nil:
			next.PlannedDate = next.DoneDate
		}
		v.Check(!given(f.CancelReason), "cancel_reason", "Une visite réalisée n’a pas de motif d’annulation.")
		if from != visit.StatusDone && tpl != nil {
			if missing := visit.MissingRequired(tpl.Items, next.Answers); len(missing) > 0 {
				v.Add("answers", "Réponses obligatoires manquantes : "+strings.Join(missing, " ; ")+".")
			}
		}
	case visit.StatusCancelled:
		v.Check(next.CancelReason != "", "cancel_reason", "Le motif d’annulation est obligatoire.")
		v.Check(!given(f.DoneDate), "done_date", "Une visite annulée n’a pas de date de réalisation.")
		if from != visit.StatusCancelled {
			now := s.Now().UTC()
			next.CancelledAt = &now
		}
	}
	return nil
}

// applyTemplate sets the checklist a visit is answered against and returns it (nil when the visit has none).
// A visit keeps its template version once answers exist.
func (s *Service) applyTemplate(ctx context.Context, next *visit.Visit, before visit.Visit, f Fields, v *apperr.Validation) (*visit.Template, error) {
	if f.TemplateID != nil {
		id := strings.ToLower(trim(*f.TemplateID))
		current := ""
		if next.TemplateID != nil {
			current = *next.TemplateID
		}
		if id != current && len(before.Answers) > 0 {
			return nil, apperr.Conflict("visit.template_locked",
				"Des réponses sont déjà enregistrées avec la grille de cette visite : sa grille ne change plus.")
		}
		next.TemplateID = nil
		if id != "" {
			next.TemplateID = &id
		}
	}
	if next.TemplateID == nil {
		return nil, nil
	}
	tpl, err := s.template(ctx, *next.TemplateID)
	switch {
	case apperr.IsKind(err, apperr.KindNotFound):
		v.Add("checklist_template_id", "Grille introuvable.")
		return nil, nil
	case err != nil:
		return nil, err
	}
	if f.TemplateID != nil {
		switch {
		case tpl.Departement != nil && *tpl.Departement != next.Departement:
			v.Add("checklist_template_id", "Grille introuvable.")
		case tpl.Status != visit.TemplatePublished:
			v.Add("checklist_template_id", "Seule une grille publiée sert à une visite.")
		case tpl.VisitType != next.Type:
			v.Add("checklist_template_id", "Cette grille est prévue pour un autre type de visite.")
		}
	}
	return &tpl, nil
}

// checkAnswers validates answers against the visit's checklist and returns them normalised.
func checkAnswers(tpl *visit.Template, in []visit.Answer, v *apperr.Validation) []visit.Answer {
	out := []visit.Answer{}
	if len(in) > 0 && tpl == nil {
		v.Add("answers", "Aucune grille n’est associée à cette visite.")
		return out
	}
	seen := map[string]bool{}
	for i, a := range in {
		field := fmt.Sprintf("answers[%d]", i)
		id := strings.ToLower(trim(a.ItemID))
		idx := -1
		if tpl != nil {
			idx = slices.IndexFunc(tpl.Items, func(it visit.Item) bool { return it.ID == id })
		}
		switch {
		case idx < 0:
			v.Add(field+".item_id", "Question inconnue de la grille de cette visite.")
			continue
		case seen[id]:
			v.Add(field+".item_id", "Cette question a déjà une réponse plus haut.")
			continue
		}
		seen[id] = true
		if msg := visit.AnswerProblem(tpl.Items[idx].AnswerType, a.Value); msg != "" {
			v.Add(field+".value", msg)
			continue
		}
		comment := trim(a.Comment)
		v.Check(!textTooLong(comment, 2000), field+".comment", "Commentaire trop long (2 000 caractères au plus).")
		var compact bytes.Buffer
		_ = json.Compact(&compact, a.Value) // AnswerProblem has parsed it
		out = append(out, visit.Answer{ItemID: id, Value: json.RawMessage(compact.Bytes()), Comment: comment})
	}
	slices.SortFunc(out, func(a, b visit.Answer) int {
		return slices.IndexFunc(tpl.Items, func(it visit.Item) bool { return it.ID == a.ItemID }) -
			slices.IndexFunc(tpl.Items, func(it visit.Item) bool { return it.ID == b.ItemID })
	})
	return out
}

func checkPeople(in []visit.Person, v *apperr.Validation) []visit.Person {
	v.Check(len(in) <= maxPeopleMet, "people_met", "30 personnes au plus.")
	out := []visit.Person{}
	for i, p := range in {
		field := fmt.Sprintf("people_met[%d]", i)
		p.Name, p.Function = trim(p.Name), trim(p.Function)
		v.Check(p.Name != "", field+".name", "Le nom est obligatoire.")
		v.Check(!textTooLong(p.Name, 200), field+".name", "Nom trop long.")
		v.Check(!textTooLong(p.Function, 200), field+".function", "Fonction trop longue.")
		out = append(out, p)
	}
	return out
}

// checkVisitors resolves the visitors: an account must be active and have the visit's département in its
// territory (its name is taken when none is given); a free name needs no account.
func (s *Service) checkVisitors(ctx context.Context, dep string, in []visit.Visitor, v *apperr.Validation) ([]visit.Visitor, error) {
	v.Check(len(in) <= maxVisitors, "visitors", "10 visiteurs au plus.")
	var ids []string
	for _, p := range in {
		if p.UserID != nil && visit.IsUUID(trim(*p.UserID)) {
			ids = append(ids, strings.ToLower(trim(*p.UserID)))
		}
	}
	named, err := s.Users.Named(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []visit.Visitor{}
	seen := map[string]bool{}
	for i, p := range in {
		field := fmt.Sprintf("visitors[%d]", i)
		name, fn := trim(p.Name), trim(p.Function)
		v.Check(!textTooLong(name, 200), field+".name", "Nom trop long.")
		v.Check(!textTooLong(fn, 200), field+".function", "Fonction trop longue.")
		if p.UserID != nil && trim(*p.UserID) != "" {
			id := strings.ToLower(trim(*p.UserID))
			u, ok := named[id]
			switch {
			case !ok || !u.Active || !visitorFits(u, dep):
				v.Add(field+".user_id", "Compte inconnu, inactif ou sans accès à ce département.")
			case seen[id]:
				v.Add(field+".user_id", "Ce compte figure déjà parmi les visiteurs.")
			}
			seen[id] = true
			if name == "" {
				name = u.Name
			}
			out = append(out, visit.Visitor{UserID: &id, Name: name, Function: fn})
			continue
		}
		v.Check(name != "", field+".name", "Donnez le nom du visiteur ou son compte.")
		out = append(out, visit.Visitor{Name: name, Function: fn})
	}
	return out, nil
}

func visitorFits(u user.Named, dep string) bool {
	switch u.Role {
	case auth.RoleAdmin, auth.RoleRegion:
		return true
	case auth.RolePrefecture, auth.RoleAnimateur:
		return slices.Contains(u.Departements, dep)
	}
	return false
}
