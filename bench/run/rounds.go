package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// rounds measures every scenario once per round, in the same order, so that a slow moment of a shared machine
// weighs on all of them rather than on one: the closed-loop scenarios (floor first), S1 in open loop, pgbench.
func (f *fixture) rounds(ctx context.Context, res *Result) error {
	var counter atomic.Uint64
	var serverRSS, floorRSS []float64
	for round := 1; round <= f.opts.Runs; round++ {
		for _, sc := range f.closedScenarios() {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err := f.mint(); err != nil {
				return err
			}
			closedLoop(f.client, sc, f.opts.Workers, f.opts.Warmup, &counter)
			pid := f.opts.ServerPID
			if sc.target == "floor" {
				pid = f.opts.FloorPID
			}
			rss := sampleRSS(pid)
			start := time.Now()
			samples := closedLoop(f.client, sc, f.opts.Workers, f.opts.Duration, &counter)
			r := summarize(sc.name, "closed", round, time.Since(start), samples)
			mem := rss.finish()
			r.RSS, r.CPUms = memoryOf(mem), rss.cpuPerRequest(len(samples))
			if sc.target == "floor" {
				floorRSS = append(floorRSS, mem...)
			} else {
				serverRSS = append(serverRSS, mem...)
			}
			f.report(r)
			res.Runs = append(res.Runs, r)
		}
		if f.runsOpenLoop() {
			r, mem, err := f.openRun(ctx, round, &counter)
			if err != nil {
				return err
			}
			serverRSS = append(serverRSS, mem...)
			res.Runs = append(res.Runs, r)
		}
		if f.opts.Pgbench != "" && f.opts.Only == "" {
			r, err := pgbenchRun(ctx, f.opts.Pgbench, f.opts.PgbenchDB, f.opts.Workers, f.opts.Duration, round)
			if err != nil {
				return err
			}
			f.report(r)
			res.Runs = append(res.Runs, r)
		}
	}
	res.RSS, res.FloorRSS = memoryOf(serverRSS), memoryOf(floorRSS)
	return nil
}

// openRun sends S1 at the fixed rate, after a warm-up at the same rate.
func (f *fixture) openRun(ctx context.Context, round int, counter *atomic.Uint64) (Run, []float64, error) {
	if err := f.mint(); err != nil {
		return Run{}, nil, err
	}
	s1 := scenario{name: "S1", target: "maillage", next: f.s1}
	openLoop(ctx, f.client, s1, f.opts.Rate, f.opts.Warmup, f.opts.MaxInFlight, counter)
	rss := sampleRSS(f.opts.ServerPID)
	start := time.Now()
	samples := openLoop(ctx, f.client, s1, f.opts.Rate, f.opts.Duration, f.opts.MaxInFlight, counter)
	r := summarize("S1", "open", round, time.Since(start), samples)
	r.Rate = f.opts.Rate
	mem := rss.finish()
	r.RSS = memoryOf(mem)
	f.report(r)
	return r, mem, ctx.Err()
}

// soak runs the S5 mix at a moderate fixed rate for the soak duration, then reads goroutines and FDs again.
func (f *fixture) soak(ctx context.Context, res *Result) error {
	logf("endurance : S5 à %d req/s pendant %s", f.opts.SoakRate, f.opts.Soak)
	var counter atomic.Uint64
	counter.Store(1 << 40) // keys of its own
	s5 := scenario{name: "S5 soak", target: "maillage", next: f.s5}
	deadline := time.Now().Add(f.opts.Soak)
	var samples []sample
	rss := sampleRSS(f.opts.ServerPID)
	start := time.Now()
	for time.Now().Before(deadline) && ctx.Err() == nil { // tokens live 15 min: mint again every 5 min
		if err := f.mint(); err != nil {
			return err
		}
		samples = append(samples, openLoop(ctx, f.client, s5, f.opts.SoakRate, min(5*time.Minute, time.Until(deadline)),
			f.opts.MaxInFlight, &counter)...)
	}
	r := summarize("S5 soak", "open", 1, time.Since(start), samples)
	r.Rate, r.RSS = f.opts.SoakRate, memoryOf(rss.finish())
	f.report(r)
	res.Process.SoakSeconds, res.Process.SoakRate, res.Process.SoakRun = f.opts.Soak.Seconds(), f.opts.SoakRate, &r
	var err error
	res.Process.AfterSoak, err = f.state()
	return err
}

func (f *fixture) report(r Run) {
	rss := ""
	if r.RSS != nil {
		rss = fmt.Sprintf("  RSS max %.0f MB", r.RSS.Max)
	}
	if r.CPUms > 0 {
		rss += fmt.Sprintf("  CPU %.3f ms/req", r.CPUms)
	}
	logf("tour %d  %-10s %-7s %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  erreurs %d%s", r.Round, r.Scenario, r.Mode,
		r.Throughput, r.Latency.P50, r.Latency.P99, r.Errors, rss)
}
