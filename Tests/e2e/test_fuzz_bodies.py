"""Mutated request bodies against a running gateway: every answer comes in time, in the route's
dialect, with a 2xx or 4xx status (never a 5xx: the simulator upstream does not fail here), on a
connection that stays usable, and every chat call leaves exactly one ledger row.

Seeds are valid requests of each route (OpenAI chat with tools, images, JSON mode and streaming;
Anthropic messages with a system prompt, tools, tool results, images and thinking; Responses API
input items, function calls and their outputs; embeddings),
served by upstreams of every provider type and by the `auto` router. Mutations are seeded, so a
failure names a case that replays: structural ones on the parsed document (a member dropped,
renamed or given a value of another type, extreme numbers, lone surrogates, deep nesting, a
duplicated key), byte-level ones on the text (truncation, a flipped or inserted byte, invalid
UTF-8), and odd attribution tags and credentials in one case of five. The admin API's bodies and
query strings get the same treatment.

`SWITCHYARD_FUZZ_CASES` (250 a route) and `SWITCHYARD_FUZZ_SEED` make longer or other runs.
"""
import http.client
import json
import os
import random
import sqlite3
import time

import pytest

from conftest import start_gateway, start_sim

CASES_PER_ROUTE = int(os.environ.get("SWITCHYARD_FUZZ_CASES", "250"))
SEED = int(os.environ.get("SWITCHYARD_FUZZ_SEED", str(0x5EED_B0D1)))
TIMEOUT_S = 10.0
ADMIN_KEY = "admin-fuzz-0123456789abcdef"

CHAT_MODELS = ["fz-compat", "fz-anthropic", "fz-gemini", "auto"]
MESSAGES_MODELS = ["fz-anthropic", "fz-compat", "fz-gemini"]
EMBEDDING_MODELS = ["fz-compat", "fz-gemini"]
PNG_DATA_URL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
                "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
TOOL = {"name": "get_weather", "description": "Weather in a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}


def chat_seeds(model):
    messages = [{"role": "system", "content": "Be terse."}, {"role": "user", "content": "echo:hello there"}]
    return [
        {"model": model, "messages": messages, "max_tokens": 32, "temperature": 0.2},
        {"model": model, "messages": messages, "stream": True, "stream_options": {"include_usage": True}},
        {"model": model, "messages": [{"role": "user", "content": "Weather in Paris?"}],
         "tools": [{"type": "function", "function": TOOL}], "tool_choice": "auto"},
        {"model": model, "messages": [
            {"role": "user", "content": "Weather in Paris?"},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "15 C"}],
         "tools": [{"type": "function", "function": TOOL}]},
        {"model": model, "messages": [{"role": "user", "content": [
            {"type": "text", "text": "What is this?"}, {"type": "image_url", "image_url": {"url": PNG_DATA_URL}}]}]},
        {"model": model, "messages": messages, "response_format": {"type": "json_object"}, "stop": ["\n\n"], "n": 1},
    ]


def responses_seeds(model):
    function = {"type": "function", **TOOL}
    return [
        {"model": model, "input": "echo:hello there", "instructions": "Be terse.", "max_output_tokens": 32},
        {"model": model, "input": [{"role": "user", "content": [{"type": "input_text", "text": "echo:hi"}]}], "stream": True},
        {"model": model, "input": "Use get_weather for Paris", "tools": [function], "tool_choice": "auto"},
        {"model": model, "tools": [function], "input": [
            {"role": "user", "content": "Weather in Paris?"},
            {"type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": "{\"city\":\"Paris\"}"},
            {"type": "function_call_output", "call_id": "call_1", "output": "15 C"}]},
        {"model": model, "input": [{"role": "user", "content": [
            {"type": "input_text", "text": "What is this?"}, {"type": "input_image", "image_url": PNG_DATA_URL}]}]},
        {"model": model, "input": "echo:json", "text": {"format": {"type": "json_object"}}, "temperature": 0.1},
    ]


def messages_seeds(model):
    tool = {"name": TOOL["name"], "description": TOOL["description"], "input_schema": TOOL["parameters"]}
    return [
        {"model": model, "max_tokens": 64, "system": "Be terse.", "messages": [{"role": "user", "content": "echo:hi"}]},
        {"model": model, "max_tokens": 64, "stream": True, "messages": [{"role": "user", "content": "echo:a b c"}]},
        {"model": model, "max_tokens": 64, "tools": [tool], "tool_choice": {"type": "auto"},
         "messages": [{"role": "user", "content": "Weather in Paris?"},
                      {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather",
                                                         "input": {"city": "Paris"}}]},
                      {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "15 C"}]}]},
        {"model": model, "max_tokens": 64, "messages": [{"role": "user", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG_DATA_URL.split(",")[1]}},
            {"type": "text", "text": "What is this?"}]}]},
        {"model": model, "max_tokens": 2048, "thinking": {"type": "enabled", "budget_tokens": 1024},
         "stop_sequences": ["END"], "messages": [{"role": "user", "content": "Think, then answer."}]},
    ]


def embedding_seeds(model):
    return [{"model": model, "input": "railway switchyards"},
            {"model": model, "input": ["a", "b"], "encoding_format": "base64"}]


# ---------------------------------------------------------------------------------------------
# Mutations.

ODD_VALUES = [None, True, False, 0, -1, 1.5, 1e308, -1e308, 2 ** 63, -(2 ** 63) - 1, 10 ** 40, "", "x" * 300,
              "\ud800", "é🚂\u0000", [], [None], {}, {"": 1}, [[[[[]]]]]]


def paths(doc, prefix=()):
    """Every (path, value) in the document, the root included."""
    yield prefix, doc
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from paths(v, prefix + (i,))


def replace(doc, path, fn):
    if not path:
        return fn(doc)
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        out = dict(doc)
        out[head] = replace(doc[head], rest, fn)
        return out
    out = list(doc)
    out[head] = replace(doc[head], rest, fn)
    return out


def drop(container, key):
    if isinstance(container, dict):
        return {k: v for k, v in container.items() if k != key}
    return [v for i, v in enumerate(container) if i != key]


def mutate_structure(doc, rng):
    path, _ = rng.choice(list(paths(doc)))
    kind = rng.randrange(5)
    if kind == 0 and path:  # drop the member or element
        return replace(doc, path[:-1], lambda parent: drop(parent, path[-1]))
    if kind == 1 and path and isinstance(path[-1], str):  # rename the member
        return replace(doc, path[:-1], lambda parent: {(k + "_x" if k == path[-1] else k): v for k, v in parent.items()})
    if kind == 2:  # deep nesting in place of the value, written out by `encode`
        return replace(doc, path, lambda _: DEEP + str(rng.choice([10, 100, 600])))
    if kind == 3 and isinstance(doc, dict):  # an unknown member
        return {**doc, rng.choice(["extra", "stream_options", "metadata", "user"]): rng.choice(ODD_VALUES)}
    return replace(doc, path, lambda _: rng.choice(ODD_VALUES))


DEEP = "\u0001deep:"  # a placeholder for nesting deeper than Python's json would write


def encode(doc, rng):
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    for depth in (10, 100, 600):
        text = text.replace(json.dumps(DEEP + str(depth)), "[" * depth + "]" * depth)
    return text.encode("utf-8", "surrogatepass")


def mutate_bytes(text, rng):
    data = bytearray(text)
    kind = rng.randrange(5)
    if kind == 0:
        return bytes(data[:rng.randrange(len(data))])
    at = rng.randrange(len(data))
    if kind == 1:
        data[at] ^= 1 << rng.randrange(8)
    elif kind == 2:
        data[at:at] = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b",", b"}", b"\"", b"\\u"])
    elif kind == 3:
        # A key written twice: the first member again, right after the opening brace.
        close = data.index(b",") if b"," in data else len(data) - 1
        data[1:1] = data[1:close] + b","
    else:
        del data[at]
    return bytes(data)


def cases(seeds, rng, count):
    for i in range(count):
        seed = rng.choice(seeds)
        doc = seed
        # One case in five is a seed as it is, so every upstream path also sees valid requests.
        mutations = rng.choice([0, 1, 1, 1, 2, 3]) if rng.random() >= 0.2 else 0
        for _ in range(mutations):
            doc = mutate_structure(doc, rng)
        text = encode(doc, rng)
        if mutations and rng.random() < 0.4:
            text = mutate_bytes(text, rng)
        yield i, text


# ---------------------------------------------------------------------------------------------
# The gateway, and what an answer must look like.

@pytest.fixture(scope="module")
def gw(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    sim = start_sim(tmp, "sim")
    providers, models = [], []
    for name, kind, path in [("compat", "openai-compatible", "/v1"), ("anthropic", "anthropic", ""), ("gemini", "gemini", "")]:
        providers.append(f'  - {{name: p-{name}, type: {kind}, base_url: "{sim.base}{path}", api_keys: ["sk-fuzz-{name}-0123456789"]}}')
    models += ['  - {name: fz-compat, provider: p-compat, upstream_model: gpt-4o-mini}',
               '  - {name: fz-anthropic, provider: p-anthropic, upstream_model: claude-sonnet-4-6}',
               '  - {name: fz-gemini, provider: p-gemini, upstream_model: gemini-2.5-flash}']
    data = tmp / "data"
    config = f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data}
admin_key: "{ADMIN_KEY}"
ledger: {{commit_interval_ms: 100}}
timeouts: {{first_byte_ms: 5000, idle_ms: 5000}}
providers:
{chr(10).join(providers)}
models:
{chr(10).join(models)}
"""
    gateway = start_gateway(tmp, config)
    yield gateway, data / "switchyard.db"
    gateway.stop()
    sim.stop()


def is_openai_error(body):
    error = body.get("error") if isinstance(body, dict) else None
    return isinstance(error, dict) and isinstance(error.get("message"), str) and error["message"] and "type" in error


def is_anthropic_error(body):
    return (isinstance(body, dict) and body.get("type") == "error" and isinstance(body.get("error"), dict)
            and isinstance(body["error"].get("type"), str) and isinstance(body["error"].get("message"), str))


def check_answer(route, status, headers, payload, case):
    assert status in (200, 400, 404, 413, 422), f"{case}: status {status}: {payload[:300]!r}"
    content_type = headers.get("content-type", "")
    if status != 200:
        body = json.loads(payload)
        ok = is_anthropic_error(body) if route == "/v1/messages" else is_openai_error(body)
        assert ok, f"{case}: not an error in the {route} dialect: {payload[:300]!r}"
    elif content_type.startswith("text/event-stream"):
        if route == "/v1/messages":
            assert b"event: message_stop" in payload, f"{case}: stream without message_stop"
        elif route == "/v1/responses":
            last = payload.rstrip().rsplit(b"\n\n", 1)[-1]
            assert last.startswith((b"event: response.completed", b"event: response.incomplete", b"event: response.failed")), \
                f"{case}: stream without a terminal event: {payload[-200:]!r}"
        else:
            assert payload.rstrip().endswith(b"data: [DONE]"), f"{case}: stream without [DONE]: {payload[-200:]!r}"
    else:
        json.loads(payload)


# Odd values for the headers the gateway reads: attribution tags and credentials.
ODD_HEADERS = [("x-switchyard-tags", v) for v in ["", "=", "a", "a=", "=b", "a=b,,c=d", "a=b;c=d", "a=" + "v" * 300,
                                                  ",".join(f"t{i}=v" for i in range(200)), "é=ü", "a=b, a=c"]]
ODD_HEADERS += [("authorization", v) for v in ["", "Bearer", "Bearer ", "Basic abc", "Bearer sy-" + "A" * 43, "Bearer sy-x"]]
ODD_HEADERS += [("x-api-key", v) for v in ["", "sy-", "x" * 500]]


def send(conn, route, body, extra=()):
    headers = {"content-type": "application/json", "authorization": "Bearer sk-client",
               "x-api-key": "sk-client", "anthropic-version": "2023-06-01"}
    headers.update(extra)
    conn.request("POST", route, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def assert_one_ledger_row_each(db, request_ids):
    """Every id in `request_ids` has exactly one ledger row (waiting for the writer's commit)."""
    deadline = time.time() + 5
    while True:
        with sqlite3.connect(db, timeout=5) as con:
            marks = ",".join("?" * len(request_ids))
            found = con.execute(f"SELECT request_id FROM requests WHERE request_id IN ({marks})", request_ids).fetchall()
        if len(found) >= len(request_ids) or time.time() > deadline:
            break
        time.sleep(0.1)
    assert sorted(r[0] for r in found) == sorted(request_ids), "a request without exactly one ledger row"


def assert_healthy(gateway):
    health = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=TIMEOUT_S)
    health.request("GET", "/health")
    assert health.getresponse().status == 200


@pytest.mark.parametrize("route,seeds", [
    ("/v1/chat/completions", [s for m in CHAT_MODELS for s in chat_seeds(m)]),
    ("/v1/messages", [s for m in MESSAGES_MODELS for s in messages_seeds(m)]),
    ("/v1/embeddings", [s for m in EMBEDDING_MODELS for s in embedding_seeds(m)]),
    ("/v1/responses", [s for m in CHAT_MODELS for s in responses_seeds(m)]),
], ids=["chat", "messages", "embeddings", "responses"])
def test_mutated_bodies_get_answers_in_the_routes_dialect(gw, route, seeds):
    gateway, db = gw
    rng = random.Random(SEED + len(route))
    conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=TIMEOUT_S)
    request_ids, statuses = [], {}
    for i, body in cases(seeds, rng, CASES_PER_ROUTE):
        extra = [rng.choice(ODD_HEADERS)] if rng.random() < 0.2 else []
        case = f"{route} case {i} (seed {SEED + len(route)}): {body[:200]!r} {extra}"
        try:
            status, headers, payload = send(conn, route, body, extra)
        except (http.client.HTTPException, OSError) as error:
            raise AssertionError(f"{case}: no answer ({error!r})") from error
        check_answer(route, status, headers, payload, case)
        statuses[status] = statuses.get(status, 0) + 1
        assert headers.get("x-switchyard-request-id"), f"{case}: no request id"
        request_ids.append(headers["x-switchyard-request-id"])
        if headers.get("connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=TIMEOUT_S)
    conn.close()
    # The mutations must leave a share of the requests valid, or the upstream paths go untested.
    assert statuses.get(200, 0) >= CASES_PER_ROUTE // 5, statuses
    assert sum(statuses.values()) == CASES_PER_ROUTE
    # One ledger row per request, whatever the answer.
    assert_one_ledger_row_each(db, request_ids)
    assert_healthy(gateway)


# ---------------------------------------------------------------------------------------------
# The admin API: its bodies and query strings are parsed too (behind the admin key).

ADMIN_SEEDS = [
    ("/admin/teams", {"name": "ops", "rpm": 100, "tpm": 100000, "budget": 10, "budget_period": "month"}),
    ("/admin/keys", {"name": "fuzzed", "team": "ops", "tags": {"use_case": "support"}, "rpm": 50, "tpm": 5000,
                     "models": ["fz-compat", "auto"], "expires": "2030-01-01T00:00:00Z"}),
    ("/admin/keys", {"name": "solo", "budget": 5, "budget_period": "day"}),
]
SPEND_QUERIES = ["by=key&since=1h", "by=team", "by=model&since=7d", "by=tag:use_case", "savings=1", "by=colour",
                 "since=-1h", "since=99999999d", "by=", "&&&", "by=key&by=team", "since=1h%00", "by=%ff%fe"]


def test_mutated_admin_calls_get_answers(gw):
    """Last in the module: the keys it creates end the gateway's open mode for the API tests."""
    gateway, _ = gw
    rng = random.Random(SEED)
    conn = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=TIMEOUT_S)
    auth = {"authorization": f"Bearer {ADMIN_KEY}", "content-type": "application/json"}
    statuses = {}
    for i in range(CASES_PER_ROUTE):
        if rng.random() < 0.2:
            method, path, body = "GET", "/admin/spend?" + rng.choice(SPEND_QUERIES), None
        else:
            path, seed = rng.choice(ADMIN_SEEDS)
            doc = seed
            for _ in range(rng.choice([0, 1, 1, 2])):
                doc = mutate_structure(doc, rng)
            body = encode(doc, rng)
            if rng.random() < 0.3:
                body = mutate_bytes(body, rng)
            method = "POST"
        case = f"admin case {i}: {method} {path} {body[:200] if body else b''!r}"
        conn.request(method, path, body=body, headers=auth)
        response = conn.getresponse()
        payload = response.read()
        assert response.status in (200, 201, 400, 404, 409), f"{case}: status {response.status}: {payload[:300]!r}"
        if response.status >= 400:
            assert is_openai_error(json.loads(payload)), f"{case}: {payload[:300]!r}"
        statuses[response.status] = statuses.get(response.status, 0) + 1
    conn.close()
    assert statuses.get(200, 0) + statuses.get(201, 0) >= CASES_PER_ROUTE // 5, statuses
    health = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=TIMEOUT_S)
    health.request("GET", "/admin/health", headers=auth)
    assert health.getresponse().status == 200
