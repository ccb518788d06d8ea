#!/usr/bin/env bash
# Stops the web app and worker started by up.sh (services are left running).
set -euo pipefail
DATA="$(cd "$(dirname "$0")/.." && pwd)/.data"
for name in web worker; do
  f="$DATA/run/$name.pid"
  # Each was started with setsid: stop its whole process group (next start forks next-server).
  if [ -f "$f" ]; then kill -- -"$(cat "$f")" 2>/dev/null && echo "stopped $name"; rm -f "$f"; fi
done
