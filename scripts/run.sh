#!/usr/bin/env bash
# Builds and runs the gateway on its embedded default: 127.0.0.1:8080, data in
# ./switchyard-data, the built-in simulator when no provider key is set. Extra arguments go to
# `switchyard serve` (e.g. --config switchyard.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product switchyard
exec .build/release/switchyard serve "$@"
