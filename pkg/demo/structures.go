package demo

import (
	"context"
	_ "embed"
	"fmt"

	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/opening"
	"maillage/pkg/registry"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// anctExtract is the national list's rows of Moselle, Oise and Haute-Saône (data/PROVENANCE.md).
//
//go:embed data/liste-fs-20221201-extrait-57-60-70.csv
var anctExtract []byte

// structureAccountIDFS is the France services the structure account works in: France services de Vesoul.
const structureAccountIDFS = "2494"

// seedStructures loads the three départements through the real ANCT importer (so the demo network has the
// real file's oddities and the same audit trail as an import by a person); a second run finds them unchanged.
func seedStructures(ctx context.Context, s *seeder) error {
	structures := &structure.Store{DB: s.db}
	hoursService := &compliance.Service{DB: s.db, Structures: structures, Opening: &opening.Store{DB: s.db}, Now: s.now}
	svc := &registry.Service{DB: s.db, Structures: structures, Territory: &territory.Store{DB: s.db}, Now: s.now, Hours: hoursService}
	rep, err := svc.ImportANCT(ctx, auth.System, "liste-fs-20221201-extrait-57-60-70.csv", anctExtract, true)
	if err != nil {
		return err
	}
	p := rep.Plan
	fmt.Fprintf(s.out, "  import ANCT : %d nouvelles, %d modifiées, %d inchangées, %d rejetées\n",
		len(p.Creates), len(p.Updates), len(p.Unchanged), len(p.Rejected))
	id, found, err := svc.Structures.FindByIDFS(ctx, structureAccountIDFS)
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("la structure %s de l’extrait est introuvable", structureAccountIDFS)
	}
	s.structure70 = id
	return nil
}
