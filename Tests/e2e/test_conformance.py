"""Conformance matrix: the official openai and anthropic SDKs, through the gateway, to upstreams of
every provider type, streaming and not.

One gateway serves every cell. Its providers, one of each type (`openai`, `openai-compatible`,
`anthropic`, `gemini`), come in sets that differ only in where they point:

- `m-*`: the simulator, directly (plain text);
- `r-*`: the same simulator behind a recording pass-through proxy, so a cell can also check the
  request the upstream received and the answer it sent (tool calls, images, JSON mode);
- `s-*`: a paced simulator (client-side cancel);
- `f<status>-*`: simulators that fail every call with one status (upstream errors);
- `tc-*`, `ta-*`: a fake upstream whose streams stop halfway, cleanly or by dropping the
  connection.

Every cell asserts what the client sees: content, tool calls (names, parsed arguments, ids),
stop or finish reason, usage; a streaming cell also compares itself with the same request made
without streaming. Cells that cannot apply assert the gateway's answer instead (a 400 naming the
unsupported member), so nothing here is skipped.
"""
import base64
import struct
import http.client
import json
import re
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import anthropic
import httpx2 as httpx
import openai
import pytest

from conftest import start_gateway, start_sim

UPSTREAMS = ["openai", "compat", "anthropic", "gemini"]
INBOUND = ["openai", "anthropic"]
MODES = ["whole", "stream"]
PROVIDER_TYPES = {"openai": "openai", "compat": "openai-compatible", "anthropic": "anthropic", "gemini": "gemini"}
UPSTREAM_MODELS = {"openai": "gpt-4o-mini", "compat": "llama-3.1-8b-instruct", "anthropic": "claude-sonnet-4-6",
                   # A Gemini 3 model: the simulator then signs answers and refuses a function call
                   # sent back without its thought signature, as Gemini 3 does.
                   "gemini": "gemini-3-flash-preview"}
# What an upstream dialect is called in, for the pass-through checks.
DIALECT = {"openai": "openai", "compat": "openai", "anthropic": "anthropic", "gemini": "gemini"}
FAIL_STATUSES = [400, 429, 500, 503, 529]

SYSTEM = "You are terse."
ECHO = 'Switchyards sort "freight" cars: ünïcödé 🚂, a back\\slash, a newline\nand a tab\tdone.'
TOOLS_OPENAI = [
    {"type": "function", "function": {
        "name": "get_weather", "description": "Current weather in a city",
        "parameters": {"type": "object", "properties": {
            "location": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
            "required": ["location"]}}},
    {"type": "function", "function": {
        "name": "get_time", "description": "Local time in a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
]
TOOLS_ANTHROPIC = [{"name": t["function"]["name"], "description": t["function"]["description"],
                    "input_schema": t["function"]["parameters"]} for t in TOOLS_OPENAI]
TOOL_PROMPT = "Please use get_weather and get_time for Paris."
EXPECTED_CALLS = [("get_weather", {"location": "Paris"}), ("get_time", {"city": "Paris"})]
# One result that is prose and one that is a JSON object: Gemini wraps the first, takes the second as is.
TOOL_RESULTS = ["15 degrees and sunny", '{"time": "14:00"}']
# A 1x1 PNG.
PNG_B64 = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
JSON_SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}, "temp": {"type": "integer"}},
               "required": ["city", "temp"], "additionalProperties": False}
JSON_ANSWER = {"city": "Paris", "temp": 15}
JSON_OBJECT_INSTRUCTION = "Respond with a single valid JSON object and nothing else"
GEMINI_PLACEHOLDER_SIGNATURE = "skip_thought_signature_validator"


# ---------------------------------------------------------------------------------------------
# A recording pass-through proxy between the gateway and the simulator.

class Recorder:
    """Forwards every request to `target_port` and keeps (path, headers, body, status, answer).

    Streams are relayed as they arrive (chunked), so chunk boundaries reach the gateway roughly
    as the simulator wrote them.
    """

    def __init__(self, target_port):
        self.exchanges = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                self.forward()

            def do_POST(self):
                self.forward()

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                entry = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                         "body": body, "status": None, "answer": b""}
                recorder.exchanges.append(entry)
                upstream = http.client.HTTPConnection("127.0.0.1", target_port, timeout=30)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "connection", "transfer-encoding", "expect")}
                try:
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    entry["status"] = response.status
                    self.send_response(response.status)
                    for name, value in response.getheaders():
                        if name.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                            self.send_header(name, value)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    while True:
                        data = response.read1(65536)
                        if not data:
                            break
                        entry["answer"] += data
                        self.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
                        self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except OSError:
                    self.close_connection = True
                finally:
                    upstream.close()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def mark(self):
        return len(self.exchanges)

    def since(self, mark):
        return self.exchanges[mark:]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Truncator:
    """An upstream whose streams stop halfway, in the dialect the path asks for.

    Under `/clean` the response ends properly (last chunk sent) but the stream lacks its finish
    (`finish_reason`/`[DONE]`, `message_delta`/`message_stop`, `finishReason`); under `/abort`
    the connection is dropped mid-body, as a crashing upstream would.
    """

    OPENAI = [
        {"id": "chatcmpl-t", "object": "chat.completion.chunk", "created": 1, "model": "m",
         "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]},
        {"id": "chatcmpl-t", "object": "chat.completion.chunk", "created": 1, "model": "m",
         "choices": [{"index": 0, "delta": {"content": "partial"}, "finish_reason": None}]},
    ]
    ANTHROPIC = [
        ("message_start", {"type": "message_start", "message": {
            "id": "msg_t", "type": "message", "role": "assistant", "model": "m", "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 5, "output_tokens": 1}}}),
        ("content_block_start", {"type": "content_block_start", "index": 0,
                                 "content_block": {"type": "text", "text": ""}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                 "delta": {"type": "text_delta", "text": "partial"}}),
    ]
    GEMINI = [{"candidates": [{"content": {"parts": [{"text": "partial"}], "role": "model"}, "index": 0}],
               "usageMetadata": {"promptTokenCount": 5, "totalTokenCount": 5}, "modelVersion": "m",
               "responseId": "r1"}]

    def __init__(self):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "/v1/messages" in self.path:
                    events = [f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in Truncator.ANTHROPIC]
                elif "/v1beta/" in self.path:
                    events = [f"data: {json.dumps(data)}\n\n" for data in Truncator.GEMINI]
                else:
                    events = [f"data: {json.dumps(data)}\n\n" for data in Truncator.OPENAI]
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for event in events:
                    data = event.encode()
                    self.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
                    self.wfile.flush()
                if self.path.startswith("/abort"):
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------------------------
# Fixtures: one simulator per behaviour, one gateway, for the whole module.

def provider_block(prefix, base):
    out = []
    for up in UPSTREAMS:
        url = base + "/v1" if DIALECT[up] == "openai" else base
        out.append(f"""  - name: {prefix}-{up}
    type: {PROVIDER_TYPES[up]}
    base_url: {url}
    api_keys: ["sk-conformance-{up}-0123456789"]""")
    return "\n".join(out)


def model_block(prefix):
    return "\n".join(f"""  - name: {prefix}-{up}
    provider: {prefix}-{up}
    upstream_model: {UPSTREAM_MODELS[up]}""" for up in UPSTREAMS)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("conformance")
    procs, servers = [], []
    try:
        main = start_sim(tmp, "sim")
        procs.append(main)
        slow = start_sim(tmp, "slowsim", "--tokens-per-second", "20")
        procs.append(slow)
        failing = {}
        for status in FAIL_STATUSES:
            flags = ["--fail-rate", "1", "--fail-status", str(status)]
            if status == 429:
                flags += ["--retry-after", "3"]
            failing[status] = start_sim(tmp, f"fail{status}", *flags)
            procs.append(failing[status])
        recorder = Recorder(main.port)
        servers.append(recorder)
        truncator = Truncator()
        servers.append(truncator)
        sets = [("m", main.base), ("r", recorder.base), ("s", slow.base)]
        sets += [(f"f{status}", p.base) for status, p in failing.items()]
        sets += [("tc", truncator.base + "/clean"), ("ta", truncator.base + "/abort")]
        config = f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {tmp / "data"}
timeouts:
  first_byte_ms: 20000
  idle_ms: 20000
providers:
{chr(10).join(provider_block(prefix, base) for prefix, base in sets)}
models:
{chr(10).join(model_block(prefix) for prefix, _ in sets)}
"""
        gateway = start_gateway(tmp, config)
        procs.append(gateway)
        yield {"gateway": gateway, "sim": main, "slow": slow, "failing": failing, "recorder": recorder,
               "models": [f"{prefix}-{up}" for prefix, _ in sets for up in UPSTREAMS]}
    finally:
        for server in servers:
            server.stop()
        for p in reversed(procs):
            p.stop()


def oa(env, **kw):
    return openai.OpenAI(base_url=env["gateway"].base + "/v1", api_key="sk-client", max_retries=0, **kw)


def an(env, **kw):
    return anthropic.Anthropic(base_url=env["gateway"].base, api_key="sk-ant-client", max_retries=0,
                               _strict_response_validation=True, **kw)


def sim_stats(sim):
    with urllib.request.urlopen(sim.base + "/sim/stats", timeout=2) as r:
        return json.load(r)


def metric(env, name, **labels):
    """The value of one series in the gateway's /metrics, 0 when absent."""
    text = httpx.get(env["gateway"].base + "/metrics").text
    for line in text.splitlines():
        if not line.startswith(name):
            continue
        series, _, value = line.rpartition(" ")
        m = re.fullmatch(re.escape(name) + r"(?:\{(.*)\})?", series)
        if not m:
            continue
        got = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1) or ""))
        if all(got.get(k) == v for k, v in labels.items()):
            return float(value)
    return 0.0


# ---------------------------------------------------------------------------------------------
# What the client saw, in one shape for both SDKs.

class Reply:
    def __init__(self, text, calls, stop, usage_in, usage_out, model, blocks=(), id=None, content=None):
        self.text, self.calls, self.stop = text, calls, stop
        self.usage_in, self.usage_out, self.model, self.blocks, self.id = usage_in, usage_out, model, list(blocks), id
        # Anthropic: the content blocks as a client sends them back on the next turn.
        self.content = content

    def __repr__(self):
        return f"Reply({self.__dict__})"


def openai_call(env, model, stream, messages, **kw):
    c = oa(env)
    if not stream:
        r = c.chat.completions.create(model=model, messages=messages, **kw)
        assert r.object == "chat.completion" and len(r.choices) == 1 and r.choices[0].index == 0
        m = r.choices[0].message
        assert m.role == "assistant"
        calls = [(t.id, t.function.name, json.loads(t.function.arguments)) for t in m.tool_calls or []]
        assert all(t.type == "function" for t in m.tool_calls or [])
        assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens
        return Reply(m.content or "", calls, r.choices[0].finish_reason, r.usage.prompt_tokens,
                     r.usage.completion_tokens, r.model, id=r.id)
    chunks = list(c.chat.completions.create(model=model, messages=messages, stream=True,
                                            stream_options={"include_usage": True}, **kw))
    assert chunks, "an empty stream"
    assert all(ch.object == "chat.completion.chunk" for ch in chunks)
    assert len({ch.id for ch in chunks}) == 1, "every chunk of one completion has the same id"
    assert len({ch.model for ch in chunks}) == 1
    body = [ch for ch in chunks if ch.choices]
    assert body[0].choices[0].delta.role == "assistant"
    finishes = [ch.choices[0].finish_reason for ch in body if ch.choices[0].finish_reason]
    assert len(finishes) == 1 and body[-1].choices[0].finish_reason, "exactly one finish_reason, on the last choice chunk"
    last = chunks[-1]
    assert last.choices == [] and last.usage is not None, "include_usage ends the stream with a usage chunk"
    assert all(ch.usage is None for ch in chunks[:-1])
    assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    text = "".join(ch.choices[0].delta.content or "" for ch in body)
    slots = {}
    for ch in body:
        for t in ch.choices[0].delta.tool_calls or []:
            slot = slots.setdefault(t.index, {"id": None, "name": "", "args": ""})
            if t.id:
                assert slot["id"] is None, "a call's id is sent once, with its first fragment"
                slot["id"] = t.id
            if t.function and t.function.name:
                slot["name"] += t.function.name
            if t.function and t.function.arguments:
                slot["args"] += t.function.arguments
    assert sorted(slots) == list(range(len(slots))), "tool call indexes are 0..n-1"
    calls = [(slots[i]["id"], slots[i]["name"], json.loads(slots[i]["args"])) for i in sorted(slots)]
    return Reply(text, calls, finishes[0], last.usage.prompt_tokens, last.usage.completion_tokens, chunks[0].model,
                 id=chunks[0].id)


RAW_EVENTS = {"message_start", "content_block_start", "content_block_delta", "content_block_stop",
              "message_delta", "message_stop"}


def check_anthropic_event_order(events):
    types = [e.type for e in events]
    assert types[0] == "message_start" and types[-2:] == ["message_delta", "message_stop"], types
    assert events[0].message.content == [] and events[0].message.stop_reason is None
    open_block = None
    next_index = 0
    for e in events[1:-2]:
        if e.type == "content_block_start":
            assert open_block is None and e.index == next_index, types
            open_block = e.index
        elif e.type == "content_block_delta":
            assert e.index == open_block, types
        elif e.type == "content_block_stop":
            assert e.index == open_block, types
            open_block, next_index = None, next_index + 1
        else:
            raise AssertionError(f"unexpected {e.type} in {types}")
    assert open_block is None, types


def anthropic_call(env, model, stream, messages, max_tokens=512, **kw):
    c = an(env)
    if not stream:
        r = c.messages.create(model=model, max_tokens=max_tokens, messages=messages, **kw)
    else:
        with c.messages.stream(model=model, max_tokens=max_tokens, messages=messages, **kw) as s:
            events = [e for e in s if e.type in RAW_EVENTS]
            r = s.get_final_message()
        check_anthropic_event_order(events)
        assert events[-2].delta.stop_reason == r.stop_reason
    assert r.type == "message" and r.role == "assistant" and r.id.startswith("msg_")
    text = "".join(b.text for b in r.content if b.type == "text")
    calls = [(b.id, b.name, b.input) for b in r.content if b.type == "tool_use"]
    u = r.usage
    usage_in = u.input_tokens + (u.cache_read_input_tokens or 0) + (u.cache_creation_input_tokens or 0)
    thinking = [b for b in r.content if b.type == "thinking"]
    # Thinking the gateway shows an Anthropic client only carries a Gemini thought signature.
    assert all(b.thinking == "" and b.signature.startswith("gemini:") for b in thinking), thinking
    return Reply(text, calls, r.stop_reason, usage_in, u.output_tokens, r.model, [b.type for b in r.content], id=r.id,
                 content=[b.model_dump(exclude_none=True) for b in r.content])


def call(env, inbound, model, stream, messages, **kw):
    return (openai_call if inbound == "openai" else anthropic_call)(env, model, stream, messages, **kw)


def echo_pieces(text):
    """The simulator's tokenisation of an echoed text (ContentGenerator.echoPieces)."""
    pieces, current, length = [], "", 0
    for ch in text:
        if ch.isspace():
            if length:
                pieces.append(current)
                current, length = "", 0
            current += ch
        else:
            if length == 8:
                pieces.append(current)
                current, length = "", 0
            current += ch
            length += 1
    if current:
        pieces.append(current)
    return pieces


def prompt_tokens(*texts):
    """The simulator's prompt estimate (TokenEstimator.promptTokens)."""
    return 3 + sum(4 + -(-len(t.encode()) // 4) for t in texts)


def stop_word(inbound, kind):
    table = {"openai": {"end": "stop", "tools": "tool_calls", "length": "length"},
             "anthropic": {"end": "end_turn", "tools": "tool_use", "length": "max_tokens"}}
    return table[inbound][kind]


def text_messages(inbound, user_content):
    if inbound == "openai":
        return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user_content}], {}
    return [{"role": "user", "content": user_content}], {"system": SYSTEM}


def assert_same_reply(streamed, whole):
    assert streamed.text == whole.text
    assert [(n, a) for _, n, a in streamed.calls] == [(n, a) for _, n, a in whole.calls]
    assert streamed.stop == whole.stop
    assert (streamed.usage_in, streamed.usage_out) == (whole.usage_in, whole.usage_out), \
        "usage is the same streamed or not"
    assert streamed.model == whole.model, "the model the client is told is the same streamed or not"
    # A Gemini signature that arrives on the last, empty text part of a stream lands after the
    # text; in a whole answer it comes before the text it sat on. Either way it goes back the same.
    assert sorted(streamed.blocks) == sorted(whole.blocks)


# ---------------------------------------------------------------------------------------------
# Reading what the recorder saw.

def sse_payloads(raw):
    out = []
    for line in raw.decode().splitlines():
        if line.startswith("data:"):
            data = line[5:].strip()
            if data and data != "[DONE]":
                out.append(json.loads(data))
    return out


def fnv1a32(text):
    h = 0x811C9DC5
    for b in text.encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def upstream_calls(exchange, upstream):
    """(ids, signature) of the tool calls in a recorded upstream answer, whole or streamed; for
    Gemini, the ids the gateway documents it makes (`call_<fnv1a(responseId)>_<n>_<name>`)."""
    streamed = "text/event-stream" in exchange["headers"].get("accept", "") or b"data:" in exchange["answer"][:64]
    docs = sse_payloads(exchange["answer"]) if streamed else [json.loads(exchange["answer"])]
    dialect = DIALECT[upstream]
    if dialect == "openai":
        ids = []
        for d in docs:
            for choice in d.get("choices", []):
                message = choice.get("message") or choice.get("delta") or {}
                ids += [t["id"] for t in message.get("tool_calls") or [] if t.get("id")]
        return ids, None
    if dialect == "anthropic":
        if streamed:
            return [d["content_block"]["id"] for d in docs
                    if d["type"] == "content_block_start" and d["content_block"]["type"] == "tool_use"], None
        return [b["id"] for b in docs[0]["content"] if b["type"] == "tool_use"], None
    response_id = next(d["responseId"] for d in docs if d.get("responseId"))
    parts = [p for d in docs for c in d.get("candidates", []) for p in c.get("content", {}).get("parts", [])]
    calls = [p for p in parts if "functionCall" in p]
    tag = fnv1a32(response_id)
    ids = [f"call_{tag}_{i}_{p['functionCall']['name']}" for i, p in enumerate(calls)]
    return ids, calls[0].get("thoughtSignature") if calls else None


def chat_exchanges(recorder, mark):
    return [e for e in recorder.since(mark) if e["body"] and e["path"] != "/sim/stats"]


# ---------------------------------------------------------------------------------------------
# The matrix: plain text.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_plain_text(env, inbound, upstream, mode):
    model = f"m-{upstream}"
    messages, extra = text_messages(inbound, "echo:" + ECHO)
    reply = call(env, inbound, model, mode == "stream", messages, **extra)
    assert reply.text == ECHO
    assert reply.calls == []
    assert reply.stop == stop_word(inbound, "end")
    assert reply.usage_out == len(echo_pieces(ECHO)), "one output token per echoed piece"
    assert reply.usage_in == prompt_tokens(SYSTEM, "echo:" + ECHO), "the upstream saw the system prompt and the user turn"
    if inbound == "anthropic":
        # A Gemini 3 answer signs its last text part; the signature travels as an empty thinking block.
        assert sorted(reply.blocks) == (["text", "thinking"] if upstream == "gemini" else ["text"])
    if mode == "stream":
        assert_same_reply(reply, call(env, inbound, model, False, messages, **extra))


@pytest.mark.parametrize("upstream", UPSTREAMS)
def test_openai_stream_without_include_usage_has_no_usage_chunk(env, upstream):
    messages, _ = text_messages("openai", "echo:" + ECHO)
    chunks = list(oa(env).chat.completions.create(model=f"m-{upstream}", messages=messages, stream=True))
    assert all(ch.choices for ch in chunks), "no usage-only chunk for a client that did not ask"
    assert all(ch.usage is None for ch in chunks)
    assert "".join(ch.choices[0].delta.content or "" for ch in chunks) == ECHO
    assert chunks[-1].choices[0].finish_reason == "stop"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_max_tokens_stop_reason(env, inbound, upstream, mode):
    messages, extra = text_messages(inbound, "echo:" + ECHO)
    limit = {"max_tokens": 4}
    reply = call(env, inbound, f"m-{upstream}", mode == "stream", messages, **extra, **limit)
    assert reply.text == "".join(echo_pieces(ECHO)[:4])
    assert reply.stop == stop_word(inbound, "length")
    assert reply.usage_out == 4


# ---------------------------------------------------------------------------------------------
# The matrix: a tool call round trip with two parallel calls.

def check_round_two_upstream_body(body, inbound, upstream, ids, signature):
    """The second upstream request carries the calls and both results, ids matched."""
    dialect = DIALECT[upstream]
    if dialect == "openai":
        assistant = [m for m in body["messages"] if m["role"] == "assistant"][-1]
        assert [t["id"] for t in assistant["tool_calls"]] == ids
        assert [(t["function"]["name"], json.loads(t["function"]["arguments"])) for t in assistant["tool_calls"]] \
            == EXPECTED_CALLS
        results = [m for m in body["messages"] if m["role"] == "tool"]
        assert [m["tool_call_id"] for m in results] == ids
        assert [m["content"] if isinstance(m["content"], str) else "".join(p["text"] for p in m["content"])
                for m in results] == TOOL_RESULTS
    elif dialect == "anthropic":
        assistant = [m for m in body["messages"] if m["role"] == "assistant"][-1]
        uses = [b for b in assistant["content"] if b["type"] == "tool_use"]
        assert [(b["id"], b["name"], b["input"]) for b in uses] == [(i, n, a) for i, (n, a) in zip(ids, EXPECTED_CALLS)]
        last = body["messages"][-1]
        assert last["role"] == "user"
        results = [b for b in last["content"] if b["type"] == "tool_result"]
        assert [b["tool_use_id"] for b in results] == ids
        assert last["content"][:len(results)] == results, "tool_result blocks come first in their turn"
        contents = [b["content"] if isinstance(b["content"], str) else "".join(p["text"] for p in b["content"])
                    for b in results]
        assert contents == TOOL_RESULTS
    else:
        model_turn = [c for c in body["contents"] if c["role"] == "model"][-1]
        fcalls = [p for p in model_turn["parts"] if "functionCall" in p]
        assert [(p["functionCall"]["name"], p["functionCall"]["args"]) for p in fcalls] == EXPECTED_CALLS
        last = body["contents"][-1]
        assert last["role"] == "user"
        responses = [p["functionResponse"] for p in last["parts"] if "functionResponse" in p]
        assert [r["name"] for r in responses] == ["get_weather", "get_time"]
        assert responses[0]["response"] == {"output": TOOL_RESULTS[0]}
        assert responses[1]["response"] == json.loads(TOOL_RESULTS[1])
        sent = fcalls[0].get("thoughtSignature")
        if inbound == "anthropic":
            # An Anthropic client can carry the signature (as a signature-only thinking block), so
            # Gemini must get back the one it issued.
            assert sent == signature, f"Gemini's thought signature was not carried across the turn: sent {sent!r}"
        else:
            # OpenAI chat has no place for it: Google's documented placeholder keeps Gemini 3 from
            # refusing the turn.
            assert sent in (signature, GEMINI_PLACEHOLDER_SIGNATURE), fcalls[0]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_tool_call_round_trip(env, inbound, upstream, mode):
    rec = env["recorder"]
    model = f"r-{upstream}"
    stream = mode == "stream"
    mark = rec.mark()
    if inbound == "openai":
        first_messages = [{"role": "user", "content": TOOL_PROMPT}]
        first = openai_call(env, model, stream, first_messages, tools=TOOLS_OPENAI)
    else:
        first_messages = [{"role": "user", "content": TOOL_PROMPT}]
        first = anthropic_call(env, model, stream, first_messages, tools=TOOLS_ANTHROPIC)
    assert [(n, a) for _, n, a in first.calls] == EXPECTED_CALLS
    ids = [i for i, _, _ in first.calls]
    assert all(ids) and len(set(ids)) == 2
    assert first.stop == stop_word(inbound, "tools")
    assert first.usage_in > 0 and first.usage_out > 0
    assert first.text == ""
    if inbound == "anthropic":
        assert [b for b in first.blocks if b != "thinking"] == ["tool_use", "tool_use"]

    (round_one,) = chat_exchanges(rec, mark)
    upstream_ids, signature = upstream_calls(round_one, upstream)
    assert ids == upstream_ids, "the client sees the upstream's call ids (Gemini's made as documented)"
    if DIALECT[upstream] == "gemini":
        assert signature, "the simulated Gemini 3 signs its first function call"

    mark = rec.mark()
    if inbound == "openai":
        assistant = {"role": "assistant", "content": None, "tool_calls": [
            {"id": i, "type": "function", "function": {"name": n, "arguments": json.dumps(a)}} for i, n, a in first.calls]}
        follow_up = first_messages + [assistant] + [
            {"role": "tool", "tool_call_id": i, "content": result} for i, result in zip(ids, TOOL_RESULTS)]
        second = openai_call(env, model, stream, follow_up, tools=TOOLS_OPENAI)
    else:
        assistant = {"role": "assistant", "content": first.content}  # As the client got it, thinking included.
        results = {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": i, "content": result} for i, result in zip(ids, TOOL_RESULTS)]}
        second = anthropic_call(env, model, stream, first_messages + [assistant, results], tools=TOOLS_ANTHROPIC)
    assert second.calls == [], "after the results the model answers in text"
    assert len(second.text) > 10
    assert second.stop == stop_word(inbound, "end")
    assert second.usage_in > first.usage_in and second.usage_out > 0
    (round_two,) = chat_exchanges(rec, mark)
    assert round_two["status"] == 200
    check_round_two_upstream_body(json.loads(round_two["body"]), inbound, upstream, ids, signature)

    if stream:
        # The same first round, not streamed: same calls, stop reason and usage.
        again = (openai_call(env, model, False, first_messages, tools=TOOLS_OPENAI) if inbound == "openai"
                 else anthropic_call(env, model, False, first_messages, tools=TOOLS_ANTHROPIC))
        assert [(n, a) for _, n, a in again.calls] == EXPECTED_CALLS
        assert (again.stop, again.usage_in, again.usage_out) == (first.stop, first.usage_in, first.usage_out)
        assert again.model == first.model, "the model the client is told is the same streamed or not"


# ---------------------------------------------------------------------------------------------
# The matrix: image input.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_image_input(env, inbound, upstream, mode):
    rec = env["recorder"]
    model = f"r-{upstream}"
    if inbound == "openai":
        content = [{"type": "text", "text": "echo:a tiny picture"},
                   {"type": "image_url", "image_url": {"url": "data:image/png;base64," + PNG_B64}}]
    else:
        content = [{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG_B64}},
                   {"type": "text", "text": "echo:a tiny picture"}]
    messages, extra = text_messages(inbound, content)
    mark = rec.mark()
    reply = call(env, inbound, model, mode == "stream", messages, **extra)
    assert reply.text == "a tiny picture"
    assert reply.stop == stop_word(inbound, "end")
    assert reply.usage_in > 0 and reply.usage_out == 3
    (exchange,) = chat_exchanges(rec, mark)
    body = json.loads(exchange["body"])
    dialect = DIALECT[upstream]
    if dialect == "openai":
        parts = body["messages"][-1]["content"]
        images = [p for p in parts if p["type"] == "image_url"]
        assert [p["image_url"]["url"] for p in images] == ["data:image/png;base64," + PNG_B64]
    elif dialect == "anthropic":
        images = [b for b in body["messages"][-1]["content"] if b["type"] == "image"]
        assert [b["source"] for b in images] == [{"type": "base64", "media_type": "image/png", "data": PNG_B64}]
    else:
        parts = body["contents"][-1]["parts"]
        assert [p["inlineData"] for p in parts if "inlineData" in p] == [{"mimeType": "image/png", "data": PNG_B64}]
    if mode == "stream":
        assert_same_reply(reply, call(env, inbound, model, False, messages, **extra))


# ---------------------------------------------------------------------------------------------
# The matrix: JSON mode.

JSON_KINDS = [("openai", "json_object"), ("openai", "json_schema"), ("anthropic", "json_schema")]


def json_request(inbound, kind):
    if inbound == "openai" and kind == "json_object":
        return {"response_format": {"type": "json_object"}}
    if inbound == "openai":
        return {"response_format": {"type": "json_schema", "json_schema": {
            "name": "weather", "strict": True, "schema": JSON_SCHEMA}}}
    return {"output_config": {"format": {"type": "json_schema", "schema": JSON_SCHEMA}}}


def check_json_upstream_body(body, inbound, kind, upstream):
    dialect = DIALECT[upstream]
    if dialect == inbound:
        return  # Passed through: the member is the client's own.
    if dialect == "openai":
        assert body["response_format"] == {"type": "json_schema", "json_schema": {
            "name": "response", "schema": JSON_SCHEMA, "strict": True}}
    elif dialect == "anthropic":
        if kind == "json_object":
            system = body["system"] if isinstance(body["system"], str) else " ".join(b["text"] for b in body["system"])
            assert JSON_OBJECT_INSTRUCTION in system and SYSTEM in system
            assert "output_config" not in body
        else:
            assert body["output_config"] == {"format": {"type": "json_schema", "schema": JSON_SCHEMA}}
    else:
        config = body["generationConfig"]
        assert config["responseMimeType"] == "application/json"
        if kind == "json_object":
            assert "responseSchema" not in config
        else:
            schema = config["responseSchema"]
            assert schema["type"].upper() == "OBJECT"
            assert set(schema["properties"]) == {"city", "temp"}
            assert schema["properties"]["temp"]["type"].upper() == "INTEGER"
            assert schema["required"] == ["city", "temp"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound,kind", JSON_KINDS)
def test_json_mode(env, inbound, kind, upstream, mode):
    rec = env["recorder"]
    model = f"r-{upstream}"
    messages, extra = text_messages(inbound, "echo:" + json.dumps(JSON_ANSWER))
    mark = rec.mark()
    reply = call(env, inbound, model, mode == "stream", messages, **extra, **json_request(inbound, kind))
    assert json.loads(reply.text) == JSON_ANSWER
    assert reply.stop == stop_word(inbound, "end")
    assert reply.usage_in > 0 and reply.usage_out > 0
    (exchange,) = chat_exchanges(rec, mark)
    assert exchange["status"] == 200
    check_json_upstream_body(json.loads(exchange["body"]), inbound, kind, upstream)
    if mode == "stream":
        assert_same_reply(reply, call(env, inbound, model, False, messages, **extra, **json_request(inbound, kind)))


# ---------------------------------------------------------------------------------------------
# The matrix: upstream errors, in the caller's dialect.

# (exception class, status) the caller gets, by inbound dialect, upstream and injected status.
# Same dialect: the provider's status and body pass through. Across dialects: the error's kind
# (rate limited, overloaded, server, invalid request) decides, in the caller's terms.
def expected_error(inbound, upstream, status):
    dialect = DIALECT[upstream]
    if status == 400:
        return (openai.BadRequestError if inbound == "openai" else anthropic.BadRequestError), 400, "invalid_request_error"
    if status == 429:
        return (openai.RateLimitError if inbound == "openai" else anthropic.RateLimitError), 429, "rate_limit_error"
    if inbound == "openai":
        if status == 500:
            return openai.InternalServerError, 500, None
        if status == 503:
            return openai.InternalServerError, 503, None
        # 529: passed through from an OpenAI-dialect upstream; Anthropic's overload is OpenAI's 503;
        # Gemini labels an unknown 529 `UNKNOWN`, a server error that keeps its status.
        return openai.InternalServerError, {"openai": 529, "anthropic": 503, "gemini": 529}[dialect], None
    if status == 500:
        return anthropic.InternalServerError, 500, "api_error"
    if status == 503:
        # Anthropic's own 503 passes through; OpenAI's "overloaded" 503 and Gemini's UNAVAILABLE are overloads.
        if dialect == "anthropic":
            return anthropic.ServiceUnavailableError, 503, None
        return anthropic.OverloadedError, 529, "overloaded_error"
    if dialect == "gemini":
        return anthropic.InternalServerError, 500, "api_error"
    return anthropic.OverloadedError, 529, "overloaded_error"


@pytest.mark.parametrize("status", FAIL_STATUSES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_upstream_error(env, inbound, upstream, mode, status):
    model = f"f{status}-{upstream}"
    before = sim_stats(env["failing"][status])["failures_injected"]
    cls, want_status, want_type = expected_error(inbound, upstream, status)
    messages, extra = text_messages(inbound, "Hello?")
    with pytest.raises(cls) as caught:
        if inbound == "openai":
            result = oa(env).chat.completions.create(model=model, messages=messages, stream=mode == "stream")
        else:
            result = an(env).messages.create(model=model, max_tokens=64, messages=messages,
                                             stream=mode == "stream", **extra)
        if mode == "stream":
            list(result)
    e = caught.value
    assert type(e) is cls, f"{type(e).__name__} is not {cls.__name__}"
    assert e.status_code == want_status
    # A single deployment: a retryable failure (429, 5xx, 529) is tried once more on it while its
    # circuit is closed (the reliability policy's per-deployment attempts); once repeated failures
    # open the circuit the only deployment still gets one forced attempt. A 400 is never retried.
    calls = sim_stats(env["failing"][status])["failures_injected"] - before
    assert calls == 1 if status == 400 else calls in (1, 2), f"the upstream was called {calls} time(s)"
    assert e.response.headers["content-type"].startswith("application/json")
    if inbound == "openai":
        assert isinstance(e.body, dict) and e.body.get("message"), e.body
        if status == 429:
            assert e.body.get("code") == "rate_limit_exceeded", e.body
        if status == 400:
            assert e.body.get("type") == "invalid_request_error", e.body
    else:
        raw = e.response.json()
        assert raw["type"] == "error" and raw["error"]["message"], raw
        if want_type:
            assert raw["error"]["type"] == want_type, raw
    if status == 429:
        assert e.response.headers.get("retry-after") == "3", \
            f"429 keeps the upstream's retry delay (headers: {dict(e.response.headers)})"


# ---------------------------------------------------------------------------------------------
# The matrix: client-side cancel.

LONG_ECHO = "echo:" + " ".join(f"word{i}" for i in range(300))  # 300 tokens: 15 s at 20 tokens/s.


def wait_for(predicate, timeout=3.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_cancel_mid_stream(env, inbound, upstream):
    slow = env["slow"]
    model = f"s-{upstream}"
    before = sim_stats(slow)
    messages, extra = text_messages(inbound, LONG_ECHO)
    t0 = time.time()
    if inbound == "openai":
        stream = oa(env).chat.completions.create(model=model, messages=messages, stream=True)
        got = ""
        for chunk in stream:
            got += (chunk.choices[0].delta.content or "") if chunk.choices else ""
            if got:
                break
        stream.close()
    else:
        with an(env).messages.stream(model=model, max_tokens=1024, messages=messages, **extra) as s:
            got = ""
            for text in s.text_stream:
                got += text
                if got:
                    break
    assert got.startswith("word0")
    assert wait_for(lambda: sim_stats(slow)["streams_cancelled"] == before["streams_cancelled"] + 1), sim_stats(slow)
    assert time.time() - t0 < 5, "the upstream stream ended long before it would have finished"
    after = sim_stats(slow)
    assert after["streams_completed"] == before["streams_completed"]
    assert after["active_streams"] == 0
    assert wait_for(lambda: metric(env, "switchyard_upstream_in_flight") == 0)


@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_cancel_while_waiting_for_a_whole_answer(env, inbound, upstream):
    """A non-streaming client that gives up: the gateway drops the upstream call at once."""
    model = f"s-{upstream}"
    labels = {"model": model, "error": "client_closed"}
    before = metric(env, "switchyard_errors_total", **labels)
    messages, extra = text_messages(inbound, LONG_ECHO)
    t0 = time.time()
    if inbound == "openai":
        with pytest.raises(openai.APITimeoutError):
            oa(env, timeout=0.4).chat.completions.create(model=model, messages=messages)
    else:
        with pytest.raises(anthropic.APITimeoutError):
            an(env, timeout=0.4).messages.create(model=model, max_tokens=1024, messages=messages, **extra)
    assert wait_for(lambda: metric(env, "switchyard_errors_total", **labels) == before + 1)
    assert wait_for(lambda: metric(env, "switchyard_upstream_in_flight") == 0)
    assert time.time() - t0 < 5, "the upstream call was dropped, not waited out (the answer takes 15 s)"


# ---------------------------------------------------------------------------------------------
# Upstream streams that stop halfway.

@pytest.mark.parametrize("how", ["clean", "abort"])
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_upstream_stream_cut_short(env, inbound, upstream, how):
    """A translated stream whose upstream stops before its finish ends with an error the SDK
    raises; a passed-through one shows the cut (no finish), and a dropped connection is an error
    event in every case."""
    model = f"t{how[0]}-{upstream}"
    passed_through = DIALECT[upstream] == inbound
    expect_error = how == "abort" or not passed_through
    got = ""
    seen = []
    if inbound == "openai":
        stream = oa(env).chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}],
                                                 stream=True)
        if expect_error:
            with pytest.raises(openai.APIError) as e:
                for chunk in stream:
                    seen.append(chunk)
            assert e.value.message, e.value
        else:
            seen = list(stream)
            assert all(c.choices[0].finish_reason is None for c in seen if c.choices), "the cut is not hidden"
        got = "".join(c.choices[0].delta.content or "" for c in seen if c.choices)
    else:
        stream = an(env).messages.create(model=model, max_tokens=64, stream=True,
                                         messages=[{"role": "user", "content": "hi"}])
        if expect_error:
            with pytest.raises(anthropic.APIStatusError) as e:
                for event in stream:
                    seen.append(event)
            assert e.value.body["error"]["message"], e.value.body
        else:
            seen = list(stream)
            assert "message_stop" not in [ev.type for ev in seen], "the cut is not hidden"
        got = "".join(ev.delta.text for ev in seen if ev.type == "content_block_delta")
    assert got == "partial", "what arrived before the cut reached the client"


# ---------------------------------------------------------------------------------------------
# Cells that cannot translate: a 400 naming what is unsupported; the same request passes through
# untouched when the upstream speaks the caller's dialect.

UNSUPPORTED = [
    ("openai", "n=2", {"n": 2}, "n"),
    ("openai", "audio", {"messages": [{"role": "user", "content": [
        {"type": "text", "text": "echo:listen"},
        {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}]}]},
     "messages[0].content[1].input_audio"),
    ("anthropic", "top_k", {"top_k": 5}, "top_k"),
    ("anthropic", "document", {"messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "A memo."}},
        {"type": "text", "text": "echo:read it"}]}]}, "messages.0.content.0"),
]


@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound,name,member,param", UNSUPPORTED, ids=[u[1] for u in UNSUPPORTED])
def test_untranslatable_member(env, inbound, name, member, param, upstream):
    model = f"m-{upstream}"
    body = {"model": model, "messages": [{"role": "user", "content": "echo:fine"}], **member}
    headers = {"content-type": "application/json"}
    if inbound == "openai":
        path = "/v1/chat/completions"
    else:
        path = "/v1/messages"
        body["max_tokens"] = 64
        headers.update({"x-api-key": "k", "anthropic-version": "2023-06-01"})
    r = httpx.post(env["gateway"].base + path, json=body, headers=headers, timeout=10)
    if DIALECT[upstream] == inbound:
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 400, r.text
    if inbound == "openai":
        err = r.json()["error"]
        assert err["type"] == "invalid_request_error" and err["code"] == "unsupported"
        assert err["param"] == param
    else:
        raw = r.json()
        assert raw["type"] == "error" and raw["error"]["type"] == "invalid_request_error"
        err = raw["error"]
    assert param in err["message"] and "cannot express" in err["message"], err


@pytest.mark.parametrize("upstream", UPSTREAMS)
def test_image_url_by_reference(env, upstream):
    """Gemini fetches no arbitrary URL: a clear 400 there; the others take the URL."""
    url = "https://example.com/cat.png"
    messages = [{"role": "user", "content": [{"type": "text", "text": "echo:cat"},
                                             {"type": "image_url", "image_url": {"url": url}}]}]
    rec = env["recorder"]
    mark = rec.mark()
    if DIALECT[upstream] == "gemini":
        with pytest.raises(openai.BadRequestError) as e:
            oa(env).chat.completions.create(model=f"r-{upstream}", messages=messages)
        assert "image URL" in e.value.body["message"] and url in e.value.body["message"]
        assert chat_exchanges(rec, mark) == [], "nothing was sent upstream"
        return
    reply = openai_call(env, f"r-{upstream}", False, messages)
    assert reply.text == "cat"
    body = json.loads(chat_exchanges(rec, mark)[0]["body"])
    if DIALECT[upstream] == "anthropic":
        assert body["messages"][0]["content"][1]["source"] == {"type": "url", "url": url}


# ---------------------------------------------------------------------------------------------
# Embeddings and the model list.

def floats(embedding):
    if isinstance(embedding, str):
        raw = base64.b64decode(embedding)
        return list(struct.unpack(f"<{len(raw) // 4}f", raw))
    return embedding


@pytest.mark.parametrize("upstream,dims", [("compat", 1536), ("openai", 1536), ("gemini", 768)])
@pytest.mark.parametrize("encoding", ["base64", "float"])
def test_embeddings(env, upstream, dims, encoding):
    inputs = ["switchyard", "ünïcödé 🚂 freight"]
    r = oa(env).embeddings.create(model=f"m-{upstream}", input=inputs, encoding_format=encoding)
    assert r.object == "list" and [d.index for d in r.data] == [0, 1]
    vectors = [floats(d.embedding) for d in r.data]
    assert all(len(v) == dims for v in vectors)
    assert all(abs(sum(x * x for x in v) - 1) < 1e-3 for v in vectors), "unit vectors"
    assert r.usage.prompt_tokens > 0 and r.usage.total_tokens >= r.usage.prompt_tokens
    small = oa(env).embeddings.create(model=f"m-{upstream}", input=inputs, dimensions=64, encoding_format=encoding)
    assert all(len(floats(d.embedding)) == 64 for d in small.data)


def test_embeddings_are_the_same_vectors_through_either_dialect(env):
    c = oa(env)
    via_openai = c.embeddings.create(model="m-compat", input="same text", dimensions=32, encoding_format="float")
    via_gemini = c.embeddings.create(model="m-gemini", input="same text", dimensions=32, encoding_format="float")
    a, b = via_openai.data[0].embedding, via_gemini.data[0].embedding
    assert len(a) == len(b) == 32 and max(abs(x - y) for x, y in zip(a, b)) < 1e-6


def test_embeddings_on_an_anthropic_model_is_a_clear_400(env):
    with pytest.raises(openai.BadRequestError) as e:
        oa(env).embeddings.create(model="m-anthropic", input="x")
    assert "no embeddings" in e.value.body["message"] and e.value.body["param"] == "model"


def test_models_openai_shape(env):
    models = list(oa(env).models.list())
    assert [m.id for m in models] == env["models"]
    assert all(m.object == "model" for m in models)
    owners = {m.id: m.owned_by for m in models}
    assert owners["m-gemini"] == "m-gemini" and owners["r-anthropic"] == "r-anthropic"


def test_models_anthropic_shape_when_anthropic_version_is_sent(env):
    raw = httpx.get(env["gateway"].base + "/v1/models", headers={"anthropic-version": "2023-06-01"}).json()
    assert "object" not in raw and [m["id"] for m in raw["data"]] == env["models"]
    assert all(m["type"] == "model" for m in raw["data"])
    plain = httpx.get(env["gateway"].base + "/v1/models").json()
    assert plain["object"] == "list" and plain["data"][0]["object"] == "model"
    # The anthropic SDK, validating strictly, parses the page into its own models.
    page = an(env).models.list()
    assert [m.id for m in page.data] == env["models"]
    assert all(m.type == "model" and m.display_name for m in page.data)
    assert page.has_more is False and page.first_id == env["models"][0] and page.last_id == env["models"][-1]
