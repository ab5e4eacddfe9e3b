#!/usr/bin/env bash
# "make test-e2e": the SPA's end-to-end tests (npm run test:e2e in frontend/) against the real binary and database.
#   deploy/local/e2e.sh --check   only check the prerequisites that make cannot build (Chromium)
#   deploy/local/e2e.sh           run the tests (bin/maillage and frontend/dist must be built: make test-e2e does it)
# The tests create their own throwaway database from TEST_DATABASE_URL and start $MAILLAGE_BIN themselves.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/lib.sh
. "$HERE/lib.sh"

# Same variable and default as frontend/e2e/server.mjs.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

check_chromium() {
	[ -x "$CHROMIUM" ] && return 0
	die "$(
		cat <<EOF
les tests de bout en bout ont besoin de Chromium ($CHROMIUM est absent). Installez-le :
       sudo apt-get update && sudo apt-get install -y chromium
   the end-to-end tests need Chromium ($CHROMIUM is missing). Install it:
       sudo apt-get update && sudo apt-get install -y chromium
   (as root: apt-get update && apt-get install -y chromium; another binary: CHROMIUM_PATH=/path/to/chromium)
EOF
	)"
}

check_chromium
[ "${1:-}" = --check ] && exit 0

cd "$ROOT"
[ -x bin/maillage ] || die "bin/maillage is missing: run \"make test-e2e\" (it builds it)"
[ -f frontend/dist/index.html ] || die "frontend/dist is missing: run \"make test-e2e\" (it builds it)"

TEST_DATABASE_URL="$("$HERE/test-db-url.sh")"
MAILLAGE_BIN="$ROOT/bin/maillage"
export TEST_DATABASE_URL MAILLAGE_BIN
log "npm --prefix frontend run test:e2e (MAILLAGE_BIN=$MAILLAGE_BIN)"
npm --prefix frontend run test:e2e
