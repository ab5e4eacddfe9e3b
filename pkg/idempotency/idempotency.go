// Package idempotency remembers the response to a POST sent with an Idempotency-Key, so a client that retries
// after a lost response gets the same answer instead of a second object. Keys are per actor and live 24 hours.
package idempotency

import (
	"bytes"
	"context"
	"time"

	"gorm.io/gorm"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// Retention is how long a key is remembered.
const Retention = 24 * time.Hour

// staleAfter is when a reservation whose request never completed (a crash) may be taken over.
const staleAfter = time.Minute

// Request identifies one keyed request.
type Request struct {
	Actor  string
	Key    string
	Method string
	Path   string
	Hash   []byte // SHA-256 of the body
}

// Response is what is replayed.
type Response struct {
	Status      int
	ContentType string
	Location    string
	ETag        string
	Body        []byte
}

// Store keeps keys in PostgreSQL so every replica sees them.
type Store struct {
	DB  *gorm.DB
	Now func() time.Time
}

type row struct {
	Method       string
	Path         string
	RequestHash  []byte
	Status       *int
	ContentType  string
	Location     string
	Etag         string
	ResponseBody []byte
	CreatedAt    time.Time
}

// Reserve claims the key. It returns the stored response when the same request was already answered, nil when
// the caller must run the request (and then Complete or Release), or an error: the key reused for another
// request (422) or the first request still running (409).
func (s *Store) Reserve(ctx context.Context, r Request) (*Response, error) {
	now := s.Now()
	conn := db.Conn(ctx, s.DB)
	res := conn.Exec(`INSERT INTO idempotency_keys (actor, key, method, path, request_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (actor, key) DO UPDATE SET method = EXCLUDED.method, path = EXCLUDED.path,
			request_hash = EXCLUDED.request_hash, status = NULL, response_body = NULL, created_at = EXCLUDED.created_at
		WHERE idempotency_keys.created_at < ? OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < ?)`,
		r.Actor, r.Key, r.Method, r.Path, r.Hash, now, now.Add(-Retention), now.Add(-staleAfter))
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 1 {
		return nil, nil
	}
	var existing row
	if err := conn.Raw(`SELECT method, path, request_hash, status, content_type, location, etag, response_body, created_at
		FROM idempotency_keys WHERE actor = ? AND key = ?`, r.Actor, r.Key).Scan(&existing).Error; err != nil {
		return nil, err
	}
	if existing.Method != r.Method || existing.Path != r.Path || !bytes.Equal(existing.RequestHash, r.Hash) {
		return nil, apperr.Invalid("idempotency.key_reused", "Idempotency-Key",
			"Cette clé d’idempotence a déjà servi pour une autre requête : utilisez une nouvelle clé.")
	}
	if existing.Status == nil {
		return nil, apperr.Conflict("idempotency.in_progress",
			"La première requête envoyée avec cette clé est encore en cours : réessayez dans un instant.")
	}
	return &Response{Status: *existing.Status, ContentType: existing.ContentType, Location: existing.Location,
		ETag: existing.Etag, Body: existing.ResponseBody}, nil
}

// Complete stores the response of a reserved request.
func (s *Store) Complete(ctx context.Context, r Request, resp Response) error {
	return db.Conn(ctx, s.DB).Exec(`UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, etag = ?,
		response_body = ? WHERE actor = ? AND key = ?`,
		resp.Status, resp.ContentType, resp.Location, resp.ETag, resp.Body, r.Actor, r.Key).Error
}

// Release forgets a reservation whose request failed before it changed anything, so a retry can run it again.
func (s *Store) Release(ctx context.Context, r Request) error {
	return db.Conn(ctx, s.DB).Exec(`DELETE FROM idempotency_keys WHERE actor = ? AND key = ? AND status IS NULL`,
		r.Actor, r.Key).Error
}

// Purge removes expired keys; the server calls it periodically.
func (s *Store) Purge(ctx context.Context) (int64, error) {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM idempotency_keys WHERE created_at < ?`, s.Now().Add(-Retention))
	return res.RowsAffected, res.Error
}
