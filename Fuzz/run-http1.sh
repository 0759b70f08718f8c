#!/usr/bin/env bash
# Builds Sources/HTTP1 together with the libFuzzer target (ASan + coverage, debug so the
# standard library's bounds checks stay on) and fuzzes both the request and the response
# parser, on every input, for a bounded time.
#   Fuzz/run-http1.sh [seconds]        default 60; OUT=dir overrides the build/corpus folder
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$root/.build/fuzz-http1}"
seconds="${1:-60}"
mkdir -p "$out/corpus"

swiftc -sanitize=fuzzer,address -parse-as-library -Onone -g \
    -swift-version 6 -module-name HTTP1Fuzz \
    "$root"/Sources/HTTP1/*.swift "$root"/Fuzz/HTTP1Fuzz/*.swift "$root"/Fuzz/Common/*.swift \
    -o "$out/http1-fuzz"

cp "$root"/Fuzz/HTTP1Fuzz/seeds/* "$out/corpus/"
exec "$out/http1-fuzz" "$out/corpus" \
    -dict="$root/Fuzz/HTTP1Fuzz/http1.dict" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix="$out/" -print_final_stats=1
