package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"maillage/pkg/auth"
	"maillage/pkg/compliance"
	"maillage/pkg/opening"
	"maillage/pkg/registry"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// importANCT runs `maillage import anct FILE [--apply]`: a dry run by default, printing the same report as the API.
func (a *app) importANCT(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import anct", flag.ContinueOnError)
	apply := fs.Bool("apply", false, "appliquer les changements (sinon simulation)")
	verbose := fs.Bool("v", false, "lister chaque ligne rejetée et chaque avertissement")
	// Accept the flags before or after the file name.
	var files []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		return fmt.Errorf("usage: maillage import anct FICHIER [--apply] [-v]")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	structures := &structure.Store{DB: a.db}
	hoursService := &compliance.Service{DB: a.db, Structures: structures, Opening: &opening.Store{DB: a.db}, Now: a.now}
	svc := &registry.Service{DB: a.db, Structures: structures, Territory: &territory.Store{DB: a.db}, Now: a.now, Hours: hoursService}
	rep, err := svc.ImportANCT(ctx, auth.System, filepath.Base(files[0]), data, *apply)
	if err != nil {
		return err
	}
	printReport(out, rep, *verbose)
	return nil
}

// importStops runs `maillage import stops --structure ID FILE.json [--apply]`: the published stops of a bus
// into its stops and hours (ADR 0006), a dry run by default, printing one line per entry.
func (a *app) importStops(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import stops", flag.ContinueOnError)
	apply := fs.Bool("apply", false, "appliquer les changements (sinon simulation)")
	structureID := fs.String("structure", "", "identifiant de la France services itinérante")
	var files []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 || *structureID == "" {
		return fmt.Errorf("usage: maillage import stops --structure ID FICHIER.json [--apply]")
	}
	data, err := readLimited(files[0], 1<<20)
	if err != nil {
		return err
	}
	svc := &compliance.Service{DB: a.db, Structures: &structure.Store{DB: a.db}, Opening: &opening.Store{DB: a.db}, Now: a.now}
	rep, err := svc.ImportStops(ctx, auth.System, *structureID, data, !*apply)
	if err != nil {
		return err
	}
	mode := "simulation (rien n’est écrit ; --apply pour appliquer)"
	if !rep.DryRun {
		mode = "appliqué"
	}
	fmt.Fprintf(out, "Import des arrêts %s — %s\n", filepath.Base(files[0]), mode)
	fmt.Fprintf(out, "  créés %d, modifiés %d, inchangés %d, rejetés %d\n", rep.Created, rep.Updated, rep.Unchanged, rep.Rejected)
	for _, r := range rep.Rows {
		fmt.Fprintf(out, "  %d %s (%s) : %s, %d créneau(x) %s\n", r.Index, r.Name, r.CommuneCode, r.Status, r.Slots, r.OSM)
		for _, reason := range r.Reasons {
			fmt.Fprintf(out, "      %s\n", reason)
		}
	}
	return nil
}

// readLimited reads a file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s : fichier trop volumineux (%d octets, %d au plus)", path, info.Size(), limit)
	}
	return os.ReadFile(path)
}

func printReport(out io.Writer, rep registry.Report, verbose bool) {
	p := rep.Plan
	mode := "simulation (rien n’est écrit ; --apply pour appliquer)"
	if rep.Applied {
		mode = "appliqué"
	}
	fmt.Fprintf(out, "Import ANCT %s — %s\n", rep.FileName, mode)
	fmt.Fprintf(out, "  %d lignes (%s, séparateur %q) en %v\n", rep.Rows, rep.Encoding, rep.Delimiter, rep.Duration.Round(1e6))
	fmt.Fprintf(out, "  à créer %d, à modifier %d, inchangées %d, rejetées %d, avertissements %d\n",
		len(p.Creates), len(p.Updates), len(p.Unchanged), len(p.Rejected), len(p.Warnings))
	for _, u := range p.Updates {
		fmt.Fprintf(out, "  ligne %d %s : %d champ(s) modifié(s)\n", u.Line, u.Structure.Name, len(u.Changes))
	}
	for _, r := range p.Rejected {
		for _, pr := range r.Problems {
			fmt.Fprintf(out, "  REJET ligne %d %s : %s\n", r.Line, pr.Column, pr.Message)
		}
	}
	if verbose {
		for _, w := range p.Warnings {
			fmt.Fprintf(out, "  avertissement ligne %d %s : %s\n", w.Line, w.Column, w.Message)
		}
	}
}
