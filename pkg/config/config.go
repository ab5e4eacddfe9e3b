// Package config reads the server's configuration from the environment. Every problem is reported at once, one
// clear line each, so a misconfigured deployment fails at start rather than at the first request.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"
)

// Config is the whole server configuration.
type Config struct {
	Env          string // "dev", "test" or "prod"
	DatabaseURL  string
	HTTPAddr     string
	JWTSecret    []byte
	JWTGenerated bool // true when no JWT_SECRET was given and a random one was made (dev/test only)
	JWTIssuer    string
	JWTAudience  string
	CORSOrigins  []string
	StaticDir    string
	LogLevel     slog.Level
	// TrustedProxies lists the CIDRs whose X-Forwarded-For is believed; empty means the TCP peer is the client.
	TrustedProxies []*net.IPNet
	// MetricsPublic exposes /metrics without authentication (default outside prod).
	MetricsPublic bool
	// MetricsToken, when set, lets a scraper read /metrics with "Authorization: Bearer <token>" in prod.
	MetricsToken   string
	RequestTimeout time.Duration
	// SecureCookies marks the refresh cookie Secure (on in prod; off for plain-http local runs).
	SecureCookies bool
	// ClockOffset shifts the server's clock (APP_ENV=test only): end-to-end tests see deadlines pass.
	ClockOffset time.Duration
	// PprofAddr, when set, serves net/http/pprof on a second listener; loopback only, for profiling a running
	// server (bench/README.md). Empty (the default): no profiling endpoint at all.
	PprofAddr string
}

// Lookup reads one variable; os.LookupEnv in production, a map in tests.
type Lookup func(key string) (string, bool)

const minSecretLen = 32

// Load reads and validates the configuration.
func Load(env Lookup) (Config, error) {
	get := func(k, def string) string {
		if v, ok := env(k); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		return def
	}
	var problems []string
	c := Config{
		Env:          get("APP_ENV", "dev"),
		DatabaseURL:  get("DATABASE_URL", ""),
		HTTPAddr:     get("HTTP_ADDR", "127.0.0.1:8080"),
		JWTIssuer:    get("JWT_ISSUER", "maillage"),
		JWTAudience:  get("JWT_AUDIENCE", "maillage-api"),
		StaticDir:    get("STATIC_DIR", ""),
		MetricsToken: get("METRICS_TOKEN", ""),
		PprofAddr:    get("PPROF_ADDR", ""),
	}
	switch c.Env {
	case "dev", "test", "prod":
	default:
		problems = append(problems, fmt.Sprintf("APP_ENV=%q : valeurs possibles dev, test, prod", c.Env))
	}
	if c.DatabaseURL == "" {
		problems = append(problems, "DATABASE_URL est obligatoire (ex. postgres://user@127.0.0.1:5432/maillage)")
	} else if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		problems = append(problems, "DATABASE_URL doit être une URL postgres://…")
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		problems = append(problems, fmt.Sprintf("HTTP_ADDR=%q : attendu hôte:port", c.HTTPAddr))
	}
	if c.PprofAddr != "" && !isLoopback(c.PprofAddr) {
		problems = append(problems, fmt.Sprintf("PPROF_ADDR=%q : attendu une adresse de bouclage (ex. 127.0.0.1:6060)", c.PprofAddr))
	}
	secret := get("JWT_SECRET", "")
	switch {
	case secret == "" && c.Env == "prod":
		problems = append(problems, "JWT_SECRET est obligatoire quand APP_ENV=prod")
	case secret == "":
		c.JWTSecret = randomSecret()
		c.JWTGenerated = true
	case len(secret) < minSecretLen:
		problems = append(problems, fmt.Sprintf("JWT_SECRET doit faire au moins %d caractères", minSecretLen))
	default:
		c.JWTSecret = []byte(secret)
	}
	for _, o := range splitList(get("CORS_ORIGINS", "")) {
		if o == "*" {
			problems = append(problems, "CORS_ORIGINS ne peut pas contenir * : les cookies d’authentification l’interdisent")
			continue
		}
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" {
			problems = append(problems, fmt.Sprintf("CORS_ORIGINS : %q n’est pas une origine (ex. https://maillage.example.fr)", o))
			continue
		}
		c.CORSOrigins = append(c.CORSOrigins, o)
	}
	for _, p := range splitList(get("TRUSTED_PROXIES", "")) {
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("TRUSTED_PROXIES : %q n’est pas un CIDR", p))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("LOG_LEVEL", "info"))); err != nil {
		problems = append(problems, "LOG_LEVEL : valeurs possibles debug, info, warn, error")
	}
	timeout, err := time.ParseDuration(get("REQUEST_TIMEOUT", "15s"))
	if err != nil || timeout <= 0 {
		problems = append(problems, "REQUEST_TIMEOUT : durée attendue (ex. 15s)")
	}
	c.RequestTimeout = timeout
	if raw := get("CLOCK_OFFSET", ""); raw != "" {
		offset, err := time.ParseDuration(raw)
		switch {
		case err != nil:
			problems = append(problems, "CLOCK_OFFSET : durée attendue (ex. 744h)")
		case c.Env != "test":
			problems = append(problems, "CLOCK_OFFSET n’est accepté qu’avec APP_ENV=test")
		default:
			c.ClockOffset = offset
		}
	}
	c.MetricsPublic = c.Env != "prod"
	c.SecureCookies = c.Env == "prod"
	if len(problems) > 0 {
		return c, errors.New("configuration invalide :\n  - " + strings.Join(problems, "\n  - "))
	}
	return c, nil
}

// String describes the configuration with secrets masked, for the start-up log.
func (c Config) String() string {
	secret := "(défini)"
	if c.JWTGenerated {
		secret = "(aléatoire, développement)"
	}
	return fmt.Sprintf("env=%s http_addr=%s database_url=%s jwt_secret=%s cors_origins=%v static_dir=%q log_level=%s",
		c.Env, c.HTTPAddr, MaskURL(c.DatabaseURL), secret, c.CORSOrigins, c.StaticDir, c.LogLevel)
}

// MaskURL hides the password of a connection URL.
func MaskURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalide)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func randomSecret() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return []byte(hex.EncodeToString(b))
}

// isLoopback reports whether addr is host:port on a loopback address: profiles reveal the process's memory and
// must never be reachable from the network.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
