# Helpers shared by the bench scripts; source it after setting SCRIPT (the name in messages).
# Provides: die, log, the PIDS array with a cleanup trap (TERM, then KILL, then remove $WORK),
# free_port, wait_http and build_bench. Logs of started processes are expected at $WORK/NAME.log.

die() { echo "${SCRIPT:-bench}: error: $*" >&2; exit 1; }
log() { echo "[$(date +%T)] $*" >&2; }

PIDS=()
WORK="$(mktemp -d)"
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() {  # wait_http URL SECONDS PID NAME
  for _ in $(seq $(($2 * 10))); do
    kill -0 "$3" 2>/dev/null || { tail -n 20 "$WORK/$4.log" >&2; die "$4 exited during start-up"; }
    curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  die "$4 did not answer $1 within $2 s"
}

# shellcheck source=build.sh
. "$BENCH/lib/build.sh"
