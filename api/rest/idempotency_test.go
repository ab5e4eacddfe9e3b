package rest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"maillage/pkg/demo"
)

// Same key and body → the first response replayed and one object created; same key, other body → 422.
func TestIdempotencyKeyOnPost(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	if err := demo.Seed(context.Background(), s.db, time.Now, ioDiscard{}); err != nil {
		t.Fatal(err)
	}
	token := loginToken(t, s, "prefecture.70@maillage.test", demo.Password)
	body := map[string]any{"email": "agent.idem@maillage.test", "name": "Agent Idem", "role": "animateur",
		"departements": []string{"70"}, "password": "un-mot-de-passe-solide"}
	post := func(b any, key string) (int, string, string) {
		rec := s.do(request{method: http.MethodPost, path: "/api/v1/users", token: token, body: b,
			headers: map[string]string{"Idempotency-Key": key}})
		return rec.Code, rec.Body.String(), rec.Header().Get("Idempotent-Replayed")
	}
	code1, body1, _ := post(body, "key-1")
	if code1 != http.StatusCreated {
		t.Fatalf("first POST: %d %s", code1, body1)
	}
	code2, body2, replayed := post(body, "key-1")
	if code2 != code1 || body2 != body1 || replayed != "true" {
		t.Errorf("replay: %d %q (replayed=%q), want %d %q", code2, body2, replayed, code1, body1)
	}
	var count int64
	s.db.Raw(`SELECT count(*) FROM users WHERE email = 'agent.idem@maillage.test'`).Scan(&count)
	if count != 1 {
		t.Errorf("%d users created, want 1", count)
	}
	other := map[string]any{"email": "autre@maillage.test", "name": "Autre", "role": "animateur",
		"departements": []string{"70"}, "password": "un-mot-de-passe-solide"}
	if code, b, _ := post(other, "key-1"); code != http.StatusUnprocessableEntity {
		t.Errorf("same key, other body: %d %s, want 422", code, b)
	}
	// A failed request does not burn its key: fixed and retried with the same key, it runs.
	bad := map[string]any{"email": "pas-un-email", "name": "X", "role": "animateur", "departements": []string{"70"},
		"password": "un-mot-de-passe-solide"}
	if code, _, _ := post(bad, "key-2"); code != http.StatusUnprocessableEntity {
		t.Errorf("invalid body: %d, want 422", code)
	}
	if code, b, _ := post(bad, "key-2"); code != http.StatusUnprocessableEntity {
		t.Errorf("retry of a failed request must run again: %d %s", code, b)
	}
}

// The same key sent eight times at once creates one visit: the claim shares the creation's transaction, so the
// other requests wait for it and replay its answer (or answer 409 while a reservation is fresh); the answer is
// stored once. Five keys, each sent by eight requests released together.
func TestIdempotencyConcurrentSameKeyCreatesOnce(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	token := tokens["prefecture.70"]
	st := benchStructures(t, s)[0]
	for k := range 5 {
		key := fmt.Sprintf("concurrent-%d", k)
		answers := sendAtOnce(8, func() *httptest.ResponseRecorder { return postVisit(s, token, key, st, nil) })
		first := 0
		var created string
		for _, a := range answers {
			switch replayed := a.Header().Get("Idempotent-Replayed") == "true"; {
			case a.Code == http.StatusCreated && !replayed:
				first++
				created = a.Body.String()
			case a.Code == http.StatusCreated:
			case a.Code != http.StatusConflict || !strings.Contains(a.Body.String(), "idempotency.in_progress"):
				t.Errorf("%s: unexpected answer %d %s", key, a.Code, a.Body)
			}
		}
		if first != 1 {
			t.Errorf("%s: %d requests created a visit, want 1", key, first)
		}
		if n := countRows(t, s, `SELECT count(*) FROM visits WHERE report = ?`, key); n != 1 {
			t.Errorf("%s: %d visits, want 1", key, n)
		}
		if n := countRows(t, s, `SELECT count(*) FROM idempotency_keys WHERE key = ? AND status = 201`, key); n != 1 {
			t.Errorf("%s: %d stored answers, want 1", key, n)
		}
		if rec := postVisit(s, token, key, st, nil); rec.Body.String() != created {
			t.Errorf("%s: a later replay differs from the first answer: %s", key, rec.Body)
		}
	}
}

// On a route that keeps its claim in a transaction of its own (a user's creation), the same key sent at once also
// creates one object: the others replay it or answer 409 while it runs.
func TestIdempotencyConcurrentSameKeyOwnClaim(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	body := map[string]any{"email": "agent.concurrent@maillage.test", "name": "Agent Concurrent", "role": "animateur",
		"departements": []string{"70"}, "password": "un-mot-de-passe-solide"}
	answers := sendAtOnce(6, func() *httptest.ResponseRecorder {
		return s.do(request{method: http.MethodPost, path: "/api/v1/users", token: tokens["prefecture.70"], body: body,
			headers: map[string]string{"Idempotency-Key": "user-concurrent"}})
	})
	first := 0
	for _, a := range answers {
		switch {
		case a.Code == http.StatusCreated && a.Header().Get("Idempotent-Replayed") == "":
			first++
		case a.Code == http.StatusCreated:
		case a.Code != http.StatusConflict || !strings.Contains(a.Body.String(), "idempotency.in_progress"):
			t.Errorf("unexpected answer %d %s", a.Code, a.Body)
		}
	}
	if n := countRows(t, s, `SELECT count(*) FROM users WHERE email = 'agent.concurrent@maillage.test'`); first != 1 || n != 1 {
		t.Errorf("%d requests created, %d users: want 1 and 1", first, n)
	}
}

// sendAtOnce runs n requests released together and returns their answers.
func sendAtOnce(n int, send func() *httptest.ResponseRecorder) []*httptest.ResponseRecorder {
	out := make([]*httptest.ResponseRecorder, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = send()
		}()
	}
	close(start)
	wg.Wait()
	return out
}

// A reservation left behind by a request that never completed (a crash under an earlier version) answers 409
// while it is fresh and is taken over once stale; an expired key runs again.
func TestIdempotencyStaleReservationTakenOver(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	token := tokens["prefecture.70"]
	st := benchStructures(t, s)[0]
	first := postVisit(s, token, "stale-probe", st, nil)
	if first.Code != http.StatusCreated {
		t.Fatalf("probe: %d %s", first.Code, first.Body)
	}
	if err := s.db.Exec(`UPDATE idempotency_keys SET status = NULL, response_body = NULL, created_at = now()
		WHERE key = 'stale-probe'`).Error; err != nil {
		t.Fatal(err)
	}
	if rec := postVisit(s, token, "stale-probe", st, nil); rec.Code != http.StatusConflict {
		t.Fatalf("fresh reservation: %d %s, want 409", rec.Code, rec.Body)
	}
	if err := s.db.Exec(`UPDATE idempotency_keys SET created_at = now() - interval '2 minutes' WHERE key = 'stale-probe'`).Error; err != nil {
		t.Fatal(err)
	}
	if rec := postVisit(s, token, "stale-probe", st, nil); rec.Code != http.StatusCreated ||
		rec.Header().Get("Idempotent-Replayed") != "" {
		t.Fatalf("stale reservation: %d %s, want a new 201", rec.Code, rec.Body)
	}
	if n := countRows(t, s, `SELECT count(*) FROM idempotency_keys WHERE key = 'stale-probe' AND status = 201`); n != 1 {
		t.Errorf("%d stored answers after the takeover, want 1", n)
	}
}
