// Command run is the benchmark driver of issue 9 (`make bench`, `make bench-smoke`; bench/README.md). Against a
// server started on the data set of `maillage seed bench`, it measures scenarios S1–S5 at saturation (closed
// loop) and S1 at a fixed rate (open loop, latencies from the scheduled start), next to the floor server
// (bench/floor) and `pgbench -S` on the same PostgreSQL, in interleaved rounds; it samples the server's RSS from
// /proc, checks that each Idempotency-Key created exactly one visit, counts SQL statements per request, compares
// goroutines and file descriptors before and after a soak, and writes <out>/<date>.json and <date>.md.
//
// Tokens are minted with the server's JWT secret (JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, read by pkg/config like
// the server does), DATABASE_URL is the benchmark database, METRICS_TOKEN opens /metrics in production mode.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"maillage/pkg/auth"
	"maillage/pkg/config"
)

type options struct {
	Server       string        `json:"server"`
	Floor        string        `json:"floor"`
	ServerPID    int           `json:"-"`
	FloorPID     int           `json:"-"`
	Pgbench      string        `json:"pgbench,omitempty"`
	PgbenchDB    string        `json:"-"` // carries a password
	PgbenchScale int           `json:"pgbench_scale"`
	StatsDB      string        `json:"-"`
	Duration     time.Duration `json:"duration_ns"`
	Warmup       time.Duration `json:"warmup_ns"`
	Runs         int           `json:"runs"`
	Workers      int           `json:"workers"`
	Rate         int           `json:"open_loop_rate"`
	MaxInFlight  int           `json:"open_loop_max_in_flight"`
	SQL          string        `json:"sql_probes"`
	SQLRequests  int           `json:"sql_requests"`
	Soak         time.Duration `json:"soak_ns"`
	SoakRate     int           `json:"soak_rate"`
	Out          string        `json:"-"`
	Note         string        `json:"-"`
	Only         string        `json:"only,omitempty"`
	Dataset      string        `json:"-"`
}

func parseOptions() options {
	var o options
	flag.StringVar(&o.Server, "server", "http://127.0.0.1:8090", "URL de Maillage")
	flag.StringVar(&o.Floor, "floor", "http://127.0.0.1:8091", "URL du serveur plancher (bench/floor)")
	flag.IntVar(&o.ServerPID, "server-pid", 0, "pid de maillage serve (RSS, /proc)")
	flag.IntVar(&o.FloorPID, "floor-pid", 0, "pid du serveur plancher (RSS)")
	flag.StringVar(&o.Pgbench, "pgbench", "", "binaire pgbench (vide : pas de référence pgbench)")
	flag.StringVar(&o.PgbenchDB, "pgbench-db", "", "URL de la base de pgbench (créée vide ; initialisée ici)")
	flag.IntVar(&o.PgbenchScale, "pgbench-scale", 10, "échelle de pgbench -i")
	flag.StringVar(&o.StatsDB, "stats-db", "", "URL d’une autre base du même cluster pour lire pg_stat_database (défaut : --pgbench-db)")
	flag.DurationVar(&o.Duration, "duration", 30*time.Second, "durée d’une mesure")
	flag.DurationVar(&o.Warmup, "warmup", 5*time.Second, "échauffement avant chaque mesure")
	flag.IntVar(&o.Runs, "runs", 3, "nombre de tours (chaque scénario une fois par tour)")
	flag.IntVar(&o.Workers, "workers", 16, "clients simultanés en boucle fermée")
	flag.IntVar(&o.Rate, "rate", 1000, "débit imposé de S1 en boucle ouverte (req/s)")
	flag.IntVar(&o.MaxInFlight, "max-in-flight", 256, "requêtes simultanées au plus en boucle ouverte")
	flag.StringVar(&o.SQL, "sql", "auth,S3,S1,S2", "requêtes dont on compte les instructions SQL (vide : aucune)")
	flag.IntVar(&o.SQLRequests, "sql-requests", 200, "requêtes séquentielles par comptage")
	flag.DurationVar(&o.Soak, "soak", 0, "endurance en mélange S5 à --soak-rate (ex. 5m ; 0 : pas d’endurance)")
	flag.IntVar(&o.SoakRate, "soak-rate", 200, "débit de l’endurance (req/s)")
	flag.StringVar(&o.Out, "out", "bench/results", "dossier des résultats")
	flag.StringVar(&o.Note, "note", "", "remarque recopiée en tête du résumé")
	flag.StringVar(&o.Only, "only", "", "scénarios à mesurer, pour profiler (ex. floor,S1,S1open ; vide : tous, pgbench compris)")
	flag.StringVar(&o.Dataset, "dataset", "maillage seed bench", "description du jeu de données")
	flag.Parse()
	if o.StatsDB == "" {
		o.StatsDB = o.PgbenchDB
	}
	return o
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, parseOptions()); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		return err
	}
	if cfg.JWTGenerated {
		return errors.New("JWT_SECRET : le secret du serveur est nécessaire pour émettre ses jetons")
	}
	conn, err := pgx.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	f, err := setup(ctx, conn, cfg, o)
	if err != nil {
		return err
	}
	res := &Result{Started: time.Now().UTC(), Note: o.Note, Options: o, Environment: Environment{CPUs: runtime.NumCPU(),
		GoVersion: runtime.Version(), Commit: commit(), Dataset: o.Dataset, ServerPID: o.ServerPID, ServerAddr: o.Server}}
	if o.Pgbench != "" {
		logf("pgbench -i -s %d", o.PgbenchScale)
		if err := pgbenchInit(ctx, o.Pgbench, o.PgbenchDB, o.PgbenchScale); err != nil {
			return err
		}
	}
	if res.Process.Before, err = f.state(); err != nil {
		return err
	}
	if err := f.rounds(ctx, res); err != nil {
		return err
	}
	if err := f.afterRuns(ctx, conn, res); err != nil {
		return err
	}
	res.Summaries = summaries(res.Runs)
	res.Targets = evaluate(res)
	res.Finished = time.Now().UTC()
	jsonPath, mdPath, err := write(res, o.Out)
	if err != nil {
		return err
	}
	for _, t := range res.Targets {
		fmt.Printf("%-45s %-28s %-60s %s\n", t.Name, t.Goal, t.Measured, t.Status)
	}
	fmt.Printf("\nrésultats : %s, %s\n", jsonPath, mdPath)
	return nil
}

// setup reads the fixture, mints the tokens and prepares the second page's cursor and the replays.
func setup(ctx context.Context, conn *pgx.Conn, cfg config.Config, o options) (*fixture, error) {
	f := &fixture{opts: o, client: newClient(max(o.Workers, o.MaxInFlight) * 2), runID: time.Now().Format("20060102T150405"),
		issuer: auth.NewTokens(cfg.JWTSecret, cfg.JWTIssuer, cfg.JWTAudience, time.Now)}
	if err := loadFixture(ctx, conn, f); err != nil {
		return nil, err
	}
	if err := f.mint(); err != nil {
		return nil, err
	}
	return f, f.prepare()
}

// afterRuns: goroutines and FDs after the runs, the soak, the idempotency check and the statement counts.
func (f *fixture) afterRuns(ctx context.Context, conn *pgx.Conn, res *Result) error {
	var err error
	if res.Process.AfterRuns, err = f.state(); err != nil {
		return err
	}
	if f.opts.Soak > 0 {
		if err := f.soak(ctx, res); err != nil {
			return err
		}
	}
	logf("S4 : une visite par clé")
	idem, err := checkIdempotency(ctx, conn, f)
	if err != nil {
		return err
	}
	res.Idempotency = &idem
	if probes := splitList(f.opts.SQL); len(probes) > 0 && f.opts.StatsDB != "" {
		logf("instructions SQL par requête (%s) : environ %d s", f.opts.SQL, 11*(len(probes)+2))
		stats, err := pgx.Connect(ctx, f.opts.StatsDB)
		if err != nil {
			return err
		}
		defer stats.Close(context.WithoutCancel(ctx))
		if err := f.mint(); err != nil {
			return err
		}
		st, err := countStatements(ctx, stats, databaseName(conn), f, probes, f.opts.SQLRequests)
		if err != nil {
			return err
		}
		res.Statements = &st
	}
	return nil
}

// state reads goroutines and FDs once the client's idle connections are closed and the server is quiet.
func (f *fixture) state() (*Process, error) {
	f.client.CloseIdleConnections()
	time.Sleep(2 * time.Second)
	p, err := processState(newClient(1), f.opts.Server, os.Getenv("METRICS_TOKEN"), f.opts.ServerPID)
	return &p, err
}

func databaseName(conn *pgx.Conn) string { return conn.Config().Database }

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// commit reads the checked-out commit from .git without running git.
func commit() string {
	head, err := os.ReadFile(".git/HEAD")
	if err != nil {
		return ""
	}
	ref, ok := strings.CutPrefix(strings.TrimSpace(string(head)), "ref: ")
	if !ok {
		return ref[:min(12, len(ref))] // a detached HEAD holds the commit itself
	}
	b, err := os.ReadFile(path.Join(".git", ref))
	if err != nil {
		return ref
	}
	sha := strings.TrimSpace(string(b))
	return sha[:min(12, len(sha))]
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
