package demo

import (
	"context"
	"fmt"

	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/opening"
	"maillage/pkg/partner"
	"maillage/pkg/structure"
)

// Partners of Haute-Saône (ADR 0008). The operators are reference data (migration 00009); the demo gives the
// département a referent for each of the thirteen operators of the socle (so its structures pass the partner
// criterion of compliance, ADR 0006), four local partners, and permanences at a few structures — among them the
// CAF's monthly video permanence at Vesoul. The partner account partenaire.caf.70@ belongs to the CAF (operator cnaf).
// Like the agents, these are records the prefecture would have found in place: written directly, without audit
// entries. A second run finds the referents and does nothing.

var demoReferents = []struct{ operator, name, function, email string }{
	{"cnaf", "Claire Dumont", "Référente partenariats, CAF de la Haute-Saône", "partenariats.caf70@exemple.fr"},
	{"cnam", "Julien Perrin", "Conseiller partenaires, CPAM de la Haute-Saône", "partenaires.cpam70@exemple.fr"},
	{"cnav", "Nadia Benali", "Correspondante France services, CARSAT Bourgogne-Franche-Comté", "fs.carsat@exemple.fr"},
	{"msa", "Hélène Vuillemin", "Animatrice réseau, MSA de Franche-Comté", "reseau.msa@exemple.fr"},
	{"francetravail", "Thomas Girardot", "Chargé de relations partenaires, France Travail Vesoul", "partenaires.ft70@exemple.fr"},
	{"dgfip", "Sophie Marchal", "Référente accueil, DDFiP de la Haute-Saône", "accueil.ddfip70@exemple.fr"},
	{"ants", "Marc Lambert", "Référent titres, préfecture de la Haute-Saône", "titres.pref70@exemple.fr"},
	{"laposte", "Isabelle Roy", "Directrice de secteur, La Poste", "secteur70@exemple.fr"},
	{"justice", "Pierre Chauvin", "Coordinateur de l’accès au droit, CDAD de la Haute-Saône", "cdad70@exemple.fr"},
	{"dgec", "Laurent Mougin", "Correspondant chèque énergie, DDT de la Haute-Saône", "cheque-energie.ddt70@exemple.fr"},
	{"anah", "Émilie Grandjean", "Déléguée locale de l’Anah, DDT de la Haute-Saône", "anah.ddt70@exemple.fr"},
	{"agirc_arrco", "Olivier Faivre", "Conseiller retraite complémentaire, CICAS de Haute-Saône", "cicas70@exemple.fr"},
	{"urssaf", "Caroline Jeannin", "Chargée de relations partenaires, Urssaf de Franche-Comté", "partenaires.urssaf@exemple.fr"},
}

var demoLocals = []partner.LocalPartner{
	{Type: "mission_locale", Name: "Mission locale de Vesoul", ContactEmail: "contact@ml-vesoul.exemple.fr", Phone: "03 84 00 00 01"},
	{Type: "cidff", Name: "CIDFF de la Haute-Saône", ContactEmail: "cidff70@exemple.fr"},
	{Type: "conciliateur", Name: "Conciliateur de justice du canton de Gray"},
	{Type: "adil", Name: "ADIL de la Haute-Saône", Website: "https://www.anil.org"},
}

// demoPermanence is a permanence at the structure of ANCT number idfs: an operator's (code) or a local partner's
// (index in demoLocals, code ""); one slot of the week, repeated every n weeks from the anchor (n 1: every week).
type demoPermanence struct {
	idfs, code      string
	local           int
	modality        partner.Modality
	summary, note   string
	weekday         int
	start, end      int // minutes
	every           int
	anchor, booking string
	walkIn          bool // sans rendez-vous
}

var demoPermanences = []demoPermanence{
	{idfs: "2494", code: "cnaf", modality: partner.ModalityVisio, summary: "Un mardi sur quatre, 9 h – 12 h, sur rendez-vous",
		note:    "Rendez-vous en visio avec un conseiller de la CAF depuis le poste de la France services.",
		weekday: 2, start: 9 * 60, end: 12 * 60, every: 4, anchor: "2026-01-06", booking: "https://www.caf.fr/allocataires/caf-de-la-haute-saone"},
	{idfs: "1549", code: "cnam", modality: partner.ModalityPhysique, weekday: 4, start: 14 * 60, end: 16*60 + 30, every: 1,
		note: "Permanence de la CPAM, sans rendez-vous.", walkIn: true},
	{idfs: "414", code: "cnav", modality: partner.ModalityPhysique, weekday: 3, start: 9 * 60, end: 12 * 60, every: 2,
		anchor: "2026-01-07", note: "Préparation de la retraite, sur rendez-vous."},
	{idfs: "2494", local: 0, modality: partner.ModalityPhysique, weekday: 3, start: 14 * 60, end: 17 * 60, every: 1,
		note: "Accueil des 16-25 ans par la Mission locale.", walkIn: true},
	{idfs: "1549", local: 2, modality: partner.ModalityPhysique, summary: "Un lundi matin sur quatre", weekday: 1,
		start: 9 * 60, end: 12 * 60, every: 4, anchor: "2026-01-05"},
}

func seedPartners(ctx context.Context, s *seeder) error {
	store := &partner.Store{DB: s.db}
	existing, err := store.Referents(ctx, partner.ReferentFilter{Departements: []string{"70"}})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		fmt.Fprintf(s.out, "  partenaires : %d référents en Haute-Saône déjà en place\n", len(existing))
		return nil
	}
	return db.WithTx(auth.WithActor(ctx, auth.System), s.db, func(ctx context.Context) error {
		for _, r := range demoReferents {
			if _, err := store.SaveReferent(ctx, partner.Referent{Partner: partner.Ref{Kind: partner.KindOperator, ID: r.operator},
				Departement: "70", Name: r.name, Function: r.function, Email: r.email}, 0); err != nil {
				return err
			}
		}
		locals := make([]string, len(demoLocals))
		for i, l := range demoLocals {
			l.Departement = "70"
			saved, err := store.SaveLocalPartner(ctx, l, 0)
			if err != nil {
				return err
			}
			locals[i] = saved.ID
		}
		if err := seedPermanences(ctx, s, store, locals); err != nil {
			return err
		}
		fmt.Fprintf(s.out, "  partenaires : %d référents, %d partenaires locaux, %d permanences en Haute-Saône\n",
			len(demoReferents), len(demoLocals), len(demoPermanences))
		return nil
	})
}

func seedPermanences(ctx context.Context, s *seeder, store *partner.Store, locals []string) error {
	structures, hours := &structure.Store{DB: s.db}, &opening.Store{DB: s.db}
	for _, p := range demoPermanences {
		id, found, err := structures.FindByIDFS(ctx, p.idfs)
		if err != nil || !found {
			return fmt.Errorf("permanence : structure %s introuvable (%v)", p.idfs, err)
		}
		ref := partner.Ref{Kind: partner.KindOperator, ID: p.code}
		if p.code == "" {
			ref = partner.Ref{Kind: partner.KindLocal, ID: locals[p.local]}
		}
		row, err := store.InsertPermanence(ctx, partner.Permanence{ID: partner.NewPermanenceID(), StructureID: id,
			Departement: "70", Partner: ref, Modality: p.modality, BookingURL: p.booking, Summary: p.summary, PublicNote: p.note})
		if err != nil {
			return err
		}
		slot := opening.Slot{Weekday: p.weekday, Start: p.start, End: p.end, WeekRule: "every", Access: "sur_rdv"}
		if p.walkIn {
			slot.Access = "sans_rdv"
		}
		if p.every > 1 {
			slot.WeekRule, slot.WeekInterval, slot.WeekAnchor = "every_n", p.every, p.anchor
		}
		if _, err := hours.ReplaceOwnerSchedules(ctx, id, "permanence", row.ID, []opening.Schedule{{Channel: "accueil",
			Kind: "regular", Status: "published", Slots: []opening.Slot{slot}}}); err != nil {
			return err
		}
	}
	return nil
}
