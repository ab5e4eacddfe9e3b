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

// Lookup reads the key, one statement that writes nothing: the stored response when the same request was already
// answered; nil when the key is free (never used, expired, or left behind by a request that never completed), so
// the caller must Claim it; or an error: the key reused for another request (422) or a reservation of another
// request still fresh (409).
func (s *Store) Lookup(ctx context.Context, r Request) (*Response, error) {
	var found []row
	if err := db.Conn(ctx, s.DB).Raw(`SELECT method, path, request_hash, status, content_type, location, etag,
		response_body, created_at FROM idempotency_keys WHERE actor = ? AND key = ?`, r.Actor, r.Key).Scan(&found).Error; err != nil {
		return nil, err
	}
	now := s.Now()
	if len(found) == 0 || found[0].CreatedAt.Before(now.Add(-Retention)) {
		return nil, nil
	}
	existing := found[0]
	if existing.Method != r.Method || existing.Path != r.Path || !bytes.Equal(existing.RequestHash, r.Hash) {
		return nil, apperr.Invalid("idempotency.key_reused", "Idempotency-Key",
			"Cette clé d’idempotence a déjà servi pour une autre requête : utilisez une nouvelle clé.")
	}
	if existing.Status == nil {
		if existing.CreatedAt.Before(now.Add(-staleAfter)) {
			return nil, nil
		}
		return nil, ErrInProgress
	}
	return &Response{Status: *existing.Status, ContentType: existing.ContentType, Location: existing.Location,
		ETag: existing.Etag, Body: existing.ResponseBody}, nil
}

// ErrInProgress answers a key whose first request is still running.
var ErrInProgress = apperr.Conflict("idempotency.in_progress",
	"La première requête envoyée avec cette clé est encore en cours : réessayez dans un instant.")

// Claim reserves the key in the caller's transaction (ctx carries it, so the claim, the request's writes and its
// stored response commit together). A concurrent claim of the same key waits on the unique index until the first
// transaction ends: if it committed, Claim returns false and the caller rolls back and reads the answer with
// Lookup; if it rolled back, the key is free again and this claim takes it. An expired key, or a reservation left
// behind by a request that never completed, is taken over.
func (s *Store) Claim(ctx context.Context, r Request) (bool, error) {
	now := s.Now()
	res := db.Conn(ctx, s.DB).Exec(`INSERT INTO idempotency_keys (actor, key, method, path, request_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (actor, key) DO UPDATE SET method = EXCLUDED.method, path = EXCLUDED.path,
			request_hash = EXCLUDED.request_hash, status = NULL, response_body = NULL, created_at = EXCLUDED.created_at
		WHERE idempotency_keys.created_at < ? OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < ?)`,
		r.Actor, r.Key, r.Method, r.Path, r.Hash, now, now.Add(-Retention), now.Add(-staleAfter))
	return res.RowsAffected == 1, res.Error
}

// Complete stores the response of a claimed request, one UPDATE in the claim's transaction.
func (s *Store) Complete(ctx context.Context, r Request, resp Response) error {
	return db.Conn(ctx, s.DB).Exec(`UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, etag = ?,
		response_body = ? WHERE actor = ? AND key = ?`,
		resp.Status, resp.ContentType, resp.Location, resp.ETag, resp.Body, r.Actor, r.Key).Error
}

// Release forgets a reservation whose answer is not kept (not a success), so a retry can run the request again.
func (s *Store) Release(ctx context.Context, r Request) error {
	return db.Conn(ctx, s.DB).Exec(`DELETE FROM idempotency_keys WHERE actor = ? AND key = ? AND status IS NULL`,
		r.Actor, r.Key).Error
}

// Purge removes expired keys; the server calls it periodically.
func (s *Store) Purge(ctx context.Context) (int64, error) {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM idempotency_keys WHERE created_at < ?`, s.Now().Add(-Retention))
	return res.RowsAffected, res.Error
}
