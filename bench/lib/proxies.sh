# The proxy configurations the bench scripts compare, written alike everywhere: Switchyard's
# bare pass-through and nginx `proxy_pass` (one worker), both to the simulator. Source it with
# WORK set (the gateway's data directory goes there).

# The core issue's bare pass-through: no ledger (nginx runs with access_log off). What keys,
# limits and the ledger add on top is bench/accounting.sh's figure.
gateway_config() {  # gateway_config UPSTREAM_PORT PORT FILE
  cat >"$3" <<EOF
listen: 127.0.0.1:$2
data_dir: $WORK/gateway-data
ledger: {enabled: false}
providers:
  - name: sim
    type: openai-compatible
    base_url: http://127.0.0.1:$1/v1
    api_keys: ["sk-bench"]
models:
  - name: gpt-4o-mini
    provider: sim
EOF
  # run.sh --upstream-client curl: the same upstream through libcurl instead of the native client.
  if [ -n "${UPSTREAM_CLIENT:-}" ]; then echo "server: {upstream_client: $UPSTREAM_CLIENT}" >>"$3"; fi
}

nginx_config() {  # nginx_config DIR PORT UPSTREAM_PORT
  local dir="$1"
  mkdir -p "$dir"
  chmod 777 "$dir"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 20000;
error_log $dir/error.log warn;
pid $dir/nginx.pid;
events { worker_connections 16384; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  keepalive_requests 1000000;
  upstream sim {
    server 127.0.0.1:$3;
    keepalive 1024;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$2 backlog=4096;
    location / {
      proxy_pass http://sim;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
EOF
}

# Writes the streaming chat fixture asking for TOKENS tokens to FILE (needs BENCH).
stream_body() {  # stream_body TOKENS FILE
  python3 - "$BENCH/fixtures/chat-stream.json" "$1" >"$2" <<'PY'
import json, sys
body = json.load(open(sys.argv[1])); body["max_tokens"] = int(sys.argv[2]); body["stream"] = True
sys.stdout.write(json.dumps(body))
PY
}

# Starts what a stream benchmark measures, all in $WORK with logs there: the simulator (time to
# first token 200 ms, 5 tokens a second), Switchyard and nginx in front of it. Sets SIM_PORT,
# SIM_PID, GW_PORT, GW_PID, NGX_PORT, NGX_WORKER, adds the processes to PIDS. With TRACE set,
# the simulator and the gateway write loop traces to $WORK/trace.sim.txt and trace.gateway.txt.
# Needs BIN (switchyard_binary) and common.sh's helpers.
start_stream_targets() {
  local sim_env=() gw_env=()
  if [ -n "${TRACE:-}" ]; then
    sim_env=(SWITCHYARD_LOOP_TRACE="$WORK/trace.sim.txt")
    gw_env=(SWITCHYARD_LOOP_TRACE="$WORK/trace.gateway.txt")
  fi
  SIM_PORT="$(free_port)"
  env "${sim_env[@]}" "$BIN" sim --listen "127.0.0.1:$SIM_PORT" --ttft-ms 200 --tokens-per-second 5 \
    >"$WORK/sim.log" 2>&1 &
  SIM_PID=$!; PIDS+=("$SIM_PID")
  wait_http "http://127.0.0.1:$SIM_PORT/health" 10 "$SIM_PID" sim

  GW_PORT="$(free_port)"
  gateway_config "$SIM_PORT" "$GW_PORT" "$WORK/gateway.yaml"
  env "${gw_env[@]}" "$BIN" serve --config "$WORK/gateway.yaml" >"$WORK/gateway.log" 2>&1 &
  GW_PID=$!; PIDS+=("$GW_PID")
  wait_http "http://127.0.0.1:$GW_PORT/health" 20 "$GW_PID" gateway

  NGX_PORT="$(free_port)"
  nginx_config "$WORK/nginx" "$NGX_PORT" "$SIM_PORT"
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx.log" 2>&1 &
  local master=$!
  PIDS+=("$master")
  for _ in $(seq 50); do NGX_WORKER="$(pgrep -P "$master" | head -n 1 || true)"; [ -n "$NGX_WORKER" ] && break; sleep 0.1; done
  [ -n "$NGX_WORKER" ] || die "nginx started no worker"
}

# Checks what a stream benchmark of STREAMS streams needs, and builds sy-load (sets LOAD).
prepare_stream_bench() {
  command -v nginx >/dev/null || die "nginx not found (bench/run.sh installs nginx-light)"
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  [ "$(ulimit -n)" -ge $((2 * STREAMS + 500)) ] || die "ulimit -n is $(ulimit -n); $((2 * STREAMS + 500)) needed"
  switchyard_binary
  build_bench sy-load || die "sy-load build failed"
  LOAD="$BENCH/.build/release/sy-load"
}
