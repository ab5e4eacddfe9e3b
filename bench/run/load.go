package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// request is one HTTP call of a scenario and what a correct answer is.
type request struct {
	method, url string
	body        []byte
	token       string
	key         string        // Idempotency-Key
	want        int           // expected status
	replay      bool          // the answer must be a replay (Idempotent-Replayed: true)
	tag         string        // latencies are also kept per tag (S2 first and second pages, S5 parts)
	created     *atomic.Int64 // counts the visits this request created (201 that is not a replay)
}

// scenario draws its i-th request.
type scenario struct {
	name   string
	target string // "maillage" or "floor": whose process RSS is sampled
	next   func(i uint64) request
}

// sample is one answered request.
type sample struct {
	latency time.Duration
	tag     string
	status  int
	ok      bool
}

func newClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}}
}

// do sends a request and reads the whole answer.
func do(client *http.Client, rq request) (int, bool) {
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequest(rq.method, rq.url, body)
	if err != nil {
		return 0, false
	}
	if rq.token != "" {
		req.Header.Set("Authorization", "Bearer "+rq.token)
	}
	if rq.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if rq.key != "" {
		req.Header.Set("Idempotency-Key", rq.key)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, false
	}
	_, _ = io.Copy(io.Discard, res.Body)
	_ = res.Body.Close()
	replayed := res.Header.Get("Idempotent-Replayed") == "true"
	if rq.created != nil && res.StatusCode == http.StatusCreated && !replayed {
		rq.created.Add(1)
	}
	return res.StatusCode, res.StatusCode == rq.want && (!rq.replay || replayed)
}

// closedLoop runs workers that each send the next request as soon as the previous one is answered, for d: the
// saturation throughput.
func closedLoop(client *http.Client, sc scenario, workers int, d time.Duration, counter *atomic.Uint64) []sample {
	deadline := time.Now().Add(d)
	parts := make([][]sample, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				rq := sc.next(counter.Add(1))
				start := time.Now()
				status, ok := do(client, rq)
				parts[w] = append(parts[w], sample{latency: time.Since(start), tag: rq.tag, status: status, ok: ok})
			}
		}()
	}
	wg.Wait()
	return slices.Concat(parts...)
}

// openLoop sends rate requests per second for d whatever the answers, each at its scheduled time, and measures
// every latency from that scheduled time: a server that stalls is charged for the requests that waited behind the
// stall (no coordinated omission). At most maxInFlight requests are under way; the next ones wait for a free
// sender, and that wait counts in their latency.
func openLoop(ctx context.Context, client *http.Client, sc scenario, rate int, d time.Duration, maxInFlight int,
	counter *atomic.Uint64) []sample {
	type job struct {
		at time.Time
		rq request
	}
	jobs := make(chan job, rate+maxInFlight)
	results := make(chan sample, 1024)
	var wg sync.WaitGroup
	for range maxInFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				status, ok := do(client, j.rq)
				results <- sample{latency: time.Since(j.at), tag: j.rq.tag, status: status, ok: ok}
			}
		}()
	}
	var out []sample
	collected := make(chan struct{})
	go func() {
		for s := range results {
			out = append(out, s)
		}
		close(collected)
	}()
	schedule(ctx, rate, d, func(at time.Time) { jobs <- job{at: at, rq: sc.next(counter.Add(1))} })
	close(jobs)
	wg.Wait()
	close(results)
	<-collected
	return out
}

// schedule calls send once per scheduled instant start + i/rate for d, catching up at once when it falls behind.
func schedule(ctx context.Context, rate int, d time.Duration, send func(at time.Time)) {
	start := time.Now()
	total := int(d.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	for i := 0; i < total && ctx.Err() == nil; i++ {
		at := start.Add(time.Duration(i) * interval)
		if wait := time.Until(at); wait > 0 {
			time.Sleep(wait)
		}
		send(at)
	}
}
