package labelflow

import (
	"context"
	"strings"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// WaveView is a wave with the structures labelled in it that are labelled now (label date = the wave's date).
type WaveView struct {
	label.Wave
	LabelledCount int
}

// Waves lists the waves of a département, by date.
func (s *Service) Waves(ctx context.Context, actor auth.Actor, dep string) ([]WaveView, error) {
	if err := departement(actor, dep, steerers, "de consulter les vagues de labellisation"); err != nil {
		return nil, err
	}
	waves, err := s.Labels.Waves(ctx, []string{dep})
	if err != nil {
		return nil, err
	}
	list, _, err := s.Structures.List(ctx, actor, structure.Filter{Departement: dep}, "", 0)
	if err != nil {
		return nil, err
	}
	out := make([]WaveView, len(waves))
	for i, w := range waves {
		out[i] = WaveView{Wave: w}
		for _, st := range list {
			if labelling.State(st.LabelStatus).Labelled() && st.LabelDate != nil && sameDay(*st.LabelDate, w.Date) {
				out[i].LabelledCount++
			}
		}
	}
	return out, nil
}

func sameDay(a, b time.Time) bool { return a.Format(time.DateOnly) == b.Format(time.DateOnly) }

// CreateWave records a wave of labelling of a département (admin, prefecture): one per date.
func (s *Service) CreateWave(ctx context.Context, actor auth.Actor, dep, name, date string) (WaveView, error) {
	if err := departement(actor, dep, deciders, "de créer une vague de labellisation"); err != nil {
		return WaveView{}, err
	}
	if _, err := s.Territory.Departement(ctx, dep); err != nil {
		return WaveView{}, err
	}
	var v apperr.Validation
	name = strings.TrimSpace(name)
	v.Check(name != "" && len([]rune(name)) <= 200, "name", "Nom de la vague obligatoire (200 caractères au plus).")
	d := parseDate(date, "date", &v)
	if err := v.Err(); err != nil {
		return WaveView{}, err
	}
	var out WaveView
	err := db.WithTx(auth.WithActor(ctx, actor), s.DB, func(ctx context.Context) error {
		w, err := s.Labels.InsertWave(ctx, label.Wave{Departement: dep, Name: name, Date: d, CreatedBy: actor.Label})
		if err != nil {
			return err
		}
		out = WaveView{Wave: w}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "wave.create", ObjectType: "wave", ObjectID: w.ID,
			Departements: []string{dep}, After: map[string]any{"name": w.Name, "date": w.Date.Format(time.DateOnly)}})
	})
	return out, err
}

// parseDate reads a civil date "YYYY-MM-DD" for a field, reporting a problem in v.
func parseDate(raw, field string, v *apperr.Validation) time.Time {
	d, err := time.Parse(time.DateOnly, raw)
	if err != nil || d.Year() < 2000 || d.Year() > 2100 {
		v.Add(field, "Date invalide : AAAA-MM-JJ attendu.")
	}
	return d
}

// region checks a région exists and is the actor's (404 otherwise), and returns its départements.
func (s *Service) region(ctx context.Context, actor auth.Actor, code string, roles []auth.Role, what string) ([]string, error) {
	if !actor.HasRole(roles...) {
		return nil, forbidden("Votre rôle ne permet pas " + what + ".")
	}
	exists, err := s.Territory.RegionExists(ctx, code)
	if err != nil {
		return nil, err
	}
	if !exists || !actor.IsNational() && (actor.Role != auth.RoleRegion || actor.RegionCode != code) {
		return nil, apperr.NotFound("region.not_found", "Cette région n’est pas dans votre territoire.")
	}
	return s.Territory.DepartementsOfRegion(ctx, code)
}
