package compliance

import (
	"context"
	"regexp"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/hours"
	"maillage/pkg/opening"
)

// RuleSet is a stored rule set: the pure values, who added it and when, and whether it is the one in force.
type RuleSet struct {
	hours.RuleSet
	CreatedAt time.Time
	CreatedBy string
	InForce   bool // the set that applies today
}

func ruleSetToHours(r opening.RuleSet) hours.RuleSet {
	return hours.RuleSet{Code: r.Code, Title: r.Title, Source: r.Source, ValidFrom: date(r.ValidFrom),
		MinWeeklyMinutes: r.MinWeeklyMinutes, MinOpenDays: r.MinOpenDays, MinAgentsPresent: r.MinAgentsPresent,
		TrainedAgentsRequired: r.TrainedAgentsRequired, PartnerSocleRequired: r.PartnerSocleRequired,
		PremisesRequired: r.PremisesRequired}
}

// ruleSets reads the stored rule sets as pure values, oldest first (one statement).
func (s *Service) ruleSets(ctx context.Context) ([]hours.RuleSet, error) {
	list, err := s.Opening.RuleSets(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]hours.RuleSet, len(list))
	for i, r := range list {
		out[i] = ruleSetToHours(r)
	}
	return out, nil
}

// nationalToday is the civil date in Paris: rule sets are national.
func (s *Service) nationalToday() hours.Date {
	return hours.DateOf(s.Now().In(hours.DefaultLocation()))
}

// RuleSets lists the rule sets, oldest first; any signed-in user may read them.
func (s *Service) RuleSets(ctx context.Context) ([]RuleSet, error) {
	list, err := s.Opening.RuleSets(ctx)
	if err != nil {
		return nil, err
	}
	pure := make([]hours.RuleSet, len(list))
	for i, r := range list {
		pure[i] = ruleSetToHours(r)
	}
	current, found := hours.RuleSetAt(pure, s.nationalToday())
	out := make([]RuleSet, len(list))
	for i, r := range list {
		out[i] = RuleSet{RuleSet: pure[i], CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy,
			InForce: found && current.Code == r.Code}
	}
	return out, nil
}

var ruleSetCode = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,40}$`)

func adminOnly(actor auth.Actor) error {
	if actor.Role != auth.RoleAdmin {
		return apperr.Forbidden("auth.forbidden", "Seule l’administration nationale gère les référentiels.")
	}
	return nil
}

// validateRuleSet checks a new rule set against the stored ones (oldest first) and today.
func validateRuleSet(r hours.RuleSet, existing []hours.RuleSet, today hours.Date) error {
	var v apperr.Validation
	v.Check(ruleSetCode.MatchString(r.Code), "code",
		"Le code fait de 2 à 41 caractères : minuscules, chiffres et tirets, sans tiret au début.")
	v.Check(r.Title != "", "title", "Le titre est obligatoire.")
	v.Check(len([]rune(r.Title)) <= 200, "title", "Le titre fait au plus 200 caractères.")
	v.Check(len([]rune(r.Source)) <= 500, "source", "La source fait au plus 500 caractères.")
	switch {
	case r.ValidFrom.IsZero():
		v.Add("valid_from", "La date d’entrée en vigueur est obligatoire.")
	case r.ValidFrom.Before(today):
		v.Add("valid_from", "Un référentiel ne s’applique pas rétroactivement : la date d’entrée en vigueur est aujourd’hui ou plus tard.")
	case len(existing) > 0 && !r.ValidFrom.After(existing[len(existing)-1].ValidFrom):
		v.Add("valid_from", "La date d’entrée en vigueur doit suivre celle du dernier référentiel ("+
			existing[len(existing)-1].ValidFrom.French()+").")
	}
	v.Check(r.MinWeeklyMinutes >= 1 && r.MinWeeklyMinutes <= 7*24*60, "min_weekly_minutes",
		"L’ouverture hebdomadaire minimale est comprise entre 1 et 10 080 minutes.")
	v.Check(r.MinOpenDays >= 1 && r.MinOpenDays <= 7, "min_open_days", "Le nombre de jours d’ouverture est compris entre 1 et 7.")
	v.Check(r.MinAgentsPresent >= 1 && r.MinAgentsPresent <= 20, "min_agents_present",
		"Le nombre d’agents présents est compris entre 1 et 20.")
	return v.Err()
}

// ruleSetView is the audit snapshot of a rule set.
func ruleSetView(r hours.RuleSet) map[string]any {
	return map[string]any{"code": r.Code, "title": r.Title, "source": r.Source, "valid_from": r.ValidFrom.String(),
		"min_weekly_minutes": r.MinWeeklyMinutes, "min_open_days": r.MinOpenDays, "min_agents_present": r.MinAgentsPresent,
		"trained_agents_required": r.TrainedAgentsRequired, "partner_socle_required": r.PartnerSocleRequired,
		"premises_required": r.PremisesRequired}
}

// AddRuleSet adds a version of the rules (admin only), starting today or later and after every existing one.
func (s *Service) AddRuleSet(ctx context.Context, actor auth.Actor, r hours.RuleSet) (RuleSet, error) {
	if err := adminOnly(actor); err != nil {
		return RuleSet{}, err
	}
	r.Code, r.Title, r.Source = strings.TrimSpace(r.Code), strings.TrimSpace(r.Title), strings.TrimSpace(r.Source)
	var out RuleSet
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		if err := s.Opening.LockRuleSets(ctx); err != nil {
			return err
		}
		existing, err := s.ruleSets(ctx)
		if err != nil {
			return err
		}
		for _, e := range existing {
			if e.Code == r.Code {
				return opening.ErrRuleSetCodeTaken
			}
		}
		if err := validateRuleSet(r, existing, s.nationalToday()); err != nil {
			return err
		}
		row, err := s.Opening.InsertRuleSet(ctx, opening.RuleSet{Code: r.Code, Title: r.Title, Source: r.Source,
			ValidFrom: r.ValidFrom.String(), MinWeeklyMinutes: r.MinWeeklyMinutes, MinOpenDays: r.MinOpenDays,
			MinAgentsPresent: r.MinAgentsPresent, TrainedAgentsRequired: r.TrainedAgentsRequired,
			PartnerSocleRequired: r.PartnerSocleRequired, PremisesRequired: r.PremisesRequired, CreatedBy: actor.Label})
		if err != nil {
			return err
		}
		out = RuleSet{RuleSet: ruleSetToHours(row), CreatedAt: row.CreatedAt, CreatedBy: row.CreatedBy,
			InForce: r.ValidFrom == s.nationalToday()}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "rule_set.create", ObjectType: "rule_set", ObjectID: r.Code,
			After: ruleSetView(out.RuleSet)})
	})
	return out, err
}

// DeleteRuleSet removes a rule set that is not yet in force (admin only): once in force, evaluations were made
// with it and it stays.
func (s *Service) DeleteRuleSet(ctx context.Context, actor auth.Actor, code string) error {
	if err := adminOnly(actor); err != nil {
		return err
	}
	return db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		if err := s.Opening.LockRuleSets(ctx); err != nil {
			return err
		}
		existing, err := s.ruleSets(ctx)
		if err != nil {
			return err
		}
		for _, r := range existing {
			if r.Code != code {
				continue
			}
			if !r.ValidFrom.After(s.nationalToday()) {
				return apperr.Conflict("rule_set.in_force",
					"Ce référentiel est entré en vigueur : il reste, pour que les évaluations passées restent explicables.")
			}
			if _, err := s.Opening.DeleteRuleSet(ctx, code); err != nil {
				return err
			}
			return audit.Record(ctx, s.DB, audit.Entry{Action: "rule_set.delete", ObjectType: "rule_set", ObjectID: code,
				Before: ruleSetView(r)})
		}
		return apperr.NotFound("rule_set.not_found", "Ce référentiel n’existe pas.")
	})
}
