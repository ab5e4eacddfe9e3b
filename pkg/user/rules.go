package user

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
)

// emailPattern is deliberately loose (one @, a dot in the domain, no spaces): the real check is that mail
// arrives, and over-strict patterns reject valid addresses.
var emailPattern = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)

// departementPattern matches metropolitan (01–95, 2A, 2B) and overseas (971–989) codes.
var departementPattern = regexp.MustCompile(`^([0-9]{2}|2[AB]|9[78][0-9])$`)

const maxNameLength = 200

// managers may administer accounts; the route table says the same.
var managers = []auth.Role{auth.RoleAdmin, auth.RolePrefecture}

// normalizeEmail is the form e-mails are stored, compared and throttled in.
func normalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func normalized(u User) User {
	u.Email = normalizeEmail(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	u.RegionCode = strings.TrimSpace(u.RegionCode)
	u.PartnerOrg = strings.TrimSpace(u.PartnerOrg)
	u.Departements = cleanList(u.Departements, strings.ToUpper)
	u.StructureIDs = cleanList(u.StructureIDs, canonicalUUID)
	return u
}

// canonicalUUID writes a valid UUID in its canonical form and leaves anything else for the validation to report.
func canonicalUUID(s string) string {
	if id, err := uuid.Parse(s); err == nil {
		return id.String()
	}
	return strings.ToLower(s)
}

// cleanList trims, maps, sorts and deduplicates; the result is never nil.
func cleanList(in []string, f func(string) string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = f(strings.TrimSpace(s)); s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkFields validates the formats and the coherence of the territory with the role, into v.
func checkFields(u User, v *apperr.Validation) {
	switch {
	case u.Email == "":
		v.Add("email", "L’adresse e-mail est obligatoire.")
	case len(u.Email) > 254 || !emailPattern.MatchString(u.Email):
		v.Add("email", "Adresse e-mail invalide.")
	}
	v.Check(u.Name != "", "name", "Le nom est obligatoire.")
	v.Check(utf8.RuneCountInString(u.Name) <= maxNameLength, "name",
		fmt.Sprintf("Le nom ne doit pas dépasser %d caractères.", maxNameLength))
	if !u.Role.Valid() {
		v.Add("role", "Rôle inconnu : valeurs possibles admin, region, prefecture, animateur, structure, partner.")
		return
	}
	for _, d := range u.Departements {
		v.Check(departementPattern.MatchString(d), "departements", "Code de département invalide : "+d+".")
	}
	for _, id := range u.StructureIDs {
		_, err := uuid.Parse(id)
		v.Check(err == nil, "structure_ids", "Identifiant de structure invalide : "+id+".")
	}
	checkTerritory(u, v)
}

// checkTerritory: each role carries exactly the territory fields it uses, so an account never holds a stale
// territory that a later role change would silently revive.
func checkTerritory(u User, v *apperr.Validation) {
	r := u.Role
	needsDeps := r == auth.RolePrefecture || r == auth.RoleAnimateur || r == auth.RolePartner
	allowsDeps := needsDeps || r == auth.RoleStructure
	switch {
	case r == auth.RoleRegion && u.RegionCode == "":
		v.Add("region_code", "Indiquez la région de ce compte.")
	case r != auth.RoleRegion && u.RegionCode != "":
		v.Add("region_code", "Seul un compte régional est rattaché à une région.")
	}
	switch {
	case needsDeps && len(u.Departements) == 0:
		v.Add("departements", "Indiquez au moins un département.")
	case r == auth.RoleRegion && len(u.Departements) > 0:
		v.Add("departements", "Un compte régional couvre tous les départements de sa région : n’en indiquez pas.")
	case !allowsDeps && len(u.Departements) > 0:
		v.Add("departements", "Un compte administrateur n’est pas rattaché à des départements.")
	}
	switch {
	case r == auth.RoleStructure && len(u.StructureIDs) == 0:
		v.Add("structure_ids", "Indiquez au moins une structure.")
	case r != auth.RoleStructure && len(u.StructureIDs) > 0:
		v.Add("structure_ids", "Seul un compte de structure est rattaché à des structures.")
	}
	switch {
	case r == auth.RolePartner && u.PartnerOrg == "":
		v.Add("partner_org", "Indiquez l’organisme partenaire (ex. CNAF).")
	case r != auth.RolePartner && u.PartnerOrg != "":
		v.Add("partner_org", "Seul un compte partenaire est rattaché à un organisme.")
	}
}

// checkReferences verifies that the région, départements and structures exist (after the formats passed). A
// structure outside a non-national actor's territory is reported as unknown, as its 404 would.
func (s *Service) checkReferences(ctx context.Context, actor auth.Actor, u User) error {
	var v apperr.Validation
	located, err := s.store.structureDepartements(ctx, u.StructureIDs)
	if err != nil {
		return err
	}
	var unknown []string
	for _, id := range u.StructureIDs {
		if dep, ok := located[id]; !ok || !actor.CanSeeDepartement(dep) {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		v.Add("structure_ids", "Structure inconnue : "+strings.Join(unknown, ", ")+".")
	}
	missing, err := s.territory.MissingDepartements(ctx, u.Departements)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		v.Add("departements", "Département inconnu : "+strings.Join(missing, ", ")+".")
	}
	if u.RegionCode != "" {
		ok, err := s.territory.RegionExists(ctx, u.RegionCode)
		if err != nil {
			return err
		}
		v.Check(ok, "region_code", "Région inconnue : "+u.RegionCode+".")
	}
	return v.Err()
}

// checkMayGiveRole: only an administrator creates, changes or hands out an administrator or regional account.
// It runs before field validation: a refused function is a 403 whatever else the request holds.
func checkMayGiveRole(actor auth.Actor, roles ...auth.Role) error {
	if actor.IsNational() {
		return nil
	}
	for _, r := range roles {
		if r == auth.RoleAdmin || r == auth.RoleRegion {
			return apperr.Forbidden("user.role_forbidden",
				"Seul un administrateur peut créer ou modifier un compte administrateur ou régional.")
		}
	}
	return nil
}

// checkMayAssign: a non-national actor works only within its départements (changed is what the write adds or
// removes), and leaves the account with at least one département, or it would vanish from the actor's view.
func checkMayAssign(actor auth.Actor, result, changed []string) error {
	if actor.IsNational() {
		return nil
	}
	for _, d := range changed {
		if !actor.CanSeeDepartement(d) {
			return apperr.Forbidden("auth.out_of_territory",
				"Le département "+d+" ne fait pas partie de votre territoire.")
		}
	}
	if len(result) == 0 {
		return apperr.Invalid("validation_failed", "departements", "Indiquez au moins un de vos départements.")
	}
	return nil
}

// symmetricDiff lists the codes present in exactly one of a and b.
func symmetricDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}

func requireManager(actor auth.Actor) error {
	if !actor.HasRole(managers...) {
		return apperr.Forbidden("auth.forbidden", "Votre rôle ne permet pas de gérer les comptes.")
	}
	return nil
}

func notFound() error {
	return apperr.NotFound("user.not_found", "Ce compte n’existe pas ou ne fait pas partie de votre territoire.")
}
