#!/usr/bin/env bash
# Where the added time to first token at 5,000 streams comes from: run.sh's stream rounds
# (direct, Switchyard, nginx, interleaved) with per-iteration traces of the simulator's and the
# gateway's loops (SWITCHYARD_LOOP_TRACE) and every stream's timings (sy-load --dump).
#
#   bench/stalls.sh [--rounds R] [--streams N] [--keep DIR]
#
# A stall is a gap of at least 3 ms (and five times the spacing of stream starts) between two
# iterations of a traced loop during which the loop was busy less than half the time: with
# thousands of streams open, work is due every fraction of a millisecond, so the thread did not
# run. Per round it reports the TTFT p99, the stalls of each
# traced loop inside the first-token window (their time and length, and whether the other loop
# stalled at the same moment), the streams whose first token fell in a stall, the p99 of the
# other streams, and the gateway's longest busy iteration. The target is not judged on the
# filtered figure; it shows what the misses are made of.
#
# --keep DIR copies the traces, the per-stream dumps and the rounds to DIR for a closer look.
# Environment: SWITCHYARD_BIN=path uses that binary instead of building.
# Results: bench/results/stalls.json and a summary on stdout.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
RESULTS="$BENCH/results"
STREAMS=5000
ROUNDS=3
KEEP=""

SCRIPT=stalls.sh
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"
# shellcheck source=lib/proxies.sh
. "$BENCH/lib/proxies.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --streams) STREAMS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
prepare_stream_bench

stream_body 20 "$WORK/body.json"

TRACE=1 start_stream_targets

log "warming up (one round each)"
for port in "$SIM_PORT" "$GW_PORT" "$NGX_PORT"; do
  "$LOAD" streams --target "127.0.0.1:$port" --body "$WORK/body.json" --streams "$STREAMS" --ramp-ms 2000 \
    --deadline-s 120 >/dev/null || die "sy-load failed during the warm-up"
  sleep 1
done

: >"$WORK/rounds.jsonl"
for round in $(seq "$ROUNDS"); do
  for target in direct switchyard nginx; do
    case "$target" in
      direct) port="$SIM_PORT"; pid="$SIM_PID" ;;
      switchyard) port="$GW_PORT"; pid="$GW_PID" ;;
      nginx) port="$NGX_PORT"; pid="$NGX_WORKER" ;;
    esac
    dump="$WORK/dump.$target.$round.txt"
    line="$("$LOAD" streams --target "127.0.0.1:$port" --body "$WORK/body.json" --streams "$STREAMS" \
      --ramp-ms 2000 --deadline-s 120 --dump "$dump" --watch-pid "$pid")" || die "sy-load failed against $target"
    echo "{\"target\":\"$target\",\"round\":$round,\"dump\":\"$dump\",\"load\":$line}" >>"$WORK/rounds.jsonl"
    log "round $round $target: TTFT p99 $(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ttft"]["p99_ms"])') ms"
    sleep 1
  done
done
sleep 0.3  # the traces are written out at least every 100 ms

mkdir -p "$RESULTS"
python3 "$BENCH/lib/stalls.py" "$WORK/rounds.jsonl" "$WORK/trace.sim.txt" "$WORK/trace.gateway.txt" \
  "$RESULTS/stalls.json"
if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"
  cp "$WORK"/trace.*.txt "$WORK"/dump.*.txt "$KEEP"/
  sed "s|$WORK/|$KEEP/|" "$WORK/rounds.jsonl" >"$KEEP/rounds.jsonl"
fi
