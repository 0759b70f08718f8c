"""The conformance matrix's shared parts (`test_conformance_*.py`): the official openai and anthropic SDKs, through the gateway, to upstreams of
every provider type, streaming and not.

One gateway serves every cell of a test module. Its providers, one of each type (`openai`, `openai-compatible`,
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
import json
import re
import time
import urllib.request

import anthropic
import httpx2 as httpx
import openai
import pytest

from conformance_upstreams import Recorder, Truncator
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
# Fixtures: one simulator per behaviour, one gateway, for each test module that imports `env`.

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


def wait_for(predicate, timeout=3.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
