// Command maillage is the Maillage server and its administration commands:
//
//	maillage serve                      run the API (and the built SPA when STATIC_DIR is set)
//	maillage migrate                    bring the database schema and reference data up to date
//	maillage seed demo                  load the demo data set (refused when APP_ENV=prod)
//	maillage users create --email E --role R [--departement 70] [--password-stdin]
//	maillage import anct FILE [--apply]     import the national ANCT list (dry run unless --apply)
//	maillage import stops --structure ID FILE.json [--apply]  import the published stops of a bus
//
// Configuration comes from the environment; see README.md.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "maillage:", err)
		os.Exit(1)
	}
}

const usage = `usage: maillage <commande>
  serve                         démarre l’API (et le SPA si STATIC_DIR est défini)
  migrate                       met à jour le schéma et les données de référence
  seed demo                     charge les données de démonstration (refusé si APP_ENV=prod)
  seed bench [--seed N] [--scale F]  charge le jeu de mesure national dans une base vide (refusé si APP_ENV=prod)
  users create --email E --role R [--name N] [--departement 70 …] [--region 27] [--partner-org CNAF] [--password-stdin]
  import anct FICHIER [--apply] [-v]  importe la liste nationale ANCT (simulation sans --apply)
  import stops --structure ID FICHIER.json [--apply]  importe les arrêts publiés d’un bus (simulation sans --apply)`

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("commande manquante\n%s", usage)
	}
	switch args[0] {
	case "serve":
		return withApp(ctx, func(a *app) error { return a.serve(ctx) })
	case "migrate":
		return withApp(ctx, func(a *app) error { return a.migrate(ctx, stdout) })
	case "seed":
		if len(args) >= 2 && args[1] == "bench" { // benchmark data set (issue 9, bench/README.md)
			return withApp(ctx, func(a *app) error { return a.seedBench(ctx, args[2:], stdout) })
		}
		if len(args) != 2 || args[1] != "demo" {
			return fmt.Errorf("usage: maillage seed demo")
		}
		return withApp(ctx, func(a *app) error { return a.seedDemo(ctx, stdout) })
	case "import":
		if len(args) >= 2 && args[1] == "stops" {
			return withApp(ctx, func(a *app) error { return a.importStops(ctx, args[2:], stdout) })
		}
		if len(args) < 2 || args[1] != "anct" {
			return fmt.Errorf("usage: maillage import anct FICHIER [--apply] | maillage import stops --structure ID FICHIER.json [--apply]")
		}
		return withApp(ctx, func(a *app) error { return a.importANCT(ctx, args[2:], stdout) })
	case "users":
		if len(args) < 2 || args[1] != "create" {
			return fmt.Errorf("usage: maillage users create --email E --role R …")
		}
		return withApp(ctx, func(a *app) error { return a.createUser(ctx, args[2:], stdin, stdout) })
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		return fmt.Errorf("commande inconnue %q\n%s", args[0], usage)
	}
}

func newLogger(env string, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if env == "prod" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
