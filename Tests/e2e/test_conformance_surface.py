"""Conformance matrix, the edges: members that cannot translate, images by reference, embeddings,
the model list in either shape, and token counting (set-up in `conformance.py`)."""
import base64
import json
import struct

import anthropic
import httpx2 as httpx
import openai
import pytest

from conftest import PRESET_ROUTERS
from conformance import (
    DIALECT, UPSTREAM_MODELS, UPSTREAMS, an, chat_exchanges, env, oa, openai_call,
)

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
    assert [m.id for m in models] == env["models"] + PRESET_ROUTERS
    assert all(m.object == "model" for m in models)
    owners = {m.id: m.owned_by for m in models}
    assert owners["m-gemini"] == "m-gemini" and owners["r-anthropic"] == "r-anthropic"


def test_models_anthropic_shape_when_anthropic_version_is_sent(env):
    raw = httpx.get(env["gateway"].base + "/v1/models", headers={"anthropic-version": "2023-06-01"}).json()
    assert "object" not in raw and [m["id"] for m in raw["data"]] == env["models"] + PRESET_ROUTERS
    assert all(m["type"] == "model" for m in raw["data"])
    plain = httpx.get(env["gateway"].base + "/v1/models").json()
    assert plain["object"] == "list" and plain["data"][0]["object"] == "model"
    # The anthropic SDK, validating strictly, parses the page into its own models.
    page = an(env).models.list()
    assert [m.id for m in page.data] == env["models"] + PRESET_ROUTERS
    assert all(m.type == "model" and m.display_name for m in page.data)
    assert page.has_more is False and page.first_id == env["models"][0] and page.last_id == PRESET_ROUTERS[-1]


# ---------------------------------------------------------------------------------------------
# Token counting (Claude Code asks on every turn).

COUNT_BODY = {"system": "You are terse.", "messages": [{"role": "user", "content": "How do switchyards sort cars? 🚂"}],
              "tools": [{"name": "get_time", "description": "Local time in a city",
                         "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]}


def test_count_tokens_is_exact_on_anthropic_and_estimated_elsewhere(env):
    direct = anthropic.Anthropic(base_url=env["sim"].base, api_key="k", max_retries=0, _strict_response_validation=True)
    exact = direct.messages.count_tokens(model=UPSTREAM_MODELS["anthropic"], **COUNT_BODY).input_tokens
    raw = an(env).messages.with_raw_response.count_tokens(model="m-anthropic", **COUNT_BODY)
    assert raw.parse().input_tokens == exact and "x-switchyard-estimated" not in raw.headers
    assert raw.headers["x-switchyard-model"] == "m-anthropic"
    for model in ["m-openai", "m-gemini", "auto"]:
        raw = an(env).messages.with_raw_response.count_tokens(model=model, **COUNT_BODY)
        assert raw.headers["x-switchyard-estimated"] == "true"
        # Four bytes a token over the same text: within a factor of two of the upstream's count.
        assert exact / 2 <= raw.parse().input_tokens <= exact * 2, model
    with pytest.raises(anthropic.NotFoundError) as e:
        an(env).messages.count_tokens(model="no-such-model", **COUNT_BODY)
    assert e.value.body["type"] == "error" and e.value.body["error"]["type"] == "not_found_error"
    with pytest.raises(anthropic.BadRequestError):
        an(env).messages.count_tokens(model="m-openai", messages=[{"role": "user", "content": 5}])
    for model in ["m-openai", "m-anthropic"]:
        for body in [COUNT_BODY, {"messages": [{"role": "user", "content": 5}]}]:
            r = httpx.post(env["gateway"].base + "/v1/messages/count_tokens", json={"model": model, **body},
                           headers={"anthropic-version": "2023-06-01"})
            assert r.headers.get_list("content-type") == ["application/json"], (model, r.status_code)


def test_paths_under_messages_answer_in_anthropics_shape(env):
    for method, path, status in [("GET", "/v1/messages/count_tokens", 405), ("POST", "/v1/messages/batches", 404)]:
        r = httpx.request(method, env["gateway"].base + path, json={})
        assert r.status_code == status and r.json()["type"] == "error", (path, r.text)


def test_anthropic_version_and_betas_reach_an_anthropic_upstream_only(env):
    """Claude Code's gateway contract: `anthropic-beta` and `anthropic-version` are forwarded (a
    beta gates body members such as `context_management`); other dialects never see them."""
    recorder = env["recorder"]
    betas = {"anthropic-beta": "context-management-2025-06-27,interleaved-thinking-2025-05-14",
             "anthropic-version": "2023-06-01"}
    mark = recorder.mark()
    an(env).messages.create(model="r-anthropic", max_tokens=32, messages=[{"role": "user", "content": "echo:hi"}],
                            extra_headers=betas)
    an(env).messages.count_tokens(model="r-anthropic", messages=[{"role": "user", "content": "hi"}], extra_headers=betas)
    an(env).messages.create(model="r-openai", max_tokens=32, messages=[{"role": "user", "content": "echo:hi"}],
                            extra_headers=betas)
    calls = chat_exchanges(recorder, mark)
    assert [c["path"] for c in calls] == ["/v1/messages", "/v1/messages/count_tokens", "/v1/chat/completions"]
    for call in calls[:2]:
        assert call["headers"]["anthropic-beta"] == betas["anthropic-beta"]
        assert call["headers"]["anthropic-version"] == betas["anthropic-version"]
    # Without the client's version the gateway sends its own.
    mark = recorder.mark()
    httpx.post(env["gateway"].base + "/v1/messages", json={"model": "r-anthropic", "max_tokens": 8,
                                                           "messages": [{"role": "user", "content": "hi"}]})
    assert chat_exchanges(recorder, mark)[0]["headers"]["anthropic-version"] == "2023-06-01"
    assert "anthropic-beta" not in calls[2]["headers"] and "anthropic-version" not in calls[2]["headers"]


def test_the_providers_request_id_reaches_a_caller_of_the_same_dialect(env):
    recorder = env["recorder"]
    for model, name in [("r-anthropic", "request-id"), ("r-compat", "x-request-id")]:
        for stream in (False, True):
            mark = recorder.mark()
            if model == "r-anthropic":
                r = httpx.post(env["gateway"].base + "/v1/messages", json={
                    "model": model, "max_tokens": 16, "stream": stream, "messages": [{"role": "user", "content": "hi"}]})
            else:
                r = httpx.post(env["gateway"].base + "/v1/chat/completions", json={
                    "model": model, "stream": stream, "messages": [{"role": "user", "content": "hi"}]})
            assert r.status_code == 200
            sent = chat_exchanges(recorder, mark)[0]["answer_headers"][name]
            assert r.headers[name] == sent and r.headers["x-switchyard-request-id"] != sent
    # Translated: only the gateway's id.
    r = httpx.post(env["gateway"].base + "/v1/messages", json={
        "model": "r-compat", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]})
    assert r.status_code == 200 and "request-id" not in r.headers and "x-request-id" not in r.headers


def test_models_retrieve_in_either_shape(env):
    model = oa(env).models.retrieve("m-openai")
    assert model.id == "m-openai" and model.object == "model" and model.owned_by == "m-openai"
    assert oa(env).models.retrieve("auto").owned_by == "switchyard"
    with pytest.raises(openai.NotFoundError):
        oa(env).models.retrieve("no-such-model")
    info = an(env).models.retrieve("m-anthropic")
    assert info.id == "m-anthropic" and info.type == "model" and info.display_name
    with pytest.raises(anthropic.NotFoundError) as e:
        an(env).models.retrieve("no-such-model")
    assert e.value.body["type"] == "error"
