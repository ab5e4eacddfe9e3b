package visit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// ErrAttachmentNotFound is the 404 of an attachment absent or not of the visit.
var ErrAttachmentNotFound = apperr.NotFound("attachment.not_found", "Cette pièce jointe n’existe pas ou n’est pas dans votre territoire.")

const attachmentColumns = `id, visit_id, name, content_type, size_bytes AS size, sha256, uploaded_by, created_at`

// Attachments lists the attachments of a visit (already read, so scoped, by the caller), oldest first.
func (s *Store) Attachments(ctx context.Context, visitID string) ([]Attachment, error) {
	var out []Attachment
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+attachmentColumns+` FROM visit_attachments WHERE visit_id = ?
		ORDER BY created_at, id`, visitID).Scan(&out).Error
	if out == nil {
		out = []Attachment{}
	}
	return out, err
}

// Attachment returns one attachment of a visit, without its content.
func (s *Store) Attachment(ctx context.Context, visitID, id string) (Attachment, error) {
	if !IsUUID(id) {
		return Attachment{}, ErrAttachmentNotFound
	}
	var out []Attachment
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+attachmentColumns+` FROM visit_attachments WHERE visit_id = ? AND id = ?`,
		visitID, id).Scan(&out).Error
	if err != nil {
		return Attachment{}, err
	}
	if len(out) == 0 {
		return Attachment{}, ErrAttachmentNotFound
	}
	return out[0], nil
}

// AttachmentContent returns the bytes of an attachment of a visit.
func (s *Store) AttachmentContent(ctx context.Context, visitID, id string) ([]byte, error) {
	var rows []struct{ Content []byte }
	err := db.Conn(ctx, s.DB).Raw(`SELECT content FROM visit_attachments WHERE visit_id = ? AND id = ?`, visitID, id).
		Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, ErrAttachmentNotFound
	}
	return rows[0].Content, nil
}

// CountAttachments counts the attachments of a visit.
func (s *Store) CountAttachments(ctx context.Context, visitID string) (int, error) {
	var n int
	err := db.Conn(ctx, s.DB).Raw(`SELECT count(*) FROM visit_attachments WHERE visit_id = ?`, visitID).Scan(&n).Error
	return n, err
}

// InsertAttachment stores a file; a.ContentType and a.Name must already be checked.
func (s *Store) InsertAttachment(ctx context.Context, a Attachment, content []byte) (Attachment, error) {
	sum := sha256.Sum256(content)
	a.ID, a.Size, a.SHA256 = uuid.NewString(), len(content), hex.EncodeToString(sum[:])
	err := db.Conn(ctx, s.DB).Exec(`INSERT INTO visit_attachments (id, visit_id, name, content_type, size_bytes, sha256,
		content, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.VisitID, a.Name, a.ContentType, a.Size, a.SHA256, content, a.UploadedBy).Error
	if err != nil {
		return Attachment{}, err
	}
	return s.Attachment(ctx, a.VisitID, a.ID)
}

// DeleteAttachment removes an attachment.
func (s *Store) DeleteAttachment(ctx context.Context, visitID, id string) error {
	return db.Conn(ctx, s.DB).Exec(`DELETE FROM visit_attachments WHERE visit_id = ? AND id = ?`, visitID, id).Error
}

// HashCalendarToken is how a calendar token is kept: its SHA-256 (the token carries 256 random bits, so a fast
// hash is enough to make a stolen table useless).
func HashCalendarToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// CalendarToken describes a user's calendar feed token (never the token itself).
type CalendarToken struct {
	UserID     string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// SetCalendarToken gives the user a new token hash, replacing (and so revoking) any previous one.
func (s *Store) SetCalendarToken(ctx context.Context, userID string, hash []byte) (CalendarToken, error) {
	err := db.Conn(ctx, s.DB).Exec(`INSERT INTO calendar_tokens (user_id, token_hash) VALUES (?, ?)
		ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now(), last_used_at = NULL`,
		userID, hash).Error
	if err != nil {
		return CalendarToken{}, err
	}
	t, _, err := s.CalendarTokenOf(ctx, userID)
	return t, err
}

// CalendarTokenOf describes the user's token, if any.
func (s *Store) CalendarTokenOf(ctx context.Context, userID string) (CalendarToken, bool, error) {
	var rows []CalendarToken
	err := db.Conn(ctx, s.DB).Raw(`SELECT user_id, created_at, last_used_at FROM calendar_tokens WHERE user_id = ?`,
		userID).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return CalendarToken{}, false, err
	}
	return rows[0], true, nil
}

// RevokeCalendarToken removes the user's token; it tells whether there was one.
func (s *Store) RevokeCalendarToken(ctx context.Context, userID string) (bool, error) {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM calendar_tokens WHERE user_id = ?`, userID)
	return res.RowsAffected > 0, res.Error
}

// CalendarTokenOwner finds the user a token hash belongs to and notes the use (at most once an hour, so that
// calendar clients polling the feed do not write on every request).
func (s *Store) CalendarTokenOwner(ctx context.Context, hash []byte, now time.Time) (string, bool, error) {
	var rows []CalendarToken
	conn := db.Conn(ctx, s.DB)
	err := conn.Raw(`SELECT user_id, created_at, last_used_at FROM calendar_tokens WHERE token_hash = ?`, hash).
		Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return "", false, err
	}
	if t := rows[0]; t.LastUsedAt == nil || t.LastUsedAt.Before(now.Add(-time.Hour)) {
		if err := conn.Exec(`UPDATE calendar_tokens SET last_used_at = ? WHERE user_id = ?`, now, t.UserID).Error; err != nil {
			return "", false, err
		}
	}
	return rows[0].UserID, true, nil
}

// Lock holds a visit's row until the transaction ends (e.g. to count its attachments and add one atomically).
func (s *Store) Lock(ctx context.Context, visitID string) error {
	return db.Conn(ctx, s.DB).Exec(`SELECT 1 FROM visits WHERE id = ? FOR UPDATE`, visitID).Error
}
