#!/usr/bin/env bash
# One command from a fresh clone to a running app: deps, services, database, build, web + worker.
# Safe to re-run: it restarts the web app and the worker it started before.
set -euo pipefail
. "$(dirname "$0")/services.sh"
cd "$ROOT"

mkdir -p "$DATA"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node >= 20.19 is required, found "+process.version); process.exit(1) }'
log "installing dependencies"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
load_env
ensure_services
ensure_chromium || log "chromium missing: JavaScript rendering will be unavailable"
log "applying migrations and seeding"
prepare_database
npm run --silent db:seed
log "building the web app"
npx next build >"$DATA/build.log" 2>&1 || { tail -40 "$DATA/build.log"; exit 1; }

mkdir -p "$DATA/run" "$DATA/logs"
for name in web worker; do
  if [ -f "$DATA/run/$name.pid" ]; then kill -- -"$(cat "$DATA/run/$name.pid")" 2>/dev/null || true; fi
done
sleep 1
PORT=${PORT:-3000}
setsid nohup node_modules/.bin/next start -H "${HOST:-127.0.0.1}" -p "$PORT" >"$DATA/logs/web.log" 2>&1 &
echo $! >"$DATA/run/web.pid"
RO_SERVICE=worker setsid nohup node --import tsx worker/main.ts >"$DATA/logs/worker.log" 2>&1 &
echo $! >"$DATA/run/worker.pid"

log "waiting for the app to report healthy"
for _ in $(seq 1 60); do
  if curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then
    cat <<MSG

  Rival Outranker is running: ${APP_URL:-http://127.0.0.1:$PORT}
  Admin: $ADMIN_EMAIL / $ADMIN_PASSWORD
  Demo:  ${DEMO_EMAIL:-} / ${DEMO_PASSWORD:-}
  Logs:  .data/logs/web.log, .data/logs/worker.log  (stop: npm run down)

MSG
    exit 0
  fi
  sleep 1
done
log "the app did not become healthy; last log lines:"
tail -20 "$DATA/logs/web.log" "$DATA/logs/worker.log"
exit 1
