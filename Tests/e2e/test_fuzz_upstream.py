"""Mutated upstream answers through the gateway: a provider that answers with broken or odd JSON,
whole or streamed, must not crash or hang the gateway, and its caller gets an answer in the
caller's dialect: the translated answer (200), or a 502 saying the upstream answer could not be
read, or, once a translated stream has started, an error event that ends it (a stream in the
caller's own dialect is relayed as it came, its cuts included). Every call leaves one ledger row.

The seeds are the simulator's own answers in each provider dialect (OpenAI, Responses, Anthropic, Gemini;
text and tool calls; whole and streamed), captured at the start. A fake upstream serves them
mutated: the JSON of a whole answer or of one stream event changed structurally (the mutations of
`test_fuzz_bodies`), an event dropped, duplicated or cut, or the bytes flipped. Callers speak
OpenAI chat completions, Anthropic and the Responses API, and a model with `api: responses` makes
the Responses API an upstream dialect too, so every answer is translated or spliced on the way.
"""
import http.client
import json
import os
import random
import threading

import pytest

from conftest import QuietHandler, ThreadedServer, start_gateway, start_sim
from test_fuzz_bodies import (
    assert_healthy, assert_one_ledger_row_each, encode, is_anthropic_error, is_openai_error, mutate_bytes,
    mutate_structure,
)

CASES = int(os.environ.get("SWITCHYARD_FUZZ_CASES", "250"))
SEED = int(os.environ.get("SWITCHYARD_FUZZ_SEED", str(0x0B5E55ED)))
TIMEOUT_S = 10.0
TOOLS_OPENAI = [{"type": "function", "function": {"name": "get_weather", "description": "Weather in a city",
                                                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]
PROMPTS = ["echo:Switchyards sort freight cars, ünïcödé 🚂 and all.", "Please use get_weather for Paris."]


def capture_seeds(sim):
    """{(dialect, streamed): [raw answer bytes]} from the simulator, two prompts each."""
    seeds = {}
    for prompt in PROMPTS:
        for streamed in (False, True):
            calls = [
                ("openai", "/v1/chat/completions", {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": prompt}],
                                                    "tools": TOOLS_OPENAI, "stream": streamed,
                                                    **({"stream_options": {"include_usage": True}} if streamed else {})}),
                ("anthropic", "/v1/messages", {"model": "claude-sonnet-4-6", "max_tokens": 64, "stream": streamed,
                                               "messages": [{"role": "user", "content": prompt}],
                                               "tools": [{"name": "get_weather", "description": "Weather in a city",
                                                          "input_schema": TOOLS_OPENAI[0]["function"]["parameters"]}]}),
                ("responses", "/v1/responses", {"model": "o3-pro", "input": prompt, "stream": streamed,
                                                "tools": [{"type": "function", **TOOLS_OPENAI[0]["function"]}]}),
                ("gemini", "/v1beta/models/gemini-2.5-flash:" + ("streamGenerateContent?alt=sse" if streamed else "generateContent"),
                 {"contents": [{"role": "user", "parts": [{"text": prompt}]}],
                  "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Weather in a city",
                                                       "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}]}]}),
            ]
            for dialect, path, body in calls:
                conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=TIMEOUT_S)
                conn.request("POST", path, body=json.dumps(body), headers={
                    "content-type": "application/json", "x-goog-api-key": "k", "x-api-key": "k",
                    "anthropic-version": "2023-06-01", "authorization": "Bearer k"})
                response = conn.getresponse()
                assert response.status == 200, (dialect, path, response.read()[:300])
                seeds.setdefault((dialect, streamed), []).append(response.read())
                conn.close()
    return seeds


def sse_events(raw):
    return [block + b"\n\n" for block in raw.split(b"\n\n") if block.strip()]


def mutate_answer(raw, streamed, rng):
    """A seed answer with one mutation (or, one time in five, none)."""
    if rng.random() < 0.2:
        return raw
    if not streamed:
        if rng.random() < 0.3:
            return mutate_bytes(raw, rng)
        return encode(mutate_structure(json.loads(raw), rng), rng)
    events = sse_events(raw)
    kind = rng.randrange(5)
    at = rng.randrange(len(events))
    if kind == 0:
        del events[at]
    elif kind == 1:
        events.insert(at, events[at])
    elif kind == 2:  # the stream stops in the middle of an event
        events = events[:at] + [events[at][:rng.randrange(1, len(events[at]))]]
    elif kind == 3:
        return mutate_bytes(b"".join(events), rng)
    else:
        lines = events[at].split(b"\n")
        for i, line in enumerate(lines):
            if line.startswith(b"data: {"):
                lines[i] = b"data: " + encode(mutate_structure(json.loads(line[6:]), rng), rng)
        events[at] = b"\n".join(lines)
    return b"".join(events)


class MutatingUpstream(ThreadedServer):
    """Answers each call with a mutated seed of the dialect and mode it was asked in."""

    def __init__(self, seeds, seed):
        rng = random.Random(seed)
        lock = threading.Lock()

        class Handler(QuietHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                if "/v1/messages" in self.path:
                    dialect, streamed = "anthropic", bool(body.get("stream"))
                elif self.path.endswith("/responses"):
                    dialect, streamed = "responses", bool(body.get("stream"))
                elif "/v1beta/" in self.path:
                    dialect, streamed = "gemini", "streamGenerateContent" in self.path
                else:
                    dialect, streamed = "openai", bool(body.get("stream"))
                with lock:
                    answer = mutate_answer(rng.choice(seeds[(dialect, streamed)]), streamed, rng)
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream" if streamed else "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        super().__init__(Handler)


@pytest.fixture(scope="module")
def gw(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz-upstream")
    sim = start_sim(tmp, "sim")
    try:
        seeds = capture_seeds(sim)
    finally:
        sim.stop()
    upstream = MutatingUpstream(seeds, SEED)
    data = tmp / "data"
    config = f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data}
ledger: {{commit_interval_ms: 100}}
timeouts: {{first_byte_ms: 5000, idle_ms: 5000}}
reliability: {{retry: {{max_attempts: 1}}}}
providers:
  - {{name: u-openai, type: openai-compatible, base_url: "{upstream.base}/v1", api_keys: ["sk-u-openai-0123456789"]}}
  - {{name: u-anthropic, type: anthropic, base_url: "{upstream.base}", api_keys: ["sk-u-anthropic-0123456789"]}}
  - {{name: u-gemini, type: gemini, base_url: "{upstream.base}", api_keys: ["sk-u-gemini-0123456789"]}}
  - {{name: u-responses, type: openai-compatible, base_url: "{upstream.base}/v1", api_keys: ["sk-u-responses-0123456789"]}}
models:
  - {{name: mu-openai, provider: u-openai, upstream_model: gpt-4o-mini}}
  - {{name: mu-anthropic, provider: u-anthropic, upstream_model: claude-sonnet-4-6}}
  - {{name: mu-gemini, provider: u-gemini, upstream_model: gemini-2.5-flash}}
  - {{name: mu-responses, provider: u-responses, upstream_model: o3-pro, api: responses}}
"""
    gateway = start_gateway(tmp, config)
    yield gateway, data / "switchyard.db"
    gateway.stop()
    upstream.stop()


def request_body(inbound, model, streamed, prompt):
    if inbound == "openai":
        body = {"model": model, "messages": [{"role": "user", "content": prompt}], "tools": TOOLS_OPENAI, "stream": streamed}
        return "/v1/chat/completions", body
    if inbound == "responses":
        return "/v1/responses", {"model": model, "input": prompt, "stream": streamed,
                                 "tools": [{"type": "function", **TOOLS_OPENAI[0]["function"]}]}
    tools = [{"name": "get_weather", "description": "Weather in a city", "input_schema": TOOLS_OPENAI[0]["function"]["parameters"]}]
    return "/v1/messages", {"model": model, "max_tokens": 64, "stream": streamed, "tools": tools,
                            "messages": [{"role": "user", "content": prompt}]}


def check(inbound, streamed, passed_through, status, headers, payload, case):
    is_error = is_anthropic_error if inbound == "anthropic" else is_openai_error
    assert status in (200, 502), f"{case}: status {status}: {payload[:300]!r}"
    if status != 200:
        assert is_error(json.loads(payload)), f"{case}: {payload[:300]!r}"
        return
    if not streamed or not headers.get("content-type", "").startswith("text/event-stream"):
        json.loads(payload)
        return
    events = sse_events(payload)
    if passed_through:
        # Same dialect on both sides: the stream is relayed as it came, so an upstream that
        # ended without its finish shows that cut (test_conformance_failures pins this).
        return
    assert events, f"{case}: an empty stream"
    last = events[-1]
    if inbound == "openai":
        ended = last.strip() == b"data: [DONE]" or (last.startswith(b"data: {") and "error" in json.loads(last[6:]))
    elif inbound == "responses":
        ended = last.startswith((b"event: response.completed", b"event: response.incomplete", b"event: response.failed"))
    else:
        ended = last.startswith(b"event: message_stop") or last.startswith(b"event: error")
    assert ended, f"{case}: the stream neither ended nor failed in the caller's dialect: {payload[-300:]!r}"


def test_mutated_upstream_answers_reach_the_caller_in_its_dialect(gw):
    gateway, db = gw
    rng = random.Random(SEED + 1)
    request_ids, statuses = [], {}
    conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=TIMEOUT_S)
    for i in range(CASES):
        inbound = rng.choice(["openai", "anthropic", "responses"])
        model = rng.choice(["mu-openai", "mu-anthropic", "mu-gemini", "mu-responses"])
        streamed = rng.random() < 0.5
        path, body = request_body(inbound, model, streamed, rng.choice(PROMPTS))
        case = f"case {i} (seed {SEED}): {inbound} → {model}, {'stream' if streamed else 'whole'}"
        try:
            conn.request("POST", path, body=json.dumps(body), headers={
                "content-type": "application/json", "anthropic-version": "2023-06-01"})
            response = conn.getresponse()
            payload = response.read()
        except (http.client.HTTPException, OSError) as error:
            raise AssertionError(f"{case}: no answer ({error!r})") from error
        headers = {k.lower(): v for k, v in response.getheaders()}
        # A Responses client's answer is always translated, even from a Responses upstream.
        passed_through = model == f"mu-{inbound}" and inbound != "responses"
        check(inbound, streamed, passed_through, response.status, headers, payload, case)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        request_ids.append(headers["x-switchyard-request-id"])
        if headers.get("connection", "").lower() == "close" or response.will_close:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=TIMEOUT_S)
    conn.close()
    assert statuses.get(200, 0) >= CASES // 4, statuses
    assert_one_ledger_row_each(db, request_ids)
    assert_healthy(gateway)
