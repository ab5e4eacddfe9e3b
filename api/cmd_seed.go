package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"maillage/pkg/demo"
)

// seedDemo loads the demo data set. Refused in production: its accounts share a published password.
func (a *app) seedDemo(ctx context.Context, out io.Writer) error {
	if a.cfg.Env == "prod" {
		return errors.New("données de démonstration refusées en production (APP_ENV=prod) : " +
			"leurs comptes ont un mot de passe public")
	}
	if err := demo.Seed(ctx, a.db, a.now, out); err != nil {
		return err
	}
	fmt.Fprintf(out, "mot de passe de tous les comptes de démonstration : %s\n", demo.Password)
	return nil
}
