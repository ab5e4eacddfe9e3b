// Package demo loads the demonstration data set (`maillage seed demo`): accounts for every role around the three
// example départements (Haute-Saône 70, Moselle 57, Oise 60) and what they need to be usable. It is idempotent:
// what exists is left alone and reported, so it can run on every `make run`.
//
// The data set is organised by section, one file each, run in dependency order by Seed; a new capability adds
// its section file and one line to sections.
package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/auth"
)

// Password is the password of every demo account (ADR 0001).
const Password = "maillage-demo-2026"

// seeder carries what the sections share: the database, the clock, the report and the ids earlier sections
// created for later ones.
type seeder struct {
	db  *gorm.DB
	now func() time.Time
	out io.Writer

	structure70 string // the demo France services of Haute-Saône, for the structure account
}

// sections run in this order; each is idempotent on its own.
var sections = []struct {
	name string
	run  func(ctx context.Context, s *seeder) error
}{
	{"structures", seedStructures},
	{"agents", seedAgents}, // hours come with the import; agents make compliance meaningful (ADR 0006)
	{"comptes", seedAccounts},
	{"visites", seedVisits},
	{"labellisation", seedLabelling}, // waves, targets, the 23 labelled structures of Haute-Saône (ADR 0007)
	{"partenaires", seedPartners},    // referents, local partners, permanences of Haute-Saône (ADR 0008)
}

// Seed loads the demo data set; out receives one line per object created or found. The refusal in production
// is the caller's (it knows APP_ENV).
func Seed(ctx context.Context, gdb *gorm.DB, now func() time.Time, out io.Writer) error {
	ctx = auth.WithActor(ctx, auth.System)
	s := &seeder{db: gdb, now: now, out: out}
	for _, sec := range sections {
		fmt.Fprintf(out, "— %s\n", sec.name)
		if err := sec.run(ctx, s); err != nil {
			return fmt.Errorf("données de démonstration (%s) : %w", sec.name, err)
		}
	}
	return nil
}

func (s *seeder) report(created bool, format string, args ...any) {
	state := "existant"
	if created {
		state = "créé"
	}
	fmt.Fprintf(s.out, "  %-8s "+format+"\n", append([]any{state}, args...)...)
}
