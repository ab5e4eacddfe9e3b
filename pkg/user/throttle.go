package user

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// ThrottleLimits bound failed logins per account and per client IP within a sliding window.
type ThrottleLimits struct {
	AccountFailures int
	IPFailures      int
	Window          time.Duration
	Lock            time.Duration
}

// DefaultThrottle: 5 failures per account or 20 per IP within 15 minutes lock that account or IP for 15 minutes.
var DefaultThrottle = ThrottleLimits{AccountFailures: 5, IPFailures: 20, Window: 15 * time.Minute, Lock: 15 * time.Minute}

// throttle counts failures in login_throttle, so the limits hold across API replicas. The account key is the
// normalised e-mail as typed, known or not: unknown addresses lock the same way, so locks reveal nothing.
type throttle struct {
	db     *gorm.DB
	limits ThrottleLimits
}

// check refuses the attempt while the account or the IP is locked, telling when to retry.
func (t throttle) check(ctx context.Context, email, ip string, now time.Time) error {
	var until sql.NullTime
	err := db.Conn(ctx, t.db).Raw(`SELECT max(locked_until) FROM login_throttle
		WHERE ((scope = 'account' AND subject = ?) OR (scope = 'ip' AND subject = ?)) AND locked_until > ?`,
		email, ip, now).Row().Scan(&until)
	if err != nil || !until.Valid {
		return err
	}
	return &apperr.Error{Kind: apperr.KindTooManyRequests, Code: "auth.too_many_attempts",
		Message:    "Trop de tentatives de connexion. Réessayez dans quelques minutes.",
		RetryAfter: until.Time.Sub(now)}
}

// fail counts one failure for the account and the IP in one statement, starting a new window when the previous
// one is over and locking when the limit is reached.
func (t throttle) fail(ctx context.Context, email, ip string, now time.Time) error {
	since, lockedUntil := now.Add(-t.limits.Window), now.Add(t.limits.Lock)
	return db.Conn(ctx, t.db).Exec(`WITH p AS (SELECT ?::timestamptz AS now, ?::timestamptz AS since,
			?::timestamptz AS locked_until, ?::int AS account_max, ?::int AS ip_max)
		INSERT INTO login_throttle AS t (scope, subject, failures, window_start)
		SELECT v.scope, v.subject, 1, p.now FROM p, (VALUES ('account', ?::text), ('ip', ?::text)) AS v (scope, subject)
		ON CONFLICT (scope, subject) DO UPDATE SET
			failures = CASE WHEN t.window_start <= (SELECT since FROM p) THEN 1 ELSE t.failures + 1 END,
			window_start = CASE WHEN t.window_start <= (SELECT since FROM p) THEN (SELECT now FROM p)
				ELSE t.window_start END,
			locked_until = CASE
				WHEN (CASE WHEN t.window_start <= (SELECT since FROM p) THEN 1 ELSE t.failures + 1 END)
					>= (SELECT CASE t.scope WHEN 'account' THEN account_max ELSE ip_max END FROM p)
				THEN (SELECT locked_until FROM p) ELSE t.locked_until END`,
		now, since, lockedUntil, t.limits.AccountFailures, t.limits.IPFailures, email, ip).Error
}

// reset forgets the account's failures after a successful login. The IP's are kept: one good password must not
// wipe an attacker's count of failures on other accounts.
func (t throttle) reset(ctx context.Context, email string) error {
	return db.Conn(ctx, t.db).Exec(`DELETE FROM login_throttle WHERE scope = 'account' AND subject = ?`, email).Error
}
