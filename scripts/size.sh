#!/usr/bin/env bash
# Prints the size of a built app: every file raw, gzip -9 -n and, when the `brotli` tool is
# installed, brotli -q 11; then the totals (what a first visit downloads, config.json too).
# The precompressed copies beside the files (.br, .gz: scripts/precompress.sh) are what is
# sent for them, not more files, so they are not listed.
# `size.sh --budget [DIR]` also fails when the gzip total is over SIZE_BUDGET_GZIP
# (tools/size-budget.env), and prints the brotli total beside it; `make test` runs it so that
# the size cannot creep up unseen.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=""
if [ "${1:-}" = --budget ]; then
  source tools/size-budget.env
  budget=$SIZE_BUDGET_GZIP
  shift
fi
dir=${1:-dist}
[ -f "$dir/index.html" ] || { echo "size: $dir has no built app (make dist)" >&2; exit 1; }
has_brotli=$(command -v brotli >/dev/null && echo 1 || echo "")
total=0; total_gz=0; total_br=0
printf '%-48s %10s %10s %10s\n' file bytes gzip-9 "${has_brotli:+brotli}"
for file in $(find "$dir" -type f ! -name '*.br' ! -name '*.gz' | sort); do
  raw=$(stat -c %s "$file"); gz=$(gzip -9 -n -c "$file" | wc -c)
  br=${has_brotli:+$(brotli -q 11 -c "$file" | wc -c)}
  total=$((total + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + ${br:-0}))
  printf '%-48s %10d %10d %10s\n' "${file#$dir/}" "$raw" "$gz" "$br"
done
printf '%-48s %10d %10d %10s\n' total "$total" "$total_gz" "${has_brotli:+$total_br}"
if [ -n "$budget" ]; then
  if [ "$total_gz" -gt "$budget" ]; then
    echo "size: FAIL: $total_gz bytes gzipped, over the budget of $budget (tools/size-budget.env)." >&2
    echo "  A change that needs more raises SIZE_BUDGET_GZIP in the same commit and says why." >&2
    exit 1
  fi
  echo "size: $total_gz bytes gzipped, within the budget of $budget ($((budget - total_gz)) to spare)${has_brotli:+; $total_br bytes with brotli}"
fi
