# shellcheck shell=bash
# Sourced by the post-build scripts that change a file after trunk hashed it (minify-glue.sh,
# minify-wasm-names.sh): index.html's integrity attribute must name the new contents, or the
# browser refuses the file.
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | base64 -w0)"; }

# sri_current FILE: FILE's hash, which index.html must hold (run before changing FILE).
sri_current() {
  local hash
  hash=$(sri "$1")
  grep -qF "$hash" index.html || { echo "sri: index.html has no $hash for $1" >&2; return 1; }
  echo "$hash"
}

# sri_replace OLD FILE: FILE's new hash in index.html in place of OLD.
sri_replace() {
  local new
  new=$(sri "$2")
  sed -i "s|$1|$new|" index.html
  grep -qF "$new" index.html || { echo "sri: the new hash of $2 is not in index.html" >&2; return 1; }
}
