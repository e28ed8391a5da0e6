#!/usr/bin/env bash
# trunk post_build step (scripts/post-build.sh), release builds only: minifies wasm-bindgen's JS glue and
# static/start.js with esbuild (trunk's own minifier cannot parse either and leaves them whole)
# and puts each minified file's SRI hash into index.html in place of the old one. Then
# scripts/minify-wasm-names.sh shortens the names the wasm and the glue share.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
scripts="$PWD/scripts"
esbuild="$PWD/.tools/node_modules/.bin/esbuild"
source "$scripts/sri.sh"
cd "$TRUNK_STAGING_DIR"
for glue in logout-tracker-*.js start-*.js; do
  old=$(sri_current "$glue")
  "$esbuild" "$glue" --minify --format=esm --log-level=warning --outfile="$glue.min"
  mv "$glue.min" "$glue"
  sri_replace "$old" "$glue"
done
# After esbuild: the glue's own functions named like wasm exports are gone, so every name left
# is on the boundary (an import key or an export access) and must be renamed.
"$scripts/minify-wasm-names.sh"
