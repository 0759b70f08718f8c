#!/usr/bin/env bash
# Accounting cost: gateway throughput and latency with auth + limits + ledger on (a virtual key
# with generous key and team limits and budgets) against open mode (no key exists: no auth, no
# limits; the ledger still records every request) and against the bare pass-through (open, and
# `ledger: {enabled: false}`), in the same run against one simulator; and the ledger's commit
# rate while the loop serves that traffic.
#
#   bench/accounting.sh [--duration S] [--rounds N] [--connections C] [--threads T] [--out FILE]
#
# Three gateways (same binary, same configuration apart from the data directory and the bare
# one's ledger switch) front one `switchyard sim` (no latency). wrk drives each in turn, rotating
# the order per round so drift hits all alike. During every run /admin/stats is sampled every 100 ms: rows committed
# per second, transactions, rows per transaction, and the writer's commit time per row, whose
# inverse is the single writer thread's capacity (rows/s it could commit if it did nothing else).
#
# Environment: SWITCHYARD_BIN=path uses that binary instead of `swift build -c release`.
# Results: a JSON object on stdout's last line (and in --out FILE), a summary before it.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
DURATION=10
ROUNDS=3
CONNECTIONS=32
THREADS=1
OUT=""
ADMIN="bench-admin-key-0123456789"

SCRIPT=accounting.sh
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

command -v wrk >/dev/null || {
  log "installing wrk"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq wrk >/dev/null || die "wrk is missing and could not be installed"
}

switchyard_binary

SIM_PORT="$(free_port)"
"$BIN" sim --listen "127.0.0.1:$SIM_PORT" >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$SIM_PORT/health" 10 "${PIDS[-1]}" sim

start_gateway() {  # start_gateway NAME PORT; with NAME=keys a key (and its team) is created first
  local name="$1" port="$2" ledger=""
  [ "$name" = bare ] && ledger="ledger: {enabled: false}"
  cat >"$WORK/$name.yaml" <<EOF
listen: 127.0.0.1:$port
data_dir: $WORK/$name-data
admin_key: "$ADMIN"
$ledger
providers:
  - {name: sim, type: openai-compatible, base_url: "http://127.0.0.1:$SIM_PORT/v1", api_keys: ["sk-bench-0123456789"]}
models:
  - {name: gpt-4o-mini, provider: sim}
EOF
  if [ "$name" = keys ]; then
    "$BIN" teams set bench --rpm 1000000000 --tpm 1000000000000 --budget 1000000 --budget-period day \
      --config "$WORK/$name.yaml" >/dev/null
    "$BIN" keys create --name bench --team bench --tag agent=bench --rpm 1000000000 --tpm 1000000000000 \
      --budget 1000000 --budget-period day --json --config "$WORK/$name.yaml" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])' >"$WORK/key"
  fi
  # Not in a subshell: PIDS must reach the cleanup trap.
  "$BIN" serve --config "$WORK/$name.yaml" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$port/health" 15 "${PIDS[-1]}" "$name"
}
KEYS_PORT="$(free_port)"
start_gateway keys "$KEYS_PORT"
OPEN_PORT="$(free_port)"
start_gateway open "$OPEN_PORT"
grep -q "open to any caller" "$WORK/open.log" || die "the open gateway did not start in open mode"
BARE_PORT="$(free_port)"
start_gateway bare "$BARE_PORT"

printf '%s' '{"model":"gpt-4o-mini","max_tokens":16,"messages":[{"role":"user","content":"Say something short."}]}' >"$WORK/body.json"
cat >"$WORK/chat.lua" <<'LUA'
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_KEY") or ""
if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
function done(summary, latency, requests)
  io.write(string.format('WRKJSON {"requests":%d,"rps":%.1f,"status_errors":%d,"socket_errors":%d,' ..
    '"p50_ms":%.3f,"p99_ms":%.3f}\n', summary.requests, summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3))
end
LUA

log "wrk: $ROUNDS rounds x $DURATION s per mode, $CONNECTIONS connections, $THREADS thread(s)"
KEY="$(cat "$WORK/key")" BENCH="$BENCH" WORK="$WORK" ADMIN="$ADMIN" KEYS_PORT="$KEYS_PORT" OPEN_PORT="$OPEN_PORT" BARE_PORT="$BARE_PORT" \
DURATION="$DURATION" ROUNDS="$ROUNDS" CONNECTIONS="$CONNECTIONS" THREADS="$THREADS" OUT="$OUT" python3 - <<'PY'
import json, os, statistics, subprocess, sys

sys.path.insert(0, os.path.join(os.environ["BENCH"], "lib"))
from ledger_stats import LedgerSampler

env = os.environ
work, admin = env["WORK"], env["ADMIN"]
modes = {"keys": (int(env["KEYS_PORT"]), env["KEY"]), "open": (int(env["OPEN_PORT"]), ""), "bare": (int(env["BARE_PORT"]), "")}

def wrk(port, key, seconds):
    out = subprocess.run(["wrk", "-t", env["THREADS"], "-c", env["CONNECTIONS"], "-d", f"{seconds}s", "--latency",
                          "-s", f"{work}/chat.lua", f"http://127.0.0.1:{port}/v1/chat/completions"],
                         env={**env, "BODY_FILE": f"{work}/body.json", "BENCH_KEY": key},
                         capture_output=True, text=True, check=True).stdout
    return json.loads(next(l for l in out.splitlines() if l.startswith("WRKJSON "))[8:])

def run(mode, seconds):
    port, key = modes[mode]
    with LedgerSampler(port, admin, every_s=0.1) as sampler:
        result = wrk(port, key, seconds)
    result.update(sampler.summary())
    result["commit_ns_per_row"] = sampler.commit_ns_per_row()
    return result

for mode in modes:  # warm-up: connections, caches, the first WAL growth
    run(mode, 2)
rounds = {mode: [] for mode in modes}
for r in range(int(env["ROUNDS"])):
    names = list(modes)
    for mode in names[r % len(names):] + names[:r % len(names)]:
        rounds[mode].append(run(mode, int(env["DURATION"])))
        print(f"round {r + 1} {mode}: {json.dumps(rounds[mode][-1])}", flush=True)

def median(mode, field):
    values = [x[field] for x in rounds[mode] if x[field] is not None]
    return statistics.median(values) if values else None

summary = {mode: {f: median(mode, f) for f in ["rps", "p50_ms", "p99_ms", "rows_per_s", "commits_per_s", "commit_ns_per_row"]}
           for mode in modes}
for mode in modes:
    summary[mode]["status_errors"] = sum(x["status_errors"] for x in rounds[mode])
    summary[mode]["rows_dropped"] = max(x["rows_dropped"] for x in rounds[mode])
    summary[mode]["rows_pending_max"] = max(x["rows_pending_max"] for x in rounds[mode])
    ns = summary[mode]["commit_ns_per_row"]
    summary[mode]["writer_capacity_rows_per_s"] = round(1e9 / ns) if ns else None
k, o, b = summary["keys"], summary["open"], summary["bare"]
summary["ratio_keys_over_open"] = {"rps": k["rps"] / o["rps"], "p50": k["p50_ms"] / o["p50_ms"], "p99": k["p99_ms"] / o["p99_ms"]}
summary["ratio_keys_over_bare"] = {"rps": k["rps"] / b["rps"], "p50": k["p50_ms"] / b["p50_ms"], "p99": k["p99_ms"] / b["p99_ms"]}
summary["setup"] = {"rounds": int(env["ROUNDS"]), "duration_s": int(env["DURATION"]), "connections": int(env["CONNECTIONS"]),
                    "threads": int(env["THREADS"]), "cores": os.cpu_count()}
print()
print(f"{'mode':<6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'rows/s committed':>17} {'commits/s':>10} {'ns/row':>8} {'writer cap rows/s':>18}")
for mode in modes:
    s = summary[mode]
    print(f"{mode:<6} {s['rps']:>9.0f} {s['p50_ms']:>8.3f} {s['p99_ms']:>8.3f} {s['rows_per_s']:>17.0f} {s['commits_per_s']:>10.1f} "
          f"{(s['commit_ns_per_row'] or 0):>8.0f} {(s['writer_capacity_rows_per_s'] or 0):>18}")
r = summary["ratio_keys_over_bare"]
print(f"keys/bare: throughput {r['rps']:.3f}, p50 {r['p50']:.3f}, p99 {r['p99']:.3f}")
r = summary["ratio_keys_over_open"]
print(f"keys/open: throughput {r['rps']:.3f}, p50 {r['p50']:.3f}, p99 {r['p99']:.3f}; "
      f"non-2xx: keys {k['status_errors']}, open {o['status_errors']}; rows dropped: keys {k['rows_dropped']}, open {o['rows_dropped']}")
line = json.dumps(summary)
if env.get("OUT"):
    with open(env["OUT"], "w") as f:
        f.write(line + "\n")
print(line)
PY
