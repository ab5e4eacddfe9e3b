#!/usr/bin/env bash
# The project-local PostgreSQL cluster under .data/pg, made with the system's PostgreSQL binaries.
#
#   deploy/local/pg.sh start            create the cluster if needed, start it on a free port (kept in .data/pg/port)
#                                       and make sure the "maillage" database exists
#   deploy/local/pg.sh url [app|admin]  print the URL of the "maillage" database (app) or of "postgres" (admin)
#   deploy/local/pg.sh stop             stop the cluster (only this one: never the system PostgreSQL)
#   deploy/local/pg.sh status
#   deploy/local/pg.sh destroy          stop it and delete it (all local data)
#
# The cluster listens on 127.0.0.1 only (no Unix socket), role "postgres" with a random password kept in
# .data/pg/password (scram-sha-256). As root it runs as the "postgres" OS user, since initdb and pg_ctl refuse root.
# Exit status 3 means no PostgreSQL server binaries are installed (the caller may try Docker instead).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APP_DB=maillage
FIRST_PORT=55432
BINDIR=""

# Normally the cluster lives in .data/pg/data. When we are root and the postgres OS user cannot reach the checkout
# (a clone under /root, say), it lives in that user's home instead; .data/pg/datadir then records where.
PG_DATADIR_FILE="$PG_ROOT/datadir"
if [ -s "$PG_DATADIR_FILE" ]; then
	PG_DATA="$(cat "$PG_DATADIR_FILE")"
	PG_LOG="$(dirname "$PG_DATA")/postgres.log"
fi

need_bindir() {
	BINDIR="$(pg_bindir)" || exit 3
}

initialized() { [ -f "$PG_DATA/PG_VERSION" ]; }

running() {
	initialized && as_pg "$BINDIR/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

current_port() { cat "$PG_PORT_FILE" 2>/dev/null || true; }

psql_admin() {
	PGPASSWORD="$(cat "$PG_PASS_FILE")" PGCONNECT_TIMEOUT=5 "$(pg_tool psql)" -X -q -v ON_ERROR_STOP=1 \
		-h 127.0.0.1 -p "$(current_port)" -U postgres -d postgres "$@"
}

check_os_user() {
	is_root || return 0
	id postgres >/dev/null 2>&1 || die "$(
		cat <<'EOF'
lancé en root mais l'utilisateur système « postgres » n'existe pas (initdb refuse root).
   Installez le paquet postgresql (qui le crée) ou lancez make avec un utilisateur ordinaire, ou donnez DATABASE_URL.
run as root but there is no "postgres" OS user (initdb refuses root).
   Install the postgresql package (it creates that user), run make as a normal user, or set DATABASE_URL.
EOF
	)"
	command -v runuser >/dev/null 2>&1 || die "runuser (util-linux) is needed to run the cluster as the postgres user"
}

cluster_locale() {
	if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
		printf '%s\n' --locale=C.UTF-8
	else
		printf '%s\n' --no-locale
	fi
}

# use_outside_dir moves the cluster to the postgres user's home (see PG_DATADIR_FILE).
use_outside_dir() {
	local home dir
	home="$(getent passwd postgres | cut -d: -f6)"
	dir="$home/maillage-clusters/$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
	if ! as_pg mkdir -p "$dir" || ! as_pg test -w "$dir"; then
		die "$(
			cat <<EOF
l'utilisateur « postgres » ne peut écrire ni dans $PG_ROOT (un dossier parent lui est fermé) ni dans $dir.
   Clonez le dépôt ailleurs (/srv, /home/…) ou donnez DATABASE_URL.
the "postgres" OS user can write neither to $PG_ROOT (a parent directory is closed to it) nor to $dir.
   Clone the repository elsewhere (/srv, /home/…) or set DATABASE_URL.
EOF
		)"
	fi
	PG_DATA="$dir/data"
	PG_LOG="$dir/postgres.log"
	printf '%s\n' "$PG_DATA" >"$PG_DATADIR_FILE"
	warn "the postgres OS user cannot reach $ROOT: the local cluster lives in $dir (make clean-data removes it)"
}

init_cluster() {
	local pwtmp
	check_os_user
	mkdir -p "$PG_ROOT"
	if is_root; then chown postgres:postgres "$PG_ROOT"; fi
	chmod 700 "$PG_ROOT"
	if ! as_pg test -w "$PG_ROOT"; then use_outside_dir; fi
	log "creating the local PostgreSQL cluster in ${PG_DATA#"$ROOT"/} ($("$BINDIR/postgres" --version))"
	(
		umask 077
		random_hex 16 >"$PG_PASS_FILE"
	)
	# initdb reads the password as the cluster's OS user: hand it a copy next to the data directory.
	pwtmp="$(dirname "$PG_DATA")/.initdb-password"
	cp "$PG_PASS_FILE" "$pwtmp"
	if is_root; then chown postgres:postgres "$PG_PASS_FILE" "$pwtmp"; fi
	if ! as_pg "$BINDIR/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwtmp" \
		--auth-host=scram-sha-256 --auth-local=peer --encoding=UTF8 "$(cluster_locale)" \
		>"$PG_ROOT/initdb.log" 2>&1; then
		rm -f "$pwtmp"
		cat "$PG_ROOT/initdb.log" >&2
		die "initdb failed (see above)"
	fi
	rm -f "$pwtmp"
	cat >>"$PG_DATA/postgresql.conf" <<'EOF'

# --- added by deploy/local/pg.sh (development cluster of Maillage) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''   # TCP only: no clash with the system cluster's socket
max_connections = 200          # parallel Go tests each open a pool
synchronous_commit = off       # faster writes; a crash may lose the last transactions, never corrupts
log_line_prefix = '%m [%p] %d '
EOF
}

check_version() {
	local have want
	have="$(cat "$PG_DATA/PG_VERSION")"
	want="$("$BINDIR/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
	if [ "$have" != "$want" ]; then
		die "$(
			cat <<EOF
le cluster local ($PG_DATA) est en PostgreSQL $have mais les binaires trouvés sont en $want ($BINDIR).
   Supprimez-le (make stop && rm -rf .data/pg : les données locales sont perdues) ou donnez PG_BINDIR.
the local cluster ($PG_DATA) is PostgreSQL $have but the binaries found are $want ($BINDIR).
   Remove it (make stop && rm -rf .data/pg: local data is lost) or set PG_BINDIR.
EOF
		)"
	fi
}

start_cluster() {
	local port
	initialized || init_cluster
	check_version
	if running; then
		log "local PostgreSQL already running on 127.0.0.1:$(current_port)"
	else
		check_os_user
		port="$(current_port)"
		if [ -z "$port" ] || port_in_use "$port"; then
			port="$(free_port "$FIRST_PORT")" || die "no free TCP port in $FIRST_PORT-$((FIRST_PORT + 200))"
		fi
		printf '%s\n' "$port" >"$PG_PORT_FILE"
		log "starting the local PostgreSQL on 127.0.0.1:$port (log: ${PG_LOG#"$ROOT"/})"
		if ! as_pg "$BINDIR/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -o "-p $port" >/dev/null; then
			tail -n 20 "$PG_LOG" >&2 || true
			die "the local PostgreSQL did not start (see ${PG_LOG#"$ROOT"/})"
		fi
	fi
	if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$APP_DB'")" != 1 ]; then
		log "creating database $APP_DB"
		psql_admin -c "CREATE DATABASE $APP_DB"
	fi
}

print_url() {
	local db="$APP_DB"
	case "${1:-app}" in
	app) ;;
	admin) db=postgres ;;
	*) die "usage: pg.sh url [app|admin]" ;;
	esac
	running || die "the local PostgreSQL is not running (deploy/local/pg.sh start)"
	printf 'postgres://postgres:%s@127.0.0.1:%s/%s?sslmode=disable\n' "$(cat "$PG_PASS_FILE")" "$(current_port)" "$db"
}

stop_cluster() {
	if ! initialized; then
		log "no local PostgreSQL cluster in ${PG_DATA#"$ROOT"/}"
		return 0
	fi
	if running; then
		log "stopping the local PostgreSQL (127.0.0.1:$(current_port))"
		as_pg "$BINDIR/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null
	else
		log "the local PostgreSQL is not running"
	fi
}

# destroy_cluster stops the cluster and deletes it with .data/pg (and its directory outside the checkout, if any).
destroy_cluster() {
	local outside=""
	stop_cluster
	if [ -s "$PG_DATADIR_FILE" ]; then
		outside="$(dirname "$PG_DATA")"
		case "$outside" in
		*/maillage-clusters/[0-9]*) rm -rf "$outside" ;;
		*) warn "not removing $outside (unexpected path)" ;;
		esac
	fi
	rm -rf "$PG_ROOT"
	log "local PostgreSQL cluster deleted"
}

status_cluster() {
	if ! initialized; then
		echo "local PostgreSQL: not created (${PG_DATA#"$ROOT"/})"
	elif running; then
		echo "local PostgreSQL: running on 127.0.0.1:$(current_port), data in ${PG_DATA#"$ROOT"/}"
	else
		echo "local PostgreSQL: stopped (port $(current_port)), data in ${PG_DATA#"$ROOT"/}"
	fi
}

main() {
	local cmd="${1:-}"
	[ $# -gt 0 ] && shift
	case "$cmd" in
	start)
		need_bindir
		with_lock pg start_cluster
		;;
	url)
		need_bindir
		print_url "$@"
		;;
	stop)
		if initialized && ! BINDIR="$(pg_bindir)"; then
			warn "a local cluster exists in ${PG_DATA#"$ROOT"/} but pg_ctl is not found: if it still runs, stop it with pg_ctl -D $PG_DATA stop"
			exit 3
		fi
		with_lock pg stop_cluster
		;;
	status)
		if initialized; then need_bindir; fi
		status_cluster
		;;
	destroy)
		if initialized; then need_bindir; fi
		with_lock pg destroy_cluster
		;;
	*)
		echo "usage: $0 start|url [app|admin]|stop|status|destroy" >&2
		exit 2
		;;
	esac
}

main "$@"
