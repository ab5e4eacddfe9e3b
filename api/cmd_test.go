package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"maillage/pkg/auth"
	"maillage/pkg/testkit"
)

// cli points the commands at a database of the test's own (t.Setenv: these tests cannot run in parallel).
func cli(t *testing.T, env string) func(stdin string, args ...string) (string, error) {
	t.Helper()
	_, url := testkit.DB(t)
	t.Setenv("DATABASE_URL", url)
	t.Setenv("APP_ENV", env)
	t.Setenv("JWT_SECRET", "cli-test-secret-cli-test-secret-0123456")
	return func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), args, strings.NewReader(stdin), &out)
		return out.String(), err
	}
}

func TestSeedDemoCommand(t *testing.T) {
	maillage := cli(t, "dev")
	first, err := maillage("", "seed", "demo")
	if err != nil || !strings.Contains(first, "créé") || !strings.Contains(first, "maillage-demo-2026") {
		t.Fatalf("first run: %v\n%s", err, first)
	}
	second, err := maillage("", "seed", "demo")
	if err != nil || strings.Contains(second, "créé") || !strings.Contains(second, "existant") {
		t.Fatalf("second run must change nothing: %v\n%s", err, second)
	}
}

func TestSeedDemoRefusedInProduction(t *testing.T) {
	maillage := cli(t, "prod")
	if _, err := maillage("", "seed", "demo"); err == nil || !strings.Contains(err.Error(), "production") {
		t.Fatalf("want a refusal, got %v", err)
	}
}

func TestUsersCreateCommand(t *testing.T) {
	maillage := cli(t, "dev")
	out, err := maillage("un-mot-de-passe-solide\n", "users", "create", "--email", "Admin@Exemple.fr", "--role",
		"admin", "--password-stdin")
	if err != nil || !strings.Contains(out, "compte créé : admin@exemple.fr (admin)") || strings.Contains(out, "mot de passe") {
		t.Fatalf("with --password-stdin: %v\n%s", err, out)
	}
	out, err = maillage("", "users", "create", "--email", "p70@exemple.fr", "--role", "prefecture",
		"--departement", "70", "--departement", "90", "--name", "Préfecture")
	if err != nil {
		t.Fatal(err)
	}
	_, generated, ok := strings.Cut(strings.TrimSpace(out), "sûre) : ")
	if !ok || len(generated) < 20 || auth.PasswordPolicy(generated) != "" {
		t.Fatalf("a strong generated password must be printed once:\n%s", out)
	}
	_, err = maillage("", "users", "create", "--email", "x@exemple.fr", "--role", "partner", "--departement", "70")
	if err == nil || !strings.Contains(err.Error(), "--partner-org") {
		t.Fatalf("validation errors must name the flag: %v", err)
	}
	if _, err := maillage("", "users", "create", "--email", "p70@exemple.fr", "--role", "admin"); err == nil ||
		!strings.Contains(err.Error(), "--email") {
		t.Fatalf("duplicate e-mail: %v", err)
	}
}
