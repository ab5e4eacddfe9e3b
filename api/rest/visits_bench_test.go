package rest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"maillage/pkg/db"
)

// S4 of issue 9: POST /visits with a new Idempotency-Key, and the replay of a key already answered, through the real
// router and middleware, next to GET /departements/70 as a reference measured in the same run (authentication,
// middleware, one tiny query). Run with RATE_LIMIT_RPS=0: the per-actor flood guard would otherwise answer 429.
func BenchmarkVisitCreateOverHTTP(b *testing.B) {
	s, tokens := registryServer(b)
	token := tokens["prefecture.70"]
	sts := benchStructures(b, s)
	b.Run("reference_departement", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if rec := s.do(request{method: http.MethodGet, path: "/api/v1/departements/70", token: token}); rec.Code != http.StatusOK {
				b.Fatalf("reference: %d %s", rec.Code, rec.Body)
			}
		}
	})
	b.Run("create", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			key := fmt.Sprintf("bench-create-%d-%d", b.N, i)
			if rec := postVisit(s, token, key, sts[i%len(sts)], nil); rec.Code != http.StatusCreated {
				b.Fatalf("create: %d %s", rec.Code, rec.Body)
			}
		}
	})
	// 16 clients at once, as the bench driver's workers and pgbench's reference: req/s = 1e9 / (ns/op).
	b.Run("create_parallel16", func(b *testing.B) {
		var n atomic.Int64
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				key := fmt.Sprintf("bench-parallel-%d-%d", b.N, i)
				if rec := postVisit(s, token, key, sts[int(i)%len(sts)], nil); rec.Code != http.StatusCreated {
					b.Errorf("create: %d %s", rec.Code, rec.Body)
					return
				}
			}
		})
	})
	b.Run("replay", func(b *testing.B) {
		if rec := postVisit(s, token, "bench-replay", sts[0], nil); rec.Code != http.StatusCreated {
			b.Fatalf("first: %d %s", rec.Code, rec.Body)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			rec := postVisit(s, token, "bench-replay", sts[0], nil)
			if rec.Code != http.StatusCreated || rec.Header().Get("Idempotent-Replayed") != "true" {
				b.Fatalf("replay: %d %s", rec.Code, rec.Body)
			}
		}
	})
}

// A keyed creation costs one transaction; its replay is one statement that writes nothing.
func TestVisitCreateStatementsAndTransactions(t *testing.T) {
	t.Parallel()
	s, tokens := registryServer(t)
	token := tokens["prefecture.70"]
	st := benchStructures(t, s)[0]
	measure := func(key string) (db.StatementCounter, int, string) {
		c := &db.StatementCounter{}
		rec := postVisit(s, token, key, st, c)
		return c.Snapshot(), rec.Code, rec.Header().Get("Idempotent-Replayed")
	}
	create, code, _ := measure("stmt-1")
	if code != http.StatusCreated {
		t.Fatalf("create: %d", code)
	}
	replay, code, replayed := measure("stmt-1")
	if code != http.StatusCreated || replayed != "true" {
		t.Fatalf("replay: %d replayed=%q", code, replayed)
	}
	t.Logf("create: %d statements (%d writes), %d explicit transactions, %d statements outside one; replay: %d statements (%d writes)",
		create.Statements, create.Writes, create.Transactions, create.Autocommit, replay.Statements, replay.Writes)
	// Outside any transaction, two reads: the actor's reload (authentication) and the key's lookup. Everything the
	// creation writes, the key's claim and its stored answer included, commits once.
	if create.Transactions != 1 || create.Autocommit != 2 || create.AutocommitWrites != 0 {
		t.Errorf("create: %d explicit transactions, %d statements outside one (%d writes): want 1, 2 and 0",
			create.Transactions, create.Autocommit, create.AutocommitWrites)
	}
	// actor, key; in the transaction: claim, structure, the newest published checklist then its items, visit
	// written and returned by the same statement (no read-back), audit, prefilled open actions, stored answer.
	if create.Statements != 10 {
		t.Errorf("create: %d statements, want 10", create.Statements)
	}
	if replay.Statements != 2 || replay.Writes != 0 || replay.Transactions != 0 {
		t.Errorf("replay: %d statements, %d writes, %d explicit transactions: want the actor's read and the key's",
			replay.Statements, replay.Writes, replay.Transactions)
	}
	if n := countRows(t, s, `SELECT count(*) FROM visits WHERE report = 'stmt-1'`); n != 1 {
		t.Errorf("%d visits for the key, want 1", n)
	}
}

// benchStructures are the demo structures of the Haute-Saône, where the prefecture of the 70 may plan visits.
func benchStructures(t testing.TB, s *testServer) []string {
	t.Helper()
	var ids []string
	s.db.Raw(`SELECT id FROM structures WHERE departement_code = '70' ORDER BY id`).Scan(&ids)
	if len(ids) == 0 {
		t.Fatal("no structure in 70")
	}
	return ids
}

// postVisit is the S4 request: a planned prefectoral visit whose report is its key; c, when given, counts its SQL.
func postVisit(s *testServer, token, key, structureID string, c *db.StatementCounter) *httptest.ResponseRecorder {
	body, _ := json.Marshal(map[string]string{"structure_id": structureID, "type": "prefectorale",
		"status": "planifiee", "planned_date": "2030-01-15", "report": key})
	req := httptest.NewRequest(http.MethodPost, "/api/v1/visits", strings.NewReader(string(body)))
	if c != nil {
		req = req.WithContext(db.WithCounter(req.Context(), c))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", key)
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}
