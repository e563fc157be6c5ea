#!/usr/bin/env bash
# Make sure Debian's chromium (and its driver) is installed for the browser tests.
# Playwright drives this binary directly (executable_path=/usr/bin/chromium): never `playwright install`.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure_chromium: /usr/bin/chromium is missing and we are not root; install it with:" >&2
    echo "  apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
