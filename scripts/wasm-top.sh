#!/usr/bin/env bash
# What the release wasm holds, by function, with names: wasm-bindgen and wasm-opt as in
# `make dist` but keeping the name section, then `twiggy top`. Run after `make dist`.
# Usage: scripts/wasm-top.sh [N]  (twiggy: cargo install twiggy --locked)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v twiggy >/dev/null || { echo "wasm-top: needs twiggy (cargo install twiggy --locked)" >&2; exit 1; }
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/logout-tracker.wasm"
[ -f "$wasm" ] || { echo "wasm-top: no $wasm (make dist)" >&2; exit 1; }
out="${CARGO_TARGET_DIR:-target}/wasm-top"
rm -rf "$out"; mkdir -p "$out"
wasm-bindgen --target web --keep-debug --out-dir "$out" "$wasm"
params=$(grep -o 'data-wasm-opt-params="[^"]*"' index.html | cut -d'"' -f2)
# shellcheck disable=SC2086
.tools/node_modules/.bin/wasm-opt -Oz $params --debuginfo "$out/logout-tracker_bg.wasm" -o "$out/named.wasm"
twiggy top -n "${1:-40}" "$out/named.wasm"
