#!/usr/bin/env bash
# Switchyard's benchmarks, in one go: installs what it needs, builds, starts the simulator as the
# upstream and measures direct / nginx / Switchyard / LiteLLM against it in the same run.
#
#   bench/run.sh [--only PARTS] [--quick] [--rounds N] [--duration S] [--streams N]
#                [--ttft-ms N] [--tokens-per-second N] [--max-tokens N] [--ramp-ms N]
#                [--litellm-streams N] [--paced-rate RPS] [--upstream-client native|curl]
#
# PARTS is a comma-separated subset of: nonstream, stream, callgrind, litellm, micro (default:
# all). `litellm` adds LiteLLM's proxy to the nonstream and stream parts that run with it (alone,
# it runs both of them for LiteLLM only, with the direct baseline). --quick shortens everything
# (one round, 3 s per wrk run, 1,000 streams, fewer callgrind requests) for a smoke test.
# --upstream-client curl measures the gateway with libcurl carrying the upstream calls (the path
# every HTTPS provider takes) instead of the native client the simulator's plain HTTP gets.
#
# Results: bench/results/latest.json (and the raw files beside it); a summary on stdout.
# Everything runs on 127.0.0.1; every load is bounded in count and time.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
RESULTS="$BENCH/results"

ONLY="nonstream,stream,callgrind,litellm,micro"
QUICK=0
ROUNDS=3
DURATION=10
WARMUP=2
CONNECTIONS=64
PACED_RATE=3000
STREAMS=5000
RAMP_MS=2000
TTFT_MS=200
TPS=5
STREAM_MAX_TOKENS=20
LIGHT_STREAMS=200
LITELLM_CONNECTIONS=8
LITELLM_DURATION=10
LITELLM_STREAMS=500
CG_N1=200
CG_N2=1200
CG_STREAMS=100
CG_T1=10
CG_T2=40
LITELLM_VERSION=1.108.7
ARGS="$*"

die() { echo "run.sh: error: $*" >&2; exit 1; }
log() { echo "[$(date +%T)] $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --streams) STREAMS="$2"; shift 2 ;;
    --ttft-ms) TTFT_MS="$2"; shift 2 ;;
    --tokens-per-second) TPS="$2"; shift 2 ;;
    --max-tokens) STREAM_MAX_TOKENS="$2"; shift 2 ;;
    --ramp-ms) RAMP_MS="$2"; shift 2 ;;
    --litellm-streams) LITELLM_STREAMS="$2"; shift 2 ;;
    --paced-rate) PACED_RATE="$2"; shift 2 ;;
    --upstream-client) export UPSTREAM_CLIENT="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
if [ "$QUICK" = 1 ]; then
  ROUNDS=1; DURATION=3; WARMUP=1; STREAMS=1000; LIGHT_STREAMS=100; RAMP_MS=500; LITELLM_DURATION=3; LITELLM_STREAMS=100
  CG_N1=50; CG_N2=250; CG_STREAMS=30
fi
# shellcheck source=lib/build.sh
. "$BENCH/lib/build.sh"

for part in ${ONLY//,/ }; do
  case "$part" in nonstream|stream|callgrind|litellm|micro) ;; *) die "unknown part '$part'" ;; esac
done
want() { [[ ",$ONLY," == *",$1,"* ]]; }
# With only `litellm` asked for, the load parts measure LiteLLM against the direct baseline alone.
if want litellm && ! want nonstream && ! want stream; then ONLY="$ONLY,nonstream,stream"; LITELLM_ONLY=1; else LITELLM_ONLY=0; fi

# ---------------------------------------------------------------------------------------------
# Processes: everything started here is killed on exit.
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  [ -n "${WORK:-}" ] && [ -d "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() {  # stop PID: TERM, wait up to 10 s, then KILL
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cpu_ms() {  # cpu_ms PID...: user+system CPU milliseconds used so far by these processes
  local total=0 pid line rest
  local hz; hz="$(getconf CLK_TCK)"
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    read -r line <"/proc/$pid/stat"
    rest="${line##*) }"
    # shellcheck disable=SC2086
    set -- $rest
    total=$(( total + (${12} + ${13}) * 1000 / hz ))
  done
  echo "$total"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() {  # wait_http URL SECONDS NAME PID
  local url="$1" secs="$2" name="$3" pid="$4"
  for _ in $(seq $((secs * 10))); do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$WORK/$name.err" >&2; die "$name exited during start-up"; }
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  die "$name did not answer $url within ${secs}s"
}

wait_listen() {  # wait_listen PORT SECONDS NAME PID: without sending requests (callgrind counts them)
  local port="$1" secs="$2" name="$3" pid="$4"
  for _ in $(seq $((secs * 10))); do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$WORK/$name.err" >&2; die "$name exited during start-up"; }
    ss -Hltn "sport = :$port" | grep -q LISTEN && return 0
    sleep 0.1
  done
  die "$name did not listen on $port within ${secs}s"
}

# ---------------------------------------------------------------------------------------------
# Set-up: system packages, the builds, LiteLLM's virtualenv.
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v valgrind >/dev/null || need+=(valgrind)
command -v ss >/dev/null || need+=(iproute2)
command -v curl >/dev/null || need+=(curl)
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || die "apt-get install ${need[*]} failed"
fi
"$ROOT/scripts/setup.sh"

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge $((2 * STREAMS + 500)) ] || die "ulimit -n is $(ulimit -n); $((2 * STREAMS + 500)) needed for $STREAMS streams"

log "building the release gateway"
(cd "$ROOT" && swift build -c release --product switchyard 2>&1 | tail -n 3) || die "swift build failed"
SY="$ROOT/.build/release/switchyard"
[ -x "$SY" ] || die "$SY missing after the build"
if want nonstream || want stream || want callgrind; then
  log "building sy-load"
  build_bench sy-load || die "sy-load build failed"
  LOAD="$BENCH/.build/release/sy-load"
  [ -x "$LOAD" ] || die "$LOAD missing after the build"
fi

VENV="$BENCH/.venv-litellm"
if want litellm; then
  if ! "$VENV/bin/litellm" --version >/dev/null 2>&1; then
    log "installing LiteLLM $LITELLM_VERSION into $VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed"
    "$VENV/bin/pip" install -q --upgrade pip >/dev/null
    "$VENV/bin/pip" install -q "litellm[proxy]==$LITELLM_VERSION" || die "pip install litellm[proxy]==$LITELLM_VERSION failed"
  fi
fi

mkdir -p "$RESULTS"
# A part that runs replaces its earlier results; latest.json holds only the parts of this run.
if want nonstream; then rm -f "$RESULTS/nonstream.jsonl"; fi
if want stream; then rm -f "$RESULTS/stream.jsonl"; fi
if want callgrind; then rm -f "$RESULTS"/callgrind.*; fi
if want micro; then rm -f "$RESULTS"/micro.*; fi
WORK="$(mktemp -d /tmp/switchyard-bench.XXXXXX)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
DIRTY="$(git -C "$ROOT" status --porcelain -- Sources Package.swift CLibUV 2>/dev/null | grep -c . || true)"
STARTED="$(date -u +%FT%TZ)"

# ---------------------------------------------------------------------------------------------
# The pieces under test.
start_sim() {  # start_sim NAME [sim options]: sets SIM_PORT, SIM_PID
  local name="$1"; shift
  SIM_PORT="$(free_port)"
  "$SY" sim --listen "127.0.0.1:$SIM_PORT" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  SIM_PID=$!; PIDS+=("$SIM_PID")
  wait_http "http://127.0.0.1:$SIM_PORT/health" 20 "$name" "$SIM_PID"
}

# shellcheck source=lib/proxies.sh
. "$BENCH/lib/proxies.sh"

start_gateway() {  # start_gateway NAME UPSTREAM_PORT: sets GW_PORT, GW_PID
  local name="$1"
  GW_PORT="$(free_port)"
  gateway_config "$2" "$GW_PORT" "$WORK/$name.yaml"
  "$SY" serve --config "$WORK/$name.yaml" >"$WORK/$name.out" 2>/dev/null &
  GW_PID=$!; PIDS+=("$GW_PID")
  wait_http "http://127.0.0.1:$GW_PORT/health" 20 "$name" "$GW_PID"
}

start_nginx() {  # start_nginx NAME UPSTREAM_PORT: sets NGX_PORT, NGX_PID (master), NGX_WORKER
  local name="$1" dir="$WORK/$1"
  NGX_PORT="$(free_port)"
  nginx_config "$dir" "$NGX_PORT" "$2"
  nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >"$WORK/$name.out" 2>"$WORK/$name.err" &
  NGX_PID=$!; PIDS+=("$NGX_PID")
  wait_http "http://127.0.0.1:$NGX_PORT/health" 20 "$name" "$NGX_PID"
  NGX_WORKER="$(pgrep -P "$NGX_PID" | head -n 1 || true)"
  [ -n "$NGX_WORKER" ] || die "no nginx worker process"
}

start_litellm() {  # start_litellm NAME UPSTREAM_PORT: sets LL_PORT, LL_PID
  local name="$1"
  # LiteLLM refuses to start without a master key; clients then send it as their bearer token.
  LL_KEY="sk-$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
  LL_PORT="$(free_port)"
  cat >"$WORK/$name.yaml" <<EOF
model_list:
  - model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: http://127.0.0.1:$2/v1
      api_key: sk-bench
general_settings:
  master_key: $LL_KEY
EOF
  LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_LOG=ERROR NO_DOCS=True \
    "$VENV/bin/litellm" --config "$WORK/$name.yaml" --host 127.0.0.1 --port "$LL_PORT" --num_workers 1 \
    >"$WORK/$name.out" 2>"$WORK/$name.err" &
  LL_PID=$!; PIDS+=("$LL_PID")
  wait_http "http://127.0.0.1:$LL_PORT/health/liveliness" 120 "$name" "$LL_PID"
  # The server process that does the work (uvicorn may run under a parent).
  LL_WORKER="$(pgrep -P "$LL_PID" | head -n 1 || true)"
  [ -n "$LL_WORKER" ] || LL_WORKER="$LL_PID"
}

# ---------------------------------------------------------------------------------------------
# Non-streaming: wrk, 64 connections, DURATION s per target per round, rounds interleaved.
run_wrk() {  # run_wrk URL CONNECTIONS SECONDS [KEY] -> WRKJSON line on stdout
  BENCH_KEY="${4:-sk-bench}" BODY_FILE="$BENCH/fixtures/chat.json" wrk -t 1 -c "$2" -d "${3}s" --timeout 10s \
    -s "$BENCH/lib/wrk-chat.lua" "$1" | sed -n 's/^WRKJSON //p'
}

nonstream() {
  log "nonstream: starting the simulator (no delays) and the proxies"
  start_sim sim-fast
  local targets=() urls=()
  declare -A url proc
  url[direct]="http://127.0.0.1:$SIM_PORT/v1/chat/completions"; proc[direct]="$SIM_PID"
  if [ "$LITELLM_ONLY" = 0 ]; then
    start_nginx nginx-fast "$SIM_PORT"; url[nginx]="http://127.0.0.1:$NGX_PORT/v1/chat/completions"
    proc[nginx]="$NGX_WORKER"
    start_gateway gateway-fast "$SIM_PORT"; url[switchyard]="http://127.0.0.1:$GW_PORT/v1/chat/completions"
    proc[switchyard]="$GW_PID"
    targets=(direct nginx switchyard)
  else
    targets=(direct)
  fi
  local out="$RESULTS/nonstream.jsonl"
  : >"$out"
  for t in "${targets[@]}"; do run_wrk "${url[$t]}" "$CONNECTIONS" "$WARMUP" >/dev/null; done
  local rounds="$ROUNDS"
  [ "$LITELLM_ONLY" = 1 ] && rounds=0
  for round in $(seq "$rounds"); do
    # Rotate the order each round so no target always runs first or last.
    local order=("${targets[@]:$(( (round - 1) % ${#targets[@]} ))}" "${targets[@]:0:$(( (round - 1) % ${#targets[@]} ))}")
    for t in "${order[@]}"; do
      local line c0 s0 c1 s1
      c0="$(cpu_ms ${proc[$t]})"; s0="$(cpu_ms "$SIM_PID")"
      line="$(run_wrk "${url[$t]}" "$CONNECTIONS" "$DURATION")"
      c1="$(cpu_ms ${proc[$t]})"; s1="$(cpu_ms "$SIM_PID")"
      [ -n "$line" ] || die "wrk printed no result for $t"
      echo "{\"target\":\"$t\",\"round\":$round,\"connections\":$CONNECTIONS,\"cpu_ms\":{\"target\":$((c1 - c0)),\"sim\":$((s1 - s0))},\"wrk\":$line}" >>"$out"
      log "nonstream round $round $t: $(echo "$line" | python3 "$BENCH/lib/summarize.py" --wrk-line)"
    done
  done
  # The same targets at one fixed offered rate well below every target's capacity: wrk at
  # saturation measures queueing (its p99 is about connections / throughput), so the latency a
  # proxy adds is compared at equal load, measured from each request's scheduled time.
  : >"$RESULTS/paced.jsonl"
  for round in $(seq "$rounds"); do
    local order=("${targets[@]:$(( (round - 1) % ${#targets[@]} ))}" "${targets[@]:0:$(( (round - 1) % ${#targets[@]} ))}")
    for t in "${order[@]}"; do
      local hostport="${url[$t]#http://}"; hostport="${hostport%%/*}"
      line="$("$LOAD" paced --target "$hostport" --body "$BENCH/fixtures/chat.json" --rate "$PACED_RATE" \
        --connections "$CONNECTIONS" --duration-s "$DURATION")" || die "sy-load paced failed against $t"
      echo "{\"target\":\"$t\",\"round\":$round,\"paced\":$line}" >>"$RESULTS/paced.jsonl"
      log "paced round $round $t: $line"
    done
  done
  if want litellm; then
    start_litellm litellm-fast "$SIM_PORT"
    run_wrk "http://127.0.0.1:$LL_PORT/v1/chat/completions" "$LITELLM_CONNECTIONS" "$WARMUP" "$LL_KEY" >/dev/null
    local line c0 c1 llprocs
    llprocs="$LL_PID $(pgrep -P "$LL_PID" | tr '\n' ' ' || true)"
    c0="$(cpu_ms $llprocs)"
    line="$(run_wrk "http://127.0.0.1:$LL_PORT/v1/chat/completions" "$LITELLM_CONNECTIONS" "$LITELLM_DURATION" "$LL_KEY")"
    c1="$(cpu_ms $llprocs)"
    [ -n "$line" ] || die "wrk printed no result for litellm"
    echo "{\"target\":\"litellm\",\"round\":1,\"connections\":$LITELLM_CONNECTIONS,\"cpu_ms\":{\"target\":$((c1 - c0))},\"wrk\":$line}" >>"$out"
    # The same connection count against the direct baseline, for a like-for-like ratio.
    line="$(run_wrk "${url[direct]}" "$LITELLM_CONNECTIONS" "$LITELLM_DURATION")"
    echo "{\"target\":\"direct-litellm-baseline\",\"round\":1,\"connections\":$LITELLM_CONNECTIONS,\"wrk\":$line}" >>"$out"
    stop "$LL_PID"
  fi
  [ "$LITELLM_ONLY" = 0 ] && { stop "$GW_PID"; stop "$NGX_PID"; }
  stop "$SIM_PID"
}

# ---------------------------------------------------------------------------------------------
# Streaming: STREAMS concurrent streams from sy-load, the simulator dribbling tokens.
wait_sim_idle() {  # no streams left on the simulator (so runs do not overlap)
  for _ in $(seq 300); do
    curl -fsS --max-time 2 "http://127.0.0.1:$SIM_PORT/sim/stats" | grep -Eq '"active_?[sS]treams" *: *0\b' && return 0
    sleep 0.1
  done
  log "warning: the simulator still reports active streams"
}

run_streams() {  # run_streams TARGET PORT COUNT ROUND [WATCH_PID] [KEY]
  local target="$1" port="$2" count="$3" round="$4" watch="${5:-0}" key="${6:-sk-bench}"
  local deadline=$(( 60 + count / 20 ))
  local line
  line="$("$LOAD" streams --target "127.0.0.1:$port" --body "$WORK/chat-stream.json" --streams "$count" \
    --ramp-ms "$RAMP_MS" --deadline-s "$deadline" --watch-pid "$watch" --key "$key")" || die "sy-load failed against $target"
  echo "{\"target\":\"$target\",\"round\":$round,\"load\":$line}" >>"$RESULTS/stream.jsonl"
  log "stream round $round $target: $(echo "$line" | python3 "$BENCH/lib/summarize.py" --stream-line)"
  wait_sim_idle
}

stream() {
  log "stream: starting the simulator (--ttft-ms $TTFT_MS --tokens-per-second $TPS), nginx, Switchyard"
  stream_body "$STREAM_MAX_TOKENS" "$WORK/chat-stream.json"
  start_sim sim-slow --ttft-ms "$TTFT_MS" --tokens-per-second "$TPS"
  : >"$RESULTS/stream.jsonl"
  if [ "$LITELLM_ONLY" = 0 ]; then
    # Fresh processes: each one's resident memory is read idle (after a small warm-up) and at the peak.
    start_gateway gateway-slow "$SIM_PORT"
    start_nginx nginx-slow "$SIM_PORT"
    for port in "$SIM_PORT" "$GW_PORT" "$NGX_PORT"; do
      "$LOAD" streams --target "127.0.0.1:$port" --body "$WORK/chat-stream.json" --streams 20 --ramp-ms 20 >/dev/null
    done
    wait_sim_idle
    for round in $(seq "$ROUNDS"); do
      if [ $((round % 2)) = 1 ]; then
        run_streams direct "$SIM_PORT" "$STREAMS" "$round" "$SIM_PID"
        run_streams switchyard "$GW_PORT" "$STREAMS" "$round" "$GW_PID"
        run_streams nginx "$NGX_PORT" "$STREAMS" "$round" "$NGX_WORKER"
      else
        run_streams nginx "$NGX_PORT" "$STREAMS" "$round" "$NGX_WORKER"
        run_streams switchyard "$GW_PORT" "$STREAMS" "$round" "$GW_PID"
        run_streams direct "$SIM_PORT" "$STREAMS" "$round" "$SIM_PID"
      fi
    done
    # The same at a light load (LIGHT_STREAMS over the same ramp): the latency a proxy adds
    # when no process is short of CPU. After the heavy rounds so their memory figures stay clean.
    for round in $(seq "$ROUNDS"); do
      run_streams direct-light "$SIM_PORT" "$LIGHT_STREAMS" "$round" "$SIM_PID"
      run_streams switchyard-light "$GW_PORT" "$LIGHT_STREAMS" "$round" "$GW_PID"
      run_streams nginx-light "$NGX_PORT" "$LIGHT_STREAMS" "$round" "$NGX_WORKER"
    done
    stop "$GW_PID"; stop "$NGX_PID"
  fi
  if want litellm; then
    start_litellm litellm-slow "$SIM_PORT"
    "$LOAD" streams --target "127.0.0.1:$LL_PORT" --body "$WORK/chat-stream.json" --streams 5 --ramp-ms 5 \
      --key "$LL_KEY" >/dev/null
    wait_sim_idle
    run_streams direct-litellm-baseline "$SIM_PORT" "$LITELLM_STREAMS" 1
    run_streams litellm "$LL_PORT" "$LITELLM_STREAMS" 1 "$LL_WORKER" "$LL_KEY"
    stop "$LL_PID"
  fi
  stop "$SIM_PID"
}

# ---------------------------------------------------------------------------------------------
# Instructions per proxied request: the gateway under callgrind, N1 then N2 requests.
cg_run() {  # cg_run LABEL N PORT LOADCMD -- CMD...: CMD under callgrind, LOADCMD against it, SIGTERM
  local label="$1" n="$2" port="$3" load="$4"; shift 5
  valgrind --tool=callgrind --callgrind-out-file="$RESULTS/callgrind$label.$n.out" \
    "$@" >/dev/null 2>"$WORK/callgrind$label.$n.err" &
  local pid=$!; PIDS+=("$pid")
  wait_listen "$port" 120 "callgrind$label.$n" "$pid"
  # shellcheck disable=SC2086
  "$LOAD" $load --target "127.0.0.1:$port" >"$RESULTS/callgrind$label.$n.load.json" \
    || die "sy-load failed under callgrind ($label $n)"
  kill -TERM "$pid"
  wait "$pid" || { tail -n 20 "$WORK/callgrind$label.$n.err" >&2; die "callgrind$label exited with an error"; }
  [ -s "$RESULTS/callgrind$label.$n.out" ] || die "callgrind wrote no profile for $label $n"
}

cg_targets() {  # cg_targets LABEL N1 N2 UPSTREAM_PORT LOADCMD(with %N%): Switchyard and nginx, N1 and N2
  local label="$1" n1="$2" n2="$3" upstream="$4" load="$5" n port
  for n in "$n1" "$n2"; do
    port="$(free_port)"
    gateway_config "$upstream" "$port" "$WORK/gateway-cg.yaml"
    cg_run "$label" "$n" "$port" "${load//%N%/$n}" -- "$CG_BIN" serve --config "$WORK/gateway-cg.yaml"
  done
  # nginx as the reference: one process (no master), the same proxy configuration.
  for n in "$n1" "$n2"; do
    port="$(free_port)"
    nginx_config "$WORK/nginx-cg" "$port" "$upstream"
    cg_run "$label-nginx" "$n" "$port" "${load//%N%/$n}" -- \
      nginx -p "$WORK/nginx-cg" -c "$WORK/nginx-cg/nginx.conf" -g 'daemon off; master_process off;'
  done
}

callgrind() {
  log "callgrind: $CG_N1 and $CG_N2 requests over one keep-alive connection (Switchyard, then nginx)"
  # valgrind 3.19 cannot read the DWARF 5 parts of the release binary's debug info (it gives up
  # on "unhandled dwarf2 abbrev form code 0x25"); a copy without debug info keeps the symbol
  # table, which is all the function-level profile needs.
  CG_BIN="$WORK/switchyard-nodebug"
  cp "$SY" "$CG_BIN" && strip --strip-debug "$CG_BIN" || die "cannot make a copy of $SY without debug info"
  start_sim sim-cg
  cg_targets "" "$CG_N1" "$CG_N2" "$SIM_PORT" \
    "keepalive --body $BENCH/fixtures/chat.json --requests %N%"
  stop "$SIM_PID"
  # Per relayed SSE chunk: the same number of streams with T1 and then T2 tokens each; the
  # simulator paces tokens 50 ms apart so each arrives in a read of its own.
  log "callgrind: $CG_STREAMS streams of $CG_T1 and of $CG_T2 tokens (Switchyard, then nginx)"
  start_sim sim-cg-stream --ttft-ms 50 --tokens-per-second 20
  local t
  for t in "$CG_T1" "$CG_T2"; do
    stream_body "$t" "$WORK/cg-stream.$t.json"
  done
  cg_targets "-stream" "$CG_T1" "$CG_T2" "$SIM_PORT" \
    "streams --body $WORK/cg-stream.%N%.json --streams $CG_STREAMS --ramp-ms $((CG_STREAMS * 30)) --deadline-s 300"
  stop "$SIM_PID"
  local diff="$BENCH/lib/callgrind_diff.py" r="$RESULTS"
  python3 "$diff" "$r/callgrind.$CG_N1.out" "$r/callgrind.$CG_N2.out" "$CG_N1" "$CG_N2" >"$r/callgrind.json" \
    && python3 "$diff" "$r/callgrind-nginx.$CG_N1.out" "$r/callgrind-nginx.$CG_N2.out" "$CG_N1" "$CG_N2" --top 5 \
      >"$r/callgrind-nginx.json" \
    && python3 "$diff" "$r/callgrind-stream.$CG_T1.out" "$r/callgrind-stream.$CG_T2.out" \
      "$((CG_STREAMS * CG_T1))" "$((CG_STREAMS * CG_T2))" --top 15 >"$r/callgrind-stream.json" \
    && python3 "$diff" "$r/callgrind-stream-nginx.$CG_T1.out" "$r/callgrind-stream-nginx.$CG_T2.out" \
      "$((CG_STREAMS * CG_T1))" "$((CG_STREAMS * CG_T2))" --top 5 >"$r/callgrind-stream-nginx.json" \
    || die "callgrind_diff failed"
  callgrind_annotate --inclusive=yes "$r/callgrind.$CG_N2.out" >"$r/callgrind.$CG_N2.inclusive.txt"
  log "callgrind: $(python3 "$BENCH/lib/summarize.py" --callgrind-line "$r")"
}

# ---------------------------------------------------------------------------------------------
# Micro-benchmarks (ordo-one/benchmark).
micro() {
  log "micro: swift package benchmark --target Hotpath (builds the benchmark tool the first time)"
  (cd "$BENCH" && swift package --disable-sandbox benchmark --target Hotpath --no-progress) \
    >"$RESULTS/micro.txt" 2>&1 || { tail -n 40 "$RESULTS/micro.txt" >&2; die "micro-benchmarks failed"; }
}

# ---------------------------------------------------------------------------------------------
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if want nonstream; then nonstream; fi
if want stream; then stream; fi
if want callgrind && [ "$LITELLM_ONLY" = 0 ]; then callgrind; fi
if want micro && [ "$LITELLM_ONLY" = 0 ]; then micro; fi

python3 "$BENCH/lib/summarize.py" "$RESULTS" \
  --meta "{\"date\":\"$STARTED\",\"commit\":\"$COMMIT\",\"dirty_source_files\":$DIRTY,\"command\":\"bench/run.sh${ARGS:+ $ARGS}\",\
\"only\":\"$ONLY\",\"quick\":$QUICK,\"rounds\":$ROUNDS,\"duration_s\":$DURATION,\"connections\":$CONNECTIONS,\
\"streams\":$STREAMS,\"light_streams\":$LIGHT_STREAMS,\"ramp_ms\":$RAMP_MS,\"ttft_ms\":$TTFT_MS,\"tokens_per_second\":$TPS,\
\"stream_max_tokens\":$STREAM_MAX_TOKENS,\"litellm_version\":\"$LITELLM_VERSION\",\
\"litellm_connections\":$LITELLM_CONNECTIONS,\"litellm_duration_s\":$LITELLM_DURATION,\
\"litellm_streams\":$LITELLM_STREAMS,\"callgrind_n1\":$CG_N1,\"callgrind_n2\":$CG_N2,\
\"callgrind_streams\":$CG_STREAMS,\"callgrind_tokens\":[$CG_T1,$CG_T2],\
\"cpus\":$(nproc),\"loadavg_before\":\"$LOAD_BEFORE\",\"loadavg_after\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" \
  >"$RESULTS/latest.json" || die "summarize failed"
python3 "$BENCH/lib/summarize.py" "$RESULTS" --table "$RESULTS/latest.json"
