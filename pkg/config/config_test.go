package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) Lookup {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadReportsEveryProblemOnItsOwnLine(t *testing.T) {
	_, err := Load(env(map[string]string{
		"APP_ENV": "prod", "HTTP_ADDR": "8080", "CORS_ORIGINS": "*, not-an-origin",
		"LOG_LEVEL": "chatty", "REQUEST_TIMEOUT": "soon", "TRUSTED_PROXIES": "10.0.0.0/33",
	}))
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	for _, want := range []string{"DATABASE_URL est obligatoire", "HTTP_ADDR", "JWT_SECRET est obligatoire",
		"CORS_ORIGINS ne peut pas contenir *", `"not-an-origin"`, "LOG_LEVEL", "REQUEST_TIMEOUT", "TRUSTED_PROXIES"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%s", want, err)
		}
	}
	if lines := strings.Count(err.Error(), "\n  - "); lines != 8 {
		t.Errorf("%d problem lines, want 8:\n%s", lines, err)
	}
}

func TestDefaultsAndDevSecret(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://u:hunter2@db:5432/maillage"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Env != "dev" || c.HTTPAddr != "127.0.0.1:8080" || !c.JWTGenerated || len(c.JWTSecret) < minSecretLen {
		t.Errorf("defaults: %+v", c)
	}
	if !c.MetricsPublic || c.SecureCookies {
		t.Error("dev: metrics should be open and cookies not Secure (plain http)")
	}
	s := c.String()
	if strings.Contains(s, "hunter2") || strings.Contains(s, string(c.JWTSecret)) {
		t.Errorf("String() leaks a secret: %s", s)
	}
}

func TestProdNeedsAStrongSecret(t *testing.T) {
	base := map[string]string{"APP_ENV": "prod", "DATABASE_URL": "postgres://db/maillage", "JWT_SECRET": "short"}
	if _, err := Load(env(base)); err == nil || !strings.Contains(err.Error(), "au moins 32") {
		t.Errorf("short secret: %v", err)
	}
	base["JWT_SECRET"] = strings.Repeat("s", 40)
	c, err := Load(env(base))
	if err != nil {
		t.Fatal(err)
	}
	if c.MetricsPublic || !c.SecureCookies || c.JWTGenerated {
		t.Errorf("prod: %+v", c)
	}
}

func TestClockOffsetIsForTestsOnly(t *testing.T) {
	base := map[string]string{"DATABASE_URL": "postgres://db/maillage", "CLOCK_OFFSET": "744h"}
	if _, err := Load(env(base)); err == nil || !strings.Contains(err.Error(), "APP_ENV=test") {
		t.Errorf("dev accepted a clock offset: %v", err)
	}
	base["APP_ENV"] = "test"
	c, err := Load(env(base))
	if err != nil || c.ClockOffset.Hours() != 744 {
		t.Errorf("test: %v %v", c.ClockOffset, err)
	}
}

func TestPprofListensOnLoopbackOnly(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:6060": true, "[::1]:6060": true, "localhost:6060": true,
		"0.0.0.0:6060": false, ":6060": false, "10.0.0.5:6060": false, "6060": false} {
		_, err := Load(env(map[string]string{"DATABASE_URL": "postgres://db/maillage", "PPROF_ADDR": addr}))
		if got := err == nil; got != ok {
			t.Errorf("PPROF_ADDR=%q: accepted %v, want %v (%v)", addr, got, ok, err)
		}
	}
}
