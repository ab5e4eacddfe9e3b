package demo

import (
	"context"
	"encoding/json"
	"time"

	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
	"maillage/pkg/user"
	"maillage/pkg/visit"
	"maillage/pkg/visiting"
)

// demoTemplate is a national checklist the demo publishes (version 1) when none exists for its visit type.
type demoTemplate struct {
	visitType visit.Type
	title     string
	items     []visit.Item
}

func prefill(k visit.PrefillKind) *visit.PrefillKind { return &k }

var demoTemplates = []demoTemplate{
	{visit.TypePrefectorale, "Visite préfectorale trimestrielle", []visit.Item{
		{Section: "Accueil", Label: "Les horaires d’ouverture sont affichés à l’entrée et en ligne", AnswerType: visit.AnswerYesNo, Required: true},
		{Section: "Accueil", Label: "Qualité de l’accueil (confidentialité, attente, accessibilité)", AnswerType: visit.AnswerScale, Required: true,
			Help: "1 insuffisant, 2 à améliorer, 3 satisfaisant, 4 très satisfaisant"},
		{Section: "Agents", Label: "Nombre d’agents présents lors de la visite", AnswerType: visit.AnswerNum, Required: true},
		{Section: "Agents", Label: "Les agents ont suivi la formation initiale", AnswerType: visit.AnswerYesNo},
		{Section: "Partenaires", Label: "Points d’attention sur les partenaires (délais de réponse, référents)", AnswerType: visit.AnswerText},
		{Section: "Suivi", Label: "Actions en cours issues des visites précédentes", AnswerType: visit.AnswerNum, Prefill: prefill(visit.PrefillOpenAct)},
		{Section: "Label", Label: "Conformité aux critères du label", AnswerType: visit.AnswerText, Prefill: prefill(visit.PrefillCompliance)},
		{Section: "Activité", Label: "Fréquentation du mois précédent", AnswerType: visit.AnswerNum, Prefill: prefill(visit.PrefillActivity)},
		{Section: "Label", Label: "Statut de labellisation", AnswerType: visit.AnswerText, Prefill: prefill(visit.PrefillLabel)},
	}},
	{visit.TypeAnimateur, "Visite d’animation", []visit.Item{
		{Section: "Équipe", Label: "Besoins d’accompagnement exprimés par les agents", AnswerType: visit.AnswerText, Required: true},
		{Section: "Équipe", Label: "Organisation et ambiance de l’équipe", AnswerType: visit.AnswerScale},
		{Section: "Ressources", Label: "Outils et ressources à transmettre", AnswerType: visit.AnswerText},
		{Section: "Suivi", Label: "Actions en cours issues des visites précédentes", AnswerType: visit.AnswerNum, Prefill: prefill(visit.PrefillOpenAct)},
	}},
}

// seedVisits publishes the national checklists and gives Haute-Saône a year of visits: prefectoral visits done
// in the quarters already over (with findings and actions), planned in the quarters to come, one structure
// missing a quarter, and an animator's visit.
func seedVisits(ctx context.Context, s *seeder) error {
	users := user.NewService(user.Deps{
		DB: s.db, Territory: &territory.Store{DB: s.db}, Now: s.now, Hasher: auth.NewHasher(auth.DefaultPasswordParams, 1),
		Audit: func(ctx context.Context, e user.AuditEntry) error { return audit.Record(ctx, s.db, audit.Entry(e)) },
	})
	svc := &visiting.Service{DB: s.db, Visits: &visit.Store{DB: s.db}, Structures: &structure.Store{DB: s.db},
		Territory: &territory.Store{DB: s.db}, Users: users, Now: s.now}
	if err := seedTemplates(ctx, s, svc); err != nil {
		return err
	}
	var existing int64
	if err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM visits WHERE departement_code = '70'`).Scan(&existing).Error; err != nil {
		return err
	}
	if existing > 0 {
		s.report(false, "visites de la Haute-Saône (%d)", existing)
		return nil
	}
	d, err := newDemoVisits(ctx, s, svc)
	if err != nil {
		return err
	}
	n, err := d.run(ctx)
	if err != nil {
		return err
	}
	s.report(true, "visites de la Haute-Saône (%d)", n)
	return nil
}

func seedTemplates(ctx context.Context, s *seeder, svc *visiting.Service) error {
	for _, dt := range demoTemplates {
		list, err := svc.Templates(ctx, auth.System, visit.TemplateFilter{VisitType: dt.visitType, Status: visit.TemplatePublished})
		if err != nil {
			return err
		}
		if len(list) > 0 {
			s.report(false, "grille nationale « %s »", dt.title)
			continue
		}
		typ, title, items := string(dt.visitType), dt.title, dt.items
		t, err := svc.CreateTemplate(ctx, auth.System, visiting.TemplateFields{VisitType: &typ, Title: &title, Items: &items})
		if err != nil {
			return err
		}
		if _, err := svc.PublishTemplate(ctx, auth.System, t.ID, t.Version); err != nil {
			return err
		}
		s.report(true, "grille nationale « %s »", dt.title)
	}
	return nil
}

// demoVisits builds the visits of the year around the seeding date.
type demoVisits struct {
	svc        *visiting.Service
	prefecture auth.Actor
	animateur  auth.Actor
	structures []string // Vesoul first, then two other labelled structures
	today      time.Time
	count      int
}

func newDemoVisits(ctx context.Context, s *seeder, svc *visiting.Service) (*demoVisits, error) {
	d := &demoVisits{svc: svc, today: visit.ParisDate(s.now()), structures: []string{s.structure70}}
	for email, dst := range map[string]*auth.Actor{"prefecture.70@maillage.test": &d.prefecture, "animateur.70@maillage.test": &d.animateur} {
		var id string
		if err := s.db.WithContext(ctx).Raw(`SELECT id FROM users WHERE email = ?`, email).Scan(&id).Error; err != nil {
			return nil, err
		}
		a, err := svc.Users.ActorByID(ctx, id)
		if err != nil {
			return nil, err
		}
		*dst = a
	}
	list, _, err := svc.Structures.List(ctx, auth.System, structure.Filter{Departement: "70", LabelStatus: "labellise"}, "", 0)
	if err != nil {
		return nil, err
	}
	for _, st := range list {
		if st.ID != s.structure70 && len(d.structures) < 3 {
			d.structures = append(d.structures, st.ID)
		}
	}
	return d, nil
}

func day(t time.Time) *string { s := t.Format(time.DateOnly); return &s }

func answers(pairs ...any) *[]visit.Answer {
	var out []visit.Answer
	for i := 0; i+1 < len(pairs); i += 2 {
		raw, _ := json.Marshal(pairs[i+1])
		out = append(out, visit.Answer{ItemID: pairs[i].(string), Value: raw})
	}
	return &out
}

func (d *demoVisits) run(ctx context.Context) (int, error) {
	year := d.today.Year()
	var done []visiting.Detail  // Vesoul's visits done, oldest first
	var second *visiting.Detail // the second structure's last visit done
	for q := 1; q <= 4; q++ {
		start, end := visit.QuarterBounds(year, q)
		for i, st := range d.structures {
			v, err := d.quarterVisit(ctx, st, i, q, start, end)
			if err != nil {
				return 0, err
			}
			switch {
			case v == nil || v.Visit.Status != visit.StatusDone:
			case i == 0:
				done = append(done, *v)
			case i == 1:
				second = v
			}
		}
	}
	if err := d.followUps(ctx, done); err != nil {
		return 0, err
	}
	if second != nil {
		if err := d.watch(ctx, second.Visit); err != nil {
			return 0, err
		}
	}
	if at := d.today.AddDate(0, 0, -20); at.Year() == year {
		typ, status := string(visit.TypeAnimateur), string(visit.StatusDone)
		report := "Point sur la prise de rendez-vous CAF et sur le classement des dossiers ANTS."
		_, err := d.create(ctx, d.animateur, visiting.Fields{StructureID: &d.structures[0], Type: &typ, Status: &status,
			DoneDate: day(at), Report: &report, Visitors: &[]visit.Visitor{{UserID: &d.animateur.ID}}})
		if err != nil {
			return 0, err
		}
	}
	return d.count, nil
}

// quarterVisit gives structure i its prefectoral visit of quarter q: done in the quarters over (the third
// structure skips Q2, which stays overdue), planned in the current one (the third structure has none: missing)
// and in the ones to come.
func (d *demoVisits) quarterVisit(ctx context.Context, st string, i, q int, start, end time.Time) (*visiting.Detail, error) {
	typ := string(visit.TypePrefectorale)
	f := visiting.Fields{StructureID: &st, Type: &typ,
		Visitors: &[]visit.Visitor{{UserID: &d.prefecture.ID}, {Name: "Claire Martin", Function: "Sous-préfète de Lure"}}}
	switch {
	case end.Before(d.today):
		if i == 2 && q == 2 {
			return nil, nil
		}
		at := start.AddDate(0, 1, 10+7*i)
		status := string(visit.StatusDone)
		report := "Accueil de qualité ; affluence le lundi matin. Échanges avec le porteur sur le recrutement d’un troisième agent."
		f.Status, f.DoneDate, f.PlannedTime, f.Report = &status, day(at), ptr("10:00"), &report
		f.PeopleMet = &[]visit.Person{{Name: "Julie Bernard", Function: "Conseillère France services"},
			{Name: "Marc Petit", Function: "Directeur général des services du porteur"}}
	case start.After(d.today):
		f.PlannedDate, f.PlannedTime = day(start.AddDate(0, 1, 5+7*i)), ptr("14:00")
	default:
		if i == 2 {
			return nil, nil
		}
		at := d.today.AddDate(0, 0, 14+7*i)
		if at.After(end) {
			at = end
		}
		f.PlannedDate, f.PlannedTime = day(at), ptr("10:30")
	}
	v, err := d.create(ctx, d.prefecture, f)
	return &v, err
}

func ptr(s string) *string { return &s }

func (d *demoVisits) create(ctx context.Context, a auth.Actor, f visiting.Fields) (visiting.Detail, error) {
	if f.Status != nil && *f.Status == string(visit.StatusDone) {
		typ := visit.Type(*f.Type)
		tpl, found, err := d.svc.Visits.LatestPublished(ctx, typ, "70")
		if err != nil {
			return visiting.Detail{}, err
		}
		if found && typ == visit.TypePrefectorale {
			f.Answers = answers(tpl.Items[0].ID, true, tpl.Items[1].ID, 3, tpl.Items[2].ID, 2)
		} else if found {
			f.Answers = answers(tpl.Items[0].ID, "Formation aux démarches France Travail souhaitée.")
		}
	}
	v, err := d.svc.Create(ctx, a, f)
	d.count++
	return v, err
}

// followUps records findings and actions on Vesoul's visits done: a minor finding whose action was closed, then
// a major one whose action is under way.
func (d *demoVisits) followUps(ctx context.Context, done []visiting.Detail) error {
	steps := []struct {
		finding, severity, action string
		days                      int
		close                     bool
	}{
		{"Les horaires d’ouverture ne sont pas affichés à l’entrée.", "mineure",
			"Afficher les horaires à l’entrée et les mettre à jour sur le site de la commune.", 30, true},
		{"Un seul agent présent le mercredi après-midi : la règle des deux agents n’est pas tenue.", "majeure",
			"Réorganiser le planning pour assurer deux agents sur toute l’amplitude d’ouverture.", 45, false},
	}
	for i, st := range steps {
		if i >= len(done) {
			return nil
		}
		v := done[i].Visit
		f, err := d.svc.AddFinding(ctx, d.prefecture, v.ID, visiting.FindingFields{Description: &st.finding, Severity: &st.severity})
		if err != nil {
			return err
		}
		owner, label := string(visit.OwnerStructure), "France services de Vesoul"
		act, err := d.svc.AddAction(ctx, d.prefecture, v.ID, visiting.ActionFields{FindingID: &f.ID, Description: &st.action,
			OwnerType: &owner, OwnerLabel: &label, DueDate: day(v.DoneDate.AddDate(0, 0, st.days))})
		if err != nil {
			return err
		}
		status, comment := string(visit.ActionInProgress), "Planning en cours de révision avec le porteur."
		if st.close {
			status, comment = string(visit.ActionClosed), "Horaires affichés (photo jointe au dossier de la structure)."
		}
		if _, err := d.svc.UpdateAction(ctx, d.prefecture, act.Action.ID, act.Action.Version,
			visiting.ActionFields{Status: &status, Comment: &comment}); err != nil {
			return err
		}
	}
	return nil
}

// watch records a critical finding that asks for the structure to be put under watch, and the prefecture's
// action.
func (d *demoVisits) watch(ctx context.Context, v visit.Visit) error {
	desc, severity, watch := "Structure trouvée fermée pendant ses horaires d’ouverture, sans information du public.",
		string(visit.SeverityCritical), true
	f, err := d.svc.AddFinding(ctx, d.prefecture, v.ID, visiting.FindingFields{Description: &desc, Severity: &severity,
		WatchRequested: &watch})
	if err != nil {
		return err
	}
	action, owner, label := "Réunir le porteur et l’équipe pour rétablir l’ouverture annoncée.",
		string(visit.OwnerPrefecture), "Sous-préfecture de Lure"
	_, err = d.svc.AddAction(ctx, d.prefecture, v.ID, visiting.ActionFields{FindingID: &f.ID, Description: &action,
		OwnerType: &owner, OwnerLabel: &label, DueDate: day(v.DoneDate.AddDate(0, 0, 21))})
	return err
}
