"""The simulator's Gemini dialect, driven by the official google-genai SDK.

The SDK validates every response against its own pydantic models (unknown fields are errors),
so if it parses everything here the simulator speaks Gemini's generateContent,
streamGenerateContent, function calling and embeddings formats faithfully enough for the
gateway's tests and benchmarks.
"""
import json
import urllib.error
import urllib.request

import pytest
from google import genai
from google.genai import types

from conftest import start_sim

MODEL = "gemini-2.5-flash"
WEATHER = types.FunctionDeclaration(
    name="get_weather", description="Current weather for a city.",
    parameters=types.Schema(type="OBJECT", properties={"city": types.Schema(type="STRING")}, required=["city"]))
CLOCK = types.FunctionDeclaration(
    name="get_time", description="Local time in a time zone.",
    parameters=types.Schema(type="OBJECT", properties={"zone": types.Schema(type="STRING")}, required=["zone"]))
TOOLS = types.GenerateContentConfig(tools=[types.Tool(function_declarations=[WEATHER, CLOCK])])
CALL_PROMPT = "Please call get_weather and get_time for Paris"


def client(sim, headers=None):
    """A client for the simulator; keep it in a variable, since the SDK closes its HTTP client
    when the Client object is collected."""
    return genai.Client(api_key="test", http_options=types.HttpOptions(
        base_url=sim.base, api_version="v1beta", headers=headers or {},
        retry_options=types.HttpRetryOptions(attempts=1)))


def test_generate_content(sim):
    c = client(sim)
    r = c.models.generate_content(model=MODEL, contents="What does a switchyard do? ünïcödé 🚂")
    assert r.text and r.text.endswith(".")
    candidate = r.candidates[0]
    assert candidate.finish_reason == types.FinishReason.STOP and candidate.index == 0
    assert candidate.content.role == "model"
    assert r.model_version == MODEL and len(r.response_id) == 23
    usage = r.usage_metadata
    assert usage.prompt_token_count > 5 and 20 <= usage.candidates_token_count <= 60
    assert usage.total_token_count == usage.prompt_token_count + usage.candidates_token_count
    assert usage.prompt_tokens_details[0].modality == types.MediaModality.TEXT
    again = c.models.generate_content(model=MODEL, contents="What does a switchyard do? ünïcödé 🚂")
    assert again.text == r.text, "deterministic per request"


def test_generate_content_stream_matches_whole(sim):
    prompt = "Explain routing in one paragraph."
    c = client(sim)
    whole = c.models.generate_content(model=MODEL, contents=prompt)
    chunks = list(c.models.generate_content_stream(model=MODEL, contents=prompt))
    assert "".join(c.text or "" for c in chunks) == whole.text
    assert len(chunks) == whole.usage_metadata.candidates_token_count + 1, "one chunk per token, then the finish"
    assert all(c.response_id == chunks[0].response_id for c in chunks)
    assert chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP
    assert all(c.candidates[0].finish_reason is None for c in chunks[:-1])
    assert chunks[-1].usage_metadata.candidates_token_count == whole.usage_metadata.candidates_token_count


def test_max_tokens_thoughts_and_cached_usage(sim):
    long_prompt = "Summarise this: " + "the router picks a model by cost and quality. " * 120
    c = client(sim)
    r = c.models.generate_content(model=MODEL, contents=long_prompt, config=types.GenerateContentConfig(
        max_output_tokens=5, thinking_config=types.ThinkingConfig(include_thoughts=True)))
    assert r.candidates[0].finish_reason == types.FinishReason.MAX_TOKENS
    parts = r.candidates[0].content.parts
    assert parts[0].thought is True and parts[0].text
    usage = r.usage_metadata
    assert usage.candidates_token_count == 5 and usage.thoughts_token_count > 0
    assert usage.cached_content_token_count > 0 and usage.cached_content_token_count < usage.prompt_token_count
    assert usage.cache_tokens_details[0].token_count == usage.cached_content_token_count


@pytest.mark.parametrize("model", [MODEL, "gemini-3-pro-preview"])
def test_parallel_function_calls_with_signature(sim, model):
    c = client(sim)
    r = c.models.generate_content(model=model, contents=CALL_PROMPT, config=TOOLS)
    calls = r.function_calls
    assert [call.name for call in calls] == ["get_weather", "get_time"]
    assert calls[0].args == {"city": "Paris"} and calls[1].args == {"zone": "Paris"}
    parts = r.candidates[0].content.parts
    assert isinstance(parts[0].thought_signature, bytes) and len(parts[0].thought_signature) > 16
    assert parts[1].thought_signature is None, "Gemini signs the first call of a parallel set only"
    assert r.candidates[0].finish_reason == types.FinishReason.STOP

    history = [types.Content(role="user", parts=[types.Part.from_text(text=CALL_PROMPT)]),
               r.candidates[0].content,
               types.Content(role="user", parts=[
                   types.Part.from_function_response(name="get_weather", response={"temp": 21}),
                   types.Part.from_function_response(name="get_time", response={"time": "12:00"})])]
    follow = c.models.generate_content(model=model, contents=history, config=TOOLS)
    assert follow.text and not follow.function_calls


def test_gemini3_rejects_a_call_echoed_without_its_signature(sim):
    c = client(sim)
    r = c.models.generate_content(model="gemini-3-pro-preview", contents=CALL_PROMPT, config=TOOLS)
    stripped = types.Content(role="model", parts=[
        types.Part(function_call=p.function_call) for p in r.candidates[0].content.parts])
    history = [types.Content(role="user", parts=[types.Part.from_text(text=CALL_PROMPT)]), stripped,
               types.Content(role="user", parts=[
                   types.Part.from_function_response(name="get_weather", response={"temp": 21}),
                   types.Part.from_function_response(name="get_time", response={"time": "12:00"})])]
    with pytest.raises(genai.errors.ClientError) as failure:
        c.models.generate_content(model="gemini-3-pro-preview", contents=history, config=TOOLS)
    assert failure.value.code == 400 and failure.value.status == "INVALID_ARGUMENT"
    assert "missing a thought_signature" in failure.value.message


def test_streamed_function_calls(sim):
    c = client(sim)
    chunks = list(c.models.generate_content_stream(model=MODEL, contents=CALL_PROMPT, config=TOOLS))
    calls = [call for chunk in chunks for call in (chunk.function_calls or [])]
    assert [call.name for call in calls] == ["get_weather", "get_time"]
    assert chunks[-1].candidates[0].content.parts[0].thought_signature


def test_embed_content(sim):
    c = client(sim)
    r = c.models.embed_content(model="text-embedding-004", contents=["hello", "bye"])
    assert [len(e.values) for e in r.embeddings] == [768, 768]
    assert abs(sum(v * v for v in r.embeddings[0].values) - 1) < 1e-4, "unit length"
    small = c.models.embed_content(model="text-embedding-004", contents="hello",
                                   config=types.EmbedContentConfig(output_dimensionality=16))
    assert len(small.embeddings[0].values) == 16
    again = c.models.embed_content(model="text-embedding-004", contents=["hello"])
    assert again.embeddings[0].values == r.embeddings[0].values, "deterministic"


def test_openai_style_embeddings_share_the_vectors(sim):
    body = json.dumps({"model": "text-embedding-3-small", "input": ["hello"], "dimensions": 768}).encode()
    req = urllib.request.Request(sim.base + "/v1/embeddings", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        openai_style = json.load(r)
    c = client(sim)
    gemini = c.models.embed_content(model="text-embedding-004", contents=["hello"])
    assert openai_style["object"] == "list" and openai_style["data"][0]["index"] == 0
    assert openai_style["data"][0]["embedding"] == pytest.approx(gemini.embeddings[0].values, abs=1e-7)
    assert openai_style["usage"]["prompt_tokens"] == openai_style["usage"]["total_tokens"] > 0


@pytest.mark.parametrize("status,error", [(400, genai.errors.ClientError), (429, genai.errors.ClientError),
                                          (500, genai.errors.ServerError), (503, genai.errors.ServerError)])
def test_injected_errors_raise_the_sdk_errors(sim, status, error):
    c = client(sim, headers={"x-sim-fail-status": str(status)})
    with pytest.raises(error) as failure:
        c.models.generate_content(model=MODEL, contents="hi")
    assert failure.value.code == status and failure.value.message
    with pytest.raises(error) as streamed:
        list(c.models.generate_content_stream(model=MODEL, contents="hi"))
    assert streamed.value.code == status


def test_rate_limit_carries_retry_info(tmp_path):
    limited = start_sim(tmp_path, "limited", "--fail-rate", "1", "--fail-status", "429", "--retry-after", "3")
    try:
        c = client(limited)
        with pytest.raises(genai.errors.ClientError) as failure:
            c.models.generate_content(model=MODEL, contents="hi")
        assert failure.value.status == "RESOURCE_EXHAUSTED"
        assert failure.value.details["error"]["details"][0]["retryDelay"] == "3s"
    finally:
        limited.stop()


def test_missing_key_is_refused(sim):
    req = urllib.request.Request(sim.base + f"/v1beta/models/{MODEL}:generateContent",
                                 data=b'{"contents":[{"parts":[{"text":"hi"}]}]}',
                                 headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(req, timeout=5)
    assert failure.value.code == 403
    assert json.loads(failure.value.read())["error"]["status"] == "PERMISSION_DENIED"
