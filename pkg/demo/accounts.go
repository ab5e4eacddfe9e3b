package demo

import (
	"context"
	"runtime"

	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/territory"
	"maillage/pkg/user"
)

// account is one demo login of ADR 0001.
type account struct {
	email        string
	name         string
	role         auth.Role
	region       string
	departements []string
	partnerOrg   string
	structure70  bool // attached to the demo structure of Haute-Saône
}

// Accounts lists the demo logins, in the order the README prints them.
var accounts = []account{
	{email: "admin@maillage.test", name: "Administration nationale (ANCT)", role: auth.RoleAdmin},
	{email: "region.bfc@maillage.test", name: "SGAR Bourgogne-Franche-Comté", role: auth.RoleRegion, region: "27"},
	{email: "prefecture.70@maillage.test", name: "Préfecture de la Haute-Saône", role: auth.RolePrefecture,
		departements: []string{"70"}},
	{email: "prefecture.57@maillage.test", name: "Préfecture de la Moselle", role: auth.RolePrefecture,
		departements: []string{"57"}},
	{email: "prefecture.60@maillage.test", name: "Préfecture de l’Oise", role: auth.RolePrefecture,
		departements: []string{"60"}},
	{email: "animateur.70@maillage.test", name: "Animation départementale de la Haute-Saône", role: auth.RoleAnimateur,
		departements: []string{"70"}},
	{email: "structure.70@maillage.test", name: "France services de Vesoul", role: auth.RoleStructure,
		departements: []string{"70"}, structure70: true},
	{email: "partenaire.caf.70@maillage.test", name: "CAF de la Haute-Saône", role: auth.RolePartner,
		departements: []string{"70"}, partnerOrg: "CNAF"},
}

// Emails lists the demo logins (for the README and `make run`'s closing message).
func Emails() []string {
	out := make([]string, len(accounts))
	for i, a := range accounts {
		out[i] = a.email
	}
	return out
}

func seedAccounts(ctx context.Context, s *seeder) error {
	users := user.NewService(user.Deps{
		DB: s.db, Territory: &territory.Store{DB: s.db}, Now: s.now,
		Hasher: auth.NewHasher(auth.DefaultPasswordParams, runtime.GOMAXPROCS(0)),
		Audit:  func(ctx context.Context, e user.AuditEntry) error { return audit.Record(ctx, s.db, audit.Entry(e)) },
	})
	existing, err := users.ExistingEmails(ctx, Emails())
	if err != nil {
		return err
	}
	for _, a := range accounts {
		if existing[a.email] {
			s.report(false, "compte %s (%s)", a.email, a.role)
			continue
		}
		in := user.NewUser{Email: a.email, Name: a.name, Role: a.role, RegionCode: a.region,
			Departements: a.departements, PartnerOrg: a.partnerOrg, Password: Password}
		if a.structure70 {
			in.StructureIDs = []string{s.structure70}
		}
		if _, err := users.Create(ctx, auth.System, in); err != nil {
			return err
		}
		s.report(true, "compte %s (%s)", a.email, a.role)
	}
	return nil
}
