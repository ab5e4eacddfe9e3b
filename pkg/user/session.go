package user

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// Session is what a login or a refresh hands back: an access token, a refresh token (in clear, to put in the
// cookie) and the account.
type Session struct {
	Access           auth.AccessToken
	RefreshToken     string
	RefreshExpiresAt time.Time
	User             User
}

type credentials struct {
	ID           string
	PasswordHash string
	Active       bool
}

func invalidCredentials() error {
	return apperr.New(apperr.KindUnauthenticated, "auth.invalid_credentials",
		"Adresse e-mail ou mot de passe incorrect.")
}

func invalidRefresh() error {
	return apperr.New(apperr.KindUnauthenticated, "auth.invalid_refresh",
		"Votre session a expiré : reconnectez-vous.")
}

// Login checks the password and opens a session. Unknown e-mail, wrong password and inactive account get the
// same answer after the same work (a real or dummy argon2 verification), so nobody can probe for accounts.
func (s *Service) Login(ctx context.Context, email, password, ip string) (Session, error) {
	email = normalizeEmail(email)
	var v apperr.Validation
	v.Check(email != "", "email", "Saisissez votre adresse e-mail.")
	// Longer than any address: refused before it becomes a throttling key.
	v.Check(len(email) <= 254, "email", "Adresse e-mail invalide.")
	v.Check(password != "", "password", "Saisissez votre mot de passe.")
	if err := v.Err(); err != nil {
		return Session{}, err
	}
	now := s.now()
	if err := s.throttle.check(ctx, email, ip, now); err != nil {
		return Session{}, err
	}
	cred, found, err := s.credentials(ctx, "lower(email) = ?", email)
	if err != nil {
		return Session{}, err
	}
	ok := false
	if found && cred.Active && cred.PasswordHash != "" {
		ok, _ = s.hasher.Verify(ctx, password, cred.PasswordHash) // a malformed stored hash is a failed login
	} else {
		s.hasher.DummyVerify(ctx, password)
	}
	if err := ctx.Err(); err != nil {
		return Session{}, err
	}
	if !ok {
		if err := s.throttle.fail(ctx, email, ip, now); err != nil {
			return Session{}, err
		}
		return Session{}, invalidCredentials()
	}
	if err := s.throttle.reset(ctx, email); err != nil {
		return Session{}, err
	}
	var sess Session
	err = db.WithTx(ctx, s.db, func(ctx context.Context) error {
		// Only a login counts as one: refreshes do not move last_login_at.
		err := db.Conn(ctx, s.db).Exec(`UPDATE users SET last_login_at = ? WHERE id = ?`, now, cred.ID).Error
		if err == nil {
			sess, err = s.openSession(ctx, cred.ID, uuid.NewString(), now)
		}
		return err
	})
	return sess, err
}

// openSession issues a refresh token of the family and an access token.
func (s *Service) openSession(ctx context.Context, userID, familyID string, now time.Time) (Session, error) {
	var sess Session
	err := db.WithTx(ctx, s.db, func(ctx context.Context) error {
		var err error
		if sess.RefreshToken, sess.RefreshExpiresAt, err = issueRefresh(ctx, s.db, userID, familyID, now); err != nil {
			return err
		}
		sess.User, err = s.store.get(ctx, auth.System, userID, false)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	sess.Access, err = s.tokens.Issue(userID, auth.ActorUser, sess.User.Role)
	return sess, err
}

// Refresh rotates the refresh token. A token presented a second time means it was copied: the whole family is
// revoked, which logs out both the thief and the victim (who logs in again).
// RefreshRaceGrace is how long after its rotation a refresh token may be presented again without being taken
// for a stolen copy (ADR 0003).
const RefreshRaceGrace = 10 * time.Second

func (s *Service) Refresh(ctx context.Context, raw string) (Session, error) {
	if raw == "" {
		return Session{}, invalidRefresh()
	}
	now := s.now()
	var sess Session
	var reused bool
	err := db.WithTx(ctx, s.db, func(ctx context.Context) error {
		row, found, err := findRefresh(ctx, s.db, raw)
		switch {
		case err != nil:
			return err
		case !found || row.RevokedAt != nil || !row.ExpiresAt.After(now):
			return invalidRefresh()
		case row.UsedAt != nil && now.Sub(*row.UsedAt) < RefreshRaceGrace:
			// Tabs share the cookie: a second tab restoring its session a moment after the first sent the same
			// token. Not theft: the browser already holds the new cookie, so the caller just tries again.
			return apperr.Conflict("auth.refresh_race",
				"La session vient d’être renouvelée par un autre onglet : réessayez.")
		case row.UsedAt != nil:
			reused = true // commit the revocation, then answer the error
			return revokeFamily(ctx, s.db, row.FamilyID, now)
		}
		cred, found, err := s.credentials(ctx, "id = ?", row.UserID)
		if err != nil {
			return err
		}
		if !found || !cred.Active {
			return invalidRefresh()
		}
		if err := markUsed(ctx, s.db, row.ID, now); err != nil {
			return err
		}
		sess, err = s.openSession(ctx, row.UserID, row.FamilyID, now)
		return err
	})
	if reused {
		return Session{}, apperr.New(apperr.KindUnauthenticated, "auth.refresh_reused",
			"Cette session a été utilisée ailleurs : par sécurité, reconnectez-vous.")
	}
	return sess, err
}

// Logout revokes the family of the refresh token; an unknown or missing token is not an error (the cookie may
// have expired already).
func (s *Service) Logout(ctx context.Context, raw string) error {
	if raw == "" {
		return nil
	}
	return db.Conn(ctx, s.db).Exec(`UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL
		AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)`, s.now(), hashRefresh(raw)).Error
}

// Authenticate turns an access token into the actor, reloading the account on every request so that a
// deactivation or a territory change takes effect at once. One statement (loadActor): the account with its
// départements (for a regional account, those of its région) and structures.
func (s *Service) Authenticate(ctx context.Context, token string) (auth.Actor, error) {
	c, err := s.tokens.Parse(token)
	if err != nil {
		return auth.Actor{}, err
	}
	if c.Kind != auth.ActorUser {
		return auth.Actor{}, auth.InvalidToken() // client credentials arrive with the partner API
	}
	a, err := s.loadActor(ctx, c.Subject)
	if errors.Is(err, errNoActor) {
		return auth.Actor{}, auth.InvalidToken()
	}
	return a, err
}

func (s *Service) credentials(ctx context.Context, where string, arg string) (credentials, bool, error) {
	var rows []credentials
	err := db.Conn(ctx, s.db).Raw(`SELECT id::text AS id, password_hash, active FROM users WHERE `+where, arg).
		Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return credentials{}, false, err
	}
	return rows[0], true, nil
}
