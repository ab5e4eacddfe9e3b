package partnering

import (
	"context"
	"slices"
	"time"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/partner"
)

// ClientFields create an API client or change one; nil means "not given". The organisation is set at creation.
type ClientFields struct {
	Name             *string
	OrganisationKind *string
	OrganisationID   *string
	Departements     *[]string
	Scopes           *[]string
	ValidFrom        *string
	ValidTo          *string
}

// NewSecret is a secret shown once: its value, and the secret as stored (without the value).
type NewSecret struct {
	Value  string
	Secret partner.Secret
}

// MaxRotationOverlap bounds how long an old secret may stay valid after a rotation.
const MaxRotationOverlap = 30 * 24 * time.Hour

func mayManageClients(a auth.Actor) error {
	if a.Kind == auth.ActorClient || !a.HasRole(managers...) {
		return forbidden("Seules l’administration et la préfecture gèrent les clients d’API.")
	}
	return nil
}

// Clients lists the API clients with at least one département in the actor's territory (in dep when given).
func (s *Service) Clients(ctx context.Context, a auth.Actor, dep string) ([]partner.Client, error) {
	if err := mayManageClients(a); err != nil {
		return nil, err
	}
	deps := readDeps(a)
	if dep != "" {
		if err := seeDepartement(a, dep); err != nil {
			return nil, err
		}
		deps = []string{dep}
	}
	return s.Partners.Clients(ctx, partner.ClientFilter{Departements: deps})
}

// Client returns an API client of the actor's territory (404 otherwise).
func (s *Service) Client(ctx context.Context, a auth.Actor, id string) (partner.Client, error) {
	c, err := s.Partners.Client(ctx, readDeps(a), id)
	if err != nil {
		return c, err
	}
	return c, mayManageClients(a)
}

// writableClient reads a client the actor may change: all its départements in the actor's territory.
func (s *Service) writableClient(ctx context.Context, a auth.Actor, id string) (partner.Client, error) {
	c, err := s.Client(ctx, a, id)
	if err != nil {
		return c, err
	}
	if !allVisible(a, c.Departements) {
		return c, outOfTerritory()
	}
	return c, nil
}

func allVisible(a auth.Actor, deps []string) bool {
	for _, d := range deps {
		if !a.CanSeeDepartement(d) {
			return false
		}
	}
	return true
}

func outOfTerritory() error {
	return apperr.Forbidden("auth.out_of_territory", "Ce client d’API couvre un département hors de votre territoire.")
}

// CreateClient registers a partner's software; the secret is returned once and only its digest is stored.
func (s *Service) CreateClient(ctx context.Context, a auth.Actor, f ClientFields) (partner.Client, string, error) {
	if err := mayManageClients(a); err != nil {
		return partner.Client{}, "", err
	}
	var out partner.Client
	value, digest, err := partner.NewSecret()
	if err != nil {
		return out, "", err
	}
	err = s.inTx(ctx, a, func(ctx context.Context) error {
		c := partner.Client{CreatedBy: a.Label}
		if c.ClientID, err = partner.NewClientID(); err != nil {
			return err
		}
		if err := s.applyClient(ctx, a, &c, f, true); err != nil {
			return err
		}
		if out, err = s.Partners.InsertClient(ctx, c, digest); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "api_client.create", ObjectType: "api_client",
			ObjectID: out.ID, Departements: out.Departements, After: clientView(out)})
	})
	return out, value, err
}

// UpdateClient changes name, départements, scopes or validity at the expected version.
func (s *Service) UpdateClient(ctx context.Context, a auth.Actor, id string, version int, f ClientFields) (partner.Client, error) {
	if f.OrganisationKind != nil || f.OrganisationID != nil {
		return partner.Client{}, apperr.Invalid("validation_failed", "organisation_id",
			"L’organisme d’un client d’API ne change pas : créez-en un autre.")
	}
	var out partner.Client
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		before, err := s.writableClient(ctx, a, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return partner.ErrStaleClient
		}
		next := before
		if err := s.applyClient(ctx, a, &next, f, false); err != nil {
			return err
		}
		if slices.Equal(before.Departements, next.Departements) && slices.Equal(before.Scopes, next.Scopes) &&
			before.Name == next.Name && before.ValidFrom == next.ValidFrom && before.ValidTo == next.ValidTo {
			out = before
			return nil
		}
		if out, err = s.Partners.UpdateClient(ctx, next, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "api_client.update", ObjectType: "api_client", ObjectID: id,
			Departements: union(before.Departements, out.Departements), Before: clientView(before), After: clientView(out)})
	})
	return out, err
}

// RotateSecret issues a new secret; the previous ones stay valid until oldExpiresAt (nil: 7 days from now, at
// most 30 days), so the partner can deploy the new one without an outage.
func (s *Service) RotateSecret(ctx context.Context, a auth.Actor, id string, oldExpiresAt *time.Time) (NewSecret, time.Time, error) {
	now := s.Now()
	expires := now.Add(partner.RotationOverlap)
	if oldExpiresAt != nil {
		expires = *oldExpiresAt
	}
	if expires.Before(now) || expires.After(now.Add(MaxRotationOverlap)) {
		return NewSecret{}, expires, apperr.Invalid("validation_failed", "old_secret_expires_at",
			"L’ancien secret reste valide entre maintenant et 30 jours au plus.")
	}
	value, digest, err := partner.NewSecret()
	if err != nil {
		return NewSecret{}, expires, err
	}
	var out NewSecret
	err = s.inTx(ctx, a, func(ctx context.Context) error {
		c, err := s.writableClient(ctx, a, id)
		if err != nil {
			return err
		}
		if c.RevokedAt != nil {
			return apperr.Conflict("api_client.revoked", "Ce client d’API est révoqué : créez-en un autre.")
		}
		if err := s.Partners.AddSecret(ctx, id, digest, &expires); err != nil {
			return err
		}
		after, err := s.Partners.Client(ctx, nil, id)
		if err != nil {
			return err
		}
		out = NewSecret{Value: value, Secret: after.Secrets[len(after.Secrets)-1]}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "api_client.rotate_secret", ObjectType: "api_client",
			ObjectID: id, Departements: c.Departements, Before: clientView(c), After: clientView(after)})
	})
	return out, expires, err
}

// RevokeClient revokes a client at once: its tokens stop working on their next request and its secrets expire.
// Revoking a revoked client changes nothing.
func (s *Service) RevokeClient(ctx context.Context, a auth.Actor, id string) (partner.Client, error) {
	var out partner.Client
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		before, err := s.writableClient(ctx, a, id)
		if err != nil {
			return err
		}
		done, err := s.Partners.Revoke(ctx, id, s.Now())
		if err != nil || !done {
			out = before
			return err
		}
		if out, err = s.Partners.Client(ctx, nil, id); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "api_client.revoke", ObjectType: "api_client", ObjectID: id,
			Departements: before.Departements, Before: clientView(before), After: clientView(out)})
	})
	return out, err
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func clientView(c partner.Client) map[string]any {
	return map[string]any{"id": c.ID, "client_id": c.ClientID, "name": c.Name, "organisation_kind": c.Organisation.Kind,
		"organisation_id": c.Organisation.ID, "departements": c.Departements, "scopes": c.Scopes,
		"valid_from": c.ValidFrom, "valid_to": c.ValidTo, "revoked_at": c.RevokedAt, "credentials": len(c.Secrets)}
}

// applyClient writes the given fields onto c and validates them: départements that exist and lie in the actor's
// territory (403 otherwise), known scopes, an organisation that exists (a local partner of one of the client's
// départements).
func (s *Service) applyClient(ctx context.Context, a auth.Actor, c *partner.Client, f ClientFields, creating bool) error {
	for _, x := range []struct {
		dst *string
		src *string
	}{{&c.Name, f.Name}, {&c.ValidFrom, f.ValidFrom}, {&c.ValidTo, f.ValidTo}} {
		if x.src != nil {
			*x.dst = trimmed(x.src)
		}
	}
	if f.Departements != nil {
		c.Departements = compact(*f.Departements)
	}
	if f.Scopes != nil {
		c.Scopes = compact(*f.Scopes)
	}
	if !allVisible(a, c.Departements) {
		return outOfTerritory()
	}
	var v apperr.Validation
	v.Check(c.Name != "" && !textTooLong(c.Name, 200), "name", "Le nom est obligatoire (200 caractères au plus).")
	v.Check(len(c.Departements) > 0, "departements", "Au moins un département.")
	if missing, err := s.Territory.MissingDepartements(ctx, c.Departements); err != nil {
		return err
	} else if len(missing) > 0 {
		v.Add("departements", "Département inconnu : "+missing[0]+".")
	}
	v.Check(len(c.Scopes) > 0, "scopes", "Au moins une portée : structures:read, permanences:write ou referents:write.")
	for _, sc := range c.Scopes {
		v.Check(slices.Contains(partner.Scopes, sc), "scopes", "Portée inconnue : "+sc+".")
	}
	validPeriod(&v, "valid_from", c.ValidFrom, "valid_to", c.ValidTo)
	if creating {
		if err := s.clientOrganisation(ctx, c, f, &v); err != nil {
			return err
		}
	}
	return v.Err()
}

func (s *Service) clientOrganisation(ctx context.Context, c *partner.Client, f ClientFields, v *apperr.Validation) error {
	c.Organisation = partner.Ref{Kind: partner.Kind(trimmed(f.OrganisationKind)), ID: trimmed(f.OrganisationID)}
	switch c.Organisation.Kind {
	case partner.KindOperator:
		if _, err := s.Partners.Operator(ctx, c.Organisation.ID); apperr.IsKind(err, apperr.KindNotFound) {
			v.Add("organisation_id", "Opérateur national inconnu.")
		} else if err != nil {
			return err
		}
	case partner.KindLocal:
		l, err := s.Partners.LocalPartner(ctx, nil, c.Organisation.ID)
		switch {
		case apperr.IsKind(err, apperr.KindNotFound) || err == nil && !slices.Contains(c.Departements, l.Departement):
			v.Add("organisation_id", "Partenaire local inconnu dans les départements du client.")
		case err != nil:
			return err
		}
	default:
		v.Add("organisation_kind", "Type d’organisme inconnu : operator ou local.")
	}
	return nil
}

// compact trims, drops empty values and duplicates, and sorts.
func compact(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s = trimmed(&s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
