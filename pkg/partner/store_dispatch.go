package partner

import (
	"context"
	"time"

	"maillage/pkg/db"
)

// Cursor is the position of the dispatcher in the audit log: the (transaction id, entry id) of the last entry
// turned into deliveries. Transaction ids are xid8 values, kept in their decimal text form.
type Cursor struct {
	TxID string
	ID   int64
}

// LockCursor takes the dispatcher's cursor for the rest of the transaction carried by ctx; false when another
// replica holds it (that replica is dispatching: this one has nothing to do).
func (s *Store) LockCursor(ctx context.Context) (Cursor, bool, error) {
	var rows []struct {
		LastTxid string
		LastID   int64
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT last_txid::text AS last_txid, last_id FROM webhook_cursor
		FOR UPDATE SKIP LOCKED`).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return Cursor{}, false, err
	}
	return Cursor{TxID: rows[0].LastTxid, ID: rows[0].LastID}, true, nil
}

// SaveCursor moves the cursor.
func (s *Store) SaveCursor(ctx context.Context, c Cursor) error {
	return db.Conn(ctx, s.DB).Exec(`UPDATE webhook_cursor SET last_txid = CAST(? AS xid8), last_id = ?, updated_at = now()`,
		c.TxID, c.ID).Error
}

// Changes returns up to limit audit entries after the cursor, in (transaction id, id) order, among those written
// by transactions older than every transaction still running: those are all committed (or rolled back) and no
// later commit can add an entry before them, so the cursor never jumps over an entry committed late with a lower
// id. Entries of a long transaction wait until it ends. The second value is the position after the last entry.
func (s *Store) Changes(ctx context.Context, after Cursor, limit int) ([]AuditChange, Cursor, error) {
	var rows []struct {
		ID                           int64
		Txid                         string
		At                           time.Time
		Action, ObjectType, ObjectID string
		Departements, Changed        db.TextArray
		Closing                      bool
	}
	err := db.Conn(ctx, s.DB).Raw(`SELECT id, txid::text AS txid, at, action, object_type, object_id, departements,
		coalesce((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(CASE WHEN jsonb_typeof(diff) = 'object'
			THEN diff END) k), '{}') AS changed,
		coalesce(after->>'label_status' IN ?, false) OR coalesce(after->>'state' IN ?, false)
			OR coalesce(after->>'status' IN ?, false) OR coalesce(after->>'to' IN ?, false) AS closing
		FROM audit_log WHERE (txid, id) > (CAST(? AS xid8), ?) AND txid < pg_snapshot_xmin(pg_current_snapshot())
		ORDER BY txid, id LIMIT ?`, ClosingLabelStates, ClosingLabelStates, ClosingLabelStates, ClosingLabelStates,
		after.TxID, after.ID, limit).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, after, err
	}
	out := make([]AuditChange, len(rows))
	for i, r := range rows {
		out[i] = AuditChange{ID: r.ID, At: r.At, Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID,
			Departements: r.Departements, Changed: r.Changed, Closing: r.Closing}
	}
	last := rows[len(rows)-1]
	return out, Cursor{TxID: last.Txid, ID: last.ID}, nil
}

// Listener is an active webhook of a usable client, with the client's territory.
type Listener struct {
	SubscriptionID string
	Events         []string
	Departements   []string
}

// Listeners returns the active webhooks of the clients neither revoked nor out of their validity on the civil
// date of t.
func (s *Store) Listeners(ctx context.Context, t time.Time) ([]Listener, error) {
	var rows []struct {
		ID                   string
		Events, Departements db.TextArray
	}
	d := CivilDate(t)
	err := db.Conn(ctx, s.DB).Raw(`SELECT s.id, s.events, c.departements FROM webhook_subscriptions s
		JOIN api_clients c ON c.id = s.api_client_id
		WHERE s.active AND c.revoked_at IS NULL AND (c.valid_from IS NULL OR c.valid_from <= CAST(? AS date))
		AND (c.valid_to IS NULL OR c.valid_to >= CAST(? AS date)) ORDER BY s.id`, d, d).Scan(&rows).Error
	out := make([]Listener, len(rows))
	for i, r := range rows {
		out[i] = Listener{SubscriptionID: r.ID, Events: r.Events, Departements: r.Departements}
	}
	return out, err
}
