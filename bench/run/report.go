package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Result is everything one benchmark run measured; it is written as JSON and summarized in Markdown.
type Result struct {
	Started     time.Time    `json:"started"`
	Finished    time.Time    `json:"finished"`
	Note        string       `json:"note,omitempty"`
	Environment Environment  `json:"environment"`
	Options     options      `json:"options"`
	Runs        []Run        `json:"runs"`
	Summaries   []Summary    `json:"summaries"`
	RSS         *Memory      `json:"server_rss_under_load,omitempty"`
	FloorRSS    *Memory      `json:"floor_rss_under_load,omitempty"`
	Idempotency *Idempotency `json:"idempotency,omitempty"`
	Statements  *Statements  `json:"statements,omitempty"`
	Process     ProcessCheck `json:"process"`
	Targets     []Target     `json:"targets"`
}

// Environment describes the machine and the code measured.
type Environment struct {
	CPUs       int    `json:"cpus"`
	GoVersion  string `json:"go_version"`
	Commit     string `json:"commit,omitempty"`
	Dataset    string `json:"dataset"`
	ServerPID  int    `json:"server_pid"`
	ServerAddr string `json:"server"`
}

// ProcessCheck compares goroutines and file descriptors before the load and after it (and after the soak).
type ProcessCheck struct {
	Before      *Process `json:"before,omitempty"`
	AfterRuns   *Process `json:"after_runs,omitempty"`
	SoakSeconds float64  `json:"soak_seconds,omitempty"`
	SoakRate    int      `json:"soak_rate,omitempty"`
	SoakRun     *Run     `json:"soak_run,omitempty"`
	AfterSoak   *Process `json:"after_soak,omitempty"`
}

// Target is one of the targets with its verdict: met, missed, or not measured.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Status   string `json:"status"`
}

func (r *Result) summary(scenario, mode string) *Summary {
	for i := range r.Summaries {
		if r.Summaries[i].Scenario == scenario && r.Summaries[i].Mode == mode {
			return &r.Summaries[i]
		}
	}
	return nil
}

func write(r *Result, dir string) (string, string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	stamp := r.Started.Local().Format("2006-01-02-150405")
	jsonPath := filepath.Join(dir, stamp+".json")
	mdPath := filepath.Join(dir, stamp+".md")
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", "", err
	}
	if err := os.WriteFile(jsonPath, append(b, '\n'), 0o644); err != nil {
		return "", "", err
	}
	return jsonPath, mdPath, os.WriteFile(mdPath, []byte(markdown(r)), 0o644)
}

func markdown(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Maillage benchmark — %s\n\n", r.Started.Local().Format("2006-01-02 15:04"))
	if r.Note != "" {
		fmt.Fprintf(&b, "> %s\n\n", r.Note)
	}
	e, o := r.Environment, r.Options
	fmt.Fprintf(&b, "%d CPUs, %s, HEAD %s (the working tree may differ), data set: %s. %d run(s) of %s per scenario after %s of warm-up, %d workers "+
		"(closed loop); S1 at %d req/s (open loop). Load generator, server, floor and PostgreSQL on the same machine.\n\n",
		e.CPUs, e.GoVersion, e.Commit, e.Dataset, o.Runs, o.Duration, o.Warmup, o.Workers, o.Rate)
	b.WriteString("## Targets\n\n| Target | Goal | Measured | Status |\n|---|---|---|---|\n")
	for _, t := range r.Targets {
		fmt.Fprintf(&b, "| %s | %s | %s | **%s** |\n", t.Name, t.Goal, t.Measured, t.Status)
	}
	floor, pgb := r.summary("floor", "closed"), r.summary("pgbench -S", "pgbench")
	b.WriteString("\n## Throughput and latency (median of the runs; spread = (max − min) / median)\n\n")
	b.WriteString("| Scenario | Mode | req/s | min–max | spread | p50 ms | p99 ms | errors | CPU ms/req | × floor | × pgbench |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, s := range r.Summaries {
		p99 := fmt.Sprintf("%.2f", s.P99)
		if s.Mode == "pgbench" {
			p99 = "–" // pgbench reports the mean latency only (shown as p50)
		}
		cpu := "–"
		if s.CPUms > 0 {
			cpu = fmt.Sprintf("%.3f", s.CPUms)
		}
		fmt.Fprintf(&b, "| %s | %s | %.0f | %.0f–%.0f | %.1f %% | %.2f | %s | %d | %s | %s | %s |\n", s.Scenario, s.Mode,
			s.Throughput, s.Min, s.Max, s.SpreadPct, s.P50, p99, s.Errors, cpu, ratio(s, floor), ratio(s, pgb))
	}
	if s2 := r.summary("S2", "closed"); s2 != nil && s2.TagP50 != nil {
		fmt.Fprintf(&b, "\nS2 pages (p50, ms): first %.2f, second %.2f.\n", s2.TagP50["first"], s2.TagP50["second"])
	}
	b.WriteString("\npgbench -S reports the mean latency, shown as p50. CPU ms/req: CPU time (user + system, /proc) of the " +
		"process under test during the run divided by its requests: the server's own cost, which throughput hides " +
		"when the load generator and PostgreSQL share the two cores.\n")
	writeChecks(&b, r)
	return b.String()
}

func ratio(s Summary, ref *Summary) string {
	if ref == nil || ref.Throughput == 0 || s.Mode == "open" {
		return "–"
	}
	return fmt.Sprintf("%.2f", s.Throughput/ref.Throughput)
}

func writeChecks(b *strings.Builder, r *Result) {
	b.WriteString("\n## Memory, goroutines, file descriptors\n\n")
	if m := r.RSS; m != nil {
		fmt.Fprintf(b, "Server RSS under load (sampled every 200 ms from /proc): median %.1f MB, p95 %.1f MB, max %.1f MB.\n", m.Median, m.P95, m.Max)
	}
	if m := r.FloorRSS; m != nil {
		fmt.Fprintf(b, "Floor RSS under load: median %.1f MB, max %.1f MB.\n", m.Median, m.Max)
	}
	p := r.Process
	for _, s := range []struct {
		name string
		p    *Process
	}{{"before the runs", p.Before}, {"after the runs", p.AfterRuns}, {fmt.Sprintf("after a %.0f s soak at %d req/s", p.SoakSeconds, p.SoakRate), p.AfterSoak}} {
		if s.p != nil {
			fmt.Fprintf(b, "- %s: %d goroutines, %d open FDs (/proc: %d), %d threads, RSS %.1f MB\n", s.name, s.p.Goroutines,
				s.p.OpenFDs, s.p.ProcFDs, s.p.Threads, s.p.RSSMB)
		}
	}
	if i := r.Idempotency; i != nil {
		fmt.Fprintf(b, "\n## S4 idempotency\n\n%d visits created (201 not replayed) over the run, %d in the database with %d "+
			"distinct keys; %d new keys each sent %d times at once: statuses %v, keys by visit count %v. Exactly one visit per key: %v.\n",
			i.Created, i.Visits, i.DistinctKeys, i.ConcurrentKeys, i.ConcurrentSends, i.ConcurrentStatus, i.VisitsPerKey, i.ExactlyOne)
	}
	if s := r.Statements; s != nil {
		fmt.Fprintf(b, "\n## SQL statements per request\n\nMethod: %s delta over %d sequential requests, background %.2f/s "+
			"subtracted (bench/README.md). Per request, authentication included: %v.", s.Method, s.Requests,
			s.BackgroundPerSecond, s.PerRequest)
		if _, ok := s.PerRequest["auth"]; ok {
			fmt.Fprintf(b, " Authentication alone: %.2f; S3 report without it: %.2f.", s.Authentication, s.S3Report)
		}
		b.WriteString("\n")
	}
}
