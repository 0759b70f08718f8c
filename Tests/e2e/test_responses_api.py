"""OpenAI's Responses API (`POST /v1/responses`) through the gateway, driven by the official
`openai` SDK: whole and streamed answers from OpenAI-, Anthropic- and Gemini-dialect upstreams,
function calls and their results, routers, the ledger row, and refusals of what a gateway that
stores nothing cannot do."""
import json
import subprocess

import httpx2 as httpx  # the HTTP client the openai SDK itself uses
import openai
import pytest

from conftest import gateway_on_sim, ledger_row

UPSTREAMS = ["gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-flash"]
WEATHER = {"type": "function", "name": "get_weather", "description": "Weather for a city.",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}


def config(sim_base, data_dir):
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
ledger: {{commit_interval_ms: 20}}
providers:
  - {{name: oai, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-upstream-resp-01"]}}
  - {{name: ant, type: anthropic, base_url: "{sim_base}", api_keys: ["sk-ant-upstream-resp-02"]}}
  - {{name: gem, type: gemini, base_url: "{sim_base}", api_keys: ["gem-upstream-resp-03"]}}
models:
  - {{name: gpt-4o-mini, provider: oai}}
  - {{name: gpt-4o, provider: oai}}
  - {{name: claude-haiku-4-5, provider: ant}}
  - {{name: gemini-2.5-flash, provider: gem}}
routers:
  - name: thrifty
    weights: {{cost: 1}}
    max_quality_drop: 1
    models: [gpt-4o-mini, gpt-4o]
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    yield from gateway_on_sim(tmp_path_factory, "responses", config)


def client(env):
    return openai.OpenAI(base_url=env["gw"].base + "/v1", api_key="any", max_retries=0)




@pytest.mark.parametrize("model", UPSTREAMS)
def test_a_whole_answer_from_every_upstream_dialect(env, model):
    raw = client(env).responses.with_raw_response.create(model=model, input="echo:switchyards sort railcars")
    response = raw.parse()
    assert response.object == "response" and response.status == "completed"
    assert response.output_text == "switchyards sort railcars"
    assert response.output[-1].type == "message" and response.output[-1].role == "assistant"
    assert response.usage.input_tokens > 0 and response.usage.output_tokens > 0
    assert response.usage.total_tokens == response.usage.input_tokens + response.usage.output_tokens
    assert raw.headers["x-switchyard-model"] == model
    row = ledger_row(env["db"], raw.headers["x-switchyard-request-id"])
    assert row["dialect"] == "openai.responses" and row["status"] == 200 and row["served_model"] == model
    assert (row["input_tokens"], row["output_tokens"]) == (response.usage.input_tokens, response.usage.output_tokens)
    assert row["cost_micros"] > 0


@pytest.mark.parametrize("model", UPSTREAMS)
def test_a_streamed_answer_from_every_upstream_dialect(env, model):
    kinds = []
    deltas = []
    with client(env).responses.stream(model=model, input="echo:one two three four five") as stream:
        for event in stream:
            kinds.append(event.type)
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
        final = stream.get_final_response()
    assert kinds[:2] == ["response.created", "response.in_progress"], kinds
    assert kinds[-1] == "response.completed", kinds
    assert "response.output_item.added" in kinds and "response.output_text.done" in kinds
    assert "".join(deltas) == final.output_text == "one two three four five"
    assert final.status == "completed" and final.usage.output_tokens > 0


def test_instructions_and_a_conversation_in_input_items(env):
    response = client(env).responses.create(
        model="claude-haiku-4-5", instructions="Answer briefly.",
        input=[{"role": "developer", "content": "Be kind."},
               {"role": "user", "content": [{"type": "input_text", "text": "Hello"}]},
               {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Hi!"}]},
               {"role": "user", "content": "echo:again"}],
        max_output_tokens=50, temperature=0.2)
    assert response.output_text == "again"
    # The echo joins every system text (instructions, then developer messages): the canonical
    # request keeps system texts, not where each came from.
    assert response.instructions.startswith("Answer briefly.") and response.max_output_tokens == 50


@pytest.mark.parametrize("model", UPSTREAMS)
def test_function_calls_and_their_results_round_trip(env, model):
    c = client(env)
    first = c.responses.create(model=model, input="Please call get_weather for Paris", tools=[WEATHER])
    calls = [item for item in first.output if item.type == "function_call"]
    assert len(calls) == 1 and calls[0].name == "get_weather", first.output
    assert isinstance(json.loads(calls[0].arguments), dict) and calls[0].call_id
    second = c.responses.create(model=model, tools=[WEATHER], input=[
        {"role": "user", "content": "Please call get_weather for Paris"},
        {"type": "function_call", "call_id": calls[0].call_id, "name": "get_weather", "arguments": calls[0].arguments},
        {"type": "function_call_output", "call_id": calls[0].call_id, "output": "{\"temp_c\": 21}"}])
    assert second.status == "completed" and second.output_text, second.output
    assert not [item for item in second.output if item.type == "function_call"], "one round, then an answer"

    names = []
    with c.responses.stream(model=model, input="Please call get_weather for Rome", tools=[WEATHER]) as stream:
        for event in stream:
            if event.type == "response.function_call_arguments.done":
                names.append(event.name if hasattr(event, "name") else None)
        final = stream.get_final_response()
    streamed = [item for item in final.output if item.type == "function_call"]
    assert len(streamed) == 1 and streamed[0].name == "get_weather" and json.loads(streamed[0].arguments) is not None


def test_a_router_picks_the_model_and_says_so(env):
    raw = client(env).responses.with_raw_response.create(model="thrifty", input="echo:routed")
    assert raw.parse().output_text == "routed"
    assert raw.headers["x-switchyard-router"] == "thrifty" and raw.headers["x-switchyard-model"] == "gpt-4o-mini"
    row = ledger_row(env["db"], raw.headers["x-switchyard-request-id"])
    assert row["router"] == "thrifty" and row["plan"]


def test_what_a_stateless_gateway_cannot_do_is_refused_clearly(env):
    c = client(env)
    with pytest.raises(openai.BadRequestError) as refused:
        c.responses.create(model="gpt-4o-mini", input="hi", previous_response_id="resp_123")
    assert refused.value.body["param"] == "previous_response_id", refused.value.body
    with pytest.raises(openai.BadRequestError) as refused:
        c.responses.create(model="gpt-4o-mini", input="hi", tools=[{"type": "web_search"}])
    assert "web_search" in refused.value.body["message"], refused.value.body
    with pytest.raises(openai.BadRequestError) as refused:
        c.responses.create(model="gpt-4o-mini", input=[{"role": "user", "content": 42}])
    assert refused.value.body["param"], refused.value.body
    with pytest.raises(openai.NotFoundError) as missing:
        c.responses.create(model="no-such-model", input="hi")
    assert missing.value.body["param"] == "model"
    with pytest.raises(openai.NotFoundError) as stored:
        c.responses.retrieve("resp_123")
    assert "does not store" in stored.value.body["message"]
    bad = httpx.post(env["gw"].base + "/v1/responses", content=b"{not json", timeout=10,
                     headers={"content-type": "application/json"})
    assert bad.status_code == 400 and bad.json()["error"]["type"] == "invalid_request_error"
    missing_model = httpx.post(env["gw"].base + "/v1/responses", json={"input": "hi"}, timeout=10)
    assert missing_model.status_code == 400 and missing_model.json()["error"]["param"] == "model"
    wrong_method = httpx.get(env["gw"].base + "/v1/responses", timeout=10)
    assert wrong_method.status_code == 405


def test_the_raw_event_stream_with_curl(env):
    """Every event names its type in `event:` and in its data, numbered from 0 without gaps."""
    out = subprocess.run(["curl", "-sN", "-X", "POST", env["gw"].base + "/v1/responses",
                          "-H", "content-type: application/json",
                          "-d", json.dumps({"model": "claude-haiku-4-5", "input": "echo:a b c", "stream": True})],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    blocks = [b for b in out.stdout.split("\n\n") if b.strip() and not b.startswith(":")]
    events = []
    for block in blocks:
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        data = json.loads(lines["data"])
        assert data["type"] == lines["event"], block
        events.append(data)
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    assert events[-1]["type"] == "response.completed"
    assert events[-1]["response"]["output"][0]["content"][0]["text"] == "a b c"
    assert "[DONE]" not in out.stdout, "the Responses stream has no [DONE] sentinel"
