#!/usr/bin/env bash
# `make dev`: the reference backend (dev mode, demo users) on 127.0.0.1:8000 and
# `trunk serve` on 127.0.0.1:8080, which proxies /api/ and /__dev__/ to it. The backend's
# SMTP sink on 127.0.0.1:2525 receives the mails a logout sends (README "E-mail on logout").
# One Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
# trunk serve builds offline: the crates it needs are fetched first (an empty registry has none).
scripts/fetch-deps.sh
cargo build --quiet -p reference-backend

cat <<'TXT'
logout-tracker (make dev)
  app:               http://127.0.0.1:8080/signin
  culprit simulator: http://127.0.0.1:8000/__dev__/
  mails sent:        http://127.0.0.1:8000/__dev__/mails
  demo users (password: demo-password):
    demo@example.com       active, with account and plan
    staff@example.com      staff, with account and plan
    noaccount@example.com  no account
    noplan@example.com     account without plan
TXT

"${CARGO_TARGET_DIR:-target}"/debug/reference-backend --dev --addr 127.0.0.1:8000 --db target/dev.sqlite3 \
  --dev-mail-sink 127.0.0.1:2525 --client-config dist/config.json --app-url http://127.0.0.1:8080 &
backend=$!
trunk serve --offline &
app=$!
stop() { kill "$backend" "$app" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT
wait -n "$backend" "$app"
