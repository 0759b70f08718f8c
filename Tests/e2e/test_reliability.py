"""Fault injection: the official openai and anthropic SDKs (max_retries=0) through the gateway
against simulators that fail, reset, stall and corrupt, streaming and not.

Topology of most tests: one simulator serves the primary deployment (upstream model
`m-primary`, the faults applied to it alone with `--fault-model`) and its healthy fallback
(`m-backup`). Client model `m` falls back to `m-backup`; client model `solo` is the same primary
deployment with no fallback. Answers are echoes (`echo:TEXT` answers exactly TEXT, whatever the
model), so a good answer, a prefix of one and a duplicated one are told apart exactly.

Where the simulator cannot show what a test needs (which provider key a call carried, a
context-length error, a fault that can be switched off at run time) a small pass-through proxy
(`Proxy`) sits between the gateway and the simulator and answers some calls itself.
"""
import asyncio
import hashlib
import http.client
import json
import re
import signal
import sqlite3
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import anthropic
import httpx2 as httpx
import openai
import pytest

from conftest import free_port, start_gateway, start_sim

# 40 words, one streamed piece each: long enough to cut a stream in the middle.
ECHO = ("Switchyards sort freight cars onto classification tracks by destination, and a hump yard "
        "lets gravity do the work: cars roll down one at a time while retarders slow them, "
        "switches route them, and crews couple each new train before it departs the yard again today.")
DIALECTS = ["openai", "anthropic"]
MODES = ["whole", "stream"]
STATUS_FAULTS = [429, 500, 503, 529]


# ---------------------------------------------------------------------------------------------
# Configuration and processes.

def gateway_config(sim_base, data_dir, *, primary_base=None, primary_keys=None, m_timeouts=None,
                   models="", providers="", fallbacks="[m-backup]"):
    keys = json.dumps(primary_keys or ["sk-primary-key-000001"])
    timeouts = m_timeouts or "{first_byte_ms: 5000, idle_ms: 5000}"
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
timeouts: {{first_byte_ms: 5000, idle_ms: 5000}}
providers:
  - name: primary
    type: openai-compatible
    base_url: {primary_base or sim_base}/v1
    api_keys: {keys}
  - name: backup
    type: openai-compatible
    base_url: {sim_base}/v1
    api_keys: ["sk-backup-key-0000001"]
{providers}
models:
  - name: m
    provider: primary
    upstream_model: m-primary
    fallbacks: {fallbacks}
    timeouts: {timeouts}
  - name: solo
    provider: primary
    upstream_model: m-primary
    timeouts: {timeouts}
  - name: m-backup
    provider: backup
    upstream_model: m-backup
{models}
"""


class Env:
    """A simulator with `flags` and a gateway in front of it; stops both on exit."""

    def __init__(self, tmp_path, *flags, name="r", **config):
        self.tmp = tmp_path
        self.sim = start_sim(tmp_path, f"{name}-sim", *flags)
        self.data_dir = tmp_path / f"{name}-data"
        self.config_path = tmp_path / f"{name}-gw.yaml"
        try:
            self.gw = start_gateway(tmp_path, gateway_config(self.sim.base, self.data_dir, **config), name=f"{name}-gw")
        except Exception:
            self.sim.stop()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.gw.stop()
        self.sim.stop()

    def stats(self):
        with urllib.request.urlopen(self.sim.base + "/sim/stats", timeout=2) as r:
            return json.load(r)


def ledger(data_dir, want=(), timeout=3.0):
    """Rows of the `requests` table by request id. Rows are committed in batches (every 200 ms),
    so this waits up to `timeout` for the ids in `want` to appear."""
    deadline = time.monotonic() + timeout
    while True:
        db = sqlite3.connect(f"file:{data_dir}/switchyard.db?mode=ro", uri=True, timeout=5)
        db.row_factory = sqlite3.Row
        try:
            rows = {r["request_id"]: dict(r) for r in db.execute("SELECT * FROM requests")}
        finally:
            db.close()
        if all(w in rows for w in want) or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


def attempts(row):
    """The ledger's attempts without their key ids: `deployment:outcome` per attempt."""
    return [a.split("@", 1)[0] for a in row["attempts"].split(",")]


def key_id(provider, key):
    """The id the gateway gives a provider key: `provider#` and 8 hex digits of its SHA-256."""
    return f"{provider}#{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def metric(gw, name, **labels):
    """One series' value in the gateway's /metrics; None when absent."""
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in httpx.get(gw.base + "/metrics").text.splitlines():
        if line.startswith(name + "{" + want + "}") or (not labels and line.startswith(name + " ")):
            return float(line.rsplit(" ", 1)[1])
    return None


# ---------------------------------------------------------------------------------------------
# Clients: one call in either dialect, whole or streamed, reduced to what the tests compare.

class Reply:
    def __init__(self, text, finish, headers, error=None):
        self.text = text
        self.finish = finish
        self.model = headers.get("x-switchyard-model")
        self.request_id = headers.get("x-switchyard-request-id")
        self.error = error


_clients = {}


def oa(gw):
    key = ("openai", gw.base)
    if key not in _clients:
        _clients[key] = openai.OpenAI(base_url=gw.base + "/v1", api_key="sk-client", max_retries=0, timeout=30)
    return _clients[key]


def an(gw):
    key = ("anthropic", gw.base)
    if key not in _clients:
        _clients[key] = anthropic.Anthropic(base_url=gw.base, api_key="sk-client", max_retries=0, timeout=30)
    return _clients[key]


def call(gw, dialect, mode, model="m", text=ECHO, messages=None, system=None):
    """Sends one request; status errors raise, a stream cut short returns what arrived and the error."""
    messages = messages or [{"role": "user", "content": "echo:" + text}]
    if dialect == "openai":
        msgs = ([{"role": "system", "content": system}] if system else []) + messages
        client = oa(gw)
        if mode == "whole":
            raw = client.chat.completions.with_raw_response.create(model=model, messages=msgs)
            r = raw.parse()
            return Reply(r.choices[0].message.content, r.choices[0].finish_reason, raw.headers)
        stream = client.chat.completions.create(model=model, messages=msgs, stream=True)
        parts, finish, error = [], None, None
        try:
            for chunk in stream:
                if chunk.choices:
                    parts.append(chunk.choices[0].delta.content or "")
                    finish = chunk.choices[0].finish_reason or finish
        except openai.APIError as e:
            error = e
        return Reply("".join(parts), finish, stream.response.headers, error)
    client = an(gw)
    extra = {"system": system} if system else {}
    if mode == "whole":
        raw = client.messages.with_raw_response.create(model=model, max_tokens=300, messages=messages, **extra)
        r = raw.parse()
        finish = "stop" if r.stop_reason == "end_turn" else r.stop_reason
        return Reply("".join(b.text for b in r.content if b.type == "text"), finish, raw.headers)
    stream = client.messages.create(model=model, max_tokens=300, messages=messages, stream=True, **extra)
    parts, finish, error = [], None, None
    try:
        for event in stream:
            if event.type == "content_block_delta" and event.delta.type == "text_delta":
                parts.append(event.delta.text)
            elif event.type == "message_delta":
                finish = "stop" if event.delta.stop_reason == "end_turn" else event.delta.stop_reason
    except anthropic.APIError as e:
        error = e
    return Reply("".join(parts), finish, stream.response.headers, error)


def assert_good(reply, served="m-backup"):
    assert reply.error is None, reply.error
    assert reply.text == ECHO, reply.text
    assert reply.finish == "stop"
    assert reply.model == served


def assert_cut_cleanly(reply):
    """A stream that failed after bytes were sent: an SDK error, and text that is a proper prefix
    of the one answer (nothing repeated, nothing spliced from a second attempt)."""
    assert reply.error is not None, "the stream must end with an error the SDK raises"
    assert reply.text and ECHO.startswith(reply.text) and reply.text != ECHO, reply.text
    assert reply.finish is None, "a cut stream must not claim a normal finish"


# ---------------------------------------------------------------------------------------------
# A pass-through proxy to the simulator that records the provider key of every call and can
# answer some calls itself.

class Proxy:
    """Forwards to `target_port`; `rule(key, model)` may return (status, body, headers) instead.

    Keeps `calls`: (key, model) of every request, in order, and `times`: when each arrived."""

    def __init__(self, target_port, rule=None):
        self.calls = []
        self.times = []
        self.rule = rule or (lambda key, model: None)
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                auth = self.headers.get("Authorization") or ""
                key = auth.removeprefix("Bearer ") or self.headers.get("x-api-key")
                try:
                    model = json.loads(body).get("model")
                except ValueError:
                    model = None
                with proxy.lock:
                    proxy.calls.append((key, model))
                    proxy.times.append(time.monotonic())
                    answer = proxy.rule(key, model)
                if answer is None:
                    upstream = http.client.HTTPConnection("127.0.0.1", target_port, timeout=30)
                    headers = {k: v for k, v in self.headers.items()
                               if k.lower() not in ("host", "content-length", "connection", "expect")}
                    upstream.request("POST", self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    status, payload = response.status, response.read()
                    headers = [(k, v) for k, v in response.getheaders()
                               if k.lower() in ("content-type", "retry-after")]
                    upstream.close()
                else:
                    status, document, extra = answer
                    payload = json.dumps(document).encode()
                    headers = [("Content-Type", "application/json"), *extra.items()]
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keys(self):
        with self.lock:
            return [key for key, _ in self.calls]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def openai_error(status, message, type_, code=None, retry_after=None):
    return (status, {"error": {"message": message, "type": type_, "param": None, "code": code}},
            {"retry-after": str(retry_after)} if retry_after is not None else {})


def conversation(i, turns=1, system="You are terse."):
    """Turn `turns` of conversation number `i`: the same first messages, more of them each turn."""
    msgs = [{"role": "system", "content": system}]
    for t in range(turns):
        msgs.append({"role": "user", "content": f"echo:conversation {i} turn {t}"})
        if t < turns - 1:
            msgs.append({"role": "assistant", "content": f"conversation {i} turn {t}"})
    return msgs


# ---------------------------------------------------------------------------------------------
# Faults before the first byte, with a healthy fallback: the client gets a good answer.

@pytest.mark.parametrize("status", STATUS_FAULTS)
def test_status_fault_falls_back_to_healthy_model(tmp_path, status):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", str(status), "--fault-model", "m-primary") as env:
        replies = [call(env.gw, d, mode) for d in DIALECTS for mode in MODES]
        for reply in replies:
            assert_good(reply)
        rows = ledger(env.data_dir, [r.request_id for r in replies])
        for reply in replies:
            row = rows[reply.request_id]
            if not row["streamed"]:  # streams: see test_stream_read_to_done_is_recorded_complete_…
                assert row["status"] == 200 and row["error_class"] is None, row
            tried = attempts(row)
            assert tried[-1] == "backup/m-backup:200", row
            assert all(a == f"primary/m-primary:{status}" for a in tried[:-1]), row
            assert row["fallbacks"] == (1 if len(tried) > 1 else 0)
        # The first request tried the primary (twice for a 5xx: one retry), then fell back.
        first = attempts(rows[replies[0].request_id])
        assert len(first) == (2 if status == 429 else 3), first


def test_reset_before_response_falls_back(tmp_path):
    with Env(tmp_path, "--reset-rate", "1", "--reset-after-chunks", "0", "--fault-model", "m-primary") as env:
        replies = [call(env.gw, d, mode) for d in DIALECTS for mode in MODES]
        for reply in replies:
            assert_good(reply)
        rows = ledger(env.data_dir, [replies[0].request_id])
        first = rows[replies[0].request_id]
        assert first["attempts"].startswith("primary/m-primary:reset"), first
        assert env.stats()["resets_injected"] >= 1


def test_stall_before_first_token_falls_back_after_first_byte_timeout(tmp_path):
    with Env(tmp_path, "--stall-ms", "4000", "--fault-model", "m-primary",
             m_timeouts="{first_byte_ms: 300, idle_ms: 5000}") as env:
        for dialect in DIALECTS:
            for mode in MODES:
                started = time.monotonic()
                reply = call(env.gw, dialect, mode)
                elapsed = time.monotonic() - started
                assert_good(reply)
                # One first-byte deadline, then straight to the fallback (no retry of a stalled deployment).
                assert 0.28 < elapsed < 2.5, elapsed
                row = ledger(env.data_dir, [reply.request_id])[reply.request_id]
                assert attempts(row) == ["primary/m-primary:first_byte_timeout", "backup/m-backup:200"], row


def test_slow_drip_within_idle_timeout_is_not_a_failure(tmp_path):
    with Env(tmp_path, "--drip-ms", "20", "--fault-model", "m-primary",
             m_timeouts="{first_byte_ms: 2000, idle_ms: 500}") as env:
        for dialect in DIALECTS:
            reply = call(env.gw, dialect, "stream")
            assert_good(reply, served="m")
        assert env.stats()["requests"] == 2


# ---------------------------------------------------------------------------------------------
# Faults after the first byte: never a second attempt, an error the SDK raises.

@pytest.mark.parametrize("upstream", ["openai-compatible", "anthropic"])
def test_mid_stream_reset_ends_stream_with_error_and_no_retry(tmp_path, upstream):
    extra_provider = f"""  - name: primary-ant
    type: anthropic
    base_url: {{SIM}}
    api_keys: ["sk-ant-primary-00001"]"""
    extra_model = """  - name: m-ant
    provider: primary-ant
    upstream_model: m-primary
    fallbacks: [m-backup]"""
    sim = start_sim(tmp_path, "midsim", "--reset-rate", "1", "--reset-after-chunks", "6", "--fault-model", "m-primary")
    try:
        gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", providers=extra_provider.replace("{SIM}", sim.base),
                                                    models=extra_model))
    except Exception:
        sim.stop()
        raise
    model = "m" if upstream == "openai-compatible" else "m-ant"
    try:
        for n, dialect in enumerate(DIALECTS, start=1):
            reply = call(gw, dialect, "stream", model=model)
            assert_cut_cleanly(reply)
            with urllib.request.urlopen(sim.base + "/sim/stats", timeout=2) as r:
                stats = json.load(r)
            # One call per request: the fallback is never asked once the client has bytes.
            assert stats["requests"] == n and stats["streams_reset"] == n, stats
            row = ledger(tmp_path / "d", [reply.request_id])[reply.request_id]
            assert len(attempts(row)) == 1 and attempts(row)[0].endswith(":reset"), row
            assert row["error_class"], row
        # A whole answer is reset before its head: that one does fall back.
        assert_good(call(gw, "openai", "whole", model=model))
    finally:
        gw.stop()
        sim.stop()


def test_mid_stream_stall_ends_stream_at_idle_timeout(tmp_path):
    with Env(tmp_path, "--stall-ms", "4000", "--stall-after-chunks", "6", "--fault-model", "m-primary",
             m_timeouts="{first_byte_ms: 2000, idle_ms: 300}") as env:
        for n, dialect in enumerate(DIALECTS, start=1):
            started = time.monotonic()
            reply = call(env.gw, dialect, "stream")
            assert time.monotonic() - started < 3.0, "cut at the 300 ms idle deadline, not after the 4 s stall"
            assert_cut_cleanly(reply)
            assert env.stats()["requests"] == n
            row = ledger(env.data_dir, [reply.request_id])[reply.request_id]
            assert attempts(row) == ["primary/m-primary:idle_timeout"], row


@pytest.mark.parametrize("dialect", DIALECTS)
def test_malformed_stream_chunk_is_not_passed_to_the_client(tmp_path, dialect):
    """A broken `data:` line after bytes went out: the SDK must see a clean end (an error event it
    raises as APIError, or a stream without the broken chunk), never an unparseable line."""
    with Env(tmp_path, "--malformed-rate", "1", "--malformed-after-chunks", "6", "--fault-model", "m-primary") as env:
        reply = call(env.gw, dialect, "stream")  # a json.JSONDecodeError escaping here is the failure
        if reply.error is None:
            assert_good(reply, served="m")
        else:
            assert_cut_cleanly(reply)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_malformed_whole_answer_falls_back(tmp_path, dialect):
    """A whole answer cut in half reached nobody yet: like a reset before the head, the healthy
    fallback should answer (not a 502, and never the half body relayed as a 200)."""
    with Env(tmp_path, "--malformed-rate", "1", "--fault-model", "m-primary") as env:
        assert_good(call(env.gw, dialect, "whole"))


class LateEndUpstream:
    """An OpenAI-style upstream whose stream sends everything up to `data: [DONE]`, then waits
    `delay` seconds before ending the chunked body (a provider or proxy that is slow to close)."""

    def __init__(self, text, delay=0.5):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                base = {"id": "chatcmpl-late", "object": "chat.completion.chunk", "created": 1, "model": "late"}
                events = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}]
                events += [{**base, "choices": [{"index": 0, "delta": {"content": w}, "finish_reason": None}]}
                           for w in text.split(" ")[:1] + [" " + w for w in text.split(" ")[1:]]]
                events += [{**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
                           {**base, "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 9, "total_tokens": 14}}]
                payload = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"
                self.wfile.write(b"%x\r\n%s\r\n" % (len(payload), payload))
                self.wfile.flush()
                time.sleep(delay)
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_stream_read_to_done_is_recorded_complete_when_the_client_hangs_up(tmp_path):
    """The openai SDK closes its connection as soon as it reads `data: [DONE]`. If the upstream
    has not ended its body yet, the client got the whole answer all the same: the ledger must say
    200 with its usage, not 499 client_closed."""
    upstream = LateEndUpstream("nine words of a complete answer sent before done")
    sim = start_sim(tmp_path, "lsim")
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=upstream.base))
    try:
        reply = call(gw, "openai", "stream", model="solo")
        assert reply.error is None and reply.finish == "stop"
        assert reply.text == "nine words of a complete answer sent before done"
        row = ledger(tmp_path / "d", [reply.request_id])[reply.request_id]
        assert (row["status"], row["error_class"]) == (200, None), row
        assert row["output_tokens"] == 9, row
    finally:
        gw.stop()
        sim.stop()
        upstream.stop()


# ---------------------------------------------------------------------------------------------
# No healthy fallback: the provider's error, in the caller's dialect.

OPENAI_ERRORS = {429: openai.RateLimitError, 500: openai.InternalServerError, 503: openai.InternalServerError,
                 529: openai.InternalServerError}
# An OpenAI-dialect upstream's "overloaded" 503 is Anthropic's 529 overloaded_error (the mapping the
# conformance suite pins); the other statuses keep their number.
ANTHROPIC_ERRORS = {429: anthropic.RateLimitError, 500: anthropic.InternalServerError,
                    503: anthropic.OverloadedError, 529: anthropic.OverloadedError}
ANTHROPIC_STATUS = {429: 429, 500: 500, 503: 529, 529: 529}
ANTHROPIC_TYPES = {429: "rate_limit_error", 500: "api_error", 503: "overloaded_error", 529: "overloaded_error"}


@pytest.mark.parametrize("status", STATUS_FAULTS)
def test_without_fallback_the_provider_status_reaches_the_caller(tmp_path, status):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", str(status)) as env:
        for mode in MODES:
            with pytest.raises(OPENAI_ERRORS[status]) as e:
                call(env.gw, "openai", mode, model="solo")
            assert e.value.status_code == status
            assert e.value.body["message"] and e.value.body["type"]
            if status == 429:
                assert e.value.response.headers.get("retry-after")
            with pytest.raises(ANTHROPIC_ERRORS[status]) as e:
                call(env.gw, "anthropic", mode, model="solo")
            assert e.value.status_code == ANTHROPIC_STATUS[status]
            assert e.value.body["type"] == "error"
            assert e.value.body["error"]["type"] == ANTHROPIC_TYPES[status], e.value.body


@pytest.mark.parametrize("dialect", DIALECTS)
def test_invalid_request_400_is_not_retried_nor_fallen_back(tmp_path, dialect):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", "400", "--fault-model", "m-primary") as env:
        for n, mode in enumerate(MODES, start=1):
            with pytest.raises(openai.BadRequestError if dialect == "openai" else anthropic.BadRequestError) as e:
                call(env.gw, dialect, mode)
            assert e.value.status_code == 400
            assert env.stats()["requests"] == n, "a 400 is the request's fault: one call, no retry, no fallback"


def test_unreachable_primary_falls_back_and_alone_is_502(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"
    with Env(tmp_path, primary_base=dead) as env:
        for dialect in DIALECTS:
            for mode in MODES:
                assert_good(call(env.gw, dialect, mode))
        with pytest.raises(openai.APIStatusError) as e:
            call(env.gw, "openai", "whole", model="solo")
        assert e.value.status_code == 502


# ---------------------------------------------------------------------------------------------
# Circuit breakers.

def test_breaker_opens_skips_primary_then_closes_after_cooldown(tmp_path):
    """Default deployment breaker: 5 failures open it for 5 s (no configuration for breaker
    timings exists, so the test waits the default cooldown); one probe then closes it."""
    failing = {"on": True}
    sim = start_sim(tmp_path, "bsim")
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(500, "boom", "server_error")
                  if failing["on"] and model == "m-primary" else None)
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base))
    target = "deployment:primary/m-primary"
    try:
        def primary_calls():
            return sum(1 for _, model in proxy.calls if model == "m-primary")

        n = 0
        while metric(gw, "switchyard_circuit_state", target=target) != 2:
            assert_good(call(gw, DIALECTS[n % 2], MODES[n // 2 % 2]))
            n += 1
            assert n <= 5, "5 failures in the window must open the breaker"
        assert primary_calls() == 5
        opened = time.monotonic()
        # Open: the primary is not called at all, the fallback answers at once.
        for i in range(8):
            assert_good(call(gw, DIALECTS[i % 2], MODES[i // 2 % 2]))
        assert primary_calls() == 5, "an open breaker must keep traffic off the primary"
        assert metric(gw, "switchyard_circuit_state", target=target) == 2
        failing["on"] = False
        # After the cooldown: half-open, and the next request is the probe that closes it.
        while time.monotonic() - opened < 5.1:
            time.sleep(0.1)
        assert metric(gw, "switchyard_circuit_state", target=target) == 1
        assert_good(call(gw, "openai", "whole"), served="m")
        assert metric(gw, "switchyard_circuit_state", target=target) == 0
        for dialect in DIALECTS:
            assert_good(call(gw, dialect, "stream"), served="m")
        assert primary_calls() == 8
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_single_deployment_is_still_tried_when_its_breaker_is_open(tmp_path):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", "500") as env:
        for _ in range(4):
            with pytest.raises(openai.InternalServerError):
                call(env.gw, "openai", "whole", model="solo")
        assert metric(env.gw, "switchyard_circuit_state", target="deployment:primary/m-primary") == 2
        before = env.stats()["requests"]
        with pytest.raises(openai.InternalServerError):
            call(env.gw, "openai", "whole", model="solo")
        assert env.stats()["requests"] > before, "the only deployment is still tried, not refused by the gateway"


# ---------------------------------------------------------------------------------------------
# Provider key pools.

def test_weighted_keys_share_traffic_by_weight(tmp_path):
    sim = start_sim(tmp_path, "ksim")
    proxy = Proxy(sim.port)
    keys = ["sk-light-key-000001", {"key": "sk-heavy-key-000003", "weight": 3}]
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=keys))
    try:
        async def main():
            c = openai.AsyncOpenAI(base_url=gw.base + "/v1", api_key="sk", max_retries=0, timeout=30)
            sem = asyncio.Semaphore(16)

            async def one(i):
                async with sem:
                    r = await c.chat.completions.create(model="m", messages=conversation(i))
                    assert r.choices[0].message.content == f"conversation {i} turn 0"
            await asyncio.gather(*(one(i) for i in range(240)))
            await c.close()
        asyncio.run(main())
        seen = proxy.keys()
        assert len(seen) == 240
        heavy = seen.count("sk-heavy-key-000003") / len(seen)
        assert 0.65 <= heavy <= 0.85, f"weight 3 of 4 should carry ~75% of conversations, got {heavy:.2f}"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_key_rejected_with_401_is_taken_out_and_another_key_serves(tmp_path):
    sim = start_sim(tmp_path, "asim")
    bad = "sk-revoked-key-00001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(401, "Incorrect API key provided", "invalid_request_error",
                                                                 "invalid_api_key") if key == bad else None)
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base,
                                                primary_keys=[bad, "sk-working-key-00001"]))
    try:
        for i in range(24):
            dialect, mode = DIALECTS[i % 2], MODES[i // 2 % 2]
            reply = call(gw, dialect, mode, messages=conversation(i)[1:])
            assert reply.error is None and reply.text == f"conversation {i} turn 0" and reply.model == "m"
        seen = proxy.keys()
        assert seen.count(bad) == 1, "after one 401 the key is out of rotation"
        assert seen.count("sk-working-key-00001") == 24
        assert "sk-revoked-key-00001" not in gw.log() and "sk-working-key-00001" not in gw.log()
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_rate_limited_key_cools_down_for_retry_after_then_returns(tmp_path):
    sim = start_sim(tmp_path, "csim")
    limited = {"on": True}
    hot = "sk-limited-key-00001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(429, "Rate limit reached", "requests",
                                                                 "rate_limit_exceeded", retry_after=3)
                  if key == hot and limited["on"] else None)
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base,
                                                primary_keys=[hot, "sk-spare-key-0000001"]))
    try:
        # Conversations spread over both keys; the first one on the hot key gets a 429 and is
        # served by the spare key at once; the hot key then rests for 3 s.
        i = 0
        while hot not in proxy.keys():
            reply = call(gw, DIALECTS[i % 2], "whole", messages=conversation(i)[1:])
            assert reply.error is None and reply.text == f"conversation {i} turn 0" and reply.model == "m"
            i += 1
            assert i < 40
        limited_at = proxy.times[proxy.keys().index(hot)]
        while time.monotonic() - limited_at < 2.0:
            reply = call(gw, DIALECTS[i % 2], "whole", messages=conversation(i)[1:])
            assert reply.error is None and reply.text == f"conversation {i} turn 0"
            i += 1
        during = [k for k, t in zip(proxy.keys(), proxy.times) if limited_at < t < limited_at + 2.0]
        assert len(during) >= 5 and hot not in during, "a 429 key rests for its retry-after"
        limited["on"] = False
        while time.monotonic() - limited_at < 3.2:
            time.sleep(0.05)
        before = len(proxy.calls)
        for j in range(i, i + 20):
            call(gw, "openai", "whole", messages=conversation(j)[1:])
        assert proxy.keys()[before:].count(hot) > 0, "after its cooldown the key is back in rotation"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_affinity_identical_requests_keep_their_key(tmp_path):
    sim = start_sim(tmp_path, "fsim")
    proxy = Proxy(sim.port)
    keys = [f"sk-affinity-key-0000{i}" for i in range(4)]
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=keys))
    try:
        for i in range(8):
            for dialect in DIALECTS:
                start = len(proxy.calls)
                for _ in range(3):
                    call(gw, dialect, "whole", messages=conversation(i)[1:])
                assert len(set(proxy.keys()[start:])) == 1
        assert len(set(proxy.keys())) > 1, "different conversations spread over the keys"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_affinity_turns_of_one_conversation_keep_their_key(tmp_path, dialect):
    """Every turn of a conversation starts with the same first messages: its calls must keep one
    key (the provider's prompt cache is per key/organisation) while that key is healthy."""
    sim = start_sim(tmp_path, "tsim")
    proxy = Proxy(sim.port)
    keys = [f"sk-affinity-key-0000{i}" for i in range(4)]
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=keys))
    system = "You are a terse assistant for railway dispatchers."
    try:
        spread = {}
        for i in range(4):
            start = len(proxy.calls)
            for turns in range(1, 5):
                msgs = conversation(i, turns, system)
                if dialect == "openai":
                    call(gw, "openai", "whole", messages=msgs)
                else:
                    call(gw, "anthropic", "whole", messages=msgs[1:], system=system)
            spread[i] = proxy.keys()[start:]
        assert all(len(set(k)) == 1 for k in spread.values()), spread
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


# ---------------------------------------------------------------------------------------------
# Context-length errors fall back to a model with a larger window.

def test_context_length_error_falls_back_to_larger_window(tmp_path):
    sim = start_sim(tmp_path, "xsim")
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(
        400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
        "invalid_request_error", "context_length_exceeded") if model == "gpt-4o-mini" else None)
    # gpt-4o-mini and gpt-4o have 128k windows in the catalog, gpt-4.1 about 1M.
    models = """  - name: small-ctx
    provider: primary
    upstream_model: gpt-4o-mini
    fallbacks: [same-ctx, big-ctx]
  - name: same-ctx
    provider: backup
    upstream_model: gpt-4o
  - name: big-ctx
    provider: backup
    upstream_model: gpt-4.1
  - name: small-only
    provider: primary
    upstream_model: gpt-4o-mini
    fallbacks: [same-ctx]"""
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, models=models))
    try:
        for dialect in DIALECTS:
            for mode in MODES:
                before = proxy.calls.copy()
                stats_before = json.load(urllib.request.urlopen(sim.base + "/sim/stats"))["requests"]
                reply = call(gw, dialect, mode, model="small-ctx")
                assert reply.error is None and reply.text == ECHO and reply.model == "big-ctx", reply.model
                assert proxy.calls[len(before):] == [("sk-primary-key-000001", "gpt-4o-mini")]
                stats = json.load(urllib.request.urlopen(sim.base + "/sim/stats"))
                # The same-window model is skipped: only the larger one is called.
                assert stats["requests"] - stats_before == 1
        # No larger window configured: the context-length error in the caller's dialect.
        with pytest.raises(openai.BadRequestError) as e:
            call(gw, "openai", "whole", model="small-only")
        assert e.value.body["code"] == "context_length_exceeded"
        with pytest.raises(anthropic.BadRequestError) as e:
            call(gw, "anthropic", "whole", model="small-only")
        assert e.value.body["error"]["type"] == "invalid_request_error"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


# ---------------------------------------------------------------------------------------------
# Reload and shutdown under load.

async def _traffic(gw, stop_at, results, model="m", worker_count=16, stop_event=None):
    """Concurrent clients, half streaming, until `stop_at` (monotonic) or `stop_event`. Appends
    (request_id or None, status or exception name, complete) per request."""
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    c = openai.AsyncOpenAI(base_url=gw.base + "/v1", api_key="sk", max_retries=0,
                           http_client=httpx.AsyncClient(limits=limits, timeout=30))

    async def worker(w):
        n = 0
        while time.monotonic() < stop_at and not (stop_event and stop_event.is_set()):
            n += 1
            text = f"worker {w} request {n} " + "word " * 12
            msgs = [{"role": "user", "content": "echo:" + text}]
            rid = None
            try:
                if n % 2:
                    raw = await c.chat.completions.with_raw_response.create(model=model, messages=msgs)
                    rid = raw.headers.get("x-switchyard-request-id")
                    r = raw.parse()
                    results.append((rid, 200, r.choices[0].message.content == text))
                else:
                    stream = await c.chat.completions.create(model=model, messages=msgs, stream=True)
                    rid = stream.response.headers.get("x-switchyard-request-id")
                    parts = []
                    async for chunk in stream:
                        if chunk.choices:
                            parts.append(chunk.choices[0].delta.content or "")
                    results.append((rid, 200, "".join(parts) == text))
            except openai.APIStatusError as e:
                results.append((e.response.headers.get("x-switchyard-request-id"), e.status_code, False))
            except Exception as e:  # connection refused or reset, a cut stream
                results.append((rid, type(e).__name__, False))
                if stop_event is not None:
                    await asyncio.sleep(0.05)

    await asyncio.gather(*(worker(w) for w in range(worker_count)))
    await c.close()


def test_sighup_reload_under_load_drops_no_request(tmp_path):
    sim = start_sim(tmp_path, "hsim", "--tokens-per-second", "150")
    data = tmp_path / "d"
    base = gateway_config(sim.base, data)
    gw = start_gateway(tmp_path, base, name="hgw")
    path = tmp_path / "hgw.yaml"
    variants = [
        base,
        base.replace('["sk-primary-key-000001"]', '["sk-primary-key-000001", {key: sk-second-key-00002, weight: 2}]'),
        base.replace("  - name: solo\n", "  - name: solo\n    aliases: [solo-alias]\n"),
        base.replace("timeouts: {first_byte_ms: 5000, idle_ms: 5000}\n  - name: solo",
                     "timeouts: {first_byte_ms: 4000, idle_ms: 4000}\n  - name: solo"),
    ]
    try:
        results = []

        def reloader():
            for i in range(6):
                time.sleep(0.4)
                text = variants[(i + 1) % len(variants)].replace("{PORT}", str(gw.port))
                tmp = path.with_suffix(".tmp")
                tmp.write_text(text)
                tmp.replace(path)
                gw.proc.send_signal(signal.SIGHUP)

        thread = threading.Thread(target=reloader)
        thread.start()
        asyncio.run(_traffic(gw, time.monotonic() + 3.2, results))
        thread.join()
        assert len(results) > 100
        bad = [r for r in results if r[1] != 200 or not r[2]]
        assert not bad, bad[:5]
        assert gw.log().count("configuration reloaded") == 6
        assert gw.proc.poll() is None
    finally:
        gw.stop()
        sim.stop()


def test_sigterm_under_load_loses_no_ledger_row(tmp_path):
    sim = start_sim(tmp_path, "tsim", "--tokens-per-second", "150", "--fail-rate", "0.2", "--fail-status", "503",
                    "--fault-model", "m-primary")
    data = tmp_path / "d"
    gw = start_gateway(tmp_path, gateway_config(sim.base, data), name="tgw")
    try:
        results = []

        def terminator():
            time.sleep(1.5)
            gw.proc.send_signal(signal.SIGTERM)

        async def run():
            killer = threading.Thread(target=terminator)
            killer.start()
            event = asyncio.Event()

            async def watch():
                while gw.proc.poll() is None:
                    await asyncio.sleep(0.05)
                event.set()
            await asyncio.gather(_traffic(gw, time.monotonic() + 15, results, stop_event=event), watch())
            killer.join()

        asyncio.run(run())
        assert gw.proc.wait(timeout=15) == 0
        # Answered: the client got a response head (and so a request id), whole or streamed.
        answered = [r for r in results if r[0] is not None]
        assert len(answered) > 50
        rows = ledger(data, timeout=0)
        missing = [r for r in answered if r[0] not in rows]
        # Streams under way at SIGTERM are finished, not cut.
        cut = [r for r in answered if not isinstance(r[1], int)]
        assert not missing and not cut, \
            f"{len(missing)} answered requests without a ledger row, {len(cut)} cut: {(missing + cut)[:5]}"
        for rid, status, complete in answered:
            assert rows[rid]["status"] == status and (status != 200 or complete), (rows[rid], status, complete)
    finally:
        gw.stop()
        sim.stop()


def test_sigterm_stops_taking_requests_on_kept_alive_connections(tmp_path):
    """Draining stops accepting work: a new request on an idle keep-alive connection after SIGTERM
    is refused (the connection closes) or answered with `Connection: close`; it does not start new
    work that keeps the drain going (under steady keep-alive traffic it would never end)."""
    sim = start_sim(tmp_path, "ksim", "--tokens-per-second", "20")
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d"))
    body = {"model": "m-backup", "messages": [{"role": "user", "content": "echo:" + " ".join("abcdefghijklmnopqrst")}]}
    try:
        async def main():
            async with httpx.AsyncClient(base_url=gw.base, timeout=30) as idle, \
                    httpx.AsyncClient(base_url=gw.base, timeout=30) as busy:
                assert (await idle.post("/v1/chat/completions", json=body)).status_code == 200
                in_flight = asyncio.create_task(busy.post("/v1/chat/completions", json=body))  # about 1 s
                await asyncio.sleep(0.3)
                gw.proc.send_signal(signal.SIGTERM)
                await asyncio.sleep(0.2)
                try:
                    late = await idle.post("/v1/chat/completions", json=body)
                    late_outcome = (late.status_code, late.headers.get("connection"))
                except httpx.TransportError as e:
                    late_outcome = type(e).__name__
                first = await in_flight
                return late_outcome, first.status_code

        late, first = asyncio.run(main())
        assert first == 200, "the request in flight at SIGTERM is finished"
        assert gw.proc.wait(timeout=10) == 0
        assert not isinstance(late, tuple) or late[1] == "close", \
            f"a request sent after SIGTERM on a kept-alive connection was served as usual: {late}"
    finally:
        gw.stop()
        sim.stop()


def test_sigterm_waits_for_a_request_between_attempts(tmp_path):
    """SIGTERM while a request waits out a provider's retry-after before its second attempt: the
    request is in flight (accepted, not answered) and must be finished and recorded."""
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", "429", "--retry-after", "1") as env:
        box = {}

        def request():
            try:
                call(env.gw, "openai", "whole", model="solo")
            except openai.APIStatusError as e:
                box["status"] = e.status_code
                box["rid"] = e.response.headers.get("x-switchyard-request-id")
            except Exception as e:
                box["status"] = type(e).__name__

        thread = threading.Thread(target=request)
        thread.start()
        time.sleep(0.4)  # the first 429 is back; the gateway waits 1 s to retry
        env.gw.proc.send_signal(signal.SIGTERM)
        thread.join(timeout=10)
        assert env.gw.proc.wait(timeout=10) == 0
        assert box.get("status") == 429, f"the client got {box.get('status')} instead of the provider's 429"
        row = ledger(env.data_dir, timeout=0)[box["rid"]]
        assert attempts(row) == ["primary/m-primary:429", "primary/m-primary:429"], row


# ---------------------------------------------------------------------------------------------
# Configured policies, provider key ids in the ledger, and reports of disabled keys.

ADMIN_KEY = "admin-key-for-reliability-tests"


def test_configured_retry_and_breaker_policies_apply(tmp_path):
    """`reliability:` sets retries and breakers for all; a model's `retry:` overrides them."""
    sim = start_sim(tmp_path, "psim", "--fail-rate", "1", "--fail-status", "500", "--fault-model", "m-primary")
    text = gateway_config(sim.base, tmp_path / "d") + """
reliability:
  retry: {max_attempts: 1}
  breaker: {failures: 3, cooldown_ms: 800}
"""
    text = text.replace("  - name: solo\n", "  - name: solo\n    retry: {max_attempts: 2, base_backoff_ms: 0}\n")
    gw = start_gateway(tmp_path, text)
    target = "deployment:primary/m-primary"
    try:
        # One attempt in all: no retry and no fallback (the built-in policy would try m-backup).
        with pytest.raises(openai.InternalServerError) as e:
            call(gw, "openai", "whole", model="m")
        first = e.value.response.headers["x-switchyard-request-id"]
        assert metric(gw, "switchyard_circuit_state", target=target) == 0
        # The model's own policy: two attempts on its one deployment. The third failure opens the breaker.
        with pytest.raises(openai.InternalServerError) as e:
            call(gw, "openai", "whole", model="solo")
        second = e.value.response.headers["x-switchyard-request-id"]
        rows = ledger(tmp_path / "d", [first, second])
        assert attempts(rows[first]) == ["primary/m-primary:500"], rows[first]
        assert attempts(rows[second]) == ["primary/m-primary:500"] * 2, rows[second]
        assert metric(gw, "switchyard_circuit_state", target=target) == 2, "3 failures open the configured breaker"
        opened = time.monotonic()
        assert_good(call(gw, "openai", "whole", model="m"))  # the open primary is skipped
        while time.monotonic() - opened < 0.85:
            time.sleep(0.05)
        assert metric(gw, "switchyard_circuit_state", target=target) == 1, "half-open after the configured 800 ms"
    finally:
        gw.stop()
        sim.stop()


def test_invalid_reliability_settings_are_refused_with_file_and_line(tmp_path):
    sim = start_sim(tmp_path, "vsim")
    text = gateway_config(sim.base, tmp_path / "d") + "reliability:\n  breaker: {error_rate: 0}\n"
    try:
        with pytest.raises(Exception):
            start_gateway(tmp_path, text, name="vgw")
        log = (tmp_path / "vgw.log").read_text()
        line = text.splitlines().index("  breaker: {error_rate: 0}") + 1
        assert f"vgw.yaml:{line}:" in log and "error_rate" in log, log
    finally:
        sim.stop()


def test_ledger_attempts_name_the_provider_key_by_id_never_the_key(tmp_path):
    sim = start_sim(tmp_path, "lsim")
    bad, good = "sk-rejected-key-000001", "sk-accepted-key-000001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(401, "Incorrect API key provided", "invalid_request_error",
                                                                 "invalid_api_key") if key == bad else None)
    data = tmp_path / "d"
    gw = start_gateway(tmp_path, gateway_config(sim.base, data, primary_base=proxy.base, primary_keys=[bad, good]))
    try:
        ids = [call(gw, "openai", "whole", messages=conversation(i)[1:]).request_id for i in range(6)]
        rows = ledger(data, ids)
        entries = [a for rid in ids for a in rows[rid]["attempts"].split(",")]
        assert f"primary/m-primary:401@{key_id('primary', bad)}" in entries, entries
        assert f"primary/m-primary:200@{key_id('primary', good)}" in entries, entries
        assert all(re.fullmatch(r"primary/m-primary:\d+@primary#[0-9a-f]{8}", a) for a in entries), entries
        everything = json.dumps([rows[rid] for rid in ids])
        for secret in (bad, good):
            assert secret not in everything and secret[3:15] not in everything
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_disabled_key_is_reported_in_the_log_metrics_and_admin_health(tmp_path):
    sim = start_sim(tmp_path, "dsim")
    bad, good = "sk-forbidden-key-00001", "sk-allowed-key-000001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(403, "Forbidden", "permission_error")
                  if key == bad else None)
    text = gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=[bad, good])
    gw = start_gateway(tmp_path, text + f"admin_key: {ADMIN_KEY}\n")
    bad_id, good_id = key_id("primary", bad), key_id("primary", good)
    try:
        assert metric(gw, "switchyard_provider_key_disabled", provider="primary", key=bad_id) == 0
        for i in range(8):
            reply = call(gw, DIALECTS[i % 2], "whole", messages=conversation(i)[1:])
            assert reply.error is None and reply.model == "m"
        assert proxy.keys().count(bad) == 1
        warnings = [json.loads(line) for line in gw.log().splitlines()
                    if line.startswith("{") and "provider key disabled" in line]
        assert len(warnings) == 1, warnings
        assert warnings[0]["level"] == "warning"
        assert warnings[0]["provider"] == "primary" and warnings[0]["key"] == bad_id, warnings[0]
        assert metric(gw, "switchyard_provider_key_disabled", provider="primary", key=bad_id) == 1
        assert metric(gw, "switchyard_provider_key_disabled", provider="primary", key=good_id) == 0
        assert metric(gw, "switchyard_provider_key_disabled_total", provider="primary", key=bad_id) == 1
        health = httpx.get(gw.base + "/admin/health", headers={"authorization": f"Bearer {ADMIN_KEY}"}).json()
        pool = health["key_pools"]["primary"]
        assert pool["revoked"] == [bad_id] and pool["available"] == [good_id], pool
        assert {k["id"]: k["state"] for k in pool["keys"]} == {bad_id: "revoked", good_id: "active"}, pool
        exposed = gw.log() + httpx.get(gw.base + "/metrics").text + json.dumps(health)
        assert bad not in exposed and good not in exposed
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()
