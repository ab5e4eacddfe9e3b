package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Idempotency is the check of S4: every Idempotency-Key created exactly one visit, also when the same request is
// sent several times at once.
type Idempotency struct {
	Created          int64       `json:"created_answers"`    // 201 answers that were not replays, whole run
	Visits           int         `json:"visits_in_database"` // visits carrying one of the run's keys
	DistinctKeys     int         `json:"distinct_keys_in_database"`
	ConcurrentKeys   int         `json:"concurrent_keys"`
	ConcurrentSends  int         `json:"concurrent_sends_per_key"`
	ConcurrentStatus map[int]int `json:"concurrent_statuses"`
	VisitsPerKey     map[int]int `json:"concurrent_keys_by_visit_count"` // visits per key → number of keys
	ExactlyOne       bool        `json:"exactly_one_visit_per_key"`
}

// concurrentDuplicates sends each of n new keys `per` times at once.
func (f *fixture) concurrentDuplicates(n, per int) map[int]int {
	statuses := map[int]int{}
	var mu sync.Mutex
	for k := range n {
		rq := f.createVisit(fmt.Sprintf("dup-%d", k), uint64(k))
		var wg sync.WaitGroup
		for range per {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, _ := do(f.client, rq)
				mu.Lock()
				statuses[status]++
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	return statuses
}

func checkIdempotency(ctx context.Context, conn *pgx.Conn, f *fixture) (Idempotency, error) {
	const keys, per = 20, 8
	c := Idempotency{ConcurrentKeys: keys, ConcurrentSends: per}
	c.ConcurrentStatus = f.concurrentDuplicates(keys, per)
	c.Created = f.created.Load()
	prefix := "bench-" + f.runID + "-"
	if err := conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT report) FROM visits WHERE starts_with(report, $1)`, prefix).
		Scan(&c.Visits, &c.DistinctKeys); err != nil {
		return c, err
	}
	rows, err := conn.Query(ctx, `SELECT n, count(*) FROM (SELECT count(*) AS n FROM visits WHERE starts_with(report, $1)
		GROUP BY report) k GROUP BY n`, prefix+"dup-")
	if err != nil {
		return c, err
	}
	c.VisitsPerKey = map[int]int{}
	var n, count int
	if _, err := pgx.ForEachRow(rows, []any{&n, &count}, func() error { c.VisitsPerKey[n] = count; return nil }); err != nil {
		return c, err
	}
	bad := 0
	for status, k := range c.ConcurrentStatus {
		if status != http.StatusCreated && status != http.StatusConflict {
			bad += k
		}
	}
	c.ExactlyOne = int64(c.Visits) == c.Created && c.DistinctKeys == c.Visits && len(c.VisitsPerKey) == 1 &&
		c.VisitsPerKey[1] == keys && bad == 0
	return c, nil
}

// Statements counts the SQL statements the server runs per request, from the committed transactions of the
// benchmark database (pg_stat_database.xact_commit): outside an explicit transaction each statement is its own
// transaction. The counters are read from another database (the reads do not count) after 11 s of quiet, the
// time a PostgreSQL 15 backend takes at most to publish its statistics; the background work of the server (the
// webhook dispatcher's rounds) is measured over an idle window first and subtracted.
type Statements struct {
	Method              string             `json:"method"`
	Requests            int                `json:"requests_per_measure"`
	BackgroundPerSecond float64            `json:"background_per_second"`
	PerRequest          map[string]float64 `json:"per_request"` // including authentication
	Authentication      float64            `json:"authentication,omitempty"`
	S3Report            float64            `json:"s3_report,omitempty"` // S3 minus authentication
}

const statsSettle = 11 * time.Second

// probes are the requests whose statements are counted: "auth" asks for another département's report, answered
// 404 before any SQL of the report, so it costs only the authentication.
func (f *fixture) probes() map[string]func(uint64) request {
	return map[string]func(uint64) request{
		"auth": func(uint64) request {
			return request{method: http.MethodGet, url: f.api("/departements/2A/compliance"), token: f.token(f.forty),
				want: http.StatusNotFound}
		},
		"S1": f.s1, "S2": f.s2, "S3": f.s3,
	}
}

func countStatements(ctx context.Context, stats *pgx.Conn, dbname string, f *fixture, names []string, k int) (Statements, error) {
	out := Statements{Method: "pg_stat_database.xact_commit", Requests: k, PerRequest: map[string]float64{}}
	read := func() (int64, time.Time, error) {
		time.Sleep(statsSettle)
		var n int64
		err := stats.QueryRow(ctx, `SELECT xact_commit FROM pg_stat_database WHERE datname = $1`, dbname).Scan(&n)
		return n, time.Now(), err
	}
	probes := f.probes()
	for _, name := range names { // warm connections and statement caches
		if probes[name] == nil {
			return out, fmt.Errorf("--sql : sonde inconnue %q (auth, S1, S2, S3)", name)
		}
		for i := range 5 {
			do(f.client, probes[name](uint64(i)))
		}
	}
	a, ta, err := read()
	if err != nil {
		return out, err
	}
	prev, tprev, err := read()
	if err != nil {
		return out, err
	}
	out.BackgroundPerSecond = round2(float64(prev-a) / tprev.Sub(ta).Seconds())
	for _, name := range names {
		for i := range k {
			if _, ok := do(f.client, probes[name](uint64(i))); !ok {
				return out, fmt.Errorf("--sql %s : réponse inattendue", name)
			}
		}
		n, t, err := read()
		if err != nil {
			return out, err
		}
		out.PerRequest[name] = round2((float64(n-prev) - out.BackgroundPerSecond*t.Sub(tprev).Seconds()) / float64(k))
		prev, tprev = n, t
	}
	if auth, ok := out.PerRequest["auth"]; ok {
		out.Authentication = auth
		if s3, ok := out.PerRequest["S3"]; ok {
			out.S3Report = round2(s3 - auth)
		}
	}
	return out, nil
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
