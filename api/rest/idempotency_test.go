package rest_test

import (
	"context"
	"net/http"
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
