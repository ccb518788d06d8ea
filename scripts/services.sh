# Sourced by up.sh and test.sh: makes PostgreSQL and Redis reachable, whatever the machine has.
# Order: what DATABASE_URL/REDIS_URL already point at → docker compose → local servers in .data/.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA="$ROOT/.data"

log() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*"; }

load_env() {
  [ -f "$ROOT/.env" ] || cp "$ROOT/.env.example" "$ROOT/.env"
  if grep -q '^AUTH_SECRET=change-me' "$ROOT/.env"; then
    sed -i "s|^AUTH_SECRET=.*|AUTH_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')|" "$ROOT/.env"
  fi
  set -a; . "$ROOT/.env"; set +a
  # On these offline machines Prisma's CLI cannot download its schema engine; a stand-in may be provided.
  if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ] && [ -f "$ROOT/../shared/tools/prisma-schema-engine-wasm.mjs" ]; then
    export PRISMA_SCHEMA_ENGINE_BINARY="$ROOT/../shared/tools/prisma-schema-engine-wasm.mjs"
  fi
  export NEXT_TELEMETRY_DISABLED=1
}

url_part() { node -e 'const u=new URL(process.argv[1]); const k=process.argv[2]; console.log(k==="port" ? (u.port || process.argv[3]) : k==="db" ? u.pathname.slice(1) : u[k])' "$@"; }

reachable() { node -e 'const s=require("net").connect({host:process.argv[1],port:+process.argv[2]});s.setTimeout(1500);s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));s.on("timeout",()=>process.exit(1))' "$1" "$2"; }

wait_reachable() { for _ in $(seq 1 40); do reachable "$1" "$2" && return 0; sleep 0.5; done; return 1; }

apt_install() {
  [ "$(id -u)" = 0 ] || { log "please install: $*"; return 1; }
  command -v apt-get >/dev/null || { log "no apt-get; please install: $*"; return 1; }
  [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq >/dev/null; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_local_redis() {
  local port=$1
  command -v redis-server >/dev/null || apt_install redis-server || return 1
  mkdir -p "$DATA/redis"
  log "starting redis-server on 127.0.0.1:$port (data in .data/redis)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$DATA/redis" \
    --appendonly yes --maxmemory-policy noeviction --logfile "$DATA/redis/redis.log" >/dev/null
}

pg_bin() {
  local b; b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$b" ] && echo "$b" || dirname "$(command -v initdb 2>/dev/null || echo /usr/bin/x)"
}

start_local_postgres() {
  local port=$1 bin
  bin=$(pg_bin)
  [ -x "$bin/initdb" ] || { apt_install postgresql || return 1; bin=$(pg_bin); }
  mkdir -p "$DATA/pg"
  # initdb refuses to run as root: run the cluster as the postgres system user.
  local as=(); [ "$(id -u)" = 0 ] && { chown -R postgres "$DATA/pg"; as=(runuser -u postgres --); chmod o+x "$DATA" "$ROOT" 2>/dev/null; }
  if [ ! -f "$DATA/pg/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in .data/pg"
    "${as[@]}" "$bin/initdb" -D "$DATA/pg" -U postgres --auth=trust >/dev/null
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  "${as[@]}" "$bin/pg_ctl" -D "$DATA/pg" -l "$DATA/pg/server.log" -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=/tmp" start >/dev/null
}

ensure_services() {
  local pg_host pg_port r_host r_port
  pg_host=$(url_part "$DATABASE_URL" hostname); pg_port=$(url_part "$DATABASE_URL" port 5432)
  r_host=$(url_part "$REDIS_URL" hostname); r_port=$(url_part "$REDIS_URL" port 6379)
  if reachable "$pg_host" "$pg_port" && reachable "$r_host" "$r_port"; then
    log "PostgreSQL ($pg_host:$pg_port) and Redis ($r_host:$r_port) are reachable"
    return 0
  fi
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    log "starting postgres and redis with docker compose"
    docker compose -f "$ROOT/docker-compose.yml" up -d postgres redis
  else
    reachable "$r_host" "$r_port" || start_local_redis "$r_port" || return 1
    reachable "$pg_host" "$pg_port" || start_local_postgres "$pg_port" || return 1
  fi
  wait_reachable "$pg_host" "$pg_port" || { log "PostgreSQL did not come up on $pg_host:$pg_port"; return 1; }
  wait_reachable "$r_host" "$r_port" || { log "Redis did not come up on $r_host:$r_port"; return 1; }
}

ensure_chromium() {
  [ -x "${CHROME_PATH:-/usr/bin/chromium}" ] && return 0
  log "installing Debian's chromium (used for JavaScript rendering and e2e tests)"
  apt_install chromium
}

prepare_database() {
  npx prisma generate >/dev/null
  npx prisma migrate deploy >/dev/null
}
