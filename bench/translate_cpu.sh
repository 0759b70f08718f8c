#!/usr/bin/env bash
# End-to-end translation cost per streamed chunk: the gateway's CPU time for OpenAI-dialect
# streams served by pass-through against the same streams translated from an Anthropic upstream,
# in the same run, against one simulator.
#
#   bench/translate_cpu.sh [--requests N] [--words W] [--short-words W2] [--rounds R]
#                          [--concurrency C] [--callgrind-requests M] [--no-callgrind]
#
# Two models on one simulator (`switchyard sim --tokens-per-second 0`):
#   pass  openai-compatible upstream, OpenAI client: bytes pass through (only `model` spliced)
#   xlat  anthropic upstream, OpenAI client: Anthropic events decoded, OpenAI chunks encoded
# Each request streams an `echo:` of W words, i.e. W content chunks (plus the role and finish
# chunks) to the client. N requests per model, in R alternating batches (pass, xlat, xlat, pass,
# ...) so that drift hits both alike. Gateway CPU is utime+stime from /proc/PID/stat (10 ms ticks)
# and, to the nanosecond, the sum of /proc/PID/task/*/schedstat, read before and after each batch.
# A second pass with W2 words per request gives the marginal cost of one more chunk, free of the
# per-request costs (HTTP, the upstream call, logging, the ledger).
# With valgrind installed, the same requests (M per model) under callgrind give instructions per
# chunk (callgrind_control zeroes and dumps the counters around each batch).
#
# Environment: SWITCHYARD_BIN=path uses that binary instead of building
# `swift build -c release --product switchyard`.
# Results: bench/results/translate.json and a summary on stdout.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
RESULTS="$BENCH/results"
REQUESTS=2000
WORDS=100
SHORT_WORDS=10
ROUNDS=4
CONCURRENCY=4
CG_REQUESTS=200
CALLGRIND=1

SCRIPT=translate_cpu.sh
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --requests) REQUESTS="$2"; shift 2 ;;
    --words) WORDS="$2"; shift 2 ;;
    --short-words) SHORT_WORDS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --callgrind-requests) CG_REQUESTS="$2"; shift 2 ;;
    --no-callgrind) CALLGRIND=0; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[ "$CALLGRIND" = 1 ] && ! command -v valgrind >/dev/null && { log "valgrind not found: skipping callgrind"; CALLGRIND=0; }

switchyard_binary

SIM_PORT="$(free_port)"
"$BIN" sim --listen "127.0.0.1:$SIM_PORT" --tokens-per-second 0 >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$SIM_PORT/health" 10 "${PIDS[-1]}" sim

config() {  # config PORT DATA_DIR
  cat <<EOF
listen: 127.0.0.1:$1
data_dir: $2
timeouts:
  first_byte_ms: 60000
  idle_ms: 60000
providers:
  - name: sim-compat
    type: openai-compatible
    base_url: http://127.0.0.1:$SIM_PORT/v1
    api_keys: ["sk-bench-compat-0123456789"]
  - name: sim-anthropic
    type: anthropic
    base_url: http://127.0.0.1:$SIM_PORT
    api_keys: ["sk-bench-anthropic-0123456789"]
models:
  - name: pass
    provider: sim-compat
    upstream_model: gpt-4o-mini
  - name: xlat
    provider: sim-anthropic
    upstream_model: claude-sonnet-4-6
EOF
}

# The load: keep-alive connections, chunked responses parsed, chunks counted as the client sees
# them; gateway CPU read around every batch.
cat >"$WORK/drive.py" <<'PY'
import json, os, socket, sys, threading, time

def cpu(pid):
    """(utime+stime in ns from /proc/PID/stat ticks, on-CPU ns summed over the threads' schedstat)."""
    with open(f"/proc/{pid}/stat") as f:
        rest = f.read().rsplit(")", 1)[1].split()
    ticks = int(rest[11]) + int(rest[12])
    sched = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                sched += int(f.read().split()[0])
        except OSError:
            pass
    return ticks * 1_000_000_000 // os.sysconf("SC_CLK_TCK"), sched

class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def more(self):
        data = self.s.recv(262144)
        if not data:
            raise EOFError("connection closed")
        self.buf += data

    def line(self):
        while b"\r\n" not in self.buf:
            self.more()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def take(self, n):
        while len(self.buf) < n:
            self.more()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def exchange(self, request):
        self.s.sendall(request)
        status = int(self.line().split(b" ", 2)[1])
        headers = {}
        while True:
            line = self.line()
            if not line:
                break
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        if headers.get(b"transfer-encoding") == b"chunked":
            body = []
            while True:
                size = int(self.line().split(b";")[0], 16)
                if size == 0:
                    while self.line():
                        pass
                    break
                body.append(self.take(size))
                self.take(2)
            return status, b"".join(body)
        return status, self.take(int(headers.get(b"content-length", b"0")))

def request_bytes(port, model, words):
    text = "echo:" + " ".join(f"w{i}" for i in range(words))
    body = json.dumps({"model": model, "stream": True,
                       "messages": [{"role": "user", "content": text}]}).encode()
    return (f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body

def chunks_in(body, words):
    events = [l for l in body.split(b"\n") if l.startswith(b"data:")]
    if not events or events[-1].strip() != b"data: [DONE]":
        raise RuntimeError("stream did not end with [DONE]: " + body[-300:].decode(errors="replace"))
    n = len(events) - 1
    if n < words:
        raise RuntimeError(f"{n} chunks for {words} words")
    return n

def batch(conns, request, count, words):
    """Runs `count` requests over the connections; returns (chunks, bytes)."""
    totals = [0, 0]
    lock = threading.Lock()
    shares = [count // len(conns) + (1 if i < count % len(conns) else 0) for i in range(len(conns))]
    errors = []

    def run(conn, n):
        c = b = 0
        try:
            for _ in range(n):
                status, body = conn.exchange(request)
                if status != 200:
                    raise RuntimeError(f"status {status}: {body[:300]!r}")
                c += chunks_in(body, words)
                b += len(body)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        with lock:
            totals[0] += c
            totals[1] += b

    threads = [threading.Thread(target=run, args=(conn, n)) for conn, n in zip(conns, shares)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return totals

def main():
    args = json.loads(sys.argv[1])
    port, pid, words, requests, rounds = args["port"], args["pid"], args["words"], args["requests"], args["rounds"]
    conns = [Conn(port) for _ in range(args["concurrency"])]
    models = ["pass", "xlat"]
    reqs = {m: request_bytes(port, m, words) for m in models}
    for m in models:  # warm-up: connections, caches, the upstream connection pool
        batch(conns, reqs[m], max(20, requests // 20), words)
    out = {m: {"requests": 0, "chunks": 0, "bytes": 0, "cpu_ns": 0, "sched_ns": 0, "wall_s": 0.0} for m in models}
    per_round = requests // rounds
    for r in range(rounds):
        for m in (models if r % 2 == 0 else models[::-1]):
            n = per_round if r < rounds - 1 else requests - per_round * (rounds - 1)
            c0, s0, t0 = *cpu(pid), time.perf_counter()
            chunks, nbytes = batch(conns, reqs[m], n, words)
            c1, s1, t1 = *cpu(pid), time.perf_counter()
            o = out[m]
            o["requests"] += n; o["chunks"] += chunks; o["bytes"] += nbytes
            o["cpu_ns"] += c1 - c0; o["sched_ns"] += s1 - s0; o["wall_s"] += t1 - t0
    print(json.dumps(out))

def callgrind_phase():
    """Runs one batch without CPU readings (the gateway is under callgrind)."""
    args = json.loads(sys.argv[2])
    conns = [Conn(args["port"]) for _ in range(1)]
    chunks, nbytes = batch(conns, request_bytes(args["port"], args["model"], args["words"]), args["requests"], args["words"])
    print(json.dumps({"requests": args["requests"], "chunks": chunks, "bytes": nbytes}))

if __name__ == "__main__":
    callgrind_phase() if sys.argv[1] == "phase" else main()
PY

run_gateway() {  # run_gateway NAME [WRAPPER...]: starts the gateway, sets GW_PORT and GW_PID
  local name="$1"; shift
  GW_PORT="$(free_port)"
  mkdir -p "$WORK/$name-data"
  config "$GW_PORT" "$WORK/$name-data" >"$WORK/$name.yaml"
  "$@" "$BIN" serve --config "$WORK/$name.yaml" >"$WORK/$name.log" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  wait_http "http://127.0.0.1:$GW_PORT/health" 60 "$GW_PID" "$name"
}

measure() {  # measure WORDS: prints the driver's JSON
  python3 "$WORK/drive.py" "{\"port\": $GW_PORT, \"pid\": $GW_PID, \"words\": $1, \"requests\": $REQUESTS, \"rounds\": $ROUNDS, \"concurrency\": $CONCURRENCY}"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run_gateway gateway
log "gateway pid $GW_PID on $GW_PORT, simulator on $SIM_PORT: $REQUESTS streams of $WORDS words per model"
LONG="$(measure "$WORDS")"
log "again with $SHORT_WORDS words per stream (marginal cost per chunk)"
SHORT="$(measure "$SHORT_WORDS")"
kill -TERM "$GW_PID"; wait "$GW_PID" 2>/dev/null || true

CG="null"
if [ "$CALLGRIND" = 1 ]; then
  log "callgrind: $CG_REQUESTS streams per model, $WORDS and $SHORT_WORDS words"
  # valgrind 3.19 cannot read the DWARF 5 debug info of a Swift 6 release binary: a copy without
  # it keeps the symbols callgrind needs.
  cp "$BIN" "$WORK/switchyard-nodebug" && strip --strip-debug "$WORK/switchyard-nodebug" || die "cannot strip a copy of $BIN"
  FULL_BIN="$BIN"
  BIN="$WORK/switchyard-nodebug"
  run_gateway cg valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out.%p" --dump-instr=no
  BIN="$FULL_BIN"
  phase() {  # phase MODEL WORDS N
    python3 "$WORK/drive.py" phase "{\"port\": $GW_PORT, \"model\": \"$1\", \"words\": $2, \"requests\": $3}"
  }
  phase pass "$WORDS" 20 >/dev/null; phase xlat "$WORDS" 20 >/dev/null  # warm-up
  callgrind_control -z "$GW_PID" >/dev/null
  CG_PARTS=()
  for spec in "pass $WORDS" "xlat $WORDS" "pass $SHORT_WORDS" "xlat $SHORT_WORDS"; do
    set -- $spec
    out="$(phase "$1" "$2" "$CG_REQUESTS")"
    callgrind_control -d "$1-$2" "$GW_PID" >/dev/null
    sleep 0.2
    file="$(ls -t "$WORK"/cg.out.* | head -n 1)"
    ir="$(awk '/^(summary|totals):/ {print $2; exit}' "$file")"
    CG_PARTS+=("{\"model\": \"$1\", \"words\": $2, \"run\": $out, \"ir\": $ir}")
  done
  CG="[$(IFS=,; echo "${CG_PARTS[*]}")]"
  kill -TERM "$GW_PID"; wait "$GW_PID" 2>/dev/null || true
fi

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$RESULTS"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
python3 - "$LONG" "$SHORT" "$CG" "$WORDS" "$SHORT_WORDS" "$COMMIT" "$RESULTS/translate.json" "$BIN" \
  "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, os, platform, sys, time
long_, short, cg, words, short_words, commit, path = (json.loads(sys.argv[1]), json.loads(sys.argv[2]),
    json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7])
binary, load_before, load_after = sys.argv[8], sys.argv[9], sys.argv[10]

def summary(o):
    return {"requests": o["requests"], "chunks": o["chunks"], "chunks_per_request": round(o["chunks"] / o["requests"], 1),
            "cpu_ms": round(o["cpu_ns"] / 1e6, 1), "us_per_chunk": round(o["cpu_ns"] / 1e3 / o["chunks"], 3),
            "us_per_chunk_schedstat": round(o["sched_ns"] / 1e3 / o["chunks"], 3),
            "us_per_request": round(o["sched_ns"] / 1e3 / o["requests"], 1),
            "client_bytes_per_request": round(o["bytes"] / o["requests"]),
            "requests_per_s": round(o["requests"] / o["wall_s"], 1)}

def marginal(m):
    """Extra on-CPU ns per extra chunk between the short and the long streams."""
    a, b = short[m], long_[m]
    dc = b["chunks"] / b["requests"] - a["chunks"] / a["requests"]
    return round((b["sched_ns"] / b["requests"] - a["sched_ns"] / a["requests"]) / 1e3 / dc, 3)

result = {
    "what": "gateway CPU per streamed chunk, OpenAI client: pass-through (openai-compatible upstream) vs "
            "translated (anthropic upstream), same run, same simulator (--tokens-per-second 0)",
    "date": time.strftime("%Y-%m-%d %H:%M:%S"), "commit": commit, "binary": binary, "cpus": os.cpu_count(),
    "loadavg_before_after": [load_before, load_after],
    "machine": platform.machine(), "words_per_stream": words,
    "pass": summary(long_["pass"]), "xlat": summary(long_["xlat"]),
}
result["ratio_xlat_over_pass"] = round(result["xlat"]["us_per_chunk_schedstat"] / result["pass"]["us_per_chunk_schedstat"], 2)
result["translation_us_per_chunk"] = round(result["xlat"]["us_per_chunk_schedstat"] - result["pass"]["us_per_chunk_schedstat"], 3)
result["marginal"] = {"short_words_per_stream": short_words,
                      "pass_us_per_extra_chunk": marginal("pass"), "xlat_us_per_extra_chunk": marginal("xlat"),
                      "short": {"pass": summary(short["pass"]), "xlat": summary(short["xlat"])}}
if cg:
    by = {(p["model"], p["words"]): p for p in cg}
    cgr = {"requests_per_phase": cg[0]["run"]["requests"]}
    for m in ("pass", "xlat"):
        p = by[(m, words)]
        q = by[(m, short_words)]
        cgr[m] = {"ir_per_chunk": round(p["ir"] / p["run"]["chunks"]), "ir_per_request": round(p["ir"] / p["run"]["requests"]),
                  "ir_per_extra_chunk": round((p["ir"] / p["run"]["requests"] - q["ir"] / q["run"]["requests"])
                                              / (p["run"]["chunks"] / p["run"]["requests"] - q["run"]["chunks"] / q["run"]["requests"]))}
    cgr["ratio_xlat_over_pass"] = round(cgr["xlat"]["ir_per_chunk"] / cgr["pass"]["ir_per_chunk"], 2)
    result["callgrind"] = cgr
with open(path, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
p, x, mg = result["pass"], result["xlat"], result["marginal"]
print(f"streams of {words} words, {p['requests']} per model, {p['chunks_per_request']} / {x['chunks_per_request']} chunks each")
print(f"  pass  {p['us_per_chunk_schedstat']:7.2f} us/chunk (stat ticks: {p['us_per_chunk']:.2f})  {p['us_per_request']:8.1f} us/request")
print(f"  xlat  {x['us_per_chunk_schedstat']:7.2f} us/chunk (stat ticks: {x['us_per_chunk']:.2f})  {x['us_per_request']:8.1f} us/request")
print(f"  ratio {result['ratio_xlat_over_pass']}x, translation {result['translation_us_per_chunk']:+.2f} us/chunk")
print(f"  marginal ({short_words} -> {words} words): pass {mg['pass_us_per_extra_chunk']:.2f}, xlat {mg['xlat_us_per_extra_chunk']:.2f} us per extra chunk")
if cg:
    c = result["callgrind"]
    print(f"  callgrind: pass {c['pass']['ir_per_chunk']} Ir/chunk ({c['pass']['ir_per_extra_chunk']} per extra chunk), "
          f"xlat {c['xlat']['ir_per_chunk']} Ir/chunk ({c['xlat']['ir_per_extra_chunk']} per extra chunk), ratio {c['ratio_xlat_over_pass']}x")
print(f"written to {path}")
PY
