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
