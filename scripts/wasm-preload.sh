#!/usr/bin/env bash
# trunk post_build step (scripts/post-build.sh), every build: the wasm's preload link carries
# its SRI hash as data-integrity instead of integrity. Chrome ignores integrity on a preload
# whose destination is fetch, and says so on the console at every page load ("The `integrity`
# attribute is currently ignored for preload destinations that do not support subresource
# integrity"): noise in the console developers read for a logout's culprit. static/start.js
# gives the hash to the fetch that takes up the preload, which checks it as before.
set -euo pipefail
cd "$TRUNK_STAGING_DIR"
perl -0pi -e 's{<link\b[^>]*>}{my $tag = $&; $tag =~ s/\sintegrity=/ data-integrity=/ if $tag =~ /_bg\.wasm/; $tag}ge' index.html
grep -qE '<link[^>]*_bg\.wasm[^>]*data-integrity=' index.html || {
  echo "wasm-preload: index.html has no wasm preload with a hash" >&2
  exit 1
}
