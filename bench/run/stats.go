package main

import (
	"math"
	"slices"
	"sort"
	"time"
)

// Latency is a latency distribution, in milliseconds.
type Latency struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

// Run is one measured run of a scenario.
type Run struct {
	Scenario   string             `json:"scenario"`
	Mode       string             `json:"mode"` // closed (saturation), open (fixed rate), pgbench
	Round      int                `json:"round"`
	Seconds    float64            `json:"seconds"`
	Rate       int                `json:"rate,omitempty"` // open loop: requests scheduled per second
	Requests   int                `json:"requests"`
	Errors     int                `json:"errors"`
	Throughput float64            `json:"throughput_rps"`
	Latency    Latency            `json:"latency"`
	ByTag      map[string]Latency `json:"by_tag,omitempty"`
	Statuses   map[int]int        `json:"statuses,omitempty"`
	RSS        *Memory            `json:"rss,omitempty"` // of the process under test during the run
	// CPUms is the CPU time the process under test used per request during the run, in milliseconds.
	CPUms float64 `json:"cpu_ms_per_request,omitempty"`
}

// Memory sums the resident set samples of a process, in MB.
type Memory struct {
	Samples int     `json:"samples"`
	Median  float64 `json:"median_mb"`
	P95     float64 `json:"p95_mb"`
	Max     float64 `json:"max_mb"`
}

func summarize(name, mode string, round int, elapsed time.Duration, samples []sample) Run {
	r := Run{Scenario: name, Mode: mode, Round: round, Seconds: elapsed.Seconds(), Requests: len(samples),
		Statuses: map[int]int{}}
	all := make([]time.Duration, 0, len(samples))
	tags := map[string][]time.Duration{}
	for _, s := range samples {
		r.Statuses[s.status]++
		if !s.ok {
			r.Errors++
		}
		all = append(all, s.latency)
		if s.tag != "" {
			tags[s.tag] = append(tags[s.tag], s.latency)
		}
	}
	r.Throughput = float64(len(samples)) / elapsed.Seconds()
	r.Latency = distribution(all)
	if len(tags) > 0 {
		r.ByTag = map[string]Latency{}
		for t, l := range tags {
			r.ByTag[t] = distribution(l)
		}
	}
	return r
}

func distribution(ls []time.Duration) Latency {
	if len(ls) == 0 {
		return Latency{}
	}
	slices.Sort(ls)
	at := func(q float64) float64 {
		i := int(math.Ceil(q*float64(len(ls)))) - 1
		return ms(ls[max(0, min(i, len(ls)-1))])
	}
	return Latency{Count: len(ls), P50: at(0.50), P90: at(0.90), P99: at(0.99), Max: ms(ls[len(ls)-1])}
}

func ms(d time.Duration) float64 { return round(float64(d) / float64(time.Millisecond)) }

func round(f float64) float64 { return math.Round(f*1000) / 1000 }

// Summary is the median and spread over the runs of one scenario and mode.
type Summary struct {
	Scenario   string  `json:"scenario"`
	Mode       string  `json:"mode"`
	Runs       int     `json:"runs"`
	Throughput float64 `json:"throughput_rps_median"`
	Min        float64 `json:"throughput_rps_min"`
	Max        float64 `json:"throughput_rps_max"`
	SpreadPct  float64 `json:"spread_pct"` // (max - min) / median
	P50        float64 `json:"p50_ms_median"`
	P99        float64 `json:"p99_ms_median"`
	Errors     int     `json:"errors"`
	Requests   int     `json:"requests"`
	// per tag: median over runs of the tag's p50
	TagP50 map[string]float64 `json:"tag_p50_ms_median,omitempty"`
	// CPUms is the median over runs of the CPU the process under test used per request (closed loop only)
	CPUms float64 `json:"cpu_ms_per_request_median,omitempty"`
}

func summaries(runs []Run) []Summary {
	type key struct{ s, m string }
	groups := map[key][]Run{}
	var order []key
	for _, r := range runs {
		k := key{r.Scenario, r.Mode}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	out := make([]Summary, 0, len(order))
	for _, k := range order {
		out = append(out, summarizeRuns(k.s, k.m, groups[k]))
	}
	return out
}

func summarizeRuns(name, mode string, rs []Run) Summary {
	s := Summary{Scenario: name, Mode: mode, Runs: len(rs)}
	var tps, p50, p99, cpu []float64
	tags := map[string][]float64{}
	for _, r := range rs {
		tps, p50, p99 = append(tps, r.Throughput), append(p50, r.Latency.P50), append(p99, r.Latency.P99)
		if r.CPUms > 0 {
			cpu = append(cpu, r.CPUms)
		}
		s.Errors += r.Errors
		s.Requests += r.Requests
		for t, l := range r.ByTag {
			tags[t] = append(tags[t], l.P50)
		}
	}
	s.Throughput, s.P50, s.P99, s.CPUms = round(median(tps)), median(p50), median(p99), median(cpu)
	s.Min, s.Max = round(slices.Min(tps)), round(slices.Max(tps))
	if s.Throughput > 0 {
		s.SpreadPct = math.Round((s.Max-s.Min)/s.Throughput*1000) / 10
	}
	if len(tags) > 0 {
		s.TagP50 = map[string]float64{}
		for t, v := range tags {
			s.TagP50[t] = median(v)
		}
	}
	return s
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	c := slices.Clone(v)
	sort.Float64s(c)
	if len(c)%2 == 1 {
		return c[len(c)/2]
	}
	return (c[len(c)/2-1] + c[len(c)/2]) / 2
}
