#!/usr/bin/env bash
# `make dist`: the release app in dist/, then its size.
#
# The wasm is built with a standard library compiled for size (rust-src, which
# scripts/ensure-tools.sh adds), on the stable toolchain with RUSTC_BOOTSTRAP=1 for the
# unstable flags. Only this build uses them: RUSTFLAGS reach the wasm crates only (trunk
# passes --target, so build scripts and proc macros build as usual), and `cargo test`, native
# or wasm, never sees them. What each flag took is in the README's size section.
#   build-std + optimize_for_size   std's own code built for size, with LTO across it
#   -Cpanic=immediate-abort         a panic traps at once: no panic message formatting
#   -Zlocation-detail=none          no file/line strings for panics
#   -Zfmt-debug=none                {:?} prints nothing (the app shows no Debug output)
#
# trunk builds offline (it downloads no tool of its own choosing); everything that build
# reads from crates.io, the workspace's crates and std's, is fetched first by fetch-deps.sh.
# Then each asset gets its .br and .gz beside it (precompress.sh), as hosts serve them.
#
# dist/ is only ever this build: `make dev` builds into target/dev-dist.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fetch-deps.sh --std
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
trunk build --release --offline
scripts/precompress.sh dist
scripts/size.sh dist
