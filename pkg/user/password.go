package user

import (
	"context"

	"maillage/pkg/apperr"
	"maillage/pkg/auth"
	"maillage/pkg/db"
)

// PasswordChange is a person changing their own password ("mon compte").
type PasswordChange struct {
	Current string
	New     string
	// KeepRefresh is the refresh token of the session making the change: its family stays open, every other
	// session of the account is closed.
	KeepRefresh string
	IP          string
}

// ChangeOwnPassword checks the current password (counted by the login throttle, so a stolen access token cannot
// be used to guess it), stores the new one and closes the account's other sessions.
func (s *Service) ChangeOwnPassword(ctx context.Context, actor auth.Actor, pc PasswordChange) error {
	if actor.Kind != auth.ActorUser {
		return apperr.Forbidden("auth.forbidden", "Seul un compte utilisateur a un mot de passe.")
	}
	var v apperr.Validation
	v.Check(pc.Current != "", "current_password", "Saisissez votre mot de passe actuel.")
	if msg := auth.PasswordPolicy(pc.New); msg != "" {
		v.Add("new_password", msg)
	}
	v.Check(pc.New != pc.Current, "new_password", "Le nouveau mot de passe doit être différent de l’actuel.")
	if err := v.Err(); err != nil {
		return err
	}
	now := s.now()
	email := normalizeEmail(actor.Label)
	if err := s.throttle.check(ctx, email, pc.IP, now); err != nil {
		return err
	}
	cred, found, err := s.credentials(ctx, "id = ?", actor.ID)
	if err != nil || !found {
		return apperr.Internal(err, "change password: account vanished")
	}
	if ok, _ := s.hasher.Verify(ctx, pc.Current, cred.PasswordHash); !ok {
		if err := s.throttle.fail(ctx, email, pc.IP, now); err != nil {
			return err
		}
		return apperr.Invalid("auth.wrong_password", "current_password", "Le mot de passe actuel est incorrect.")
	}
	hash, err := s.hasher.Hash(ctx, pc.New)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, s.db, func(ctx context.Context) error {
		err := db.Conn(ctx, s.db).Exec(`UPDATE users SET password_hash = ? WHERE id = ?`, hash, actor.ID).Error
		if err == nil {
			err = revokeUserTokens(ctx, s.db, actor.ID, pc.KeepRefresh, now)
		}
		if err != nil {
			return err
		}
		// The entry says that the password changed, never what it is.
		return s.audit(ctx, AuditEntry{Action: "user.password_change", ObjectType: "user",
			ObjectID: actor.ID, Departements: actor.Departements})
	})
}
