#!/usr/bin/env bash
# Prints the admin URL the tests create their databases from (TEST_DATABASE_URL):
#   1. $TEST_DATABASE_URL when set;
#   2. the system PostgreSQL on 127.0.0.1:5432 (user postgres, no password) when it answers;
#   3. otherwise the project-local cluster (deploy/local/pg.sh), started if needed.
# Messages go to stderr; only the URL goes to stdout.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/lib.sh
. "$HERE/lib.sh"

SYSTEM_URL="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

if [ -n "${TEST_DATABASE_URL:-}" ]; then
	printf '%s\n' "$TEST_DATABASE_URL"
	exit 0
fi

system_answers() {
	local isready psql
	if isready="$(pg_tool pg_isready)"; then
		"$isready" -q -h 127.0.0.1 -p 5432 -t 3 || return 1
	else
		port_in_use 5432 || return 1
	fi
	# It answers; can we also log in as postgres without a password (Debian's trust/peer default in CI)?
	if psql="$(pg_tool psql)"; then
		if ! PGCONNECT_TIMEOUT=5 "$psql" -w -X -q -A -t -c 'SELECT 1' "$SYSTEM_URL" >/dev/null 2>&1; then
			warn "PostgreSQL on 127.0.0.1:5432 refuses postgres without a password: using the local cluster (or set TEST_DATABASE_URL)"
			return 1
		fi
	fi
	return 0
}

if system_answers; then
	log "tests use the system PostgreSQL on 127.0.0.1:5432"
	printf '%s\n' "$SYSTEM_URL"
	exit 0
fi

rc=0
"$HERE/pg.sh" start || rc=$?
if [ "$rc" -eq 3 ]; then
	no_postgres_message
	exit 1
elif [ "$rc" -ne 0 ]; then
	exit "$rc"
fi
log "tests use the project-local PostgreSQL (.data/pg)"
"$HERE/pg.sh" url admin
