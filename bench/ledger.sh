#!/usr/bin/env bash
# Ledger under load: rows per second the ledger commits while the loop serves traffic, and what
# that does to the traffic's latency, in one run.
#
#   bench/ledger.sh [--flood-rows-per-s N] [--rate RPS] [--connections C] [--duration S]
#                   [--rounds N] [--out FILE]
#
# One `switchyard sim` (no latency) behind `sy-gateway` (the gateway as `serve` runs it, with
# auth off, limits and the ledger on) that can flood its own ledger writer: while the flood is on,
# a loop timer appends --flood-rows-per-s synthetic rows (20,000) through the same batching
# writer the requests use. `sy-load paced` offers a fixed --rate (3,000 req/s) over --connections
# (32) keep-alive connections and measures latency from each request's scheduled time. Rounds
# alternate flood off / on (ABBA order) so drift hits both alike; /admin/stats is sampled every
# 200 ms for rows committed per second, rows pending and rows dropped.
#
# Results: a JSON object on stdout's last line (and in --out FILE), a summary before it.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
FLOOD=20000
RATE=3000
CONNECTIONS=32
DURATION=10
ROUNDS=3
OUT=""
ADMIN="bench-admin-key-0123456789"

SCRIPT=ledger.sh
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --flood-rows-per-s) FLOOD="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

switchyard_binary
log "building sy-gateway and sy-load (release)"
for product in sy-gateway sy-load; do build_bench "$product" || die "building $product failed"; done
GATEWAY="$BENCH/.build/release/sy-gateway"
LOAD="$BENCH/.build/release/sy-load"

SIM_PORT="$(free_port)"
"$BIN" sim --listen "127.0.0.1:$SIM_PORT" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$SIM_PORT/health" 10 "${PIDS[-1]}" sim

GW_PORT="$(free_port)"
cat >"$WORK/gateway.yaml" <<YAML
listen: 127.0.0.1:$GW_PORT
data_dir: $WORK/data
admin_key: "$ADMIN"
providers:
  - {name: sim, type: openai-compatible, base_url: "http://127.0.0.1:$SIM_PORT/v1", api_keys: ["sk-bench-0123456789"]}
models:
  - {name: gpt-4o-mini, provider: sim}
YAML
"$GATEWAY" --config "$WORK/gateway.yaml" --flood-rows-per-s "$FLOOD" >/dev/null 2>"$WORK/gateway.log" &
PIDS+=($!)
GW_PID="${PIDS[-1]}"
wait_http "http://127.0.0.1:$GW_PORT/health" 15 "$GW_PID" gateway

printf '%s' '{"model":"gpt-4o-mini","max_tokens":16,"messages":[{"role":"user","content":"Say something short."}]}' >"$WORK/body.json"

log "ledger: $ROUNDS rounds x (flood off, flood on at $FLOOD rows/s), $RATE req/s over $CONNECTIONS connections for $DURATION s each"
BENCH="$BENCH" WORK="$WORK" ADMIN="$ADMIN" GW_PORT="$GW_PORT" GW_PID="$GW_PID" LOAD="$LOAD" RATE="$RATE" CONNECTIONS="$CONNECTIONS" \
DURATION="$DURATION" ROUNDS="$ROUNDS" FLOOD="$FLOOD" OUT="$OUT" python3 - <<'PY'
import json, os, signal, statistics, subprocess, sys, time

sys.path.insert(0, os.path.join(os.environ["BENCH"], "lib"))
from ledger_stats import LedgerSampler

env = os.environ
work, admin, port, pid = env["WORK"], env["ADMIN"], int(env["GW_PORT"]), int(env["GW_PID"])

def load(seconds):
    out = subprocess.run([env["LOAD"], "paced", "--target", f"127.0.0.1:{port}", "--body", f"{work}/body.json",
                          "--rate", env["RATE"], "--connections", env["CONNECTIONS"], "--duration-s", str(seconds)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"sy-load failed: {out.stderr.strip()}")
    return json.loads(out.stdout)

def run(flood, seconds):
    os.kill(pid, signal.SIGUSR1 if flood else signal.SIGUSR2)
    time.sleep(1.0)  # the writer reaches its steady state before the measurement starts
    with LedgerSampler(port, admin, every_s=0.2) as sampler:
        result = load(seconds)
    return {"flood": flood, "p50_ms": result["latency"]["p50_ms"], "p99_ms": result["latency"]["p99_ms"],
            "max_ms": result["latency"]["max_ms"], "achieved_rps": result["achieved_rps"], "failed": result["failed"],
            **sampler.summary()}

run(False, 2)  # warm-up: connections, caches, the first WAL growth
run(True, 2)
runs = []
for r in range(int(env["ROUNDS"])):
    for flood in ([False, True] if r % 2 == 0 else [True, False]):
        runs.append(run(flood, int(env["DURATION"])))
        print(f"round {r + 1} flood {'on ' if flood else 'off'}: {json.dumps(runs[-1])}", flush=True)
os.kill(pid, signal.SIGUSR2)

def median(flood, field):
    return statistics.median(x[field] for x in runs if x["flood"] == flood)
off, on = ([x for x in runs if not x["flood"]], [x for x in runs if x["flood"]])
# Rounds are paired in time (ABBA), so the ratio is taken per round, then the median.
ratios = [b["p99_ms"] / a["p99_ms"] for a, b in zip(off, on)]
summary = {
    mode: {f: median(flood, f) for f in ["achieved_rps", "p50_ms", "p99_ms", "max_ms", "rows_per_s", "commits_per_s"]}
    for mode, flood in [("flood_off", False), ("flood_on", True)]
}
for mode, flood in [("flood_off", False), ("flood_on", True)]:
    mine = [x for x in runs if x["flood"] == flood]
    summary[mode]["failed"] = sum(x["failed"] for x in mine)
    summary[mode]["rows_pending_max"] = max(x["rows_pending_max"] for x in mine)
    summary[mode]["rows_dropped"] = max(x["rows_dropped"] for x in mine)
    summary[mode]["writer_promotions"] = sum(x["writer_promotions"] for x in mine)
summary["p99_ratio_on_over_off"] = {"median": statistics.median(ratios), "rounds": ratios}
summary["setup"] = {"flood_rows_per_s": int(env["FLOOD"]), "rate": int(env["RATE"]), "connections": int(env["CONNECTIONS"]),
                    "duration_s": int(env["DURATION"]), "rounds": int(env["ROUNDS"]), "cores": os.cpu_count()}
print()
print(f"{'flood':<5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'rows/s committed':>17} {'commits/s':>10} {'pending max':>12} {'failed':>7}")
for mode in ["flood_off", "flood_on"]:
    s = summary[mode]
    print(f"{mode[6:]:<5} {s['achieved_rps']:>8.0f} {s['p50_ms']:>8.3f} {s['p99_ms']:>8.3f} {s['max_ms']:>8.3f} {s['rows_per_s']:>17.0f} "
          f"{s['commits_per_s']:>10.1f} {s['rows_pending_max']:>12} {s['failed']:>7}")
print(f"p99 flood on / off: {summary['p99_ratio_on_over_off']['median']:.3f} (rounds: {', '.join(f'{r:.3f}' for r in ratios)}); "
      f"rows dropped: {summary['flood_on']['rows_dropped']}; writer promotions (flood on): {summary['flood_on']['writer_promotions']}")
line = json.dumps(summary)
if env.get("OUT"):
    with open(env["OUT"], "w") as f:
        f.write(line + "\n")
print(line)
PY
