#!/usr/bin/env bash
# CPU per relayed chunk at full concurrency, Switchyard against nginx `proxy_pass` in the same run.
#
#   bench/chunk_cpu.sh [--streams N] [--tokens T] [--rounds R]
#
# Each round sends N streams (default 5,000, over the usual 2 s ramp) of 1 token and then of T
# tokens (default 40) through each proxy, the simulator dribbling 5 tokens a second after 200 ms.
# The proxy's CPU (utime+stime of the gateway, of nginx's one worker) for the short round is
# taken from the long one: what is left is the cost of the (T - 1) x N extra chunks, free of the
# per-request costs (accept, parse, upstream connect, logging). Wall-clock CPU at 5,000 open
# streams includes cache misses and the kernel's share that instruction counts (callgrind, in
# run.sh) leave out. Reported: the median over rounds of microseconds per chunk, and the ratio.
#
# Environment: SWITCHYARD_BIN=path uses that binary instead of building.
# Results: bench/results/chunk_cpu.json and a summary on stdout.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
RESULTS="$BENCH/results"
STREAMS=5000
TOKENS=40
ROUNDS=3

SCRIPT=chunk_cpu.sh
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"
# shellcheck source=lib/proxies.sh
. "$BENCH/lib/proxies.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --streams) STREAMS="$2"; shift 2 ;;
    --tokens) TOKENS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
prepare_stream_bench

for t in 1 "$TOKENS"; do stream_body "$t" "$WORK/body.$t.json"; done

start_stream_targets

log "warming up the proxies (one round each)"
for port in "$GW_PORT" "$NGX_PORT"; do
  "$LOAD" streams --target "127.0.0.1:$port" --body "$WORK/body.1.json" --streams "$STREAMS" --ramp-ms 2000 \
    --deadline-s 120 >/dev/null || die "sy-load failed during the warm-up"
done

: >"$WORK/rounds.jsonl"
for round in $(seq "$ROUNDS"); do
  for target in switchyard nginx; do
    if [ "$target" = switchyard ]; then port="$GW_PORT"; pid="$GW_PID"; else port="$NGX_PORT"; pid="$NGX_WORKER"; fi
    for t in 1 "$TOKENS"; do
      line="$("$LOAD" streams --target "127.0.0.1:$port" --body "$WORK/body.$t.json" --streams "$STREAMS" \
        --ramp-ms 2000 --deadline-s 180 --watch-pid "$pid")" || die "sy-load failed against $target"
      echo "{\"target\":\"$target\",\"round\":$round,\"tokens\":$t,\"load\":$line}" >>"$WORK/rounds.jsonl"
      sleep 1
    done
  done
done

mkdir -p "$RESULTS"
python3 - "$WORK/rounds.jsonl" "$STREAMS" "$TOKENS" "$RESULTS/chunk_cpu.json" <<'PY'
import json, statistics, sys
path, streams, tokens, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = [json.loads(l) for l in open(path)]
per = {}
for r in rows:
    per.setdefault((r["target"], r["round"]), {})[r["tokens"]] = r["load"]
result = {"streams": streams, "tokens": tokens, "rounds": {}, "failed": 0}
for (target, rnd), by in sorted(per.items()):
    short, long = by[1], by[tokens]
    result["failed"] += short["failed"] + long["failed"]
    us = (long["rss"]["cpu_ms"] - short["rss"]["cpu_ms"]) * 1000 / ((tokens - 1) * streams)
    result["rounds"].setdefault(target, []).append(round(us, 2))
for target, values in result["rounds"].items():
    result[target] = round(statistics.median(values), 2)
result["ratio"] = round(result["switchyard"] / result["nginx"], 2)
json.dump(result, open(out, "w"), indent=1)
print(f"CPU per relayed chunk at {streams} streams (median of {len(result['rounds']['switchyard'])} rounds): "
      f"Switchyard {result['switchyard']} us (rounds {result['rounds']['switchyard']}), "
      f"nginx {result['nginx']} us (rounds {result['rounds']['nginx']}), ratio {result['ratio']}; "
      f"failed streams {result['failed']}")
PY
