#!/usr/bin/env bash
# trunk's one post_build hook (Trunk.toml). trunk starts all the hooks of a stage at once,
# and these steps edit the same index.html, so they run here one after the other; each says
# which builds it acts on.
set -euo pipefail
scripts="$PWD/scripts"
"$scripts/wasm-preload.sh"  # every build
"$scripts/minify-glue.sh"   # release builds
"$scripts/dev-config.sh"    # debug builds (make dev)
