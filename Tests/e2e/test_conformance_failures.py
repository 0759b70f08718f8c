"""Conformance matrix, the failure cells: upstream errors in the caller's dialect, a client that
cancels, and upstream streams that stop halfway (set-up in `conformance.py`)."""
import time

import anthropic
import openai
import pytest

from conformance import (
    DIALECT, FAIL_STATUSES, INBOUND, MODES, UPSTREAMS, an, env, metric, oa, sim_stats,
    text_messages, wait_for,
)

# ---------------------------------------------------------------------------------------------
# The matrix: upstream errors, in the caller's dialect.

# (exception class, status) the caller gets, by inbound dialect, upstream and injected status.
# Same dialect: the provider's status and body pass through. Across dialects: the error's kind
# (rate limited, overloaded, server, invalid request) decides, in the caller's terms.
def expected_error(inbound, upstream, status):
    dialect = DIALECT[upstream]
    if status == 400:
        return (openai.BadRequestError if inbound == "openai" else anthropic.BadRequestError), 400, "invalid_request_error"
    if status == 429:
        return (openai.RateLimitError if inbound == "openai" else anthropic.RateLimitError), 429, "rate_limit_error"
    if inbound == "openai":
        if status == 500:
            return openai.InternalServerError, 500, None
        if status == 503:
            return openai.InternalServerError, 503, None
        # 529: passed through from an OpenAI-dialect upstream; Anthropic's overload is OpenAI's 503;
        # Gemini labels an unknown 529 `UNKNOWN`, a server error that keeps its status.
        return openai.InternalServerError, {"openai": 529, "anthropic": 503, "gemini": 529}[dialect], None
    if status == 500:
        return anthropic.InternalServerError, 500, "api_error"
    if status == 503:
        # Anthropic's own 503 passes through; OpenAI's "overloaded" 503 and Gemini's UNAVAILABLE are overloads.
        if dialect == "anthropic":
            return anthropic.ServiceUnavailableError, 503, None
        return anthropic.OverloadedError, 529, "overloaded_error"
    if dialect == "gemini":
        return anthropic.InternalServerError, 500, "api_error"
    return anthropic.OverloadedError, 529, "overloaded_error"


@pytest.mark.parametrize("status", FAIL_STATUSES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_upstream_error(env, inbound, upstream, mode, status):
    model = f"f{status}-{upstream}"
    before = sim_stats(env["failing"][status])["failures_injected"]
    cls, want_status, want_type = expected_error(inbound, upstream, status)
    messages, extra = text_messages(inbound, "Hello?")
    with pytest.raises(cls) as caught:
        if inbound == "openai":
            result = oa(env).chat.completions.create(model=model, messages=messages, stream=mode == "stream")
        else:
            result = an(env).messages.create(model=model, max_tokens=64, messages=messages,
                                             stream=mode == "stream", **extra)
        if mode == "stream":
            list(result)
    e = caught.value
    assert type(e) is cls, f"{type(e).__name__} is not {cls.__name__}"
    assert e.status_code == want_status
    # A single deployment: a retryable failure (429, 5xx, 529) is tried once more on it while its
    # circuit is closed (the reliability policy's per-deployment attempts); once repeated failures
    # open the circuit the only deployment still gets one forced attempt. A 400 is never retried.
    calls = sim_stats(env["failing"][status])["failures_injected"] - before
    assert calls == 1 if status == 400 else calls in (1, 2), f"the upstream was called {calls} time(s)"
    assert e.response.headers["content-type"].startswith("application/json")
    if inbound == "openai":
        assert isinstance(e.body, dict) and e.body.get("message"), e.body
        if status == 429:
            assert e.body.get("code") == "rate_limit_exceeded", e.body
        if status == 400:
            assert e.body.get("type") == "invalid_request_error", e.body
    else:
        raw = e.response.json()
        assert raw["type"] == "error" and raw["error"]["message"], raw
        if want_type:
            assert raw["error"]["type"] == want_type, raw
    if status == 429:
        assert e.response.headers.get("retry-after") == "3", \
            f"429 keeps the upstream's retry delay (headers: {dict(e.response.headers)})"


# ---------------------------------------------------------------------------------------------
# The matrix: client-side cancel.

LONG_ECHO = "echo:" + " ".join(f"word{i}" for i in range(300))  # 300 tokens: 15 s at 20 tokens/s.


@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_cancel_mid_stream(env, inbound, upstream):
    slow = env["slow"]
    model = f"s-{upstream}"
    before = sim_stats(slow)
    messages, extra = text_messages(inbound, LONG_ECHO)
    t0 = time.time()
    if inbound == "openai":
        stream = oa(env).chat.completions.create(model=model, messages=messages, stream=True)
        got = ""
        for chunk in stream:
            got += (chunk.choices[0].delta.content or "") if chunk.choices else ""
            if got:
                break
        stream.close()
    else:
        with an(env).messages.stream(model=model, max_tokens=1024, messages=messages, **extra) as s:
            got = ""
            for text in s.text_stream:
                got += text
                if got:
                    break
    assert got.startswith("word0")
    assert wait_for(lambda: sim_stats(slow)["streams_cancelled"] == before["streams_cancelled"] + 1), sim_stats(slow)
    assert time.time() - t0 < 5, "the upstream stream ended long before it would have finished"
    after = sim_stats(slow)
    assert after["streams_completed"] == before["streams_completed"]
    assert after["active_streams"] == 0
    assert wait_for(lambda: metric(env, "switchyard_upstream_in_flight") == 0)


@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_cancel_while_waiting_for_a_whole_answer(env, inbound, upstream):
    """A non-streaming client that gives up: the gateway drops the upstream call at once."""
    model = f"s-{upstream}"
    labels = {"model": model, "error": "client_closed"}
    before = metric(env, "switchyard_errors_total", **labels)
    messages, extra = text_messages(inbound, LONG_ECHO)
    t0 = time.time()
    if inbound == "openai":
        with pytest.raises(openai.APITimeoutError):
            oa(env, timeout=0.4).chat.completions.create(model=model, messages=messages)
    else:
        with pytest.raises(anthropic.APITimeoutError):
            an(env, timeout=0.4).messages.create(model=model, max_tokens=1024, messages=messages, **extra)
    assert wait_for(lambda: metric(env, "switchyard_errors_total", **labels) == before + 1)
    assert wait_for(lambda: metric(env, "switchyard_upstream_in_flight") == 0)
    assert time.time() - t0 < 5, "the upstream call was dropped, not waited out (the answer takes 15 s)"


# ---------------------------------------------------------------------------------------------
# Upstream streams that stop halfway.

@pytest.mark.parametrize("how", ["clean", "abort"])
@pytest.mark.parametrize("upstream", UPSTREAMS)
@pytest.mark.parametrize("inbound", INBOUND)
def test_upstream_stream_cut_short(env, inbound, upstream, how):
    """A translated stream whose upstream stops before its finish ends with an error the SDK
    raises; a passed-through one shows the cut (no finish), and a dropped connection is an error
    event in every case."""
    model = f"t{how[0]}-{upstream}"
    passed_through = DIALECT[upstream] == inbound
    expect_error = how == "abort" or not passed_through
    got = ""
    seen = []
    if inbound == "openai":
        stream = oa(env).chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}],
                                                 stream=True)
        if expect_error:
            with pytest.raises(openai.APIError) as e:
                for chunk in stream:
                    seen.append(chunk)
            assert e.value.message, e.value
        else:
            seen = list(stream)
            assert all(c.choices[0].finish_reason is None for c in seen if c.choices), "the cut is not hidden"
        got = "".join(c.choices[0].delta.content or "" for c in seen if c.choices)
    else:
        stream = an(env).messages.create(model=model, max_tokens=64, stream=True,
                                         messages=[{"role": "user", "content": "hi"}])
        if expect_error:
            with pytest.raises(anthropic.APIStatusError) as e:
                for event in stream:
                    seen.append(event)
            assert e.value.body["error"]["message"], e.value.body
        else:
            seen = list(stream)
            assert "message_stop" not in [ev.type for ev in seen], "the cut is not hidden"
        got = "".join(ev.delta.text for ev in seen if ev.type == "content_block_delta")
    assert got == "partial", "what arrived before the cut reached the client"
