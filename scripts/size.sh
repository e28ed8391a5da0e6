#!/usr/bin/env bash
# Prints the size of a built app: each file raw and gzipped (-9), and the totals.
set -euo pipefail
dir=${1:-dist}
total=0; total_gz=0
printf '%-44s %10s %10s\n' file bytes gzipped
for file in $(find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) | sort); do
  raw=$(stat -c %s "$file"); gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${file#$dir/}" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' total "$total" "$total_gz"
