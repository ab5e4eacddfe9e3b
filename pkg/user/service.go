package user

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// Service holds the account and session use cases.
type Service struct {
	db        *gorm.DB
	store     store
	territory Territory
	audit     Recorder
	hasher    *auth.Hasher
	tokens    *auth.Tokens
	now       func() time.Time
	throttle  throttle
}

// AuditEntry is an account change for the audit log; it has the fields of audit.Entry, so the composition root
// converts one into the other.
type AuditEntry struct {
	Action       string
	ObjectType   string
	ObjectID     string
	Departements []string
	Before       any
	After        any
}

// Recorder writes an audit entry in the transaction carried by ctx. It is audit.Record in production, wired by
// the caller because pkg/user and pkg/audit sit on the same layer and may not import each other.
type Recorder func(ctx context.Context, e AuditEntry) error

// Deps are what the service is built from; Tokens may be nil for callers that never open sessions (the seed).
type Deps struct {
	DB        *gorm.DB
	Territory Territory
	Audit     Recorder
	Hasher    *auth.Hasher
	Tokens    *auth.Tokens
	Now       func() time.Time
	Throttle  ThrottleLimits // zero value: DefaultThrottle
}

// NewService builds the service. Writes without an audit trail are not an option, so Audit is required.
func NewService(d Deps) *Service {
	if d.Audit == nil || d.DB == nil || d.Territory == nil || d.Hasher == nil || d.Now == nil {
		panic("user.NewService: DB, Territory, Audit, Hasher and Now are required")
	}
	limits := d.Throttle
	if limits == (ThrottleLimits{}) {
		limits = DefaultThrottle
	}
	return &Service{db: d.DB, store: store{db: d.DB}, territory: d.Territory, audit: d.Audit, hasher: d.Hasher,
		tokens: d.Tokens, now: d.Now, throttle: throttle{db: d.DB, limits: limits}}
}

// Get returns an account inside the actor's territory (404 otherwise).
func (s *Service) Get(ctx context.Context, actor auth.Actor, id string) (User, error) {
	if err := requireManager(actor); err != nil {
		return User{}, err
	}
	return s.store.get(ctx, actor, id, false)
}

// Me returns the caller's own account.
func (s *Service) Me(ctx context.Context, actor auth.Actor) (User, error) {
	if actor.Kind != auth.ActorUser {
		return User{}, apperr.NotFound("user.not_found", "Cet appelant n’est pas un compte utilisateur.")
	}
	return s.store.get(ctx, auth.System, actor.ID, false)
}

// List returns a page of the accounts inside the actor's territory.
func (s *Service) List(ctx context.Context, actor auth.Actor, f Filter) (Page, error) {
	if err := requireManager(actor); err != nil {
		return Page{}, err
	}
	if f.Role != "" && !auth.Role(f.Role).Valid() {
		return Page{}, apperr.Invalid("validation_failed", "role", "Rôle inconnu.")
	}
	return s.store.list(ctx, actor, f)
}

// Create validates and creates an account with its first password, and records it in the audit log.
func (s *Service) Create(ctx context.Context, actor auth.Actor, in NewUser) (User, error) {
	if err := requireManager(actor); err != nil {
		return User{}, err
	}
	u := normalized(User{ID: uuid.NewString(), Email: in.Email, Name: in.Name, Role: in.Role,
		RegionCode: in.RegionCode, Departements: in.Departements, StructureIDs: in.StructureIDs,
		PartnerOrg: in.PartnerOrg, Active: true})
	if err := checkMayGiveRole(actor, u.Role); err != nil {
		return User{}, err
	}
	var v apperr.Validation
	checkFields(u, &v)
	if msg := auth.PasswordPolicy(in.Password); msg != "" {
		v.Add("password", msg)
	}
	if err := v.Err(); err != nil {
		return User{}, err
	}
	if err := checkMayAssign(actor, u.Departements, u.Departements); err != nil {
		return User{}, err
	}
	if err := s.checkReferences(ctx, actor, u); err != nil {
		return User{}, err
	}
	// Hash before the transaction: it takes tens of milliseconds that need not hold a connection.
	hash, err := s.hasher.Hash(ctx, in.Password)
	if err != nil {
		return User{}, err
	}
	var created User
	err = db.WithTx(ctx, s.db, func(ctx context.Context) error {
		if err := s.store.insert(ctx, u, hash, s.now()); err != nil {
			return err
		}
		if created, err = s.store.get(ctx, auth.System, u.ID, false); err != nil {
			return err
		}
		return s.audit(ctx, AuditEntry{Action: "user.create", ObjectType: "user", ObjectID: u.ID,
			Departements: created.Departements, After: auditView(created)})
	})
	return created, err
}

// Update applies a partial update if version is still current (412 otherwise). Deactivating an account revokes
// its refresh tokens; its access tokens stop working at once because every request reloads the account.
func (s *Service) Update(ctx context.Context, actor auth.Actor, id string, version int, c Changes) (User, error) {
	if err := requireManager(actor); err != nil {
		return User{}, err
	}
	var updated User
	err := db.WithTx(ctx, s.db, func(ctx context.Context) error {
		cur, err := s.store.get(ctx, actor, id, true)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return versionMismatch()
		}
		next := cur.apply(c)
		if err := s.checkUpdate(ctx, actor, cur, next); err != nil {
			return err
		}
		if sameState(cur, next) {
			updated = cur
			return nil
		}
		updated, err = s.write(ctx, cur, next, version)
		return err
	})
	return updated, err
}

// checkUpdate: permissions on the role first (403 whatever the rest), then the fields, then the territory.
func (s *Service) checkUpdate(ctx context.Context, actor auth.Actor, cur, next User) error {
	if actor.ID == cur.ID && (next.Role != cur.Role || !next.Active) {
		return apperr.Forbidden("user.self_change_forbidden",
			"Vous ne pouvez ni changer votre propre rôle ni désactiver votre propre compte.")
	}
	if err := checkMayGiveRole(actor, cur.Role, next.Role); err != nil {
		return err
	}
	var v apperr.Validation
	checkFields(next, &v)
	if err := v.Err(); err != nil {
		return err
	}
	changed := symmetricDiff(cur.Departements, next.Departements)
	if err := checkMayAssign(actor, next.Departements, changed); err != nil {
		return err
	}
	return s.checkReferences(ctx, actor, next)
}

// write stores next over cur, revokes sessions on deactivation and records the change.
func (s *Service) write(ctx context.Context, cur, next User, version int) (User, error) {
	now := s.now()
	if err := s.store.update(ctx, next, version, now); err != nil {
		return User{}, err
	}
	action := "user.update"
	if cur.Active && !next.Active {
		action = "user.deactivate"
		if err := revokeUserTokens(ctx, s.db, cur.ID, "", now); err != nil {
			return User{}, err
		}
	} else if !cur.Active && next.Active {
		action = "user.reactivate"
	}
	updated, err := s.store.get(ctx, auth.System, cur.ID, false)
	if err != nil {
		return User{}, err
	}
	return updated, s.audit(ctx, AuditEntry{Action: action, ObjectType: "user", ObjectID: cur.ID,
		Departements: union(cur.Departements, next.Departements), Before: auditView(cur), After: auditView(updated)})
}

// ExistingEmails tells which of the e-mails already have an account (whatever the territory); the demo seed uses
// it to stay idempotent.
func (s *Service) ExistingEmails(ctx context.Context, emails []string) (map[string]bool, error) {
	norm := make([]string, len(emails))
	for i, e := range emails {
		norm[i] = normalizeEmail(e)
	}
	var found []string
	err := db.Conn(ctx, s.db).Raw(`SELECT lower(email) FROM users WHERE lower(email) = ANY(?::text[])`,
		db.TextArray(norm)).Scan(&found).Error
	out := map[string]bool{}
	for _, e := range found {
		out[e] = true
	}
	return out, err
}
