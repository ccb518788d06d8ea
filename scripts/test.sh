#!/usr/bin/env bash
# The whole suite: typecheck, lint, unit, integration (real PostgreSQL + Redis), chaos, bench --quick, build, e2e (Chromium).
# Runs every stage even after a failure, then prints one summary line and exits non-zero on any failure.
set -uo pipefail
. "$(dirname "$0")/services.sh"
cd "$ROOT"

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
load_env
ensure_services || exit 1
ensure_chromium || exit 1

# A separate database and queue prefix so tests never touch the app's data.
base_db=$(url_part "$DATABASE_URL" db)
export DATABASE_URL="${DATABASE_URL%/*}/${base_db}_test"
export QUEUE_PREFIX="ro-test"
export NODE_ENV=test
export LOG_LEVEL=${LOG_LEVEL_TEST:-warn}
export ALLOWED_PRIVATE_HOSTS="127.0.0.1,localhost"
export E2E_PORT=${E2E_PORT:-3100}
# Its own build directory: the app `npm run up` serves from .next keeps working meanwhile.
export NEXT_DIST_DIR=.next-test
export APP_URL="http://127.0.0.1:$E2E_PORT"
# Rebuilt from the migrations on every run: whatever an earlier run (or branch) left in the test
# database cannot fail this one.
reset_test_database() { npx prisma generate >/dev/null && npx prisma migrate reset --force >/dev/null; }
reset_test_database || { echo "summary: 0 passed, 1 failed (database setup)"; exit 1; }

OUT="$DATA/test-results"; rm -rf "$OUT"; mkdir -p "$OUT"
failed_stages=()
stage() {
  local name=$1; shift
  log "── $name"
  local t0=$SECONDS
  if "$@"; then log "$name ok ($((SECONDS - t0)) s)"; else log "$name FAILED"; failed_stages+=("$name"); fi
}

stage typecheck npx tsc --noEmit -p .
stage lint npx eslint --max-warnings 0 .
stage unit npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$OUT/unit.json"
stage integration npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$OUT/integration.json"
stage chaos npx vitest run --project chaos --reporter=default --reporter=json --outputFile.json="$OUT/chaos.json"
# Measures, never enforces: fails only when a measurement could not be taken. Uses this test env's
# database and a queue prefix of its own under ro-test (bench/bench-env.ts); its sites bind 127.0.0.1 on spare ports.
stage bench npm run --silent bench -- --quick
stage build npx next build
stage e2e env PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/e2e.json" npx playwright test --reporter=list,json

node scripts/summarize-tests.mjs "$OUT" "${#failed_stages[@]}" "${failed_stages[*]:-}"
[ ${#failed_stages[@]} -eq 0 ]
