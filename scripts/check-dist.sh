#!/usr/bin/env bash
# `make test`: the release build as a host serves it (issue 25).
# - index.html has no inline script: the strict CSP (CONTRACT section 9) refuses one, and
#   every page would fail to start;
# - every integrity attribute matches its file: the browser refuses a file whose hash differs;
# - every asset that compresses has its .br and .gz beside it, each decompressing to the
#   original byte for byte (a stale copy would be served in its place), and no copy is left
#   without its original.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sri.sh
dir=${1:-dist}
html=$dir/index.html
fail() { echo "check-dist: FAIL: $*" >&2; exit 1; }
[ -f "$html" ] || fail "$dir has no built app (make dist)"

# A <script> start tag without src= is an inline script.
if grep -oE '<script[^>]*>' "$html" | grep -vq 'src='; then
  fail "index.html has an inline script"
fi

value() { grep -oE "$1=[^ >]+" | head -1 | cut -d= -f2- | tr -d "\"'"; }
hashes=0
while read -r tag; do
  file=$(echo "$tag" | value '(href|src)')
  want=$(echo "$tag" | value integrity)
  [ -f "$dir/${file#/}" ] || fail "index.html names $file, which is not in $dir"
  got=$(sri "$dir/${file#/}")
  [ "$want" = "$got" ] || fail "$file: index.html says $want, the file hashes to $got"
  hashes=$((hashes + 1))
done < <(grep -oE '<(link|script)[^>]*integrity=[^>]*>' "$html")
[ "$hashes" -gt 0 ] || fail "index.html has no integrity attribute"

files=0
while IFS= read -r -d '' file; do
  [ -f "$file.br" ] || fail "$file has no .br beside it (scripts/precompress.sh)"
  [ -f "$file.gz" ] || fail "$file has no .gz beside it (scripts/precompress.sh)"
  brotli --decompress --stdout "$file.br" | cmp -s - "$file" || fail "$file.br does not decompress to $file"
  gzip --decompress --stdout "$file.gz" | cmp -s - "$file" || fail "$file.gz does not decompress to $file"
  files=$((files + 1))
done < <(find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) -print0)
while IFS= read -r -d '' copy; do
  [ -f "${copy%.*}" ] || fail "$copy has no original beside it"
done < <(find "$dir" -type f \( -name '*.br' -o -name '*.gz' \) -print0)

echo "check-dist: no inline script; $hashes integrity hashes match their files; $files files' .br and .gz decompress to them"
