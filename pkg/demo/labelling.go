package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/label"
	"maillage/pkg/labelling"
	"maillage/pkg/structure"
)

// The prefecture of Haute-Saône publishes « objectif atteint : 23 France services labellisées ». The national
// extract lists 24 structures in 70, all with a label date; two of them are in Vauvillers (70526): the antenna of
// Haute Comté (682) and the France services de Vauvillers (temp_76) labelled on 01/12/2022. The demo reads that as
// the antenna replaced by the new France services: it is closed (« ferme ») on that date, which leaves 23
// labelled structures — the figure the target and the end-to-end journey (23 → 24) start from.
const (
	closedAntennaIDFS   = "682"
	closedAntennaReason = "Antenne remplacée par la France services de Vauvillers, labellisée le 01/12/2022 dans la même commune."
	demoTargetCount     = 23
)

// seedLabelling gives Haute-Saône its waves (one per historical label date of the extract), its targets (23
// labelled structures by the end of 2022, every canton covered by the end of 2026) and closes the antenna of
// Vauvillers. Like the agents section, it writes reference and historical records directly (no audit entry: no
// person decided them in Maillage). A second run finds the waves and does nothing.
func seedLabelling(ctx context.Context, s *seeder) error {
	store := &label.Store{DB: s.db}
	existing, err := store.Waves(ctx, []string{"70"})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		fmt.Fprintf(s.out, "  labellisation : %d vagues en Haute-Saône déjà en place\n", len(existing))
		return nil
	}
	structures := &structure.Store{DB: s.db}
	return db.WithTx(auth.WithActor(ctx, auth.System), s.db, func(ctx context.Context) error {
		list, _, err := structures.List(ctx, auth.System, structure.Filter{Departement: "70"}, "", 0)
		if err != nil {
			return err
		}
		waves, err := seedWaves(ctx, store, list)
		if err != nil {
			return err
		}
		if err := seedTargets(ctx, store); err != nil {
			return err
		}
		if err := closeAntenna(ctx, store, structures); err != nil {
			return err
		}
		fmt.Fprintf(s.out, "  labellisation : %d vagues, 2 objectifs, antenne de Vauvillers fermée (%d labellisées en Haute-Saône)\n",
			waves, demoTargetCount)
		return nil
	})
}

// seedWaves records one wave per distinct label date of the département's structures.
func seedWaves(ctx context.Context, store *label.Store, list []structure.Structure) (int, error) {
	var dates []time.Time
	for _, st := range list {
		if st.LabelDate != nil && !slices.ContainsFunc(dates, func(d time.Time) bool { return d.Equal(*st.LabelDate) }) {
			dates = append(dates, *st.LabelDate)
		}
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
	for _, d := range dates {
		if _, err := store.InsertWave(ctx, label.Wave{Departement: "70", Name: "Vague du " + labelling.DateFR(d), Date: d,
			CreatedBy: auth.System.Label}); err != nil {
			return 0, err
		}
	}
	return len(dates), nil
}

func seedTargets(ctx context.Context, store *label.Store) error {
	for _, t := range []label.Target{
		{Scope: "departement", Code: "70", DueDate: time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC), Count: demoTargetCount,
			Label: "Objectif départemental : 23 France services labellisées"},
		{Scope: "departement", Code: "70", DueDate: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), EveryCanton: true,
			Label: "Chaque canton couvert par une France services"},
	} {
		if _, err := store.SaveTarget(ctx, t, 0); err != nil {
			return err
		}
	}
	return nil
}

// closeAntenna records the closure of the antenna of Vauvillers on 01/12/2022 (its label date stays).
func closeAntenna(ctx context.Context, store *label.Store, structures *structure.Store) error {
	id, found, err := structures.FindByIDFS(ctx, closedAntennaIDFS)
	if err != nil || !found {
		return err
	}
	cur, err := store.Lock(ctx, id)
	if err != nil {
		return err
	}
	if _, err := store.SetState(ctx, id, string(labelling.Ferme), cur.LabelDate, cur.Version); err != nil {
		return err
	}
	_, err = store.InsertTransition(ctx, label.Transition{StructureID: id, Departement: cur.Departement,
		From: cur.Status, To: string(labelling.Ferme), At: time.Date(2022, 12, 1, 9, 0, 0, 0, time.UTC),
		ActorID: auth.System.ID, ActorLabel: "Préfecture de la Haute-Saône (reprise de l’historique)", Reason: closedAntennaReason,
		ComplianceStatus: "unknown"})
	return err
}
