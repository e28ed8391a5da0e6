#!/usr/bin/env bash
# `make dist`, last step: FILE.br (brotli, quality 11) and FILE.gz (gzip -9) beside each asset
# of the built app that compresses (wasm, js, css, html), made by the Debian packages
# `brotli` and `gzip` (scripts/ensure-tools.sh installs brotli). A host that serves
# precompressed files (nginx's brotli_static and gzip_static, Caddy's `precompressed`, the
# reference backend's --static-dir) sends the one the browser accepts, brotli first, and
# spends no CPU on it. Same name plus the suffix, same modification time as the original.
#
# config.json is left alone: it is the file a deployer edits, and a host would go on serving
# a stale config.json.br beside an edited config.json (it is 177 bytes gzipped anyway).
set -euo pipefail
dir=${1:-dist}
find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) -print0 |
  while IFS= read -r -d '' file; do
    brotli --quality=11 --force --keep --output="$file.br" "$file"
    gzip -9 --no-name --force --keep "$file"
    touch --reference="$file" "$file.br" "$file.gz"
  done
