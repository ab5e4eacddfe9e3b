# shellcheck shell=bash
# Shared helpers for the deploy/local scripts. Sourced, never executed.
# Everything here is for a developer's machine: nothing in this directory is used in production.

# Repository root (this file lives in deploy/local/).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="$ROOT/.data"
PG_ROOT="$DATA_DIR/pg"          # owned by the cluster's OS user
PG_DATA="$PG_ROOT/data"         # PGDATA of the project-local cluster
PG_PORT_FILE="$PG_ROOT/port"    # port the local cluster listens on (kept across runs)
PG_PASS_FILE="$PG_ROOT/password" # password of its "postgres" role (scram-sha-256 over TCP)
PG_LOG="$PG_ROOT/postgres.log"
SERVER_PID_FILE="$DATA_DIR/maillage.pid"
SERVER_LOG="$DATA_DIR/maillage.log"
export ROOT DATA_DIR PG_ROOT PG_DATA PG_PORT_FILE PG_PASS_FILE PG_LOG SERVER_PID_FILE SERVER_LOG

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
	printf '\nerror: %s\n' "$*" >&2
	exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# pg_bindir prints the directory holding initdb/pg_ctl/postgres, or fails.
# Order: $PG_BINDIR, the newest /usr/lib/postgresql/<v>/bin (Debian/Ubuntu), pg_config --bindir, initdb in PATH.
pg_bindir() {
	local d
	if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
		printf '%s\n' "$PG_BINDIR"
		return 0
	fi
	local best="" best_v=0 v
	for d in /usr/lib/postgresql/*/bin; do
		if [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then continue; fi
		v="${d#/usr/lib/postgresql/}"
		v="${v%%/*}"
		v="${v%%.*}"
		if [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -gt "$best_v" ]; then
			best="$d"
			best_v="$v"
		fi
	done
	if [ -n "$best" ]; then
		printf '%s\n' "$best"
		return 0
	fi
	if command -v pg_config >/dev/null 2>&1; then
		d="$(pg_config --bindir 2>/dev/null || true)"
		if [ -n "$d" ] && [ -x "$d/initdb" ]; then
			printf '%s\n' "$d"
			return 0
		fi
	fi
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
		return 0
	fi
	return 1
}

# pg_tool NAME prints the path of a PostgreSQL client tool (psql, pg_isready, createdb), or fails.
pg_tool() {
	local name="$1" d
	if d="$(pg_bindir 2>/dev/null)" && [ -x "$d/$name" ]; then
		printf '%s\n' "$d/$name"
	elif command -v "$name" >/dev/null 2>&1; then
		command -v "$name"
	else
		return 1
	fi
}

# as_pg runs a command as the OS user owning the local cluster: "postgres" when we are root
# (initdb and pg_ctl refuse to run as root), the current user otherwise.
as_pg() {
	if is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# port_in_use PORT: true when something listens on PORT (any address).
port_in_use() {
	local port="$1"
	if command -v ss >/dev/null 2>&1; then
		[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
	else
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
	fi
}

# free_port FIRST [LAST]: prints the first port in [FIRST, LAST] nobody listens on.
free_port() {
	local p="$1" last="${2:-$(($1 + 200))}"
	while [ "$p" -le "$last" ]; do
		if ! port_in_use "$p"; then
			printf '%s\n' "$p"
			return 0
		fi
		p=$((p + 1))
	done
	return 1
}

# random_hex N: N random bytes, hex-encoded (URL-safe, used for dev-only secrets).
random_hex() {
	od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
}

# http_ok URL: true when GET URL answers 2xx.
http_ok() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
	elif command -v wget >/dev/null 2>&1; then
		wget -q -O /dev/null --timeout=2 "$1" 2>/dev/null
	else
		# Plain bash fallback: http://host:port/path only.
		(
			rest="${1#http://}"
			hostport="${rest%%/*}"
			path="/${rest#*/}"
			exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || exit 1
			printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
			read -r -t 2 _ status _ <&3 || exit 1
			[[ "$status" == 2* ]]
		) 2>/dev/null
	fi
}

# with_lock NAME CMD...: runs CMD under an exclusive lock .data/NAME.lock (parallel make targets).
with_lock() {
	local name="$1"
	shift
	mkdir -p "$DATA_DIR"
	if command -v flock >/dev/null 2>&1; then
		(
			flock 9
			# 9>&- : children (pg_ctl → postmaster, the server) must not inherit the lock, or it is never released.
			"$@" 9>&-
		) 9>"$DATA_DIR/$name.lock"
	else
		"$@"
	fi
}

# no_postgres_message explains, in French and English, how to get PostgreSQL.
no_postgres_message() {
	cat >&2 <<'EOF'

PostgreSQL introuvable / PostgreSQL not found.

FR : Maillage a besoin de PostgreSQL (version 15 ou plus). Au choix :
  - installer PostgreSQL : sudo apt-get install -y postgresql   (Debian/Ubuntu)
                           brew install postgresql@17            (macOS)
    puis relancer « make run » : un cluster local est créé dans .data/pg ;
  - ou installer Docker (https://docs.docker.com/engine/install/) : « make run » lancera « docker compose up -d db » ;
  - ou pointer vers une base existante : DATABASE_URL=postgres://user:motdepasse@hôte:5432/maillage make run

EN: Maillage needs PostgreSQL (15 or later). Either:
  - install PostgreSQL: sudo apt-get install -y postgresql   (Debian/Ubuntu)
                        brew install postgresql@17            (macOS)
    then run "make run" again: a local cluster is created under .data/pg;
  - or install Docker (https://docs.docker.com/engine/install/): "make run" will run "docker compose up -d db";
  - or point at an existing database: DATABASE_URL=postgres://user:password@host:5432/maillage make run
EOF
}

# mask_url hides the password of a postgres:// URL.
mask_url() {
	printf '%s\n' "$1" | sed -E 's#^([a-z]+://[^:/@]*):[^@]*@#\1:xxxxx@#'
}

# server_pid prints the pid of the server started by "make run" when it is still running, or fails.
server_pid() {
	local pid
	[ -f "$SERVER_PID_FILE" ] || return 1
	pid="$(cat "$SERVER_PID_FILE" 2>/dev/null || true)"
	[[ "$pid" =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	# Guard against a recycled pid: it must still be "maillage serve".
	ps -o args= -p "$pid" 2>/dev/null | grep -q 'maillage.* serve' || return 1
	printf '%s\n' "$pid"
}

# stop_server stops the server started by "make run", if any (SIGTERM, then SIGKILL after 15 s).
stop_server() {
	local pid _
	if pid="$(server_pid)"; then
		log "stopping the Maillage server (pid $pid)"
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 30); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		if kill -0 "$pid" 2>/dev/null; then
			warn "the server did not stop within 15 s: killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -f "$SERVER_PID_FILE"
}

# docker_works: a Docker engine answers and the compose plugin is there.
docker_works() {
	command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1
}

COMPOSE_DB_MARKER="$DATA_DIR/compose-db"       # present when "make run" started the compose db service
COMPOSE_DB_PASS_FILE="$DATA_DIR/compose-db-password"
export COMPOSE_DB_MARKER COMPOSE_DB_PASS_FILE

# jwt_secret prints a development JWT secret kept in .data/jwt-secret, so sessions survive a restart.
jwt_secret() {
	local f="$DATA_DIR/jwt-secret"
	mkdir -p "$DATA_DIR"
	if [ ! -s "$f" ]; then
		(
			umask 077
			random_hex 32 >"$f"
		)
	fi
	cat "$f"
}
