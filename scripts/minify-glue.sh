#!/usr/bin/env bash
# trunk post_build hook (Trunk.toml), release builds only: minifies wasm-bindgen's JS glue and
# static/start.js with esbuild (trunk's own minifier cannot parse either and leaves them whole)
# and puts each minified file's SRI hash into index.html in place of the old one.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
esbuild="$PWD/.tools/node_modules/.bin/esbuild"
cd "$TRUNK_STAGING_DIR"
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | base64 -w0)"; }
for glue in logout-tracker-*.js start-*.js; do
  old=$(sri "$glue")
  grep -qF "$old" index.html || { echo "minify-glue: index.html has no $old for $glue" >&2; exit 1; }
  "$esbuild" "$glue" --minify --format=esm --log-level=warning --outfile="$glue.min"
  mv "$glue.min" "$glue"
  new=$(sri "$glue")
  sed -i "s|$old|$new|" index.html
  grep -qF "$new" index.html || { echo "minify-glue: the new hash is not in index.html" >&2; exit 1; }
done
