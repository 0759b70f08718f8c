"""The simulator's Anthropic dialect, driven by the official anthropic SDK with strict validation.

If the SDK parses every message, stream event and error into its own models, the simulator speaks
Anthropic's Messages format faithfully enough for the gateway's translation tests.
"""
import json
import urllib.error
import urllib.request

import anthropic
import pytest

MODEL = "claude-sonnet-4-6"
MESSAGES = [{"role": "user", "content": "What does a switchyard do? ünïcödé 🚂"}]
TOOLS = [
    {"name": "get_weather", "description": "Current weather in a city",
     "input_schema": {"type": "object", "properties": {"location": {"type": "string"},
                                                       "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                      "required": ["location"]}},
    {"name": "get_time", "description": "Local time in a city",
     "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
]
TWO_CALLS = [{"role": "user", "content": "Please use get_weather and get_time for Paris."}]


def client(sim):
    return anthropic.Anthropic(base_url=sim.base, api_key="sk-ant-test", max_retries=0,
                               _strict_response_validation=True)


def text_of(message):
    return "".join(b.text for b in message.content if b.type == "text")


def test_non_streaming_message(sim):
    r = client(sim).messages.create(model=MODEL, max_tokens=256, system="You are terse.", messages=MESSAGES)
    assert r.id.startswith("msg_") and r.type == "message" and r.role == "assistant" and r.model == MODEL
    assert [b.type for b in r.content] == ["text"] and len(text_of(r)) > 20
    assert r.stop_reason == "end_turn" and r.stop_sequence is None
    assert 20 <= r.usage.output_tokens <= 60 and r.usage.input_tokens > 10
    assert r.usage.cache_read_input_tokens == 0 and r.usage.cache_creation_input_tokens == 0
    again = client(sim).messages.create(model=MODEL, max_tokens=256, system="You are terse.", messages=MESSAGES)
    assert text_of(again) == text_of(r) and again.id != r.id


def test_max_tokens_stops_with_max_tokens(sim):
    r = client(sim).messages.create(model=MODEL, max_tokens=5, messages=MESSAGES)
    assert r.stop_reason == "max_tokens" and r.usage.output_tokens == 5


def test_stream_helper_matches_the_whole_message(sim):
    whole = client(sim).messages.create(model=MODEL, max_tokens=256, messages=MESSAGES)
    with client(sim).messages.stream(model=MODEL, max_tokens=256, messages=MESSAGES) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == text_of(whole) == text_of(final)
    assert final.stop_reason == "end_turn" and final.id.startswith("msg_")
    assert final.usage.output_tokens == whole.usage.output_tokens
    assert final.usage.input_tokens == whole.usage.input_tokens


def test_raw_stream_event_sequence(sim):
    msgs = [{"role": "user", "content": 'echo:quotes " backslash \\ newline \n emoji 🚂'}]
    events = list(client(sim).messages.create(model=MODEL, max_tokens=64, messages=msgs, stream=True))
    types = [e.type for e in events]
    assert types[:2] == ["message_start", "content_block_start"] and types[-3:] == [
        "content_block_stop", "message_delta", "message_stop"]
    assert set(types[2:-3]) == {"content_block_delta"}
    assert events[0].message.stop_reason is None and events[0].message.content == []
    assert "".join(e.delta.text for e in events if e.type == "content_block_delta") == msgs[0]["content"][5:]
    assert events[-2].delta.stop_reason == "end_turn" and events[-2].usage.output_tokens == len(types) - 5


def test_ping_is_sent_and_framed_as_anthropic_does(sim):
    body = json.dumps({"model": MODEL, "max_tokens": 16, "stream": True,
                       "messages": [{"role": "user", "content": "echo:hi"}]}).encode()
    req = urllib.request.Request(sim.base + "/v1/messages", data=body, method="POST",
                                 headers={"content-type": "application/json", "x-api-key": "k",
                                          "anthropic-version": "2023-06-01"})
    with urllib.request.urlopen(req, timeout=5) as r:
        raw = r.read().decode()
        assert r.headers["content-type"].startswith("text/event-stream") and r.headers["request-id"]
    blocks = [b.split("\n") for b in raw.strip("\n").split("\n\n")]
    assert all(len(b) == 2 and b[0].startswith("event: ") and b[1].startswith("data: ") for b in blocks)
    names = [b[0][len("event: "):] for b in blocks]
    assert names[:3] == ["message_start", "content_block_start", "ping"]
    assert all(json.loads(b[1][len("data: "):])["type"] == b[0][len("event: "):] for b in blocks)


@pytest.mark.parametrize("streamed", [False, True])
def test_two_parallel_tool_calls(sim, streamed):
    if streamed:
        with client(sim).messages.stream(model=MODEL, max_tokens=256, tools=TOOLS, messages=TWO_CALLS) as stream:
            r = stream.get_final_message()
    else:
        r = client(sim).messages.create(model=MODEL, max_tokens=256, tools=TOOLS, messages=TWO_CALLS)
    assert r.stop_reason == "tool_use"
    assert [(b.type, b.name, b.input) for b in r.content] == [
        ("tool_use", "get_weather", {"location": "Paris"}), ("tool_use", "get_time", {"city": "Paris"})]
    ids = [b.id for b in r.content]
    assert all(i.startswith("toolu_") for i in ids) and len(set(ids)) == 2

    follow_up = TWO_CALLS + [{"role": "assistant", "content": r.content}, {"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": ids[0], "content": "15 degrees"},
        {"type": "tool_result", "tool_use_id": ids[1], "content": "14:00"}]}]
    answer = client(sim).messages.create(model=MODEL, max_tokens=256, tools=TOOLS, messages=follow_up)
    assert answer.stop_reason == "end_turn" and answer.content[0].type == "text"


def test_forced_tool_choice(sim):
    r = client(sim).messages.create(model=MODEL, max_tokens=64, tools=TOOLS, tool_choice={"type": "tool", "name": "get_time"},
                                    messages=[{"role": "user", "content": "What time is it in Tokyo?"}])
    assert [(b.type, b.name) for b in r.content] == [("tool_use", "get_time")] and r.stop_reason == "tool_use"


def test_usage_reports_the_simulated_prompt_cache(sim):
    system = [{"type": "text", "text": "Reference manual. " * 600, "cache_control": {"type": "ephemeral"}}]
    r = client(sim).messages.create(model=MODEL, max_tokens=32, system=system, messages=MESSAGES)
    u = r.usage
    assert u.cache_read_input_tokens == 2048 and u.cache_creation_input_tokens == 2700 - 2048
    assert u.input_tokens > 0
    with client(sim).messages.stream(model=MODEL, max_tokens=32, system=system, messages=MESSAGES) as stream:
        final = stream.get_final_message()
    assert final.usage.cache_read_input_tokens == 2048
    assert final.usage.cache_creation_input_tokens == u.cache_creation_input_tokens
    assert final.usage.input_tokens == u.input_tokens


def test_injected_errors_raise_the_sdks_errors(sim):
    with pytest.raises(anthropic.RateLimitError) as info:
        client(sim).messages.create(model=MODEL, max_tokens=8, messages=MESSAGES,
                                    extra_headers={"x-sim-fail-status": "429"})
    assert info.value.status_code == 429 and info.value.response.headers["retry-after"] == "1"
    assert info.value.body["error"]["type"] == "rate_limit_error"
    assert info.value.request_id.startswith("req_")
    for status, error_type in ((529, "overloaded_error"), (500, "api_error")):
        with pytest.raises(anthropic.InternalServerError) as info:
            client(sim).messages.create(model=MODEL, max_tokens=8, messages=MESSAGES,
                                        extra_headers={"x-sim-fail-status": str(status)})
        assert info.value.status_code == status and info.value.body["error"]["type"] == error_type
    with pytest.raises(anthropic.OverloadedError):
        with client(sim).messages.stream(model=MODEL, max_tokens=8, messages=MESSAGES,
                                         extra_headers={"x-sim-fail-status": "529"}) as stream:
            stream.get_final_message()
    with pytest.raises(anthropic.AuthenticationError):
        client(sim).messages.create(model=MODEL, max_tokens=8, messages=MESSAGES,
                                    extra_headers={"x-sim-fail-status": "401"})


def test_invalid_requests_get_anthropic_error_objects(sim):
    def post(body):
        req = urllib.request.Request(sim.base + "/v1/messages", data=body, method="POST",
                                     headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    status, body = post(json.dumps({"model": MODEL, "messages": MESSAGES}).encode())
    assert status == 400 and body["type"] == "error" and body["request_id"].startswith("req_")
    assert body["error"] == {"type": "invalid_request_error", "message": "max_tokens: Field required"}
    status, body = post(b"{nope")
    assert status == 400 and body["error"]["type"] == "invalid_request_error"
    with pytest.raises(anthropic.BadRequestError):
        client(sim).messages.create(model=MODEL, max_tokens=8, messages=[])


def test_count_tokens_matches_the_input_a_message_reports(sim):
    """`count_tokens` takes a messages body without `max_tokens` and counts what a message with
    that body reports as its input (cache reads and writes included, as Anthropic's count does)."""
    for system in ["You are terse.", [{"type": "text", "text": "Reference manual. " * 600}]]:
        count = client(sim).messages.count_tokens(model=MODEL, system=system, messages=MESSAGES, tools=TOOLS)
        u = client(sim).messages.create(model=MODEL, max_tokens=16, system=system, messages=MESSAGES, tools=TOOLS).usage
        assert count.input_tokens == u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens > 10
    with pytest.raises(anthropic.BadRequestError) as e:
        client(sim).messages.count_tokens(model=MODEL, messages=[])
    assert e.value.body["error"]["type"] == "invalid_request_error"
