#!/usr/bin/env bash
# Installs what `make fuzz` needs, each only when missing: a nightly toolchain (libFuzzer's
# sanitizer flags are nightly-only) and cargo-fuzz.
set -euo pipefail

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "ensure-fuzz: installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "ensure-fuzz: installing cargo-fuzz (a few minutes, once)"
  cargo install cargo-fuzz --locked
fi
