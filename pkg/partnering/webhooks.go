package partnering

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"slices"

	"github.com/google/uuid"

	"maillage/pkg/apperr"
	"maillage/pkg/audit"
	"maillage/pkg/auth"
	"maillage/pkg/partner"
)

// WebhookFields create a webhook or change one; nil means "not given".
type WebhookFields struct {
	URL    *string
	Events *[]string
	Active *bool
}

// Webhooks lists the webhooks of a client of the actor's territory.
func (s *Service) Webhooks(ctx context.Context, a auth.Actor, clientID string) ([]partner.Subscription, error) {
	c, err := s.Client(ctx, a, clientID)
	if err != nil {
		return nil, err
	}
	return s.Partners.Subscriptions(ctx, c.ID)
}

// Webhook returns a webhook whose client is in the actor's territory (404 otherwise).
func (s *Service) Webhook(ctx context.Context, a auth.Actor, id string) (partner.Subscription, partner.Client, error) {
	sub, err := s.Partners.Subscription(ctx, id)
	if err != nil {
		return sub, partner.Client{}, err
	}
	c, err := s.Client(ctx, a, sub.ClientID)
	if apperr.IsKind(err, apperr.KindNotFound) {
		return sub, c, partner.ErrSubscriptionNotFound
	}
	return sub, c, err
}

// CreateWebhook subscribes a client to events of its territory; the signing secret is returned once.
func (s *Service) CreateWebhook(ctx context.Context, a auth.Actor, clientID string, f WebhookFields) (partner.Subscription, error) {
	var out partner.Subscription
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		c, err := s.writableClient(ctx, a, clientID)
		if err != nil {
			return err
		}
		sub := partner.Subscription{ClientID: c.ID, Active: true}
		if err := s.applyWebhook(&sub, f); err != nil {
			return err
		}
		if sub.Secret, err = signingSecret(); err != nil {
			return err
		}
		if out, err = s.Partners.SaveSubscription(ctx, sub, 0); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "webhook.create", ObjectType: "webhook", ObjectID: out.ID,
			Departements: c.Departements, After: webhookView(out)})
	})
	return out, err
}

// UpdateWebhook changes the URL, the events or the activity of a webhook at the expected version.
func (s *Service) UpdateWebhook(ctx context.Context, a auth.Actor, id string, version int, f WebhookFields) (partner.Subscription, error) {
	var out partner.Subscription
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		before, c, err := s.writableWebhook(ctx, a, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return partner.ErrStaleSubscription
		}
		next := before
		if err := s.applyWebhook(&next, f); err != nil {
			return err
		}
		if next.URL == before.URL && next.Active == before.Active && slices.Equal(next.Events, before.Events) {
			out = before
			return nil
		}
		if out, err = s.Partners.SaveSubscription(ctx, next, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "webhook.update", ObjectType: "webhook", ObjectID: id,
			Departements: c.Departements, Before: webhookView(before), After: webhookView(out)})
	})
	return out, err
}

// DeleteWebhook removes a webhook and its delivery log at the expected version.
func (s *Service) DeleteWebhook(ctx context.Context, a auth.Actor, id string, version int) error {
	return s.inTx(ctx, a, func(ctx context.Context) error {
		before, c, err := s.writableWebhook(ctx, a, id)
		if err != nil {
			return err
		}
		if err := s.Partners.DeleteSubscription(ctx, id, version); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "webhook.delete", ObjectType: "webhook", ObjectID: id,
			Departements: c.Departements, Before: webhookView(before)})
	})
}

// Deliveries returns the latest deliveries of a webhook (100), newest first.
func (s *Service) Deliveries(ctx context.Context, a auth.Actor, id string) ([]partner.Delivery, error) {
	sub, _, err := s.Webhook(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return s.Partners.Deliveries(ctx, sub.ID, 100)
}

// Replay queues a delivery again, now, with the same event id and payload (the receiver asked for it: a replay
// is not a duplicate to drop). The original stays in the log.
func (s *Service) Replay(ctx context.Context, a auth.Actor, deliveryID string) (partner.Delivery, error) {
	var out partner.Delivery
	err := s.inTx(ctx, a, func(ctx context.Context) error {
		d, err := s.Partners.Delivery(ctx, deliveryID)
		if err != nil {
			return err
		}
		sub, c, err := s.writableWebhook(ctx, a, d.SubscriptionID)
		if apperr.IsKind(err, apperr.KindNotFound) {
			return partner.ErrDeliveryNotFound
		}
		if err != nil {
			return err
		}
		if !sub.Active || !c.Usable(s.Now()) {
			return apperr.Conflict("webhook.inactive", "Ce webhook est désactivé ou son client n’est plus valide : rien à renvoyer.")
		}
		now, original := s.Now(), d.ID
		d.ID, d.ReplayOf, d.Status, d.Attempts, d.NextAttemptAt, d.CreatedAt = uuid.NewString(), &original,
			partner.DeliveryPending, 0, now, now
		if err := s.Partners.InsertDelivery(ctx, d); err != nil {
			return err
		}
		if out, err = s.Partners.Delivery(ctx, d.ID); err != nil {
			return err
		}
		return audit.Record(ctx, s.DB, audit.Entry{Action: "webhook_delivery.replay", ObjectType: "webhook", ObjectID: sub.ID,
			Departements: c.Departements, After: map[string]any{"delivery_id": out.ID, "replay_of": original, "event": d.Event}})
	})
	return out, err
}

func (s *Service) writableWebhook(ctx context.Context, a auth.Actor, id string) (partner.Subscription, partner.Client, error) {
	sub, _, err := s.Webhook(ctx, a, id)
	if err != nil {
		return sub, partner.Client{}, err
	}
	c, err := s.writableClient(ctx, a, sub.ClientID)
	return sub, c, err
}

func (s *Service) applyWebhook(sub *partner.Subscription, f WebhookFields) error {
	if f.URL != nil {
		sub.URL = trimmed(f.URL)
	}
	if f.Events != nil {
		sub.Events = compact(*f.Events)
	}
	if f.Active != nil {
		sub.Active = *f.Active
	}
	var v apperr.Validation
	u, err := url.Parse(sub.URL)
	ok := err == nil && u.Host != "" && u.User == nil && (u.Scheme == "https" || u.Scheme == "http" && !s.RequireHTTPS)
	v.Check(ok && !textTooLong(sub.URL, 500), "url", "Adresse invalide : https://… attendu (sans identifiants).")
	v.Check(len(sub.Events) > 0, "events", "Au moins un évènement.")
	for _, e := range sub.Events {
		v.Check(slices.Contains(partner.Events, e), "events", "Évènement inconnu : "+e+".")
	}
	return v.Err()
}

// signingSecret is a new webhook signing secret: "whsec_" and 256 random bits.
func signingSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b), nil
}

func webhookView(s partner.Subscription) map[string]any {
	return map[string]any{"id": s.ID, "api_client_id": s.ClientID, "url": s.URL, "events": s.Events, "active": s.Active}
}
