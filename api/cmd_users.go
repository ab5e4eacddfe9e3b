package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"maillage/api/rest"
	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/user"
)

// listFlag is a repeatable string flag (--departement 70 --departement 90).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// createUser: maillage users create --email E --role R [--name N] [--departement 70]… [--region 27]
// [--structure UUID]… [--partner-org O] [--password-stdin]. It is how the first administrator is made, so it
// acts as the system actor; without --password-stdin it prints a generated password once.
func (a *app) createUser(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("maillage users create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	email := fs.String("email", "", "adresse e-mail (obligatoire)")
	role := fs.String("role", "", "rôle : admin, region, prefecture, animateur, structure, partner")
	name := fs.String("name", "", "nom affiché (par défaut : l’adresse e-mail)")
	region := fs.String("region", "", "code de la région (rôle region)")
	partnerOrg := fs.String("partner-org", "", "organisme partenaire, ex. CNAF (rôle partner)")
	fromStdin := fs.Bool("password-stdin", false, "lire le mot de passe sur l’entrée standard (sinon il est généré)")
	var deps, structures listFlag
	fs.Var(&deps, "departement", "code de département (répétable)")
	fs.Var(&structures, "structure", "identifiant de structure (répétable, rôle structure)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("argument inattendu : %q", fs.Arg(0))
	}
	password, generated, err := passwordFor(*fromStdin, stdin)
	if err != nil {
		return err
	}
	if *name == "" {
		*name = *email
	}
	users := rest.BuildServices(a.cfg, a.db, a.log, a.now).Users
	u, err := users.Create(auth.WithActor(ctx, auth.System), auth.System, user.NewUser{Email: *email, Name: *name,
		Role: auth.Role(*role), RegionCode: *region, Departements: deps, StructureIDs: structures,
		PartnerOrg: *partnerOrg, Password: password})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "compte créé : %s (%s), identifiant %s\n", u.Email, u.Role, u.ID)
	if generated {
		fmt.Fprintf(stdout, "mot de passe (affiché une seule fois, à transmettre de façon sûre) : %s\n", password)
	}
	return nil
}

// passwordFor reads the first line of stdin, or generates 24 characters from 144 random bits.
func passwordFor(fromStdin bool, stdin io.Reader) (string, bool, error) {
	if !fromStdin {
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return "", false, err
		}
		return base64.RawURLEncoding.EncodeToString(b), true, nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, fmt.Errorf("lecture du mot de passe : %w", err)
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}

// describe spells out an application error for a terminal: its message and each field's problem.
func describe(err error) error {
	e, ok := apperr.As(err)
	if !ok || e.Kind == apperr.KindInternal {
		return err
	}
	var b strings.Builder
	b.WriteString(e.Message)
	fields := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	for _, f := range fields {
		fmt.Fprintf(&b, "\n  --%s : %s", flagName(f), e.Fields[f])
	}
	return errors.New(b.String())
}

// flagName maps a field of the API to the command's flag.
func flagName(field string) string {
	switch field {
	case "departements":
		return "departement"
	case "structure_ids":
		return "structure"
	case "region_code":
		return "region"
	case "partner_org":
		return "partner-org"
	}
	return field
}
