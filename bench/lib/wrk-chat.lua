-- wrk script: POST a chat-completions body (BODY_FILE) and print one machine-readable line.
local path = os.getenv("BODY_FILE")
assert(path, "BODY_FILE must name the request body")
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "sk-bench")

-- No response() hook: it would make wrk run Lua per response. Non-2xx/3xx answers are
-- counted by wrk itself in summary.errors.status.
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'WRKJSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_ms":{"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"mean":%.3f}}\n',
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
      latency.max / 1e3, latency.mean / 1e3))
end
