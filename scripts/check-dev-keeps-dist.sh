#!/usr/bin/env bash
# `make test`: the dev server never writes into dist/ (issue 25). Hashes every file of the
# release build in dist/, runs `make dev`'s own script (on other ports) until trunk serve has
# built once into target/dev-dist, stops it, and hashes dist/ again: the same files, the
# same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "check-dev-keeps-dist: no release build in dist/ (make dist)" >&2; exit 1; }
hash_dist() { (cd dist && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(hash_dist)
rm -rf target/dev-dist
log=target/check-dev-keeps-dist.log
started=$(date +%s)
# A process group of its own, so that trunk and the backend stop with it.
DEV_APP_PORT=18080 DEV_API_PORT=18000 DEV_MAIL_PORT=12525 setsid scripts/dev.sh >"$log" 2>&1 &
dev=$!
trap 'kill -- -"$dev" 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do
  [ -f target/dev-dist/index.html ] && break
  if ! kill -0 "$dev" 2>/dev/null; then
    cat "$log" >&2
    echo "check-dev-keeps-dist: the dev server stopped before it built" >&2
    exit 1
  fi
  sleep 1
done
[ -f target/dev-dist/index.html ] || { cat "$log" >&2; echo "check-dev-keeps-dist: no build in 15 minutes" >&2; exit 1; }
kill -- -"$dev" 2>/dev/null || true
wait "$dev" 2>/dev/null || true
after=$(hash_dist)
if [ "$before" != "$after" ]; then
  diff <(echo "$before") <(echo "$after") >&2 || true
  echo "check-dev-keeps-dist: FAIL: the dev server changed dist/" >&2
  exit 1
fi
echo "check-dev-keeps-dist: the dev server built into target/dev-dist in $(($(date +%s) - started)) s; dist/ is unchanged"
