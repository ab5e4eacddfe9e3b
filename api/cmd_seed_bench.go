package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"

	"maillage/bench/gen"
)

// seedBench runs `maillage seed bench [--seed N] [--scale F]`: the national-scale benchmark data set (issue 9,
// bench/gen), written with COPY into an empty database. Refused when APP_ENV=prod: it invents structures, accounts
// and history.
func (a *app) seedBench(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seed bench", flag.ContinueOnError)
	fs.SetOutput(out)
	seed := fs.Uint64("seed", 1, "graine : la même graine et le même jour donnent les mêmes données")
	scale := fs.Float64("scale", 1, "échelle des volumes (1 : jeu national ; 0.1 : essai rapide), 40 structures dans le 70 dans tous les cas")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("usage: maillage seed bench [--seed N] [--scale F]")
	}
	if a.cfg.Env == "prod" {
		return errors.New("jeu de mesure refusé en production (APP_ENV=prod) : il invente structures, comptes et historique")
	}
	if *scale <= 0 || *scale > 10 {
		return errors.New("--scale : nombre attendu entre 0 (exclu) et 10")
	}
	conn, err := pgx.Connect(ctx, a.cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx)) //nolint:errcheck // closing a connection after use
	_, err = gen.Generate(ctx, conn, gen.National(*seed, a.now()).Scaled(*scale), out)
	return err
}
