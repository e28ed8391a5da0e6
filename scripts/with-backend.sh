#!/usr/bin/env bash
# Runs a command while the reference backend serves in dev mode on a free loopback port.
# The command sees the backend's address in REFERENCE_BACKEND_URL; the backend's output
# goes to target/with-backend.log. Usage: scripts/with-backend.sh COMMAND [ARGS...]
# BACKEND_PROFILE picks the cargo profile of the backend (default dev; `make load` uses load).
set -euo pipefail
cd "$(dirname "$0")/.."
log=target/with-backend.log
profile=${BACKEND_PROFILE:-dev}
cargo build --quiet -p reference-backend --profile "$profile"
[ "$profile" = dev ] && profile_dir=debug || profile_dir=$profile
"${CARGO_TARGET_DIR:-target}/$profile_dir"/reference-backend --dev --addr 127.0.0.1:0 --db target/with-backend.sqlite3 >"$log" 2>&1 &
backend=$!
trap 'kill "$backend" 2>/dev/null || true; wait "$backend" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 200); do
  url=$(grep -o -m1 'listening on http://[0-9.:]*' "$log" | sed 's/listening on //' || true)
  [ -n "$url" ] && break
  kill -0 "$backend" 2>/dev/null || { cat "$log" >&2; echo "with-backend: the backend stopped" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$log" >&2; echo "with-backend: the backend did not start" >&2; exit 1; }
echo "with-backend: reference backend at $url"
REFERENCE_BACKEND_URL="$url" "$@"
