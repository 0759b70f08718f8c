"""The simulator's Responses API alone, driven by the official openai SDK with strict validation.

If the SDK parses every response and every stream event into its own models, and its stream
helper assembles the final response, the simulator speaks `/v1/responses` faithfully enough to
stand in for OpenAI as the gateway's upstream.
"""
import json
import time
import urllib.request

import openai
import pytest
from openai import OpenAI

from conftest import start_sim

MODEL = "gpt-4.1"
INSTRUCTIONS = "You are terse."
QUESTION = "What does a switchyard do? ünïcödé 🚂"
TOOLS = [{"type": "function", "name": name, "description": f"Look up the {key}.", "strict": False,
          "parameters": {"type": "object", "properties": {key: {"type": "string"}}, "required": [key]}}
         for name, key in (("get_weather", "location"), ("get_time", "city"))]


def client(sim, **kw):
    return OpenAI(base_url=sim.base + "/v1", api_key="sk-test", max_retries=0,
                  _strict_response_validation=True, **kw)


def stats(sim):
    with urllib.request.urlopen(sim.base + "/sim/stats", timeout=2) as r:
        return json.load(r)


def test_create_answers_text_with_usage(sim):
    r = client(sim).responses.create(model=MODEL, instructions=INSTRUCTIONS, input=QUESTION)
    assert r.id.startswith("resp_") and r.object == "response" and r.status == "completed"
    assert r.model == MODEL and r.instructions == INSTRUCTIONS and r.error is None and r.incomplete_details is None
    assert r.completed_at is not None and r.completed_at >= r.created_at
    [message] = r.output
    assert message.type == "message" and message.role == "assistant" and message.status == "completed"
    assert message.id.startswith("msg_") and message.content[0].annotations == []
    assert r.output_text and r.output_text == message.content[0].text
    u = r.usage
    assert 20 <= u.output_tokens <= 60 and u.input_tokens > 10
    assert u.total_tokens == u.input_tokens + u.output_tokens
    assert u.input_tokens_details.cached_tokens == 0 and u.output_tokens_details.reasoning_tokens == 0
    assert r.tools == [] and r.tool_choice == "auto" and r.parallel_tool_calls is True
    assert r.temperature == 1.0 and r.top_p == 1.0 and r.text.format.type == "text" and r.metadata == {}

    again = client(sim).responses.create(model=MODEL, instructions=INSTRUCTIONS, input=QUESTION)
    assert again.output_text == r.output_text and again.id != r.id, "deterministic per request"
    chat = client(sim).chat.completions.create(model=MODEL, messages=[
        {"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": QUESTION}])
    assert chat.choices[0].message.content == r.output_text, "the same answer as chat completions"
    assert chat.usage.prompt_tokens == u.input_tokens and chat.usage.completion_tokens == u.output_tokens
    raw = client(sim).responses.with_raw_response.create(model=MODEL, input=QUESTION)
    assert raw.headers["x-request-id"].startswith("req_") and raw.parse().status == "completed"


def test_settings_are_echoed(sim):
    r = client(sim).responses.create(
        model=MODEL, input=[{"role": "user", "content": [{"type": "input_text", "text": "Reply in json."}]}],
        temperature=0.3, top_p=0.8, max_output_tokens=200, metadata={"suite": "e2e"}, store=False, user="u-1",
        reasoning={"effort": "low"}, text={"format": {"type": "json_object"}}, include=["message.output_text.logprobs"],
        parallel_tool_calls=False, tools=TOOLS, tool_choice="none")
    assert r.temperature == 0.3 and r.top_p == 0.8 and r.max_output_tokens == 200
    assert r.metadata == {"suite": "e2e"} and r.store is False and r.user == "u-1"
    assert r.reasoning.effort == "low" and r.text.format.type == "json_object"
    assert r.parallel_tool_calls is False and r.tool_choice == "none"
    assert [t.name for t in r.tools] == ["get_weather", "get_time"] and r.tools[0].strict is False
    assert r.output[0].type == "message", "tool_choice none: no calls"


def test_echo_is_exact_whole_and_streamed(sim):
    text = 'quotes " backslash \\ newline \n tab \t emoji 🚂 done'
    assert client(sim).responses.create(model=MODEL, input="echo:" + text).output_text == text
    with client(sim).responses.stream(model=MODEL, input="echo:" + text) as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert "".join(deltas) == text and final.output_text == text


def test_stream_helper_assembles_the_final_response(sim):
    whole = client(sim).responses.create(model=MODEL, instructions=INSTRUCTIONS, input=QUESTION)
    with client(sim).responses.stream(model=MODEL, instructions=INSTRUCTIONS, input=QUESTION) as stream:
        events = list(stream)
        final = stream.get_final_response()
    types = [e.type for e in events]
    deltas = types.count("response.output_text.delta")
    assert types == (["response.created", "response.in_progress", "response.output_item.added",
                      "response.content_part.added"] + ["response.output_text.delta"] * deltas
                     + ["response.output_text.done", "response.content_part.done", "response.output_item.done",
                        "response.completed"])
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert events[0].response.status == "in_progress" and events[0].response.usage is None
    assert deltas == whole.usage.output_tokens, "one token per delta"
    item_id = events[2].item.id
    assert all(e.item_id == item_id and e.output_index == 0 and e.content_index == 0 and e.logprobs == []
               for e in events if e.type == "response.output_text.delta")
    assert final.output_text == whole.output_text and final.usage == whole.usage
    assert final.id == events[0].response.id and final.output[0].id == item_id and final.status == "completed"


def test_function_call_round_trip_whole_and_streamed(sim):
    ask = [{"role": "user", "content": "Use get_weather and get_time for Paris."}]
    r = client(sim).responses.create(model=MODEL, input=ask, tools=TOOLS)
    assert [o.type for o in r.output] == ["function_call", "function_call"]
    calls = [(c.name, json.loads(c.arguments)) for c in r.output]
    assert calls == [("get_weather", {"location": "Paris"}), ("get_time", {"city": "Paris"})]
    assert all(c.id.startswith("fc_") and c.call_id.startswith("call_") and c.status == "completed" for c in r.output)
    assert r.output_text == "" and r.status == "completed"

    with client(sim).responses.stream(model=MODEL, input=ask, tools=TOOLS) as stream:
        events = list(stream)
        final = stream.get_final_response()
    types = [e.type for e in events]
    assert types.count("response.output_item.added") == 2 and types.count("response.function_call_arguments.done") == 2
    assert types.count("response.function_call_arguments.delta") > 2, "arguments arrive in fragments"
    assert [e.sequence_number for e in events] == list(range(len(events)))
    added = [e.item for e in events if e.type == "response.output_item.added"]
    assert all(a.type == "function_call" and a.arguments == "" for a in added)
    assert [(c.name, json.loads(c.arguments)) for c in final.output] == calls

    results = [{"type": "function_call_output", "call_id": c.call_id, "output": f"{c.name}: fine"} for c in r.output]
    second = client(sim).responses.create(model=MODEL, input=ask + r.output + results, tools=TOOLS)
    assert [o.type for o in second.output] == ["message"], "a tool result last ends the tool round"
    assert second.output_text and second.status == "completed"

    forced = client(sim).responses.create(model=MODEL, input="hello", tools=TOOLS,
                                          tool_choice={"type": "function", "name": "get_time"})
    assert [(o.type, o.name) for o in forced.output] == [("function_call", "get_time")]
    single = client(sim).responses.create(model=MODEL, input=ask, tools=TOOLS, parallel_tool_calls=False)
    assert [o.name for o in single.output] == ["get_weather"]


def test_max_output_tokens_makes_the_response_incomplete(sim):
    r = client(sim).responses.create(model=MODEL, input=QUESTION, max_output_tokens=16)
    assert r.status == "incomplete" and r.incomplete_details.reason == "max_output_tokens"
    assert r.usage.output_tokens == 16 and r.output[0].status == "incomplete" and r.completed_at is None
    events = list(client(sim).responses.create(model=MODEL, input=QUESTION, max_output_tokens=16, stream=True))
    assert events[-1].type == "response.incomplete"
    assert events[-1].response.incomplete_details.reason == "max_output_tokens"
    assert "".join(e.delta for e in events if e.type == "response.output_text.delta") == r.output_text
    with pytest.raises(openai.BadRequestError) as info:
        client(sim).responses.create(model=MODEL, input=QUESTION, max_output_tokens=8)
    assert info.value.param == "max_output_tokens" and info.value.code == "integer_below_min_value"


def test_injected_failures_raise_the_matching_sdk_errors(sim, tmp_path):
    with pytest.raises(openai.RateLimitError) as info:
        client(sim).responses.create(model=MODEL, input=QUESTION, extra_headers={"x-sim-fail-status": "429"})
    assert info.value.status_code == 429 and info.value.response.headers["retry-after"] == "1"
    assert info.value.code == "rate_limit_exceeded" and info.value.type == "rate_limit_error"
    with pytest.raises(openai.InternalServerError) as info:
        client(sim).responses.create(model=MODEL, input=QUESTION, stream=True, extra_headers={"x-sim-fail-status": "500"})
    assert info.value.status_code == 500 and info.value.type == "server_error"

    failing = start_sim(tmp_path, "failsim", "--fail-rate", "1", "--fail-status", "503", "--retry-after", "2")
    try:
        with pytest.raises(openai.InternalServerError) as info:
            client(failing).responses.create(model=MODEL, input=QUESTION)
        assert info.value.status_code == 503 and info.value.response.headers["retry-after"] == "2"
        with pytest.raises(openai.InternalServerError):
            with client(failing).responses.stream(model=MODEL, input=QUESTION) as stream:
                list(stream)
        assert stats(failing)["failures_injected"] == 2
    finally:
        failing.stop()


def test_bad_requests_and_stored_responses_get_openai_errors(sim):
    with pytest.raises(openai.BadRequestError) as info:
        client(sim).responses.create(model=MODEL, input=QUESTION, extra_body={"messages": []})
    assert info.value.param == "messages" and info.value.code == "unknown_parameter"
    with pytest.raises(openai.BadRequestError) as info:
        client(sim).responses.create(model=MODEL, input=QUESTION, temperature="hot")
    assert info.value.param == "temperature" and info.value.type == "invalid_request_error"
    with pytest.raises(openai.BadRequestError) as info:
        client(sim).responses.create(model=MODEL, input=QUESTION,
                                     tools=[{"type": "function", "function": {"name": "chat_style"}}])
    assert info.value.param == "tools[0].function"
    with pytest.raises(openai.NotFoundError) as info:
        client(sim).responses.retrieve("resp_nowhere")
    assert "resp_nowhere" in info.value.message


def test_thinking_sends_response_created_at_once_then_silence(sim):
    start = time.monotonic()
    stream = client(sim).responses.create(model=MODEL, input=QUESTION, stream=True,
                                          extra_headers={"x-sim-think-ms": "600"})
    events = iter(stream)
    created = next(events)
    created_at = time.monotonic() - start
    in_progress = next(events)
    first_token = next(e for e in events if e.type == "response.output_text.delta")
    token_at = time.monotonic() - start
    stream.close()
    assert created.type == "response.created" and in_progress.type == "response.in_progress"
    assert created_at < 0.45, f"response.created before the thinking ({created_at:.3f}s)"
    assert token_at >= 0.59, f"the first token after it ({token_at:.3f}s)"
    assert first_token.sequence_number == 4


def test_stats_count_responses_like_the_other_routes(sim):
    before = stats(sim)
    client(sim).responses.create(model=MODEL, input=QUESTION)
    list(client(sim).responses.create(model=MODEL, input=QUESTION, stream=True))
    with pytest.raises(openai.BadRequestError):
        client(sim).responses.create(model=MODEL, input=QUESTION, top_p=5)
    after = stats(sim)
    assert after["requests"] == before["requests"] + 3
    assert after["streams_started"] == before["streams_started"] + 1
    assert after["streams_completed"] == before["streams_completed"] + 1
    assert after["active_streams"] == 0
