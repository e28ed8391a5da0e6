#!/usr/bin/env bash
# `make preview`: the release build in dist/ exactly as a host serves it, from the reference
# backend's --static-dir on 127.0.0.1:8000: the strict Content-Security-Policy of CONTRACT
# section 9, the precompressed .br or .gz the browser accepts (brotli first), hashed files
# cached for a year and index.html and config.json revalidated on every visit. Dev mode for
# the demo users, the culprit simulator and the mail sink; the API is on the same origin.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet -p reference-backend
cat <<'TXT'
logout-tracker (make preview): the release build in dist/, served as a host serves it
  app:               http://127.0.0.1:8000/signin
  culprit simulator: http://127.0.0.1:8000/__dev__/
  mails sent:        http://127.0.0.1:8000/__dev__/mails
  demo users: as for make dev (password demo-password)
TXT
exec "${CARGO_TARGET_DIR:-target}"/debug/reference-backend --dev --addr 127.0.0.1:8000 \
  --db target/preview.sqlite3 --static-dir dist --dev-mail-sink 127.0.0.1:2525 \
  --app-url http://127.0.0.1:8000
