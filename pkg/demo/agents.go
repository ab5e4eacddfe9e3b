package demo

import (
	"context"
	"fmt"

	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/db"
	"maillage/pkg/opening"
	"maillage/pkg/structure"
)

var agentFirstNames = []string{"Camille", "Dominique", "Claude", "Sacha", "Alix", "Maxime", "Morgane", "Lou", "Charlie",
	"Noa", "Eden", "Andréa"}
var agentLastNames = []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
	"Laurent", "Simon", "Michel", "Lefèvre", "Garnier"}

// seedAgents gives the structures of Haute-Saône agents trained in 2024: two for most, one for every tenth (they
// fail agents_present and agents_trained). The slots of their imported hours get the planned agents, as an
// animator would complete them, so those hours count as edited in Maillage and later imports keep them. A second
// run finds the agents and does nothing.
func seedAgents(ctx context.Context, s *seeder) error {
	var existing int
	if err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM agent_assignments aa JOIN structures st ON st.id = aa.structure_id
		WHERE st.departement_code = '70'`).Scan(&existing).Error; err != nil {
		return err
	}
	if existing > 0 {
		fmt.Fprintf(s.out, "  agents : %d affectations en Haute-Saône déjà présentes\n", existing)
		return nil
	}
	structures := &structure.Store{DB: s.db}
	store := &opening.Store{DB: s.db}
	svc := &compliance.Service{DB: s.db, Structures: structures, Opening: store, Now: s.now}
	list, _, err := structures.List(ctx, auth.System, structure.Filter{Departement: "70"}, "", 0)
	if err != nil {
		return err
	}
	ids := make([]string, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	agents := 0
	return db.WithTx(auth.WithActor(ctx, auth.System), s.db, func(ctx context.Context) error {
		schedules, err := store.Schedules(ctx, ids)
		if err != nil {
			return err
		}
		edited := map[string][]opening.Schedule{}
		for i, st := range list {
			n := 2
			if i%10 == 3 {
				n = 1
			}
			for k := range n {
				j := 2*i + k
				name := agentFirstNames[j%len(agentFirstNames)] + " " + agentLastNames[(j/3)%len(agentLastNames)]
				if _, err := store.InsertAgent(ctx, opening.Agent{Name: name, Role: []string{"referent", "agent"}[k],
					WorkEmail:   fmt.Sprintf("agent%d.%d@france-services.test", i+1, k+1),
					Assignments: []opening.Assignment{{StructureID: st.ID, ETP: 1, StartDate: "2024-01-01"}},
					Trainings:   []opening.Training{{Kind: "initial", Provider: "CNFPT", Days: 5, CompletedOn: "2024-03-15"}}}); err != nil {
					return err
				}
				agents++
			}
			if scs := schedules[st.ID]; len(scs) > 0 {
				for a := range scs {
					for b := range scs[a].Slots {
						scs[a].Slots[b].PlannedAgents = n
					}
				}
				edited[st.ID] = scs
			}
		}
		if _, err := store.ReplaceMany(ctx, edited); err != nil {
			return err
		}
		for id := range edited {
			if _, err := store.BumpHours(ctx, id, 0, "maillage"); err != nil {
				return err
			}
		}
		fmt.Fprintf(s.out, "  agents : %d agents formés dans %d structures de Haute-Saône\n", agents, len(list))
		return svc.Reevaluate(ctx, "demo.agents", ids)
	})
}
