// Package partnering holds the use cases of partners (issue 7, ADR 0008): operators and the socle, local
// partners, referents, permanences with their hours (validated with pkg/hours, stored with pkg/opening), the
// coverage matrix of a département, API clients with client credentials and the authentication of their tokens,
// webhook subscriptions, and the dispatcher and worker that turn the audit log into signed deliveries.
//
// Who may do what is decided here: admin everything; prefecture and animateur their départements (API clients
// and webhooks: admin and prefecture only); partner users and API clients only the permanences and referents of
// their own organisation (403 otherwise) in their départements (404 outside them). Every write is audited in its
// transaction, under the client's name when a client makes it.
package partnering

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/opening"
	"maillage/pkg/partner"
	"maillage/pkg/structure"
	"maillage/pkg/territory"
)

// UserAuthenticator turns a user's access token into its actor (pkg/user).
type UserAuthenticator interface {
	Authenticate(ctx context.Context, token string) (auth.Actor, error)
}

// Service runs the partner use cases.
type Service struct {
	DB         *gorm.DB
	Partners   *partner.Store
	Structures *structure.Store
	Territory  *territory.Store
	Opening    *opening.Store
	Tokens     *auth.Tokens
	Users      UserAuthenticator
	Now        func() time.Time
	// RequireHTTPS refuses webhook URLs other than https (production).
	RequireHTTPS bool
}

var (
	stewards = []auth.Role{auth.RoleAdmin, auth.RolePrefecture, auth.RoleAnimateur} // manage partners
	managers = []auth.Role{auth.RoleAdmin, auth.RolePrefecture}                     // API clients, webhooks
)

func forbidden(message string) error { return apperr.Forbidden("auth.forbidden", message) }

func departementNotFound() error {
	return apperr.NotFound("departement.not_found", "Ce département n’est pas dans votre territoire.")
}

// today is the civil date in Europe/Paris.
func (s *Service) today() string { return partner.CivilDate(s.Now()) }

// readDeps is the département filter of the actor's reads (nil: every département).
func readDeps(a auth.Actor) []string {
	deps, limited := a.DepartementFilter()
	if !limited {
		return nil
	}
	return deps
}

// seeDepartement answers 404 for a département outside the actor's territory.
func seeDepartement(a auth.Actor, code string) error {
	if !a.CanSeeDepartement(code) {
		return departementNotFound()
	}
	return nil
}

// orgOf is the partner organisation of a partner user or an API client: a local partner id, or an operator code
// (compared in lower case: accounts created before the operators existed say "CNAF").
func orgOf(a auth.Actor) partner.Ref {
	if db.IsUUID(a.PartnerOrg) {
		return partner.Ref{Kind: partner.KindLocal, ID: a.PartnerOrg}
	}
	return partner.Ref{Kind: partner.KindOperator, ID: strings.ToLower(strings.TrimSpace(a.PartnerOrg))}
}

// isPartner tells a partner user or an API client (both act for one organisation).
func isPartner(a auth.Actor) bool { return a.Role == auth.RolePartner || a.Kind == auth.ActorClient }

// mayWriteFor says whether the actor may write the referents and permanences of the partner: stewards of the
// territory for every partner, partner users and clients for their own organisation only.
func mayWriteFor(a auth.Actor, r partner.Ref) error {
	switch {
	case a.HasRole(stewards...) && a.Kind != auth.ActorClient:
		return nil
	case isPartner(a) && orgOf(a) == r:
		return nil
	case isPartner(a):
		return apperr.Forbidden("partner.other_organisation",
			"Vous ne pouvez modifier que les permanences et les référents de votre propre organisme.")
	}
	return forbidden("Votre rôle ne permet pas de modifier les partenaires.")
}

// inTx runs fn in a transaction carrying the actor (for the audit log).
func (s *Service) inTx(ctx context.Context, a auth.Actor, fn func(ctx context.Context) error) error {
	return db.WithTx(auth.WithActor(ctx, a), s.DB, fn)
}

func trimmed(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

func textTooLong(s string, max int) bool { return len([]rune(s)) > max }

// LocalPartner returns a local partner of the actor's territory (404 otherwise).
func (s *Service) LocalPartner(ctx context.Context, a auth.Actor, id string) (partner.LocalPartner, error) {
	return s.Partners.LocalPartner(ctx, readDeps(a), id)
}

// Referent returns a referent of the actor's territory (404 otherwise).
func (s *Service) Referent(ctx context.Context, a auth.Actor, id string) (Referent, error) {
	r, err := s.Partners.Referent(ctx, readDeps(a), id)
	if err != nil {
		return Referent{}, err
	}
	views, err := s.referentViews(ctx, []partner.Referent{r})
	if err != nil {
		return Referent{}, err
	}
	return views[0], nil
}

// Permanence returns a permanence at a structure of the actor's territory (404 otherwise).
func (s *Service) Permanence(ctx context.Context, a auth.Actor, id string) (Permanence, error) {
	p, err := s.Partners.Permanence(ctx, readDeps(a), id)
	if err != nil {
		return Permanence{}, err
	}
	if _, err := s.Structures.Get(ctx, a, p.StructureID); apperr.IsKind(err, apperr.KindNotFound) {
		return Permanence{}, partner.ErrPermanenceNotFound
	} else if err != nil {
		return Permanence{}, err
	}
	views, err := s.permanenceViews(ctx, []partner.Permanence{p})
	if err != nil {
		return Permanence{}, err
	}
	return views[0], nil
}
