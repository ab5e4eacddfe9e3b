package user

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"maillage/pkg/db"
)

// RefreshTTL is how long a session survives without activity.
const RefreshTTL = 14 * 24 * time.Hour

// Refresh tokens are 32 random bytes; the database keeps only their SHA-256, so a leaked table opens no session.
// Each login starts a family; every rotation adds a token to it, and presenting a token twice revokes the family
// (someone else holds a copy).

type refreshRow struct {
	ID        string
	FamilyID  string
	UserID    string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

func hashRefresh(raw string) []byte {
	sum := sha256.Sum256([]byte(raw))
	return sum[:]
}

// issueRefresh stores a new token of the family and returns it in clear, once.
func issueRefresh(ctx context.Context, gdb *gorm.DB, userID, familyID string, now time.Time) (string, time.Time, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", time.Time{}, err
	}
	raw := base64.RawURLEncoding.EncodeToString(b)
	expires := now.Add(RefreshTTL)
	err := db.Conn(ctx, gdb).Exec(`INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, issued_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, uuid.NewString(), familyID, userID, hashRefresh(raw), now, expires).Error
	return raw, expires, err
}

// findRefresh reads the token's row, locked until the transaction ends so two rotations cannot both succeed.
func findRefresh(ctx context.Context, gdb *gorm.DB, raw string) (refreshRow, bool, error) {
	var rows []refreshRow
	err := db.Conn(ctx, gdb).Table("refresh_tokens").
		Select("id::text AS id, family_id::text AS family_id, user_id::text AS user_id, expires_at, used_at, revoked_at").
		Where("token_hash = ?", hashRefresh(raw)).Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).
		Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return refreshRow{}, false, err
	}
	return rows[0], true, nil
}

func markUsed(ctx context.Context, gdb *gorm.DB, id string, now time.Time) error {
	return db.Conn(ctx, gdb).Exec(`UPDATE refresh_tokens SET used_at = ? WHERE id = ?`, now, id).Error
}

func revokeFamily(ctx context.Context, gdb *gorm.DB, familyID string, now time.Time) error {
	return db.Conn(ctx, gdb).Exec(`UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL`,
		now, familyID).Error
}

// revokeUserTokens ends every session of the account, except the family of keepRaw when given (the session
// that is changing its own password stays open).
func revokeUserTokens(ctx context.Context, gdb *gorm.DB, userID, keepRaw string, now time.Time) error {
	keep := []byte{}
	if keepRaw != "" {
		keep = hashRefresh(keepRaw)
	}
	return db.Conn(ctx, gdb).Exec(`UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL
		AND family_id NOT IN (SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND user_id = ?)`,
		now, userID, keep, userID).Error
}
