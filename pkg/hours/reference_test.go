package hours

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The reference parser: opening_hours (npm), pinned in testdata/ohcheck/package.json and its lock file, run by
// testdata/ohcheck/check.mjs. These tests need Node.js (CI has Node 20); without it they fail, they do not skip.

type referenceRequest struct {
	Holidays []holidayQuery `json:"holidays,omitempty"`
	OSM      []osmQuery     `json:"osm,omitempty"`
}

type holidayQuery struct {
	ID    string `json:"id"`
	State string `json:"state"`
	From  string `json:"from"`
	To    string `json:"to"` // excluded
}

type osmQuery struct {
	ID    string `json:"id"`
	Value string `json:"value"`
	State string `json:"state"`
	From  string `json:"from"`
	To    string `json:"to"` // excluded
}

type referenceAnswer struct {
	Holidays map[string][]struct {
		Date string `json:"date"`
		Name string `json:"name"`
	} `json:"holidays"`
	OSM map[string]struct {
		Error     string     `json:"error"`
		Warnings  []string   `json:"warnings"`
		Intervals [][2]int64 `json:"intervals"` // Unix milliseconds
	} `json:"osm"`
}

var installReference = sync.OnceValue(func() error {
	dir := filepath.Join("testdata", "ohcheck")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "opening_hours", "package.json")); err == nil {
		return nil
	}
	cmd := exec.Command("npm", "ci", "--prefix", dir, "--no-audit", "--no-fund")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &installError{err: err, out: string(out)}
	}
	return nil
})

type installError struct {
	err error
	out string
}

func (e *installError) Error() string {
	return "npm ci --prefix testdata/ohcheck: " + e.err.Error() + "\n" + e.out
}

// reference runs check.mjs with the process time zone tz.
func reference(t *testing.T, tz string, req referenceRequest) referenceAnswer {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not on PATH: the cross-check against the reference parser opening_hours (npm) needs Node.js " +
			"20 or later (Debian: apt-get install nodejs npm); this test does not skip")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Fatal("npm is not on PATH: it installs the pinned opening_hours package (testdata/ohcheck)")
	}
	if err := installReference(); err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "check.mjs")
	cmd.Dir = filepath.Join("testdata", "ohcheck")
	cmd.Env = append(os.Environ(), "TZ="+tz)
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node check.mjs: %v\n%s", err, stderr.String())
	}
	var ans referenceAnswer
	if err := json.Unmarshal(out, &ans); err != nil {
		t.Fatalf("check.mjs answer: %v\n%s", err, out)
	}
	return ans
}
