package rest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"maillage/api/rest"
	"maillage/pkg/partner"
	"maillage/pkg/partnering"
)

// receiver is a subscriber's endpoint on loopback: it checks each delivery's signature, remembers the events it
// accepted, and answers the statuses it is told to (200 once they run out).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	secret   string
	statuses []int
	requests int
	accepted map[string]int // event id → times accepted
	events   []partner.Payload
	badSigs  int
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	r := &receiver{statuses: statuses, accepted: map[string]int{}}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		ts, _ := strconv.ParseInt(req.Header.Get("Maillage-Webhook-Timestamp"), 10, 64)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.requests++
		if !partner.VerifySignature(r.secret, ts, body, req.Header.Get("Maillage-Webhook-Signature")) {
			r.badSigs++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		status := http.StatusOK
		if len(r.statuses) > 0 {
			status, r.statuses = r.statuses[0], r.statuses[1:]
		}
		if status == http.StatusOK {
			var p partner.Payload
			_ = json.Unmarshal(body, &p)
			r.accepted[req.Header.Get("Maillage-Webhook-Id")]++
			r.events = append(r.events, p)
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) count() (requests, accepted int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.accepted {
		accepted += n
	}
	return r.requests, accepted
}

// catchUp runs the dispatcher until it has read every audit entry written so far (the demo data's), so a
// webhook created next receives only what the test does.
func catchUp(t *testing.T, s *testServer) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, _, err := s.deps.Services.Webhooks.Dispatch(context.Background()); err != nil {
			t.Fatal(err)
		}
		if countRows(t, s, `SELECT count(*) FROM audit_log a, webhook_cursor c WHERE (a.txid, a.id) > (c.last_txid, c.last_id)`) == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the dispatcher does not catch up with the audit log")
}

// runUntil runs worker rounds until cond holds (other tests' transactions may hold the dispatch horizon for a
// moment, so a round can find nothing yet); false, with the test marked failed, after 10 s or on an error. It
// may run in a goroutine of its own.
func runUntil(t *testing.T, w *partnering.Worker, cond func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Error("the worker did not get there in 10 s")
			return false
		}
		if _, _, err := w.RunOnce(context.Background()); err != nil {
			t.Error(err)
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// subscribe registers a CAF client of Haute-Saône with a webhook to the receiver.
func subscribe(t *testing.T, s *testServer, token string, r *receiver, events ...string) rest.WebhookCreatedDTO {
	t.Helper()
	c := newClient(t, s, token, "structures:read")
	var hook rest.WebhookCreatedDTO
	call(t, s, "POST", "/api-clients/"+c.ID+"/webhooks", token, map[string]any{"url": r.URL, "events": events}, "", 201, &hook)
	r.mu.Lock()
	r.secret = hook.SigningSecret
	r.mu.Unlock()
	return hook
}

func TestWebhookSignedRetriedAndReplayed(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	catchUp(t, s)
	r := newReceiver(t, http.StatusInternalServerError)
	hook := subscribe(t, s, tok["prefecture.70"], r, "permanence.changed", "hours.changed")
	var p rest.PermanenceDTO
	call(t, s, "POST", "/structures/"+withoutPermanence(t, s, "70")+"/permanences", tok["partenaire.caf.70"], monthlyVisio(), "", 201, &p)
	w := s.deps.Services.Webhooks
	if !runUntil(t, w, func() bool { n, _ := r.count(); return n == 1 }) {
		t.FailNow()
	}
	var log rest.WebhookDeliveryList
	call(t, s, "GET", "/webhooks/"+hook.ID+"/deliveries", tok["prefecture.70"], nil, "", 200, &log)
	if len(log.Items) != 1 || log.Items[0].Status != "failed" || *log.Items[0].LastStatusCode != 500 || log.Items[0].NextAttemptAt == nil {
		t.Fatalf("after a 500: %+v", log.Items)
	}
	if _, _, err := w.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, _ := r.count(); n != 1 {
		t.Fatalf("retried before its backoff: %d requests", n)
	}
	s.advance(31 * time.Second)
	if !runUntil(t, w, func() bool { _, ok := r.count(); return ok == 1 }) {
		t.FailNow()
	}
	call(t, s, "GET", "/webhooks/"+hook.ID+"/deliveries", tok["prefecture.70"], nil, "", 200, &log)
	d := log.Items[0]
	if d.Status != "delivered" || d.Attempts != 2 || *d.LastStatusCode != 200 || d.DeliveredAt == nil || d.Event != "permanence.changed" {
		t.Fatalf("after the retry: %+v", d)
	}
	r.mu.Lock()
	e, bad := r.events[0], r.badSigs
	r.mu.Unlock()
	if e.Event != "permanence.changed" || e.Departement != "70" || e.Object.ID != p.ID || e.ID != d.EventID ||
		e.Data.Action != "permanence.create" || bad != 0 {
		t.Errorf("payload %+v (%d bad signatures)", e, bad)
	}
	var replay rest.WebhookDeliveryDTO
	call(t, s, "POST", "/webhook-deliveries/"+d.ID+"/replay", tok["prefecture.70"], nil, "", 202, &replay)
	runUntil(t, w, func() bool { _, ok := r.count(); return ok == 2 })
	r.mu.Lock()
	if r.accepted[d.EventID] != 2 || replay.ReplayOf == nil || *replay.ReplayOf != d.ID {
		t.Errorf("replay %+v, accepted %v", replay, r.accepted)
	}
	r.mu.Unlock()
	wantProblem(t, "another département's prefecture", s.do(request{method: "GET", path: "/api/v1/webhooks/" + hook.ID + "/deliveries",
		token: tok["prefecture.57"]}), 404, "webhook.not_found")
}

// A worker stopped in the middle of its work, then another one (a restart, or another replica): every event is
// delivered, and none twice once delivered.
func TestWebhookWorkerRestartLosesNothing(t *testing.T) {
	t.Parallel()
	s, tok := partnersServer(t)
	catchUp(t, s)
	r := newReceiver(t)
	subscribe(t, s, tok["prefecture.70"], r, "permanence.changed")
	free := withoutPermanence(t, s, "70")
	change := func(n int) {
		for range n {
			call(t, s, "POST", "/structures/"+free+"/permanences", tok["partenaire.caf.70"], monthlyVisio(), "", 201, nil)
		}
	}
	change(6)
	base := *s.deps.Services.Webhooks
	first := base
	first.Batch, first.Interval = 2, 5*time.Millisecond
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { first.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for _, ok := r.count(); ok < 2 && time.Now().Before(deadline); _, ok = r.count() {
		time.Sleep(2 * time.Millisecond)
	}
	stop()
	<-done
	_, before := r.count()
	if before < 2 || before >= 8 {
		t.Fatalf("the first worker delivered %d events before it stopped", before)
	}
	change(2)
	second, third := base, base
	var wg sync.WaitGroup
	for _, w := range []*partnering.Worker{&second, &third} {
		wg.Go(func() { runUntil(t, w, func() bool { _, ok := r.count(); return ok >= 8 }) })
	}
	wg.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, n := range r.accepted {
		if n != 1 {
			t.Errorf("event %s delivered %d times", id, n)
		}
	}
	if len(r.accepted) != 8 || r.requests != 8 {
		t.Errorf("%d events delivered in %d requests, want 8 in 8", len(r.accepted), r.requests)
	}
	if n := countRows(t, s, `SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 1`); n != 8 {
		t.Errorf("%d deliveries recorded as delivered at the first try, want 8", n)
	}
}
