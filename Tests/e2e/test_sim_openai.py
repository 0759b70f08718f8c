"""The simulator alone, driven by the official openai SDK with strict response validation.

If the SDK parses every response into its own models without complaint, the simulator speaks
OpenAI's chat-completions format faithfully enough for the gateway's tests and benchmarks.
"""
import asyncio
import json
import time
import urllib.error
import urllib.request

import openai
import pytest
from openai import AsyncOpenAI, OpenAI

from conftest import start_sim

MESSAGES = [{"role": "system", "content": "You are terse."},
            {"role": "user", "content": "What does a switchyard do? ünïcödé 🚂"}]
MODEL = "gpt-4o-mini"


def client(sim, **kw):
    return OpenAI(base_url=sim.base + "/v1", api_key="sk-test", max_retries=0,
                  _strict_response_validation=True, **kw)


def async_client(sim):
    return AsyncOpenAI(base_url=sim.base + "/v1", api_key="sk-test", max_retries=0,
                       _strict_response_validation=True)


def stats(sim):
    with urllib.request.urlopen(sim.base + "/sim/stats", timeout=2) as r:
        return json.load(r)


def raw(sim, path, method="GET", body=None):
    """(status, headers, parsed JSON body) of a plain HTTP request, errors included."""
    req = urllib.request.Request(sim.base + path, method=method, data=body,
                                 headers={"Content-Type": "application/json"} if body is not None else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.headers, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.headers, json.loads(e.read())


def joined(chunks):
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def test_non_streaming_completion(sim):
    r = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES)
    assert r.id.startswith("chatcmpl-") and r.object == "chat.completion"
    assert r.model == MODEL
    assert r.system_fingerprint.startswith("fp_") and r.service_tier == "default"
    choice = r.choices[0]
    assert choice.index == 0 and choice.finish_reason == "stop" and choice.logprobs is None
    assert choice.message.role == "assistant" and choice.message.refusal is None
    assert 20 <= r.usage.completion_tokens <= 60 and r.usage.prompt_tokens > 10
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens
    assert r.usage.prompt_tokens_details.cached_tokens == 0
    assert r.usage.completion_tokens_details.reasoning_tokens == 0
    again = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES)
    assert again.choices[0].message.content == choice.message.content, "deterministic per request"
    assert again.id != r.id


def test_streaming_without_usage(sim):
    whole = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES)
    chunks = list(client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, stream=True))
    assert joined(chunks) == whole.choices[0].message.content
    assert chunks[0].choices[0].delta.role == "assistant" and chunks[0].choices[0].delta.content == ""
    assert all(c.object == "chat.completion.chunk" and c.id == chunks[0].id and c.model == MODEL for c in chunks)
    assert all(c.choices and c.usage is None for c in chunks), "no usage chunk unless asked"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1])
    assert len(chunks) == whole.usage.completion_tokens + 2, "role chunk, one token per chunk, finish chunk"


def test_streaming_with_usage(sim):
    whole = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES)
    chunks = list(client(sim).chat.completions.create(
        model=MODEL, messages=MESSAGES, stream=True, stream_options={"include_usage": True}))
    assert joined(chunks) == whole.choices[0].message.content
    assert chunks[-1].choices == [] and chunks[-1].usage == whole.usage
    assert all(c.usage is None for c in chunks[:-1])
    assert chunks[-2].choices[0].finish_reason == "stop"


def test_max_tokens_cuts_with_finish_reason_length(sim):
    r = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=5)
    assert r.choices[0].finish_reason == "length" and r.usage.completion_tokens == 5
    r2 = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, max_completion_tokens=5)
    assert r2.choices[0].message.content == r.choices[0].message.content
    chunks = list(client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=5, stream=True,
                                                      stream_options={"include_usage": True}))
    assert joined(chunks) == r.choices[0].message.content
    assert chunks[-2].choices[0].finish_reason == "length" and chunks[-1].usage.completion_tokens == 5


def test_echo_is_exact_in_both_modes(sim):
    text = 'quotes " backslash \\ newline \n tab \t emoji 🚂 done'
    msgs = [{"role": "user", "content": "echo:" + text}]
    assert client(sim).chat.completions.create(model=MODEL, messages=msgs).choices[0].message.content == text
    assert joined(client(sim).chat.completions.create(model=MODEL, messages=msgs, stream=True)) == text


def test_async_client_concurrent_streams(sim):
    async def run():
        c = async_client(sim)

        async def one(i):
            msgs = [{"role": "user", "content": f"echo:stream number {i} says hello"}]
            stream = await c.chat.completions.create(model=MODEL, messages=msgs, stream=True,
                                                     extra_headers={"x-sim-tokens-per-second": "200"})
            return "".join([ch.choices[0].delta.content or "" async for ch in stream if ch.choices])

        results = await asyncio.gather(*(one(i) for i in range(20)))
        whole = await c.chat.completions.create(model=MODEL, messages=MESSAGES)
        await c.close()
        return results, whole

    results, whole = asyncio.run(run())
    assert results == [f"stream number {i} says hello" for i in range(20)]
    assert whole.choices[0].finish_reason == "stop"


def test_injected_rate_limit_surfaces_as_rate_limit_error(tmp_path):
    failing = start_sim(tmp_path, "failsim", "--fail-rate", "1", "--fail-status", "429", "--retry-after", "2")
    try:
        with pytest.raises(openai.RateLimitError) as info:
            client(failing).chat.completions.create(model=MODEL, messages=MESSAGES)
        assert info.value.status_code == 429
        assert info.value.response.headers["retry-after"] == "2"
        assert info.value.code == "rate_limit_exceeded" and info.value.type == "rate_limit_error"
        with pytest.raises(openai.RateLimitError):
            client(failing).chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)
        assert stats(failing)["failures_injected"] == 2
    finally:
        failing.stop()


def test_fail_status_header_surfaces_as_server_errors(sim):
    for status in (500, 503):
        with pytest.raises(openai.InternalServerError) as info:
            client(sim).chat.completions.create(model=MODEL, messages=MESSAGES,
                                                extra_headers={"x-sim-fail-status": str(status)})
        assert info.value.status_code == status
        assert info.value.type == ("server_error" if status == 500 else "api_error")
    with pytest.raises(openai.RateLimitError) as info:
        client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, extra_headers={"x-sim-fail-status": "429"})
    assert info.value.response.headers["retry-after"] == "1"


def test_bad_requests_get_openai_error_objects(sim):
    with pytest.raises(openai.BadRequestError) as info:
        client(sim).chat.completions.create(model=MODEL, messages=[])
    assert info.value.param == "messages" and info.value.type == "invalid_request_error"

    status, _, body = raw(sim, "/v1/chat/completions", "POST", b"{not json")
    assert status == 400 and body["error"]["type"] == "invalid_request_error" and body["error"]["param"] is None
    status, _, body = raw(sim, "/v1/chat/completions", "POST", b'{"messages":[{"role":"user","content":"x"}]}')
    assert status == 400 and body["error"]["param"] == "model"
    status, _, body = raw(sim, "/v1/chat/completions", "POST", b'{"model":"m"}')
    assert status == 400 and body["error"]["param"] == "messages"
    status, _, body = raw(sim, "/v1/nowhere")
    assert status == 404 and body["error"]["message"] == "Invalid URL (GET /v1/nowhere)"
    status, headers, body = raw(sim, "/v1/chat/completions")
    assert status == 405 and headers["allow"] == "POST" and set(body["error"]) == {"message", "type", "param", "code"}


def test_models_list_and_retrieve(sim):
    ids = [m.id for m in client(sim).models.list()]
    assert MODEL in ids and "gpt-4o" in ids
    assert client(sim).models.retrieve("gpt-4o").owned_by == "system"
    with pytest.raises(openai.NotFoundError):
        client(sim).models.retrieve("no-such-model")


def test_ttft_header_delays_the_first_chunk(sim):
    start = time.monotonic()
    stream = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, stream=True,
                                                 extra_headers={"x-sim-ttft-ms": "300"})
    first = next(iter(stream))
    assert time.monotonic() - start >= 0.29
    assert first.choices[0].delta.role == "assistant"
    stream.close()


def test_stats_count_completed_and_cancelled_streams(sim):
    before = stats(sim)
    list(client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, stream=True))
    stream = client(sim).chat.completions.create(model=MODEL, messages=MESSAGES, stream=True,
                                                 extra_headers={"x-sim-tokens-per-second": "10"})
    it = iter(stream)
    next(it), next(it)
    assert stats(sim)["active_streams"] == before["active_streams"] + 1
    stream.close()  # drops the connection mid-stream
    deadline = time.time() + 3
    while time.time() < deadline and stats(sim)["streams_cancelled"] == before["streams_cancelled"]:
        time.sleep(0.02)
    after = stats(sim)
    assert after["streams_started"] == before["streams_started"] + 2
    assert after["streams_completed"] == before["streams_completed"] + 1
    assert after["streams_cancelled"] == before["streams_cancelled"] + 1
    assert after["active_streams"] == before["active_streams"]
    assert after["requests"] == before["requests"] + 2


def test_two_parallel_tool_calls_whole_and_streamed(sim):
    tools = [{"type": "function", "function": {"name": name, "parameters": {
        "type": "object", "properties": {key: {"type": "string"}}, "required": [key]}}}
        for name, key in (("get_weather", "location"), ("get_time", "city"))]
    msgs = [{"role": "user", "content": "Use get_weather and get_time for Paris."}]
    r = client(sim).chat.completions.create(model=MODEL, messages=msgs, tools=tools)
    choice = r.choices[0]
    assert choice.finish_reason == "tool_calls" and choice.message.content is None
    calls = [(c.type, c.function.name, json.loads(c.function.arguments)) for c in choice.message.tool_calls]
    assert calls == [("function", "get_weather", {"location": "Paris"}), ("function", "get_time", {"city": "Paris"})]
    assert all(c.id.startswith("call_") for c in choice.message.tool_calls)

    chunks = list(client(sim).chat.completions.create(model=MODEL, messages=msgs, tools=tools, stream=True))
    streamed = {}
    for chunk in chunks:
        for call in chunk.choices[0].delta.tool_calls or []:
            entry = streamed.setdefault(call.index, {"id": call.id, "name": call.function.name, "arguments": ""})
            entry["arguments"] += call.function.arguments or ""
    assert [(e["name"], json.loads(e["arguments"])) for e in streamed.values()] == [
        ("get_weather", {"location": "Paris"}), ("get_time", {"city": "Paris"})]
    assert chunks[-1].choices[0].finish_reason == "tool_calls"
    assert len(chunks) > 4, "argument fragments arrive in several chunks"
