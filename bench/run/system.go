package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssMB reads the resident set size of a process from /proc, in MB.
func rssMB(pid int) (float64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}

// cpuSeconds is the CPU time (user + system) a process has used so far, from /proc/<pid>/stat (fields 14 and 15,
// in clock ticks of 1/100 s on Linux).
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
	_, rest, ok := strings.Cut(string(b), ") ")
	if !ok {
		return 0, fmt.Errorf("/proc/%d/stat unreadable", pid)
	}
	fields := strings.Fields(rest) // fields[0] is field 3 (state)
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat too short", pid)
	}
	utime, err1 := strconv.ParseFloat(fields[11], 64)
	stime, err2 := strconv.ParseFloat(fields[12], 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: utime/stime unreadable", pid)
	}
	return (utime + stime) / 100, nil
}

// sampler reads a process's RSS every 200 ms until stopped.
type sampler struct {
	mu       sync.Mutex
	samples  []float64
	stop     chan struct{}
	pid      int
	cpuStart float64 // CPU seconds of the process when sampling began
	done     chan struct{}
}

func sampleRSS(pid int) *sampler {
	s := &sampler{pid: pid, stop: make(chan struct{}), done: make(chan struct{})}
	s.cpuStart, _ = cpuSeconds(pid)
	go func() {
		defer close(s.done)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			if mb, err := rssMB(pid); err == nil && pid > 0 {
				s.mu.Lock()
				s.samples = append(s.samples, mb)
				s.mu.Unlock()
			}
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *sampler) finish() []float64 {
	close(s.stop)
	<-s.done
	return s.samples
}

// cpuPerRequest is the CPU the process used since sampling began, in milliseconds per request: what a request
// costs the server itself, beside throughput, which the load generator and PostgreSQL share the two cores with.
func (s *sampler) cpuPerRequest(requests int) float64 {
	end, err := cpuSeconds(s.pid)
	if err != nil || s.cpuStart == 0 || requests == 0 {
		return 0
	}
	return round((end - s.cpuStart) * 1000 / float64(requests))
}

func memoryOf(samples []float64) *Memory {
	if len(samples) == 0 {
		return nil
	}
	c := slices.Clone(samples)
	slices.Sort(c)
	p95 := c[min(len(c)-1, int(float64(len(c))*0.95))]
	return &Memory{Samples: len(c), Median: round(median(c)), P95: round(p95), Max: round(c[len(c)-1])}
}

// Process is what the server says of itself (/metrics) and what /proc says of it.
type Process struct {
	At         time.Time `json:"at"`
	Goroutines int       `json:"goroutines"`
	OpenFDs    int       `json:"open_fds"`
	ProcFDs    int       `json:"proc_fds"` // entries of /proc/<pid>/fd
	Threads    int       `json:"threads"`
	RSSMB      float64   `json:"rss_mb"`
}

var metricLine = regexp.MustCompile(`(?m)^(go_goroutines|process_open_fds) ([0-9.e+]+)$`)

func processState(client *http.Client, base, metricsToken string, pid int) (Process, error) {
	p := Process{At: time.Now().UTC()}
	req, err := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return p, err
	}
	if metricsToken != "" {
		req.Header.Set("Authorization", "Bearer "+metricsToken)
	}
	res, err := client.Do(req)
	if err != nil {
		return p, err
	}
	body, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		return p, fmt.Errorf("/metrics: %d %v", res.StatusCode, err)
	}
	for _, m := range metricLine.FindAllSubmatch(body, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		if string(m[1]) == "go_goroutines" {
			p.Goroutines = int(v)
		} else {
			p.OpenFDs = int(v)
		}
	}
	if entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid)); err == nil {
		p.ProcFDs = len(entries)
	}
	if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		if m := regexp.MustCompile(`(?m)^Threads:\s+(\d+)`).FindSubmatch(status); m != nil {
			p.Threads, _ = strconv.Atoi(string(m[1]))
		}
	}
	p.RSSMB, _ = rssMB(pid)
	p.RSSMB = round(p.RSSMB)
	return p, nil
}

var tpsLine = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)
var pgbenchLatency = regexp.MustCompile(`latency average = ([0-9.]+) ms`)

// pgbenchInit creates the pgbench tables (scale s) in their own database.
func pgbenchInit(ctx context.Context, bin, url string, scale int) error {
	out, err := exec.CommandContext(ctx, bin, "-i", "-q", "-s", strconv.Itoa(scale), url).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgbench -i: %v\n%s", err, out)
	}
	return nil
}

// pgbenchRun runs the select-only pgbench (prepared statements, as pgx's statement cache) for d.
func pgbenchRun(ctx context.Context, bin, url string, clients int, d time.Duration, n int) (Run, error) {
	secs := max(1, int(d.Seconds()))
	out, err := exec.CommandContext(ctx, bin, "-S", "-n", "-M", "prepared", "-c", strconv.Itoa(clients), "-j", "2",
		"-T", strconv.Itoa(secs), url).CombinedOutput()
	if err != nil {
		return Run{}, fmt.Errorf("pgbench -S: %v\n%s", err, out)
	}
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return Run{}, fmt.Errorf("pgbench -S: no tps in\n%s", out)
	}
	tps, _ := strconv.ParseFloat(string(m[1]), 64)
	r := Run{Scenario: "pgbench -S", Mode: "pgbench", Round: n, Seconds: float64(secs), Throughput: round(tps),
		Requests: int(tps * float64(secs))}
	if l := pgbenchLatency.FindSubmatch(out); l != nil {
		r.Latency.P50, _ = strconv.ParseFloat(string(l[1]), 64) // pgbench reports the mean only
	}
	if bytes.Contains(out, []byte("number of failed transactions: ")) && !bytes.Contains(out, []byte("number of failed transactions: 0 ")) {
		r.Errors = 1
	}
	return r, nil
}
