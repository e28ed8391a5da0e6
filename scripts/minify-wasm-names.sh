#!/usr/bin/env bash
# Release post-build step (scripts/minify-glue.sh runs it after esbuild): short names on the
# boundary between the wasm and its JS glue. wasm-bindgen names each import after the JS it
# calls plus a hash (`__wbg_instanceof_Response_5b0b4f7f1daeae51`, ~190 of them, from module
# "./logout-tracker_bg.js") and each closure export after its Rust types; both files carry every
# name. wasm-opt renames them (`a`, `b`, ... `$a`; the module to "a") and prints the mapping,
# which scripts/wasm-names.mjs applies to the glue. Then both files' SRI hashes in index.html.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/sri.sh"
cd "$TRUNK_STAGING_DIR"
wasm=$(echo logout-tracker-*_bg.wasm)
glue=$(echo logout-tracker-*.js)
[ -f "$wasm" ] && [ -f "$glue" ] || { echo "minify-wasm-names: no single wasm and glue in $PWD" >&2; exit 1; }
old_wasm=$(sri_current "$wasm")
old_glue=$(sri_current "$glue")
mapping=$(mktemp)
trap 'rm -f "$mapping" "$wasm.min"' EXIT
# The features are those rustc's wasm32 target uses (trunk's wasm-opt run stripped the section
# naming them). Not --all-features: wasm-opt then writes proposals' encodings (the compact import
# section, new heap types) that node 20 at least cannot read. The levels are those of trunk's
# -Oz, here for writing only: without them the code section is written 733 bytes bigger.
"$root/.tools/node_modules/.bin/wasm-opt" "$wasm" -o "$wasm.min" \
  --mvp-features --enable-mutable-globals --enable-sign-ext --enable-multivalue \
  --enable-reference-types --enable-bulk-memory --enable-bulk-memory-opt \
  --enable-nontrapping-float-to-int \
  --optimize-level=2 --shrink-level=2 \
  --minify-imports-and-exports-and-modules >"$mapping"
node "$root/scripts/wasm-names.mjs" "$mapping" "$wasm.min" "$glue"
mv "$wasm.min" "$wasm"
sri_replace "$old_wasm" "$wasm"
sri_replace "$old_glue" "$glue"
