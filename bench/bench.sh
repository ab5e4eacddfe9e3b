#!/usr/bin/env bash
# "make bench" and "make bench-smoke" (issue 9, bench/README.md): a dedicated database on the project-local
# PostgreSQL cluster (deploy/local/pg.sh), migrate, `maillage seed bench`, the server in production mode with
# RATE_LIMIT_RPS=0 and the floor server, the driver (bench/run), then everything stopped and dropped again; the
# cluster is stopped only if this script started it. Not part of "make test" nor of CI.
#
#   bench/bench.sh full    ~17 min with the issue’s 3 runs of 30 s (BENCH_DURATION=15s: ~11 min); BENCH_SOAK=5m adds the soak
#   bench/bench.sh smoke   about a minute: the same pipeline with short runs, results under .data/bench/results
#
# Overrides: BENCH_DURATION, BENCH_RUNS, BENCH_WARMUP, BENCH_WORKERS, BENCH_RATE, BENCH_SOAK, BENCH_SOAK_RATE,
# BENCH_SEED, BENCH_SCALE, BENCH_SQL, BENCH_SQL_REQUESTS, BENCH_PGBENCH_SCALE, BENCH_OUT, BENCH_NOTE,
# BENCH_KEEP=1 (keep the databases and the logs in .data/bench), BENCH_ONLY (e.g. floor,S1,S1open: those scenarios
# only, no pgbench, for profiling), BENCH_PPROF (e.g. 127.0.0.1:6060: the server's PPROF_ADDR).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../deploy/local/lib.sh"

MODE="${1:-full}"
case "$MODE" in
full)
	: "${BENCH_DURATION:=30s}" "${BENCH_RUNS:=3}" "${BENCH_WARMUP:=5s}" "${BENCH_SQL:=auth,S3,S1,S2}"
	: "${BENCH_SQL_REQUESTS:=200}" "${BENCH_PGBENCH_SCALE:=10}" "${BENCH_OUT:=bench/results}" "${BENCH_SOAK:=0}"
	;;
smoke)
	: "${BENCH_DURATION:=1s}" "${BENCH_RUNS:=1}" "${BENCH_WARMUP:=500ms}" "${BENCH_SQL:=S3}"
	: "${BENCH_SQL_REQUESTS:=30}" "${BENCH_PGBENCH_SCALE:=1}" "${BENCH_OUT:=.data/bench/results}" "${BENCH_SOAK:=2s}"
	: "${BENCH_NOTE:=bench-smoke: one short run per scenario to check the pipeline; these figures are not measurements.}"
	;;
*) die "usage: bench/bench.sh full|smoke" ;;
esac
: "${BENCH_WORKERS:=16}" "${BENCH_RATE:=1000}" "${BENCH_SOAK_RATE:=200}" "${BENCH_SEED:=1}" "${BENCH_SCALE:=1}"
: "${BENCH_NOTE:=}" "${BENCH_KEEP:=0}" "${BENCH_ONLY:=}" "${BENCH_PPROF:=}"

BENCH_DIR="$DATA_DIR/bench"
DB=maillage_bench
PGBENCH_DB=maillage_pgbench
STARTED_CLUSTER=0
SERVER_PID=""
FLOOR_PID=""
ADMIN_URL=""

stop_pid() {
	local pid="$1" _
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 30); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.5
	done
	kill -KILL "$pid" 2>/dev/null || true
}

psql_admin() {
	"$(pg_tool psql)" -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" "$@"
}

cleanup() {
	local rc=$?
	stop_pid "$SERVER_PID"
	stop_pid "$FLOOR_PID"
	if [ -n "$ADMIN_URL" ] && [ "$BENCH_KEEP" != 1 ]; then
		psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" || true
	fi
	if [ "$STARTED_CLUSTER" = 1 ]; then "$ROOT/deploy/local/pg.sh" stop || true; fi
	if [ "$rc" = 0 ] && [ "$BENCH_KEEP" != 1 ]; then rm -f "$BENCH_DIR/server.log" "$BENCH_DIR/floor.log"; fi # a full run logs ~1 GB
	exit "$rc"
}
trap cleanup EXIT

# with_database URL NAME: the URL of another database of the same cluster.
with_database() {
	printf '%s\n' "$1" | sed -E "s#^(postgres(ql)?://[^/]+)/[^?]*#\1/$2#"
}

wait_http() {
	local url="$1" pid="$2" _
	for _ in $(seq 1 120); do
		http_ok "$url" && return 0
		kill -0 "$pid" 2>/dev/null || die "the process behind $url stopped (logs in ${BENCH_DIR#"$ROOT"/})"
		sleep 0.5
	done
	die "$url not ready after 60 s"
}

main() {
	local began url pgbench_url addr floor_addr
	began=$(date +%s)
	cd "$ROOT"
	mkdir -p "$BENCH_DIR"
	log "building bin/maillage, bin/bench-floor, bin/bench-run"
	go build -o bin/maillage ./api
	go build -o bin/bench-floor ./bench/floor
	go build -o bin/bench-run ./bench/run

	if ! "$ROOT/deploy/local/pg.sh" status | grep -q running; then STARTED_CLUSTER=1; fi
	"$ROOT/deploy/local/pg.sh" start
	ADMIN_URL="$("$ROOT/deploy/local/pg.sh" url admin)"
	url="$(with_database "$ADMIN_URL" "$DB")"
	pgbench_url="$(with_database "$ADMIN_URL" "$PGBENCH_DB")"
	psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" \
		-c "CREATE DATABASE $DB" -c "CREATE DATABASE $PGBENCH_DB" \
		-c "ALTER DATABASE $DB SET synchronous_commit = on" # the dev cluster defaults to off; production commits are durable

	export DATABASE_URL="$url" JWT_SECRET METRICS_TOKEN
	JWT_SECRET="$(random_hex 32)"
	METRICS_TOKEN="$(random_hex 16)"
	log "migrate and seed bench (seed $BENCH_SEED, scale $BENCH_SCALE)"
	APP_ENV=dev bin/maillage migrate </dev/null
	APP_ENV=dev bin/maillage seed bench --seed "$BENCH_SEED" --scale "$BENCH_SCALE" </dev/null

	addr="127.0.0.1:$(free_port 18090)"
	log "starting maillage serve (APP_ENV=prod, RATE_LIMIT_RPS=0) on $addr"
	APP_ENV=prod HTTP_ADDR="$addr" RATE_LIMIT_RPS=0 PPROF_ADDR="$BENCH_PPROF" bin/maillage serve </dev/null >"$BENCH_DIR/server.log" 2>&1 &
	SERVER_PID=$!
	wait_http "http://$addr/readyz" "$SERVER_PID"
	floor_addr="127.0.0.1:$(free_port $((${addr##*:} + 1)))"
	log "starting the floor server on $floor_addr"
	bin/bench-floor -addr "$floor_addr" </dev/null >"$BENCH_DIR/floor.log" 2>&1 &
	FLOOR_PID=$!
	wait_http "http://$floor_addr/healthz" "$FLOOR_PID"

	bin/bench-run --server "http://$addr" --floor "http://$floor_addr" --server-pid "$SERVER_PID" --floor-pid "$FLOOR_PID" \
		--pgbench "$(pg_bindir)/pgbench" --pgbench-db "$pgbench_url" --pgbench-scale "$BENCH_PGBENCH_SCALE" \
		--duration "$BENCH_DURATION" --warmup "$BENCH_WARMUP" --runs "$BENCH_RUNS" --workers "$BENCH_WORKERS" \
		--rate "$BENCH_RATE" --sql "$BENCH_SQL" --sql-requests "$BENCH_SQL_REQUESTS" --soak "$BENCH_SOAK" \
		--soak-rate "$BENCH_SOAK_RATE" --out "$BENCH_OUT" --note "$BENCH_NOTE" --only "$BENCH_ONLY" \
		--dataset "maillage seed bench --seed $BENCH_SEED --scale $BENCH_SCALE"
	log "bench $MODE done in $(($(date +%s) - began)) s"
}

main "$@"
