package partner

import (
	"context"
	"time"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/db"
)

// ErrSubscriptionNotFound is the 404 of a webhook absent or outside the caller's territory.
var ErrSubscriptionNotFound = apperr.NotFound("webhook.not_found", "Ce webhook n’existe pas ou n’est pas dans votre territoire.")

// ErrDeliveryNotFound is the 404 of a delivery absent or outside the caller's territory.
var ErrDeliveryNotFound = apperr.NotFound("webhook_delivery.not_found",
	"Cet envoi n’existe pas ou n’est pas dans votre territoire.")

// ErrStaleSubscription is the 412 of a webhook changed since it was read.
var ErrStaleSubscription = stale("Le webhook a été modifié depuis votre lecture : rechargez-le puis recommencez.")

type subscriptionRow struct {
	ID, APIClientID, URL, SigningSecret string
	Events                              db.TextArray
	Active                              bool
	CreatedAt                           time.Time
	Version                             int
}

func (r subscriptionRow) subscription() Subscription {
	return Subscription{ID: r.ID, ClientID: r.APIClientID, URL: r.URL, Events: r.Events, Active: r.Active,
		Secret: r.SigningSecret, CreatedAt: r.CreatedAt, Version: r.Version}
}

const subscriptionColumns = `id, api_client_id, url, events, active, signing_secret, created_at, version`

// Subscriptions returns the webhooks of a client, oldest first.
func (s *Store) Subscriptions(ctx context.Context, clientID string) ([]Subscription, error) {
	var rows []subscriptionRow
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+subscriptionColumns+` FROM webhook_subscriptions WHERE api_client_id = ?
		ORDER BY created_at, id`, clientID).Scan(&rows).Error
	out := make([]Subscription, len(rows))
	for i, r := range rows {
		out[i] = r.subscription()
	}
	return out, err
}

// Subscription returns one webhook (not scoped: the caller checks its client).
func (s *Store) Subscription(ctx context.Context, id string) (Subscription, error) {
	if !db.IsUUID(id) {
		return Subscription{}, ErrSubscriptionNotFound
	}
	var rows []subscriptionRow
	if err := db.Conn(ctx, s.DB).Raw(`SELECT `+subscriptionColumns+` FROM webhook_subscriptions WHERE id = ?`, id).
		Scan(&rows).Error; err != nil {
		return Subscription{}, err
	}
	if len(rows) == 0 {
		return Subscription{}, ErrSubscriptionNotFound
	}
	return rows[0].subscription(), nil
}

// SaveSubscription inserts (ID "") or updates url, events and active at the expected version.
func (s *Store) SaveSubscription(ctx context.Context, sub Subscription, version int) (Subscription, error) {
	conn := db.Conn(ctx, s.DB)
	if sub.ID == "" {
		sub.ID = uuid.NewString()
		if err := conn.Exec(`INSERT INTO webhook_subscriptions (id, api_client_id, url, events, active, signing_secret)
			VALUES (?, ?, ?, ?, ?, ?)`, sub.ID, sub.ClientID, sub.URL, db.TextArray(sub.Events), sub.Active, sub.Secret).
			Error; err != nil {
			return Subscription{}, err
		}
		return s.Subscription(ctx, sub.ID)
	}
	res := conn.Exec(`UPDATE webhook_subscriptions SET url = ?, events = ?, active = ?, updated_at = now(),
		version = version + 1 WHERE id = ? AND version = ?`, sub.URL, db.TextArray(sub.Events), sub.Active, sub.ID, version)
	if res.Error != nil {
		return Subscription{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Subscription{}, ErrStaleSubscription
	}
	return s.Subscription(ctx, sub.ID)
}

// DeleteSubscription removes a webhook and its delivery log at the expected version.
func (s *Store) DeleteSubscription(ctx context.Context, id string, version int) error {
	res := db.Conn(ctx, s.DB).Exec(`DELETE FROM webhook_subscriptions WHERE id = ? AND version = ?`, id, version)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStaleSubscription
	}
	return nil
}

const deliveryColumns = `id, subscription_id, event_id, event, audit_id, object_type, object_id,
	departement_code AS departement, payload, status, attempts, next_attempt_at, last_status_code, last_error,
	delivered_at, replay_of, created_at`

// Deliveries returns the latest deliveries of a webhook, newest first (at most limit).
func (s *Store) Deliveries(ctx context.Context, subscriptionID string, limit int) ([]Delivery, error) {
	var out []Delivery
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE subscription_id = ?
		ORDER BY created_at DESC, id LIMIT ?`, subscriptionID, limit).Scan(&out).Error
	return out, err
}

// Delivery returns one delivery (not scoped: the caller checks its webhook's client).
func (s *Store) Delivery(ctx context.Context, id string) (Delivery, error) {
	if !db.IsUUID(id) {
		return Delivery{}, ErrDeliveryNotFound
	}
	var out []Delivery
	if err := db.Conn(ctx, s.DB).Raw(`SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE id = ?`, id).
		Scan(&out).Error; err != nil {
		return Delivery{}, err
	}
	if len(out) == 0 {
		return Delivery{}, ErrDeliveryNotFound
	}
	return out[0], nil
}

// InsertDelivery queues one delivery (a replay).
func (s *Store) InsertDelivery(ctx context.Context, d Delivery) error {
	return s.InsertDeliveries(ctx, []Delivery{d})
}

// InsertDeliveries queues deliveries (ids generated here when not set) in one statement per 500; an event
// already queued for the same subscription and audit entry is not queued twice.
func (s *Store) InsertDeliveries(ctx context.Context, list []Delivery) error {
	for start := 0; start < len(list); start += 500 {
		q := `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event, audit_id, object_type, object_id,
			departement_code, payload, next_attempt_at, replay_of, created_at) VALUES `
		var args []any
		for i, d := range list[start:min(start+500, len(list))] {
			if i > 0 {
				q += ", "
			}
			q += "(?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)"
			if d.ID == "" {
				d.ID = uuid.NewString()
			}
			args = append(args, d.ID, d.SubscriptionID, d.EventID, d.Event, d.AuditID, d.ObjectType,
				d.ObjectID, d.Departement, string(d.Payload), d.NextAttemptAt, d.ReplayOf, d.CreatedAt)
		}
		if err := db.Conn(ctx, s.DB).Exec(q+" ON CONFLICT DO NOTHING", args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// ClaimDue locks one delivery due at t, for the rest of the transaction carried by ctx, skipping those another
// worker holds; false when none is due.
func (s *Store) ClaimDue(ctx context.Context, t time.Time) (Delivery, bool, error) {
	var out []Delivery
	err := db.Conn(ctx, s.DB).Raw(`SELECT `+deliveryColumns+` FROM webhook_deliveries
		WHERE status IN ('pending', 'failed') AND next_attempt_at <= ? ORDER BY next_attempt_at, id
		LIMIT 1 FOR UPDATE SKIP LOCKED`, t).Scan(&out).Error
	if err != nil || len(out) == 0 {
		return Delivery{}, false, err
	}
	return out[0], true, nil
}

// RecordAttempt writes the outcome of a try.
func (s *Store) RecordAttempt(ctx context.Context, d Delivery) error {
	return db.Conn(ctx, s.DB).Exec(`UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,
		last_status_code = ?, last_error = ?, delivered_at = ? WHERE id = ?`, d.Status, d.Attempts, d.NextAttemptAt,
		d.LastStatusCode, d.LastError, d.DeliveredAt, d.ID).Error
}
