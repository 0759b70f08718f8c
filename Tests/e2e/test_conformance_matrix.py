"""Conformance matrix, the cells that must translate: plain text, stop reasons, a tool call round
trip, image input and JSON mode, from both SDKs to every upstream type, streaming and not
(set-up in `conformance.py`)."""
import json

import pytest

from conformance import (
    DIALECT, ECHO, EXPECTED_CALLS, GEMINI_PLACEHOLDER_SIGNATURE, INBOUND, JSON_ANSWER,
    JSON_OBJECT_INSTRUCTION, JSON_SCHEMA, MODES, PNG_B64, SYSTEM, TOOLS_ANTHROPIC,
    TOOLS_OPENAI, TOOL_PROMPT, TOOL_RESULTS, UPSTREAMS, anthropic_call, assert_same_reply,
    call, chat_exchanges, echo_pieces, env, oa, openai_call, prompt_tokens, stop_word,
    text_messages, upstream_calls,
)

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
    first_messages = [{"role": "user", "content": TOOL_PROMPT}]
    if inbound == "openai":
        first = openai_call(env, model, stream, first_messages, tools=TOOLS_OPENAI)
    else:
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
