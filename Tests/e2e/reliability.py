"""Fault injection, the shared parts (`test_reliability_*.py`): the official openai and anthropic SDKs (max_retries=0) through the gateway
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
import hashlib
import http.client
import json
import sqlite3
import threading
import time
import urllib.request

import anthropic
import httpx2 as httpx
import openai

from conftest import QuietHandler, start_gateway, start_sim, ThreadedServer

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

class Proxy(ThreadedServer):
    """Forwards to `target_port`; `rule(key, model)` may return (status, body, headers) instead.

    Keeps `calls`: (key, model) of every request, in order, and `times`: when each arrived."""

    def __init__(self, target_port, rule=None):
        self.calls = []
        self.times = []
        self.rule = rule or (lambda key, model: None)
        self.lock = threading.Lock()
        proxy = self

        class Handler(QuietHandler):
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

        super().__init__(Handler)

    def keys(self):
        with self.lock:
            return [key for key, _ in self.calls]


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
