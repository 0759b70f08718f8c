#!/usr/bin/env bash
# Builds Sources/Wire together with the libFuzzer target (ASan + coverage, debug so the
# standard library's bounds and overflow checks stay on) and fuzzes the JSON layer, the
# request and response codecs and the SSE stream codecs, on every input, for a bounded time.
#   Fuzz/run-wire.sh [seconds]        default 60; OUT=dir overrides the build/corpus folder
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$root/.build/fuzz-wire}"
seconds="${1:-60}"
mkdir -p "$out/corpus"

# A snapshot of the sources is compiled: swiftc fails a build whose inputs change while it
# runs, and Sources/Wire is often being edited while a fuzz run is started.
rm -rf "$out/src"
mkdir -p "$out/src/Sources" "$out/src/Fuzz"
cp -R "$root/Sources/Wire" "$out/src/Sources/Wire"
cp -R "$root/Fuzz/WireFuzz" "$out/src/Fuzz/WireFuzz"
cp -R "$root/Fuzz/Common" "$out/src/Fuzz/Common"
# Wire keeps each dialect in a subfolder.
sources=()
while IFS= read -r -d '' file; do sources+=("$file"); done \
    < <(find "$out/src" -name '*.swift' -print0 | sort -z)

swiftc -sanitize=fuzzer,address -parse-as-library -Onone -g \
    -swift-version 6 -module-name WireFuzz \
    "${sources[@]}" \
    -o "$out/wire-fuzz"

cp "$root"/Fuzz/WireFuzz/seeds/* "$out/corpus/"
# Swift's own backtracer reads the stack in a way ASan reports as an error of its own, hiding
# the trap; libFuzzer's handler prints the stack instead.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
exec "$out/wire-fuzz" "$out/corpus" \
    -dict="$root/Fuzz/WireFuzz/wire.dict" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix="$out/" -print_final_stats=1
