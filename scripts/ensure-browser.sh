#!/usr/bin/env bash
# Chromium and ChromeDriver for the browser tests, from Debian's packages.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-browser: the tests need Chromium and ChromeDriver." >&2
  echo "  Install the Debian packages: sudo apt-get install chromium chromium-driver" >&2
  exit 1
fi
echo "ensure-browser: installing chromium and chromium-driver"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
