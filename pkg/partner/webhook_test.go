package partner_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"maillage/pkg/partner"
)

func TestWebhookSignature(t *testing.T) {
	t.Parallel()
	body := []byte(`{"id":"e1","event":"hours.changed"}`)
	mac := hmac.New(sha256.New, []byte("whsec_test"))
	mac.Write([]byte(strconv.Itoa(1767225600) + "." + string(body)))
	want := "v1=" + hex.EncodeToString(mac.Sum(nil))
	if got := partner.Signature("whsec_test", 1767225600, body); got != want {
		t.Fatalf("signature %s, want %s", got, want)
	}
	if !partner.VerifySignature("whsec_test", 1767225600, body, want) ||
		partner.VerifySignature("whsec_test", 1767225601, body, want) ||
		partner.VerifySignature("whsec_autre", 1767225600, body, want) ||
		partner.VerifySignature("whsec_test", 1767225600, append(body, ' '), want) {
		t.Error("the signature does not bind secret, timestamp and body")
	}
}

func TestBackoffAndOutcome(t *testing.T) {
	t.Parallel()
	for attempts, want := range map[int]time.Duration{1: 30 * time.Second, 2: time.Minute, 3: 2 * time.Minute, 7: 32 * time.Minute} {
		if got := partner.Backoff(attempts); got != want {
			t.Errorf("backoff after %d failures: %s, want %s", attempts, got, want)
		}
	}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	d := partner.Delivery{Status: partner.DeliveryPending}
	d = d.Outcome(500, nil, now)
	if d.Status != partner.DeliveryFailed || d.Attempts != 1 || !d.NextAttemptAt.Equal(now.Add(30*time.Second)) ||
		*d.LastStatusCode != 500 || d.LastError != "Réponse HTTP 500" {
		t.Errorf("after a 500: %+v", d)
	}
	d = d.Outcome(0, errors.New("connection refused"), now)
	if d.Status != partner.DeliveryFailed || d.LastStatusCode != nil || !d.NextAttemptAt.Equal(now.Add(time.Minute)) {
		t.Errorf("after a refused connection: %+v", d)
	}
	if ok := d.Outcome(204, nil, now); ok.Status != partner.DeliveryDelivered || ok.DeliveredAt == nil || ok.LastError != "" {
		t.Errorf("after a 204: %+v", ok)
	}
	for d.Status != partner.DeliveryDead {
		d = d.Outcome(503, nil, now)
	}
	if d.Attempts != partner.MaxAttempts {
		t.Errorf("dead after %d attempts, want %d", d.Attempts, partner.MaxAttempts)
	}
}

func TestEventsOfAuditEntries(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		change partner.AuditChange
		want   []string
	}{
		{partner.AuditChange{Action: "structure.create", ObjectType: "structure"}, []string{"structure.created"}},
		{partner.AuditChange{Action: "structure.import_update", ObjectType: "structure"}, []string{"structure.updated"}},
		{partner.AuditChange{Action: "stop.create", ObjectType: "structure"}, []string{"structure.updated"}},
		{partner.AuditChange{Action: "structure.delete", ObjectType: "structure"}, []string{"structure.closed"}},
		{partner.AuditChange{Action: "schedules.replace", ObjectType: "structure"}, []string{"hours.changed"}},
		{partner.AuditChange{Action: "exception.delete", ObjectType: "structure"}, []string{"hours.changed"}},
		{partner.AuditChange{Action: "label.transition", ObjectType: "structure"}, []string{"label.changed"}},
		{partner.AuditChange{Action: "label.transition", ObjectType: "structure", Closing: true}, []string{"label.changed", "structure.closed"}},
		{partner.AuditChange{Action: "permanence.update", ObjectType: "permanence"}, []string{"permanence.changed"}},
		{partner.AuditChange{Action: "agent.create", ObjectType: "agent"}, nil},
		{partner.AuditChange{Action: "visit.create", ObjectType: "visit"}, nil},
		{partner.AuditChange{Action: "user.update", ObjectType: "user"}, nil},
	} {
		if got := partner.EventsOf(c.change); !slices.Equal(got, c.want) {
			t.Errorf("%s on %s: %v, want %v", c.change.Action, c.change.ObjectType, got, c.want)
		}
	}
}

func TestPlanDeliveries(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	changes := []partner.AuditChange{
		{ID: 1, At: now, Action: "schedules.replace", ObjectType: "structure", ObjectID: "s70", Departements: []string{"70"}, Changed: []string{"schedules"}},
		{ID: 2, At: now, Action: "structure.update", ObjectType: "structure", ObjectID: "s57", Departements: []string{"57"}},
		{ID: 3, At: now, Action: "agent.create", ObjectType: "agent", ObjectID: "a", Departements: []string{"70"}},
	}
	listeners := []partner.Listener{
		{SubscriptionID: "hours70", Events: []string{"hours.changed"}, Departements: []string{"70"}},
		{SubscriptionID: "all57", Events: partner.Events, Departements: []string{"57", "60"}},
		{SubscriptionID: "structures70", Events: []string{"structure.updated"}, Departements: []string{"70"}},
	}
	n := 0
	got, err := partner.Plan(changes, listeners, now, func() string { n++; return "e" + strconv.Itoa(n) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].SubscriptionID != "hours70" || got[1].SubscriptionID != "all57" || *got[1].AuditID != 2 {
		t.Fatalf("deliveries %+v", got)
	}
	var p partner.Payload
	if err := json.Unmarshal(got[0].Payload, &p); err != nil {
		t.Fatal(err)
	}
	if p.ID != "e1" || p.Event != "hours.changed" || p.Departement != "70" || p.Object.ID != "s70" ||
		!slices.Equal(p.Data.Changed, []string{"schedules"}) || !p.OccurredAt.Equal(now) {
		t.Errorf("payload %+v", p)
	}
}
