package gen

import (
	"context"
	"fmt"
	"sort"

	"github.com/google/uuid"
)

// userInfo is a generated account, for the audit rows.
type userInfo struct {
	id    uuid.UUID
	label string
	deps  []string
}

type account struct {
	email, name, role string
	region, org       any // NULL or text
	deps              []string
	structure         *uuid.UUID
}

// accounts lists the accounts by priority, so that a smaller data set keeps the ones the benchmark signs in with:
// administrators, then one prefecture per département (the one of exactly 40 structures and the largest first),
// one account per région, one animation per département, partners, then people working in structures.
func (w *writer) accounts() []account {
	out := []account{}
	for i := range 3 {
		out = append(out, account{email: fmt.Sprintf("admin%d@bench.maillage.test", i+1), name: fmt.Sprintf("Administration nationale %d", i+1), role: "admin"})
	}
	size := map[string]int{}
	for _, s := range w.sites {
		size[s.dep.code]++
	}
	deps := make([]departement, len(w.ref.departements))
	copy(deps, w.ref.departements)
	sort.SliceStable(deps, func(a, b int) bool {
		if (deps[a].code == FortyDepartement) != (deps[b].code == FortyDepartement) {
			return deps[a].code == FortyDepartement
		}
		return size[deps[a].code] > size[deps[b].code]
	})
	for _, d := range deps {
		out = append(out, account{email: "prefecture." + d.code + "@bench.maillage.test", name: "Préfecture – " + d.name,
			role: "prefecture", deps: []string{d.code}})
	}
	for _, reg := range w.ref.regions {
		out = append(out, account{email: "region." + reg + "@bench.maillage.test", name: "SGAR " + reg, role: "region", region: reg})
	}
	for _, d := range deps {
		out = append(out, account{email: "animateur." + d.code + "@bench.maillage.test", name: "Animation – " + d.name,
			role: "animateur", deps: []string{d.code}})
	}
	orgs := []string{"CNAF", "CNAM", "MSA", "DGFIP", "FRANCE_TRAVAIL"}
	for i := range 40 {
		d := deps[i%len(deps)]
		out = append(out, account{email: fmt.Sprintf("partenaire.%d@bench.maillage.test", i+1), name: orgs[i%len(orgs)] + " – " + d.name,
			role: "partner", org: orgs[i%len(orgs)], deps: []string{d.code}})
	}
	for i := 0; len(out) < w.cfg.Users && len(w.sites) > 0; i++ {
		s := &w.sites[(i*7919)%len(w.sites)]
		out = append(out, account{email: fmt.Sprintf("structure.%d@bench.maillage.test", i+1), name: fmt.Sprintf("Agent d’accueil %d", i+1),
			role: "structure", deps: []string{s.dep.code}, structure: &s.id})
	}
	return out[:min(len(out), w.cfg.Users)]
}

// users writes the accounts with their territory; they have no password (the benchmark mints tokens).
func (w *writer) users(ctx context.Context) error {
	r := w.stream("users")
	var users, deps, structures [][]any
	for _, a := range w.accounts() {
		id := newID(r)
		users = append(users, []any{id, a.email, a.name, a.role, a.region, a.org})
		for _, d := range a.deps {
			deps = append(deps, []any{id, d})
		}
		if a.structure != nil {
			structures = append(structures, []any{id, *a.structure})
		}
		w.people = append(w.people, userInfo{id: id, label: a.name, deps: a.deps})
	}
	w.counts.Users = len(users)
	if err := w.copyRows(ctx, "users", []string{"id", "email", "name", "role", "region_code", "partner_org"}, users); err != nil {
		return err
	}
	if err := w.copyRows(ctx, "user_departements", []string{"user_id", "departement_code"}, deps); err != nil {
		return err
	}
	return w.copyRows(ctx, "user_structures", []string{"user_id", "structure_id"}, structures)
}
