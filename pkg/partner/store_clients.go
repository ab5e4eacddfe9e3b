package partner

import (
	"context"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// ErrClientNotFound is the 404 of an API client absent or outside the caller's territory.
var ErrClientNotFound = apperr.NotFound("api_client.not_found", "Ce client d’API n’existe pas ou n’est pas dans votre territoire.")

// ErrStaleClient is the 412 of a client changed since it was read.
var ErrStaleClient = stale("Le client d’API a été modifié depuis votre lecture : rechargez-le puis recommencez.")

type clientRow struct {
	ID, ClientID, Name, OrganisationKind, OperatorCode, CreatedBy string
	LocalPartnerID, ValidFrom, ValidTo                            *string
	Departements, Scopes                                          db.TextArray
	RevokedAt, LastUsedAt                                         *time.Time
	CreatedAt                                                     time.Time
	Version                                                       int
}

// ClientFilter selects API clients.
type ClientFilter struct {
	Departements []string // clients with at least one of these départements; nil: all
	IDs          []string
	ClientID     string
}

// Clients returns the clients matching f with their secrets, newest first (two statements).
func (s *Store) Clients(ctx context.Context, f ClientFilter) ([]Client, error) {
	conn := db.Conn(ctx, s.DB)
	q := conn.Table("api_clients").Select(`id, client_id, name, organisation_kind, coalesce(operator_code, '') AS operator_code,
		local_partner_id, departements, scopes, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
		to_char(valid_to, 'YYYY-MM-DD') AS valid_to, revoked_at, last_used_at, created_by, created_at, version`)
	if f.Departements != nil {
		q = q.Where("departements && CAST(? AS text[])", db.TextArray(f.Departements))
	}
	if f.IDs != nil {
		q = q.Where("id IN ?", f.IDs)
	}
	if f.ClientID != "" {
		q = q.Where("client_id = ?", f.ClientID)
	}
	var rows []clientRow
	if err := q.Order("created_at DESC, id").Scan(&rows).Error; err != nil || len(rows) == 0 {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var secrets []struct {
		ID, APIClientID       string
		CreatedAt             time.Time
		ExpiresAt, LastUsedAt *time.Time
	}
	if err := conn.Raw(`SELECT id, api_client_id, created_at, expires_at, last_used_at FROM api_client_secrets
		WHERE api_client_id IN ? ORDER BY created_at, id`, ids).Scan(&secrets).Error; err != nil {
		return nil, err
	}
	byClient := map[string][]Secret{}
	for _, x := range secrets {
		byClient[x.APIClientID] = append(byClient[x.APIClientID], Secret{ID: x.ID, CreatedAt: x.CreatedAt,
			ExpiresAt: x.ExpiresAt, LastUsedAt: x.LastUsedAt})
	}
	out := make([]Client, len(rows))
	for i, r := range rows {
		out[i] = Client{ID: r.ID, ClientID: r.ClientID, Name: r.Name,
			Organisation: refOf(r.OrganisationKind, r.OperatorCode, r.LocalPartnerID), Departements: r.Departements,
			Scopes: r.Scopes, ValidFrom: deref(r.ValidFrom), ValidTo: deref(r.ValidTo), RevokedAt: r.RevokedAt,
			LastUsedAt: r.LastUsedAt, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, Secrets: byClient[r.ID],
			Version: r.Version}
	}
	return out, nil
}

// Client returns one client visible in the départements (nil: any).
func (s *Store) Client(ctx context.Context, deps []string, id string) (Client, error) {
	if !db.IsUUID(id) {
		return Client{}, ErrClientNotFound
	}
	list, err := s.Clients(ctx, ClientFilter{Departements: deps, IDs: []string{id}})
	if err != nil {
		return Client{}, err
	}
	if len(list) == 0 {
		return Client{}, ErrClientNotFound
	}
	return list[0], nil
}

// InsertClient writes a new client and its first secret (digest), and returns it as stored.
func (s *Store) InsertClient(ctx context.Context, c Client, digest []byte) (Client, error) {
	c.ID = uuid.NewString()
	op, local := c.Organisation.columns()
	if err := db.Conn(ctx, s.DB).Exec(`INSERT INTO api_clients (id, client_id, name, organisation_kind, operator_code,
		local_partner_id, departements, scopes, valid_from, valid_to, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS date), ?)`, c.ID, c.ClientID, c.Name,
		c.Organisation.Kind, op, local, db.TextArray(c.Departements), db.TextArray(c.Scopes), nullable(c.ValidFrom),
		nullable(c.ValidTo), c.CreatedBy).Error; err != nil {
		return Client{}, err
	}
	if err := s.AddSecret(ctx, c.ID, digest, nil); err != nil {
		return Client{}, err
	}
	return s.Client(ctx, nil, c.ID)
}

// UpdateClient writes name, départements, scopes and validity at the expected version.
func (s *Store) UpdateClient(ctx context.Context, c Client, version int) (Client, error) {
	res := db.Conn(ctx, s.DB).Exec(`UPDATE api_clients SET name = ?, departements = ?, scopes = ?,
		valid_from = CAST(? AS date), valid_to = CAST(? AS date), updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`, c.Name, db.TextArray(c.Departements), db.TextArray(c.Scopes),
		nullable(c.ValidFrom), nullable(c.ValidTo), c.ID, version)
	if res.Error != nil {
		return Client{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Client{}, ErrStaleClient
	}
	return s.Client(ctx, nil, c.ID)
}

// AddSecret adds a secret to a client; the secrets still valid expire at expireOthers (nil: left as they are).
func (s *Store) AddSecret(ctx context.Context, clientID string, digest []byte, expireOthers *time.Time) error {
	conn := db.Conn(ctx, s.DB)
	if expireOthers != nil {
		if err := conn.Exec(`UPDATE api_client_secrets SET expires_at = ? WHERE api_client_id = ?
			AND (expires_at IS NULL OR expires_at > ?)`, *expireOthers, clientID, *expireOthers).Error; err != nil {
			return err
		}
	}
	return conn.Exec(`INSERT INTO api_client_secrets (api_client_id, secret_hash) VALUES (?, ?)`, clientID, digest).Error
}

// Revoke marks the client revoked at t and expires its secrets; false when it already was.
func (s *Store) Revoke(ctx context.Context, id string, t time.Time) (bool, error) {
	conn := db.Conn(ctx, s.DB)
	res := conn.Exec(`UPDATE api_clients SET revoked_at = ?, updated_at = now(), version = version + 1
		WHERE id = ? AND revoked_at IS NULL`, t, id)
	if res.Error != nil || res.RowsAffected == 0 {
		return false, res.Error
	}
	return true, conn.Exec(`UPDATE api_client_secrets SET expires_at = ? WHERE api_client_id = ?
		AND (expires_at IS NULL OR expires_at > ?)`, t, id, t).Error
}

// SecretDigest is a stored secret as the token endpoint checks it.
type SecretDigest struct {
	ID        string
	Digest    []byte
	ExpiresAt *time.Time
}

// SecretDigests returns the secrets of a client with their digests.
func (s *Store) SecretDigests(ctx context.Context, clientID string) ([]SecretDigest, error) {
	var out []SecretDigest
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, secret_hash AS digest, expires_at FROM api_client_secrets
		WHERE api_client_id = ? ORDER BY created_at DESC`, clientID).Scan(&out).Error
	return out, err
}

// TouchSecret records that a secret (and its client) was used at t.
func (s *Store) TouchSecret(ctx context.Context, clientID, secretID string, t time.Time) error {
	conn := db.Conn(ctx, s.DB)
	if err := conn.Exec(`UPDATE api_client_secrets SET last_used_at = ? WHERE id = ?`, t, secretID).Error; err != nil {
		return err
	}
	return s.TouchClient(ctx, clientID, t)
}

// TouchClient records that the client was used at t; written at most once a minute per client, so a busy client
// does not turn each of its requests into a write.
func (s *Store) TouchClient(ctx context.Context, clientID string, t time.Time) error {
	return db.Conn(ctx, s.DB).Exec(`UPDATE api_clients SET last_used_at = ? WHERE id = ?
		AND (last_used_at IS NULL OR last_used_at < ?)`, t, clientID, t.Add(-time.Minute)).Error
}
