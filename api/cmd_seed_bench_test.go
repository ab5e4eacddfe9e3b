package main

import (
	"strings"
	"testing"
)

// The command wires bench/gen (whose own tests check the data set): a small scale loads, a second load into the
// same database is refused, and production refuses it altogether.
func TestSeedBenchCommand(t *testing.T) {
	maillage := cli(t, "dev")
	out, err := maillage("", "seed", "bench", "--seed", "3", "--scale", "0.02")
	if err != nil || !strings.Contains(out, "(dont 40 dans le 70)") || !strings.Contains(out, "VACUUM ANALYZE") {
		t.Fatalf("seed bench: %v\n%s", err, out)
	}
	if _, err := maillage("", "seed", "bench"); err == nil || !strings.Contains(err.Error(), "base vide") {
		t.Fatalf("a second load must be refused, got %v", err)
	}
	if _, err := maillage("", "seed", "bench", "--scale", "0"); err == nil {
		t.Fatal("--scale 0 accepted")
	}
}

func TestSeedBenchRefusedInProduction(t *testing.T) {
	maillage := cli(t, "prod")
	if _, err := maillage("", "seed", "bench"); err == nil || !strings.Contains(err.Error(), "production") {
		t.Fatalf("want a refusal, got %v", err)
	}
}
