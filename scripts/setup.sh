#!/usr/bin/env bash
# Installs what Switchyard needs on a fresh Debian machine: system libraries (libuv, libcurl,
# SQLite) and, with --test, the Python clients the end-to-end tests drive it with.
set -euo pipefail

need=()
for pkg in libuv1-dev libcurl4-openssl-dev libsqlite3-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
  python3 - <<'PY' 2>/dev/null || python3 -m pip install -q openai anthropic google-genai pytest
import openai, anthropic, google.genai, httpx2, pytest
PY
fi
