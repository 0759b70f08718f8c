#!/usr/bin/env bash
# Runs the whole test suite: Swift unit tests, then end-to-end tests that drive a running
# gateway and simulator with the official Python SDKs and raw HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
swift build --build-tests
swift test --skip-build
export SWITCHYARD_BIN="$PWD/.build/debug/switchyard"
python3 -m pytest -q -p no:cacheprovider Tests/e2e
