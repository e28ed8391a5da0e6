#!/usr/bin/env bash
# Fetches into the cargo registry every crate that the offline builds need, so that they work
# on a machine that has never built anything (an empty CARGO_HOME), in any order of `make`
# targets. Quick when everything is there: cargo only checks the cache against the lockfiles.
#
#   fetch-deps.sh          the workspace's Cargo.lock (what `trunk serve` builds)
#   fetch-deps.sh --std    that, and std's own Cargo.lock too: the release build compiles std
#                          for size (-Zbuild-std, scripts/dist.sh), and cargo resolves std's
#                          dependencies (dlmalloc, compiler_builtins, ...) from the rust-src
#                          component's lockfile, which no `cargo fetch` of ours would reach.
#
# Why trunk then builds offline: so that it never downloads a wasm-bindgen or wasm-opt of its
# own choosing; the versions are the ones scripts/ensure-tools.sh installed. Fetching here,
# online and --locked, is the one step that reaches crates.io, and it never changes a lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fetch --locked --quiet
if [ "${1:-}" = --std ]; then
  std_workspace="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
  [ -f "$std_workspace/Cargo.lock" ] || {
    echo "fetch-deps: no $std_workspace/Cargo.lock (rustup component add rust-src)" >&2
    exit 1
  }
  # std's manifest uses an unstable cargo feature (profile-rustflags), as dist.sh's build does.
  # Every target's packages, not only wasm32's: cargo reads the whole lockfile when it resolves.
  RUSTC_BOOTSTRAP=1 cargo fetch --locked --quiet --manifest-path "$std_workspace/Cargo.toml"
fi
