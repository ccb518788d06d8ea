#!/usr/bin/env bash
# The path a new user takes, checked on a fresh clone of the committed HEAD (or NEWCOMER_REF) in a temporary
# directory, with PostgreSQL and Redis already running:
#   npm run up → /api/health 200 → `cli analyze` of a page served here → npm run up again (safe
#   to re-run) → a test build beside the running app leaves it serving → npm run down.
# The clone gets its own port, database and queue prefix, so it never touches a running app.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
log() { printf '\033[1m[newcomer]\033[0m %s\n' "$*"; }
fail() { log "FAILED: $*"; exit 1; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

page_pid=
cleanup() {
  [ -n "$page_pid" ] && kill "$page_pid" 2>/dev/null || true
  [ -d "$WORK/app" ] && (cd "$WORK/app" && npm run --silent down >/dev/null 2>&1 || true)
  rm -rf "$WORK"
}
trap cleanup EXIT

# On these offline machines Prisma's CLI needs a stand-in for its downloadable engine; a user's
# machine downloads it. The clone has no ../shared beside it, so point at the one next to us.
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ] && [ -f "$SRC/../shared/tools/prisma-schema-engine-wasm.mjs" ]; then
  export PRISMA_SCHEMA_ENGINE_BINARY="$SRC/../shared/tools/prisma-schema-engine-wasm.mjs"
fi
# What the calling shell exported (e.g. by npm test) must not leak into the newcomer's run.
unset DATABASE_URL REDIS_URL QUEUE_PREFIX PORT APP_URL NEXT_DIST_DIR NODE_ENV ALLOWED_PRIVATE_HOSTS

ref=${NEWCOMER_REF:-HEAD}
log "cloning $(git -C "$SRC" rev-parse --short "$ref") into $WORK/app"
git clone -q "$SRC" "$WORK/app"
cd "$WORK/app"
git checkout -q "$(git -C "$SRC" rev-parse "$ref")"
port=$(free_port)
base_db=$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$(sed -n 's/^DATABASE_URL=//p' .env.example)")
sed -e "s|^PORT=.*|PORT=$port|" -e "s|^APP_URL=.*|APP_URL=http://127.0.0.1:$port|" \
    -e "s|^\(DATABASE_URL=.*\)/$base_db$|\1/${base_db}_newcomer|" -e "s|^QUEUE_PREFIX=.*|QUEUE_PREFIX=ro-newcomer|" .env.example >.env

started=$SECONDS
npm run --silent up || fail "npm run up"
log "npm run up took $((SECONDS - started)) s"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health")
[ "$code" = 200 ] || fail "/api/health answered $code"

page_port=$(free_port)
node -e 'require("http").createServer((q,r)=>r.writeHead(200,{"content-type":"text/html"}).end("<!doctype html><html lang=en><head><title>Newcomer page</title></head><body><h1>Hello</h1><p>Plain text.</p></body></html>")).listen(+process.argv[1],"127.0.0.1")' "$page_port" &
page_pid=$!
sleep 0.5
ALLOWED_PRIVATE_HOSTS=127.0.0.1 npm run --silent cli -- analyze "http://127.0.0.1:$page_port/" --json >"$WORK/analysis.json" || fail "cli analyze"
node -e 'const a=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (a.status!==200||typeof a.score!=="number") process.exit(1); console.log(`[newcomer] cli analyze: HTTP ${a.status}, score ${a.score}, ${a.findings.length} findings`)' "$WORK/analysis.json" || fail "cli analyze output"

npm run --silent up >/dev/null || fail "npm run up a second time"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health")" = 200 ] || fail "health after re-running up"

# What `npm test` builds must not break the served app: build the test way, then load a chunk.
NEXT_DIST_DIR=.next-test NEXT_TELEMETRY_DISABLED=1 npx next build >/dev/null 2>&1 || fail "test build"
chunk=$(curl -s "http://127.0.0.1:$port/sign-in" | grep -o '/_next/static/[^"]*\.js' | head -1)
[ -n "$chunk" ] || fail "no script chunk on /sign-in"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$chunk")" = 200 ] || fail "$chunk does not load after a test build"

npm run --silent down
sleep 1
! curl -s -o /dev/null "http://127.0.0.1:$port/sign-in" || fail "the app still answers after npm run down"
log "ok: up, health, analyze, re-run, test build beside the app, down ($((SECONDS - started)) s)"
