"""Models served only by OpenAI's Responses API (`api: responses` on the model): every client
dialect reaches them through the gateway, whole and streamed, with function calls, usage in
the ledger, and upstream failures answered in the caller's dialect. The simulator speaks the
Responses API (its own implementation, checked with the official SDK in test_sim_responses)."""
import json

import anthropic
import openai
import pytest

from conftest import gateway_on_sim, ledger_row

WEATHER = {"name": "get_weather", "description": "Weather for a city.",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}


def config(sim_base, data_dir):
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
ledger: {{commit_interval_ms: 20}}
providers:
  - {{name: oai, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-upstream-respup-01"]}}
  - {{name: oaifail, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-upstream-respup-02"],
      headers: {{x-sim-fail-status: "429"}}}}
  - {{name: oaidown, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-upstream-respup-03"],
      headers: {{x-sim-fail-status: "503"}}}}
models:
  - {{name: o3-pro, provider: oai, api: responses}}
  - {{name: o3-pro-busy, provider: oaifail, upstream_model: o3-pro, api: responses}}
  - {{name: o3-pro-fallback, provider: oaidown, upstream_model: o3-pro, api: responses, fallbacks: [o3-pro]}}
reliability:
  retry: {{max_attempts: 3, base_backoff_ms: 0}}
  breaker: {{failures: 1000, minimum_requests: 1000}}
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    yield from gateway_on_sim(tmp_path_factory, "responses-upstream", config)


def chat_client(env):
    return openai.OpenAI(base_url=env["gw"].base + "/v1", api_key="any", max_retries=0)


def anthropic_client(env):
    return anthropic.Anthropic(base_url=env["gw"].base, api_key="any", max_retries=0)




def test_chat_completions_clients_reach_a_responses_only_model(env):
    raw = chat_client(env).chat.completions.with_raw_response.create(
        model="o3-pro", messages=[{"role": "user", "content": "echo:served by responses"}])
    reply = raw.parse()
    assert reply.choices[0].message.content == "served by responses"
    assert reply.id.startswith("resp_"), "the upstream answered through the Responses API"
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
    row = ledger_row(env["db"], raw.headers["x-switchyard-request-id"])
    assert row["status"] == 200 and row["served_model"] == "o3-pro"
    assert (row["input_tokens"], row["output_tokens"]) == (reply.usage.prompt_tokens, reply.usage.completion_tokens)

    chunks = chat_client(env).chat.completions.create(
        model="o3-pro", messages=[{"role": "user", "content": "echo:one two three"}], stream=True,
        stream_options={"include_usage": True})
    text, usage = "", None
    for chunk in chunks:
        if chunk.choices:
            text += chunk.choices[0].delta.content or ""
        usage = chunk.usage or usage
    assert text == "one two three" and usage and usage.completion_tokens > 0


def test_function_calls_round_trip_through_the_responses_upstream(env):
    c = chat_client(env)
    tools = [{"type": "function", "function": WEATHER}]
    first = c.chat.completions.create(model="o3-pro", tools=tools,
                                      messages=[{"role": "user", "content": "Please call get_weather for Paris"}])
    call = first.choices[0].message.tool_calls[0]
    assert first.choices[0].finish_reason == "tool_calls" and call.function.name == "get_weather"
    second = c.chat.completions.create(model="o3-pro", tools=tools, messages=[
        {"role": "user", "content": "Please call get_weather for Paris"},
        {"role": "assistant", "content": None, "tool_calls": [call.model_dump()]},
        {"role": "tool", "tool_call_id": call.id, "content": "{\"temp_c\": 21}"}])
    assert second.choices[0].finish_reason == "stop" and second.choices[0].message.content


def test_anthropic_clients_reach_it_whole_and_streamed(env):
    message = anthropic_client(env).messages.create(
        model="o3-pro", max_tokens=100, messages=[{"role": "user", "content": "echo:from claude code"}])
    assert message.content[0].text == "from claude code" and message.usage.output_tokens > 0
    with anthropic_client(env).messages.stream(model="o3-pro", max_tokens=100,
                                               messages=[{"role": "user", "content": "echo:streamed"}]) as stream:
        assert stream.get_final_text() == "streamed"
    tool = anthropic_client(env).messages.create(
        model="o3-pro", max_tokens=100, tools=[{"name": WEATHER["name"], "description": WEATHER["description"],
                                                "input_schema": WEATHER["parameters"]}],
        messages=[{"role": "user", "content": "Please call get_weather for Rome"}])
    assert tool.stop_reason == "tool_use" and tool.content[-1].name == "get_weather"


def test_responses_clients_reach_it_whole_and_streamed(env):
    c = chat_client(env)
    response = c.responses.create(model="o3-pro", input="echo:end to end", instructions="Be brief.")
    assert response.output_text == "end to end" and response.status == "completed"
    with c.responses.stream(model="o3-pro", input="echo:a b c d") as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert "".join(deltas) == final.output_text == "a b c d"
    calls = c.responses.create(model="o3-pro", input="Please call get_weather for Oslo",
                               tools=[{"type": "function", **WEATHER}])
    assert [item.name for item in calls.output if item.type == "function_call"] == ["get_weather"]


def test_upstream_failures_are_answered_in_the_callers_dialect_and_fall_back(env):
    with pytest.raises(openai.RateLimitError):
        chat_client(env).chat.completions.create(model="o3-pro-busy", messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(anthropic.RateLimitError):
        anthropic_client(env).messages.create(model="o3-pro-busy", max_tokens=20, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(openai.RateLimitError):
        chat_client(env).responses.create(model="o3-pro-busy", input="hi")
    raw = chat_client(env).chat.completions.with_raw_response.create(
        model="o3-pro-fallback", messages=[{"role": "user", "content": "echo:fell back"}])
    assert raw.parse().choices[0].message.content == "fell back"
    row = ledger_row(env["db"], raw.headers["x-switchyard-request-id"])
    attempts = row["attempts"].split(",")
    assert row["fallbacks"] == 1 and attempts[0].startswith("oaidown/o3-pro:503"), attempts
    assert attempts[-1].startswith("oai/o3-pro:200"), attempts
