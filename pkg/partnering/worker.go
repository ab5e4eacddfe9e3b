package partnering

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"maillage/pkg/auth"
	"maillage/pkg/db"
	"maillage/pkg/partner"
)

// Sender posts a signed delivery to a subscriber: the HTTP seam of the webhooks (implemented in api/rest). It
// returns the HTTP status of the answer, or an error when there was none.
type Sender interface {
	Send(ctx context.Context, url string, headers map[string]string, body []byte) (int, error)
}

// Worker turns the audit log into webhook deliveries and sends them. Its state is in PostgreSQL (the cursor, the
// queue), so any number of replicas may run one, and a restart loses nothing: the dispatcher's cursor moves in
// the transaction that queues the deliveries, and a delivery is claimed with SELECT … FOR UPDATE SKIP LOCKED
// and marked delivered in the transaction that sent it (at least once: a crash between the receiver's answer
// and the commit sends it again, with the same event id).
type Worker struct {
	DB       *gorm.DB
	Partners *partner.Store
	Sender   Sender
	Now      func() time.Time
	Log      *slog.Logger
	Interval time.Duration // between rounds (2 s when zero)
	Batch    int           // deliveries sent per round at most (100 when zero)
	Timeout  time.Duration // per delivery (10 s when zero)
}

// dispatchBatch bounds the audit entries read per dispatch.
const dispatchBatch = 500

// Run works until ctx is cancelled; a delivery under way when it is finishes first.
func (w *Worker) Run(ctx context.Context) {
	interval := w.Interval
	if interval <= 0 {
		interval = 2 * time.Second
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if _, _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil && w.Log != nil {
			w.Log.Warn("webhooks: round failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// RunOnce dispatches the new audit entries, then sends the deliveries that are due (at most Batch); it returns
// how many it queued and sent.
func (w *Worker) RunOnce(ctx context.Context) (queued, sent int, err error) {
	ctx = auth.WithActor(ctx, auth.System)
	for {
		n, more, err := w.Dispatch(ctx)
		queued += n
		if err != nil {
			return queued, 0, err
		}
		if !more {
			break
		}
	}
	batch := w.Batch
	if batch <= 0 {
		batch = 100
	}
	for sent < batch && ctx.Err() == nil {
		// A delivery started is finished and recorded even if the worker is stopped meanwhile: cancelling its
		// transaction after the receiver answered would send it again.
		ok, err := w.deliverOne(context.WithoutCancel(ctx))
		if err != nil || !ok {
			return queued, sent, err
		}
		sent++
	}
	return queued, sent, nil
}

// Dispatch reads the audit entries past the cursor (dispatchBatch at most) and queues one delivery per event and
// matching webhook, moving the cursor in the same transaction. It returns the number of deliveries queued and
// whether more entries wait; a replica that finds the cursor taken does nothing.
func (w *Worker) Dispatch(ctx context.Context) (queued int, more bool, err error) {
	err = db.WithTx(ctx, w.DB, func(ctx context.Context) error {
		cursor, ok, err := w.Partners.LockCursor(ctx)
		if err != nil || !ok {
			return err
		}
		changes, next, err := w.Partners.Changes(ctx, cursor, dispatchBatch)
		if err != nil || len(changes) == 0 {
			return err
		}
		more = len(changes) == dispatchBatch
		listeners, err := w.Partners.Listeners(ctx, w.Now())
		if err != nil {
			return err
		}
		list, err := partner.Plan(changes, listeners, w.Now(), uuid.NewString)
		if err != nil {
			return err
		}
		if err := w.Partners.InsertDeliveries(ctx, list); err != nil {
			return err
		}
		queued = len(list)
		return w.Partners.SaveCursor(ctx, next)
	})
	return queued, more, err
}

// deliverOne claims one due delivery, sends it and records the outcome, in one transaction; false when none is
// due.
func (w *Worker) deliverOne(ctx context.Context) (bool, error) {
	found := false
	err := db.WithTx(ctx, w.DB, func(ctx context.Context) error {
		now := w.Now()
		d, ok, err := w.Partners.ClaimDue(ctx, now)
		if err != nil || !ok {
			return err
		}
		found = true
		sub, err := w.Partners.Subscription(ctx, d.SubscriptionID)
		if err != nil {
			return err
		}
		c, err := w.Partners.Client(ctx, nil, sub.ClientID)
		if err != nil {
			return err
		}
		if !sub.Active || !c.Usable(now) {
			d.Status, d.LastError = partner.DeliveryDead, "Webhook désactivé ou client révoqué : envoi abandonné."
			return w.Partners.RecordAttempt(ctx, d)
		}
		status, sendErr := w.send(ctx, sub, d, now)
		return w.Partners.RecordAttempt(ctx, d.Outcome(status, sendErr, w.Now()))
	})
	return found, err
}

// send posts the payload with its signature, within the delivery timeout.
func (w *Worker) send(ctx context.Context, sub partner.Subscription, d partner.Delivery, now time.Time) (int, error) {
	timeout := w.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	sendCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ts := now.Unix()
	headers := map[string]string{
		"Content-Type":               "application/json",
		"Maillage-Webhook-Id":        d.EventID,
		"Maillage-Webhook-Event":     d.Event,
		"Maillage-Webhook-Timestamp": strconv.FormatInt(ts, 10),
		"Maillage-Webhook-Signature": partner.Signature(sub.Secret, ts, d.Payload),
	}
	return w.Sender.Send(sendCtx, sub.URL, headers, d.Payload)
}
