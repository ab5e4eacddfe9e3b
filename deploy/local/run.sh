#!/usr/bin/env bash
# "make run": start Maillage locally once bin/maillage and frontend/dist are built (the Makefile builds them).
#
# Database: $DATABASE_URL when set; otherwise the project-local cluster (deploy/local/pg.sh); otherwise, when no
# PostgreSQL binaries are installed but Docker works, the compose "db" service; otherwise a message saying how to
# get PostgreSQL. Then migrate, seed the demo data (idempotent), (re)start "maillage serve" in the background
# (pid in .data/maillage.pid, log in .data/maillage.log), wait for /readyz and print the URL and demo logins.
# Running it again reuses the cluster and its data and restarts the server.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/lib.sh
. "$HERE/lib.sh"

BIN="$ROOT/bin/maillage"
DIST="$ROOT/frontend/dist"
READY_TIMEOUT="${READY_TIMEOUT:-60}"

compose_db_url() {
	local port="${DB_PORT:-5433}"
	if [ ! -s "$COMPOSE_DB_PASS_FILE" ]; then
		(
			umask 077
			random_hex 16 >"$COMPOSE_DB_PASS_FILE"
		)
	fi
	log "no PostgreSQL binaries here: starting the compose service \"db\" (Docker) on 127.0.0.1:$port"
	# The whole file is interpolated, so JWT_SECRET must be set even though "db" does not use it.
	POSTGRES_PASSWORD="$(cat "$COMPOSE_DB_PASS_FILE")" JWT_SECRET="${JWT_SECRET:-$(jwt_secret)}" DB_PORT="$port" \
		docker compose -f "$ROOT/docker-compose.yml" up -d --wait db >&2
	touch "$COMPOSE_DB_MARKER"
	printf 'postgres://maillage:%s@127.0.0.1:%s/maillage?sslmode=disable\n' "$(cat "$COMPOSE_DB_PASS_FILE")" "$port"
}

database_url() {
	local rc=0
	if [ -n "${DATABASE_URL:-}" ]; then
		log "using DATABASE_URL from the environment: $(mask_url "$DATABASE_URL")"
		printf '%s\n' "$DATABASE_URL"
		return 0
	fi
	"$HERE/pg.sh" start || rc=$?
	case "$rc" in
	0) "$HERE/pg.sh" url app ;;
	3)
		if docker_works; then
			compose_db_url
		else
			no_postgres_message
			exit 1
		fi
		;;
	*) exit "$rc" ;;
	esac
}

# http_addr picks HTTP_ADDR: as given, or 127.0.0.1:8080, or the next free port when 8080 is taken.
http_addr() {
	local port
	if [ -n "${HTTP_ADDR:-}" ]; then
		port_in_use "${HTTP_ADDR##*:}" && die "HTTP_ADDR=$HTTP_ADDR: port ${HTTP_ADDR##*:} already in use / port déjà utilisé"
		printf '%s\n' "$HTTP_ADDR"
		return 0
	fi
	port=8080
	if port_in_use "$port"; then
		port="$(free_port 8081 8199)" || die "no free port in 8080-8199 / aucun port libre entre 8080 et 8199"
		warn "port 8080 is taken: using $port (set HTTP_ADDR to choose)"
	fi
	printf '127.0.0.1:%s\n' "$port"
}

start_server() {
	local pid
	[ -f "$SERVER_LOG" ] && mv -f "$SERVER_LOG" "$SERVER_LOG.1"
	# setsid: the server leaves make's session, so it survives the terminal and is not hit by its Ctrl-C.
	if command -v setsid >/dev/null 2>&1; then
		setsid "$BIN" serve </dev/null >"$SERVER_LOG" 2>&1 &
	else
		nohup "$BIN" serve </dev/null >"$SERVER_LOG" 2>&1 &
	fi
	pid=$!
	printf '%s\n' "$pid" >"$SERVER_PID_FILE"
}

wait_ready() {
	local pid="$1" url="$2" waited=0
	while ! http_ok "$url"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 30 "$SERVER_LOG" >&2 || true
			rm -f "$SERVER_PID_FILE"
			die "the server stopped at start / le serveur s'est arrêté au démarrage (log: .data/maillage.log)"
		fi
		if [ "$waited" -ge $((READY_TIMEOUT * 2)) ]; then
			tail -n 30 "$SERVER_LOG" >&2 || true
			die "$url not ready after ${READY_TIMEOUT}s / pas prêt après ${READY_TIMEOUT} s (log: .data/maillage.log)"
		fi
		sleep 0.5
		waited=$((waited + 1))
	done
}

print_welcome() {
	local base="$1"
	cat <<EOF

  Maillage is running / Maillage est lancé : $base/

    API        $base/api/v1   (OpenAPI: $base/api/v1/openapi.json)
    Database   $(mask_url "$DATABASE_URL")
    Log        .data/maillage.log
    Stop       make stop

  Demo accounts / comptes de démonstration — password / mot de passe : maillage-demo-2026
  (docs/adr/0001-foundation-api-contract.md)

    admin@maillage.test               admin       (all départements)
    region.bfc@maillage.test          region      (région 27, Bourgogne-Franche-Comté)
    prefecture.70@maillage.test       prefecture  (70, Haute-Saône)
    prefecture.57@maillage.test       prefecture  (57, Moselle)
    prefecture.60@maillage.test       prefecture  (60, Oise)
    animateur.70@maillage.test        animateur   (70)
    structure.70@maillage.test        structure   (70)
    partenaire.caf.70@maillage.test   partner     (CAF, 70)

EOF
}

main() {
	local addr host pid base
	cd "$ROOT"
	[ -x "$BIN" ] || die "bin/maillage is missing: run \"make run\" (it builds it) or \"make build\""
	[ -f "$DIST/index.html" ] || die "frontend/dist is missing: run \"make run\" (it builds it) or \"make build\""
	mkdir -p "$DATA_DIR"

	stop_server

	DATABASE_URL="$(database_url)"
	export DATABASE_URL
	export APP_ENV="${APP_ENV:-dev}"
	if [ -z "${JWT_SECRET:-}" ]; then
		JWT_SECRET="$(jwt_secret)"
		export JWT_SECRET
	fi
	export STATIC_DIR="${STATIC_DIR:-$DIST}"
	addr="$(http_addr)"
	export HTTP_ADDR="$addr"

	log "bin/maillage migrate"
	"$BIN" migrate </dev/null
	if [ "$APP_ENV" = prod ]; then
		warn "APP_ENV=prod: demo data not loaded (seed demo is refused in prod)"
	else
		log "bin/maillage seed demo"
		"$BIN" seed demo </dev/null
	fi

	log "starting bin/maillage serve on $addr"
	start_server
	pid="$(cat "$SERVER_PID_FILE")"
	host="${addr%:*}"
	case "$host" in "" | 0.0.0.0 | "[::]") host=127.0.0.1 ;; esac
	base="http://$host:${addr##*:}"
	wait_ready "$pid" "$base/readyz"
	print_welcome "$base"
}

main "$@"
