package main

import "fmt"

const (
	met         = "met"
	missed      = "missed"
	notMeasured = "not measured"
)

func verdict(ok bool) string {
	if ok {
		return met
	}
	return missed
}

// evaluate holds the results to the targets of issue 9.
func evaluate(r *Result) []Target {
	var out []Target
	add := func(name, goal, measured, status string) {
		out = append(out, Target{Name: name, Goal: goal, Measured: measured, Status: status})
	}
	none := func(name, goal string) { add(name, goal, "–", notMeasured) }
	out = append(out, s1Targets(r)...)
	s1 := r.summary("S1", "closed")
	throughput(r, &out, "S2", 1500)
	if s2 := r.summary("S2", "closed"); s2 != nil && s2.TagP50["first"] > 0 {
		first, second := s2.TagP50["first"], s2.TagP50["second"]
		add("S2 second page vs first", "p50 within +20 %", fmt.Sprintf("%.2f vs %.2f ms (%+.0f %%)", second, first, (second/first-1)*100),
			verdict(second <= first*1.2))
	}
	throughput(r, &out, "S3", 400)
	if s := r.Statements; s != nil && s.PerRequest["S3"] > 0 {
		n, how := s.PerRequest["S3"], "per request, authentication included"
		if _, ok := s.PerRequest["auth"]; ok {
			n, how = s.S3Report, "per report, authentication ("+fmt.Sprintf("%.2f", s.Authentication)+") excluded"
		}
		add("S3 SQL statements", "≤ 5 per report", fmt.Sprintf("%.2f %s", n, how), verdict(n <= 5.5))
	} else {
		none("S3 SQL statements", "≤ 5 per report")
	}
	throughput(r, &out, "S4", 1500)
	if i := r.Idempotency; i != nil {
		add("S4 one visit per key", "exactly one", fmt.Sprintf("%d answers / %d visits / %d keys; concurrent: %v", i.Created, i.Visits,
			i.DistinctKeys, i.VisitsPerKey), verdict(i.ExactlyOne))
	}
	if rep := r.summary("S4r", "closed"); rep != nil && s1 != nil && s1.Throughput > 0 {
		x := rep.Throughput / s1.Throughput
		add("S4 replays vs S1", "no slower (throughput ≥ 0.9 × S1, 10 % noise margin)",
			fmt.Sprintf("%.0f vs %.0f req/s (%.2f ×), p50 %.2f vs %.2f ms", rep.Throughput, s1.Throughput, x, rep.P50, s1.P50), verdict(x >= 0.9))
	}
	if m := r.RSS; m != nil {
		add("Server RSS under load", "≤ 150 MB steady", fmt.Sprintf("p95 %.1f MB (max %.1f)", m.P95, m.Max), verdict(m.P95 <= 150))
	} else {
		none("Server RSS under load", "≤ 150 MB steady")
	}
	soak(r, &out)
	return out
}

// s1Targets: S1 against the floor at saturation, and its latency at the fixed rate.
func s1Targets(r *Result) []Target {
	var out []Target
	floor, s1, open := r.summary("floor", "closed"), r.summary("S1", "closed"), r.summary("S1", "open")
	t := Target{Name: "S1 throughput vs floor", Goal: "≥ 0.6 × floor", Measured: "–", Status: notMeasured}
	if floor != nil && s1 != nil && floor.Throughput > 0 {
		x := s1.Throughput / floor.Throughput
		t.Measured, t.Status = fmt.Sprintf("%.0f / %.0f req/s = %.2f ×", s1.Throughput, floor.Throughput, x), verdict(x >= 0.6)
	}
	out = append(out, t)
	if open == nil {
		return append(out, Target{Name: "S1 at 1,000 req/s", Goal: "p50 ≤ 2 ms, p99 ≤ 10 ms, no errors", Measured: "–", Status: notMeasured})
	}
	at := fmt.Sprintf("S1 at %d req/s", r.Options.Rate)
	out = append(out,
		Target{Name: at + ", p50", Goal: "≤ 2 ms", Measured: fmt.Sprintf("%.2f ms", open.P50), Status: verdict(open.P50 <= 2)},
		Target{Name: at + ", p99", Goal: "≤ 10 ms", Measured: fmt.Sprintf("%.2f ms", open.P99), Status: verdict(open.P99 <= 10)},
		Target{Name: at + ", errors", Goal: "none", Measured: fmt.Sprintf("%d of %d", open.Errors, open.Requests), Status: verdict(open.Errors == 0)})
	if r.Options.Rate != 1000 {
		for i := len(out) - 3; i < len(out); i++ {
			out[i].Status += " (not at the target’s 1,000 req/s)"
		}
	}
	return out
}

func throughput(r *Result, out *[]Target, name string, goal float64) {
	t := Target{Name: name + " throughput", Goal: fmt.Sprintf("≥ %.0f req/s", goal), Measured: "–", Status: notMeasured}
	if s := r.summary(name, "closed"); s != nil {
		t.Measured = fmt.Sprintf("%.0f req/s (%.0f–%.0f), %d errors", s.Throughput, s.Min, s.Max, s.Errors)
		t.Status = verdict(s.Throughput >= goal && s.Errors == 0)
	}
	*out = append(*out, t)
}

// soak judges growth: after the soak and a few idle seconds, at most 5 goroutines and 5 file descriptors more
// than before it (idle HTTP connections are closed by the client first).
func soak(r *Result, out *[]Target) {
	p := r.Process
	t := Target{Name: "No goroutine or FD growth after the soak", Goal: "after ≤ before + 5", Measured: "–", Status: notMeasured}
	if p.AfterRuns != nil && p.AfterSoak != nil {
		b, a := p.AfterRuns, p.AfterSoak
		t.Measured = fmt.Sprintf("%.0f s: goroutines %d → %d, FDs %d → %d", p.SoakSeconds, b.Goroutines, a.Goroutines, b.OpenFDs, a.OpenFDs)
		t.Status = verdict(a.Goroutines <= b.Goroutines+5 && a.OpenFDs <= b.OpenFDs+5)
		if p.SoakSeconds < 300 {
			t.Status += " (soak shorter than the target’s 5 min)"
		}
	}
	*out = append(*out, t)
}
