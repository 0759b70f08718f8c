"""The gateway in front of the simulator, driven by the official openai SDK and raw HTTP."""
import asyncio
import http.client
import json
import os
import socket
import subprocess
import time
import urllib.request

import httpx2 as httpx  # the HTTP client the openai SDK itself uses
import openai
import pytest
from openai import AsyncOpenAI, OpenAI

from conftest import PRESET_ROUTERS, binary, free_port, sim_config, start_gateway, start_sim, wait_healthy

MESSAGES = [{"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Tell me about railway switchyards, ünïcödé 🚂 included."}]


def client(base, **kw):
    return OpenAI(base_url=base + "/v1", api_key="sk-client", max_retries=0, **kw)


def sim_stats(sim):
    with urllib.request.urlopen(sim.base + "/sim/stats", timeout=2) as r:
        return json.load(r)


def test_non_streaming_matches_upstream_and_carries_headers(gateway, sim):
    direct = client(sim.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    raw = client(gateway.base).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MESSAGES)
    via = raw.parse()
    assert via.choices[0].message.content == direct.choices[0].message.content
    assert via.choices[0].finish_reason == "stop"
    assert via.usage.prompt_tokens == direct.usage.prompt_tokens > 0
    assert via.usage.completion_tokens == direct.usage.completion_tokens > 0
    assert raw.headers["x-switchyard-model"] == "gpt-4o-mini"
    assert raw.headers["x-switchyard-request-id"].startswith("req_")
    assert 0 <= float(raw.headers["x-switchyard-overhead-ms"]) < 50


def test_streaming_without_usage_strips_the_usage_chunk(gateway, sim):
    whole = client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    chunks = list(client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, stream=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == whole.choices[0].message.content
    assert all(c.choices for c in chunks), "no usage-only chunk reaches a client that did not ask"
    assert all(getattr(c, "usage", None) is None for c in chunks)
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_streaming_with_usage_passes_it_through(gateway):
    whole = client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    chunks = list(client(gateway.base).chat.completions.create(
        model="gpt-4o-mini", messages=MESSAGES, stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].choices == []
    assert chunks[-1].usage.completion_tokens == whole.usage.completion_tokens
    assert chunks[-1].usage.prompt_tokens == whole.usage.prompt_tokens
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == whole.choices[0].message.content


def test_max_tokens_finish_reason_length(gateway):
    r = client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, max_tokens=3)
    assert r.choices[0].finish_reason == "length"
    assert r.usage.completion_tokens == 3


def test_upstream_model_is_spliced(gateway):
    raw = client(gateway.base).chat.completions.with_raw_response.create(model="small", messages=MESSAGES)
    assert raw.parse().model == "sim-small-v2", "the upstream saw the configured upstream_model"
    assert raw.headers["x-switchyard-model"] == "small"


def test_echo_content_survives_both_modes(gateway):
    text = 'quotes " backslash \\ newline \n tab \t emoji 🚂 done'
    msgs = [{"role": "user", "content": "echo:" + text}]
    assert client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=msgs).choices[0].message.content == text
    streamed = "".join(c.choices[0].delta.content or "" for c in client(gateway.base).chat.completions.create(
        model="gpt-4o-mini", messages=msgs, stream=True) if c.choices)
    assert streamed == text


def test_unknown_model_is_404_in_openai_shape(gateway):
    with pytest.raises(openai.NotFoundError) as e:
        client(gateway.base).chat.completions.create(model="nope", messages=MESSAGES)
    assert e.value.status_code == 404
    assert e.value.body["code"] == "model_not_found"
    assert e.value.body["param"] == "model"


@pytest.mark.parametrize("body,param", [
    (b'{"model": "gpt-4o-mini", "messages": [', None),
    (b'not json', None),
    (b'[1,2]', None),
    (b'{"messages": []}', "model"),
    (b'{"model": 7, "messages": []}', "model"),
    (b'{"model": "gpt-4o-mini", "stream": "yes", "messages": []}', "stream"),
])
def test_bad_bodies_are_400_with_openai_error(gateway, body, param):
    r = httpx.post(gateway.base + "/v1/chat/completions", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert float(r.headers["x-switchyard-overhead-ms"]) >= 0
    err = r.json()["error"]
    assert err["type"] == "invalid_request_error"
    assert err["message"]
    assert err["param"] == param


def test_unknown_path_and_method(gateway):
    assert httpx.get(gateway.base + "/v1/nothing").status_code == 404
    r = httpx.get(gateway.base + "/v1/chat/completions")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_metrics_endpoint_counts_requests(gateway):
    client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    text = httpx.get(gateway.base + "/metrics").text
    assert 'switchyard_requests_total{model="gpt-4o-mini",provider="sim",team="",status="2xx"} 1' in text
    assert "switchyard_time_to_first_token_seconds_bucket" in text


def test_metrics_report_the_loop_load(gateway):
    """The loop's busy time and turns only grow; its longest turn is a fresh window per scrape."""
    def series(text):
        values = {}
        for line in text.splitlines():
            if line.startswith("switchyard_loop_"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values

    t0 = time.monotonic()
    first = series(httpx.get(gateway.base + "/metrics").text)
    for _ in range(5):
        client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    second = series(httpx.get(gateway.base + "/metrics").text)
    elapsed = time.monotonic() - t0
    assert set(second) == {"switchyard_loop_busy_seconds_total", "switchyard_loop_turns_total",
                           "switchyard_loop_longest_turn_seconds"}
    assert second["switchyard_loop_busy_seconds_total"] > first["switchyard_loop_busy_seconds_total"]
    assert second["switchyard_loop_turns_total"] > first["switchyard_loop_turns_total"]
    assert 0 < second["switchyard_loop_longest_turn_seconds"] < 1
    # Busy time is part of the wall time: utilisation between two scrapes is at most 1.
    busy = second["switchyard_loop_busy_seconds_total"] - first["switchyard_loop_busy_seconds_total"]
    assert busy <= elapsed


def test_models_and_health(gateway):
    models = list(client(gateway.base).models.list())
    # The configured models, then the built-in routers (`model: "auto"` and the other presets).
    assert [m.id for m in models] == ["gpt-4o-mini", "small"] + PRESET_ROUTERS
    assert {m.owned_by for m in models if m.id in PRESET_ROUTERS} == {"switchyard"}
    assert httpx.get(gateway.base + "/health").status_code == 200


def test_upstream_errors_pass_through_with_status(tmp_path):
    sim = start_sim(tmp_path, "failsim", "--fail-rate", "1", "--fail-status", "429", "--retry-after", "3")
    gw = start_gateway(tmp_path, sim_config(sim.base, str(tmp_path / "d")))
    try:
        with pytest.raises(openai.RateLimitError) as e:
            client(gw.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
        assert e.value.status_code == 429
        with pytest.raises(openai.RateLimitError):
            list(client(gw.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, stream=True))
    finally:
        gw.stop()
        sim.stop()


def test_upstream_down_is_502(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"
    gw = start_gateway(tmp_path, sim_config(dead, str(tmp_path / "d")))
    try:
        with pytest.raises(openai.APIStatusError) as e:
            client(gw.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
        assert e.value.status_code == 502
        assert e.value.body["code"] == "upstream_unavailable"
    finally:
        gw.stop()


def test_upstream_timeout_is_504(tmp_path):
    sim = start_sim(tmp_path, "slowsim", "--ttft-ms", "3000")
    cfg = sim_config(sim.base, str(tmp_path / "d")).replace("first_byte_ms: 5000", "first_byte_ms: 300")
    gw = start_gateway(tmp_path, cfg)
    try:
        t0 = time.time()
        with pytest.raises(openai.APIStatusError) as e:
            client(gw.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
        assert e.value.status_code == 504
        assert e.value.body["code"] == "upstream_timeout"
        assert time.time() - t0 < 2.5
    finally:
        gw.stop()
        sim.stop()


def test_client_disconnect_mid_stream_cancels_upstream(tmp_path):
    sim = start_sim(tmp_path, "dripsim", "--tokens-per-second", "20")
    gw = start_gateway(tmp_path, sim_config(sim.base, str(tmp_path / "d")))
    try:
        body = json.dumps({"model": "gpt-4o-mini", "stream": True, "max_tokens": 400,
                           "messages": MESSAGES}).encode()
        s = socket.create_connection(("127.0.0.1", gw.port))
        s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        got = b""
        while b"data:" not in got:
            got += s.recv(4096)
        s.close()
        deadline = time.time() + 3
        while time.time() < deadline and sim_stats(sim)["streams_cancelled"] < 1:
            time.sleep(0.05)
        stats = sim_stats(sim)
        assert stats["streams_cancelled"] == 1, stats
        assert stats["active_streams"] == 0
    finally:
        gw.stop()
        sim.stop()


def test_two_hundred_concurrent_streams(gateway):
    async def one(c, i):
        msgs = [{"role": "user", "content": f"echo:stream number {i} ✓"}]
        out = []
        stream = await c.chat.completions.create(model="gpt-4o-mini", messages=msgs, stream=True,
                                                 stream_options={"include_usage": True})
        usage = None
        async for chunk in stream:
            if chunk.choices:
                out.append(chunk.choices[0].delta.content or "")
            if chunk.usage:
                usage = chunk.usage
        return "".join(out), usage

    async def main():
        limits = httpx.Limits(max_connections=250, max_keepalive_connections=250)
        c = AsyncOpenAI(base_url=gateway.base + "/v1", api_key="sk", max_retries=0,
                        http_client=httpx.AsyncClient(limits=limits, timeout=60))
        return await asyncio.gather(*(one(c, i) for i in range(200)))

    threads_before = len(os.listdir(f"/proc/{gateway.proc.pid}/task"))
    results = asyncio.run(main())
    threads_after = len(os.listdir(f"/proc/{gateway.proc.pid}/task"))
    # One loop thread serves every request: no thread per request or per stream appears. The only
    # threads that may start meanwhile are libuv's fixed pool of 4, created on the first offload
    # (the key cache's periodic reload reads the database there).
    assert threads_after <= threads_before + 4, (threads_before, threads_after)
    names = sorted(open(f"/proc/{gateway.proc.pid}/task/{t}/comm").read().strip()
                   for t in os.listdir(f"/proc/{gateway.proc.pid}/task"))
    assert names.count("sy-loop") == 1, names
    for i, (text, usage) in enumerate(results):
        assert text == f"stream number {i} ✓"
        assert usage is not None and usage.completion_tokens > 0


def test_log_lines_are_structured_and_free_of_secrets(gateway):
    client(gateway.base).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    time.sleep(0.2)
    lines = [json.loads(l) for l in gateway.log().splitlines() if l.startswith("{")]
    req = [l for l in lines if l.get("msg") == "request" and l.get("path") == "/v1/chat/completions"]
    assert req, lines
    last = req[-1]
    assert last["status"] == 200 and last["model"] == "gpt-4o-mini" and last["request_id"].startswith("req_")
    assert last["latency_ms"] >= 0 and last["bytes_out"] > 0
    text = gateway.log()
    assert "sk-upstream-secret-123456" not in text
    assert "railway switchyards" not in text


def test_body_and_header_limits(tmp_path, sim):
    cfg = sim_config(sim.base, str(tmp_path / "d")) + "server:\n  max_body_bytes: 1024\n  max_header_bytes: 2048\n"
    gw = start_gateway(tmp_path, cfg)
    try:
        r = httpx.post(gw.base + "/v1/chat/completions", content=b"{" + b" " * 4096 + b"}")
        assert r.status_code == 413
        r = httpx.get(gw.base + "/health", headers={"x-big": "a" * 4096})
        assert r.status_code == 431
    finally:
        gw.stop()


def test_expect_100_continue_is_answered_before_the_body(tmp_path, sim):
    """curl and .NET send `Expect: 100-continue` with large bodies and wait up to a second for
    the interim answer before sending the body."""
    cfg = sim_config(sim.base, str(tmp_path / "d")) + "server:\n  max_body_bytes: 65536\n"
    gw = start_gateway(tmp_path, cfg)
    body = json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "x" * 3000}]}).encode()
    try:
        with socket.create_connection(("127.0.0.1", gw.port), timeout=5) as s:
            s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
                      + b"expect: 100-continue\r\ncontent-length: %d\r\n\r\n" % len(body))
            s.settimeout(0.5)
            assert s.recv(64) == b"HTTP/1.1 100 Continue\r\n\r\n"
            s.settimeout(5)
            s.sendall(body)
            answer = b""
            while b"\r\n\r\n" not in answer:
                answer += s.recv(4096)
            assert answer.startswith(b"HTTP/1.1 200 ")
        # A body over the limit is refused at once, with no 100 first.
        with socket.create_connection(("127.0.0.1", gw.port), timeout=5) as s:
            s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nexpect: 100-continue\r\n"
                      + b"content-length: 100000\r\n\r\n")
            assert s.recv(64).startswith(b"HTTP/1.1 413 ")
    finally:
        gw.stop()


def test_head_answers_as_get_without_a_body_and_the_connection_stays_in_step(gateway):
    """A HEAD answer carries no body (RFC 9110 §9.3.2): on a kept-alive connection a body would
    be read as the start of the next response. Claude Code probes its gateway with HEAD /."""
    conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=5)
    for method, path, status in [("HEAD", "/health", 200), ("GET", "/health", 200), ("HEAD", "/", 404),
                                 ("HEAD", "/v1/models", 200), ("GET", "/v1/models", 200), ("HEAD", "/v1/chat/completions", 405)]:
        conn.request(method, path)
        r = conn.getresponse()
        body = r.read()
        assert r.status == status, (method, path, r.status)
        if method == "HEAD":
            assert body == b"" and int(r.headers["content-length"]) > 0, (path, body)
        else:
            assert json.loads(body), path
    conn.close()
    # The raw bytes: the next response starts right after the HEAD answer's empty line.
    with socket.create_connection(("127.0.0.1", gateway.port), timeout=5) as s:
        s.sendall(b"HEAD /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while data.count(b"HTTP/1.1 200") < 2 or not data.endswith(b"}"):
            data += s.recv(4096)
        first, second = data.split(b"\r\n\r\n", 1)
        assert second.startswith(b"HTTP/1.1 200 OK"), data


def test_cors_for_configured_origins_only(tmp_path, sim, gateway):
    cfg = sim_config(sim.base, str(tmp_path / "d")) + 'server:\n  cors_allow_origins: ["https://app.example"]\n'
    gw = start_gateway(tmp_path, cfg)
    url = gw.base + "/v1/chat/completions"
    body = {"model": "gpt-4o-mini", "messages": MESSAGES}
    try:
        pre = httpx.request("OPTIONS", url, headers={
            "origin": "https://app.example", "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type, x-stainless-os"})
        assert pre.status_code == 204 and pre.content == b""
        assert pre.headers["access-control-allow-origin"] == "https://app.example" and pre.headers["vary"] == "Origin"
        assert "POST" in pre.headers["access-control-allow-methods"]
        assert pre.headers["access-control-allow-headers"] == "authorization, content-type, x-stainless-os"
        refused = httpx.request("OPTIONS", url, headers={"origin": "https://evil.example",
                                                          "access-control-request-method": "POST"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "origin_not_allowed"
        assert "access-control-allow-origin" not in refused.headers
        for stream in (False, True):
            r = httpx.post(url, json={**body, "stream": stream}, headers={"origin": "https://app.example"})
            assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://app.example"
            assert "x-switchyard-request-id" in r.headers["access-control-expose-headers"]
        assert "access-control-allow-origin" not in httpx.post(url, json=body).headers, "no Origin, no CORS"
    finally:
        gw.stop()
    # Without `cors_allow_origins` nothing changes: no CORS headers, OPTIONS is not a method here.
    assert "access-control-allow-origin" not in httpx.post(gateway.base + "/v1/chat/completions", json=body,
                                                           headers={"origin": "https://app.example"}).headers
    assert httpx.request("OPTIONS", gateway.base + "/v1/chat/completions", headers={
        "origin": "https://app.example", "access-control-request-method": "POST"}).status_code == 405


def test_embedded_default_serves_simulated_models(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY")}
    log = open(tmp_path / "default.log", "wb")
    p = subprocess.Popen([binary(), "serve", "--listen", f"127.0.0.1:{port}"], cwd=tmp_path, env=env,
                         stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/health", p)
        r = client(f"http://127.0.0.1:{port}").chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
        assert r.choices[0].message.content
        assert "simulat" in (tmp_path / "default.log").read_text()
    finally:
        p.terminate()
        p.wait(timeout=10)


def test_bad_config_is_refused_with_file_and_line(tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("listen: 127.0.0.1:0\nproviders:\n  - name: a\n    type: openai\nmodels:\n  - name: m\n    provider: opnai\n")
    r = subprocess.run([binary(), "serve", "--config", str(cfg)], capture_output=True, text=True, timeout=10)
    assert r.returncode == 2
    assert "bad.yaml:7:" in r.stderr and "opnai" in r.stderr and "Fix:" in r.stderr


def test_sigterm_drains_in_flight_stream(tmp_path):
    sim = start_sim(tmp_path, "drainsim", "--tokens-per-second", "40")
    gw = start_gateway(tmp_path, sim_config(sim.base, str(tmp_path / "d")))
    try:
        stream = client(gw.base).chat.completions.create(
            model="gpt-4o-mini", messages=MESSAGES, stream=True, max_tokens=30)
        first = next(stream)
        gw.proc.terminate()
        rest = list(stream)
        assert rest and rest[-1].choices[0].finish_reason == "length"
        assert gw.proc.wait(timeout=10) == 0
    finally:
        gw.stop()
        sim.stop()


def test_sighup_reloads_configuration_and_refuses_a_bad_file(tmp_path, sim):
    import signal
    gw = start_gateway(tmp_path, sim_config(sim.base, str(tmp_path / "d")))
    cfg = tmp_path / "gateway.yaml"
    try:
        cfg.write_text(cfg.read_text().replace("name: small", "name: renamed"))
        gw.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 5
        while time.time() < deadline and "renamed" not in [m.id for m in client(gw.base).models.list()]:
            time.sleep(0.05)
        assert [m.id for m in client(gw.base).models.list()] == ["gpt-4o-mini", "renamed"] + PRESET_ROUTERS
        assert client(gw.base).chat.completions.create(model="renamed", messages=MESSAGES).choices[0].message.content
        cfg.write_text("listen: [broken\n")
        gw.proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        assert [m.id for m in client(gw.base).models.list()] == ["gpt-4o-mini", "renamed"] + PRESET_ROUTERS
        assert "reload refused" in gw.log()
    finally:
        gw.stop()
