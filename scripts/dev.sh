#!/usr/bin/env bash
# `make dev`: the reference backend (dev mode, demo users) on 127.0.0.1:8000 and
# `trunk serve` on 127.0.0.1:8080, which proxies /api/ and /__dev__/ to it. The backend's
# SMTP sink on 127.0.0.1:2525 receives the mails a logout sends (README "E-mail on logout").
#
# trunk serve builds into target/dev-dist, never dist/: dist/ is only ever the release build
# (`make dist`), what gets deployed; a debug build there (a 3.7 MB wasm, an inline script the
# strict CSP refuses) would be deployed unseen. `make test` checks it (check-dev-keeps-dist.sh).
# DEV_APP_PORT and DEV_API_PORT move the two servers (that check uses other ports; trunk's
# proxy in Trunk.toml still points at 8000).
# One Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
DEV_DIST=target/dev-dist
app_port=${DEV_APP_PORT:-8080}
api_port=${DEV_API_PORT:-8000}
mail_port=${DEV_MAIL_PORT:-2525}
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

"${CARGO_TARGET_DIR:-target}"/debug/reference-backend --dev --addr "127.0.0.1:$api_port" \
  --db "target/dev-$api_port.sqlite3" --dev-mail-sink "127.0.0.1:$mail_port" \
  --client-config "$DEV_DIST/config.json" --app-url "http://127.0.0.1:$app_port" &
backend=$!
trunk serve --offline --dist "$DEV_DIST" --port "$app_port" &
app=$!
stop() { kill "$backend" "$app" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT
wait -n "$backend" "$app"
