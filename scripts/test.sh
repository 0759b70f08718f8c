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
# Plain-HTTP upstreams at an address (the simulator) take the native client by default; HTTPS
# providers always take libcurl. The transport-heavy modules run once more with every upstream
# through libcurl, so both clients meet the same SDKs, faults and fuzzed answers.
SWITCHYARD_E2E_UPSTREAM_CLIENT=curl python3 -m pytest -q -p no:cacheprovider \
    Tests/e2e/test_gateway_openai.py Tests/e2e/test_reliability_faults.py Tests/e2e/test_reliability_lifecycle.py \
    Tests/e2e/test_reasoning_silence.py Tests/e2e/test_fuzz_upstream.py Tests/e2e/test_conformance_failures.py \
    Tests/e2e/test_upstream_names.py
