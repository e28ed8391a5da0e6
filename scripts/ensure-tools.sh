#!/usr/bin/env bash
# Installs what building the app needs, each only when missing or at another version:
# the wasm32 target, rust-src, rustfmt and clippy (`make lint`; rustup's minimal profile has
# neither), trunk, wasm-bindgen-cli (the lockfile's version) into $CARGO_INSTALL_ROOT/bin
# (the Makefile's default: cargo's own ~/.cargo, kept when .ci/run empties the registry), and, from
# npm into .tools/, binaryen's wasm-opt, esbuild (minifies the release JS glue) and axe-core
# (the end-to-end suite's accessibility audit). Quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/versions.env

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wasm_bindgen_version" ] || { echo "ensure-tools: no wasm-bindgen in Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "ensure-tools: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release build compiles std for size (scripts/dist.sh): it needs std's source.
if ! rustup component list --installed | grep -q '^rust-src'; then
  echo "ensure-tools: adding the rust-src component (std built for size)"
  rustup component add rust-src
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    echo "ensure-tools: adding the $component component (make lint)"
    rustup component add "$component"
  fi
done

# Debian packages the scripts call: openssl (SRI hashes of the release files), npm, and
# brotli (the release files' precompressed .br copies; gzip is part of every Debian).
for package in openssl npm brotli; do
  command -v "$package" >/dev/null && continue
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-tools: $package is needed (sudo apt-get install $package)" >&2
    exit 1
  fi
  echo "ensure-tools: installing $package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
done

if ! trunk --version 2>/dev/null | grep -qF " $TRUNK_VERSION"; then
  echo "ensure-tools: installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF " $wasm_bindgen_version"; then
  echo "ensure-tools: installing wasm-bindgen-cli $wasm_bindgen_version"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# npm prunes what a --no-save install does not name, so the npm packages go in together.
installed_axe=$(node -p 'require("./.tools/node_modules/axe-core/package.json").version' 2>/dev/null || true)
if ! .tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -qF "version $BINARYEN_VERSION" \
  || ! .tools/node_modules/.bin/esbuild --version 2>/dev/null | grep -qx "$ESBUILD_VERSION" \
  || [ "$installed_axe" != "$AXE_CORE_VERSION" ]; then
  echo "ensure-tools: installing binaryen $BINARYEN_VERSION, esbuild $ESBUILD_VERSION and axe-core $AXE_CORE_VERSION from npm into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-save --no-audit --no-fund \
    "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION" "axe-core@$AXE_CORE_VERSION"
fi
grep -qF "wasm_opt = \"version_$BINARYEN_VERSION\"" Trunk.toml \
  || { echo "ensure-tools: Trunk.toml's wasm_opt must be version_$BINARYEN_VERSION" >&2; exit 1; }
