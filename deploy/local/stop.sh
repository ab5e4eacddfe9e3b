#!/usr/bin/env bash
# "make stop": stop what "make run" started: the server, the project-local PostgreSQL cluster (never the system
# one), and the compose "db" service when make run had to use it. Data in .data/ is kept.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/lib.sh
. "$HERE/lib.sh"

stop_server
"$HERE/pg.sh" stop
if [ -f "$COMPOSE_DB_MARKER" ]; then
	if docker_works; then
		log "stopping the compose service \"db\""
		# Interpolation needs these even to stop a service.
		POSTGRES_PASSWORD="$(cat "$COMPOSE_DB_PASS_FILE" 2>/dev/null || echo unused)" \
			JWT_SECRET="${JWT_SECRET:-unused-for-stop}" \
			docker compose -f "$ROOT/docker-compose.yml" stop db
	fi
	rm -f "$COMPOSE_DB_MARKER"
fi
