"""Fault injection: circuit breakers, provider key pools and context-length fallback (topology and
helpers in `reliability.py`)."""
import asyncio
import json
import time
import urllib.request

import anthropic
import openai
import pytest

from conftest import start_gateway, start_sim
from reliability import (
    DIALECTS, ECHO, MODES, assert_good, call, conversation, Env, gateway_config, metric,
    openai_error, Proxy,
)

# ---------------------------------------------------------------------------------------------
# Circuit breakers.

def test_breaker_opens_skips_primary_then_closes_after_cooldown(tmp_path):
    """Default deployment breaker: 5 failures open it for 5 s (no configuration for breaker
    timings exists, so the test waits the default cooldown); one probe then closes it."""
    failing = {"on": True}
    sim = start_sim(tmp_path, "bsim")
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(500, "boom", "server_error")
                  if failing["on"] and model == "m-primary" else None)
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base))
    target = "deployment:primary/m-primary"
    try:
        def primary_calls():
            return sum(1 for _, model in proxy.calls if model == "m-primary")

        n = 0
        while metric(gw, "switchyard_circuit_state", target=target) != 2:
            assert_good(call(gw, DIALECTS[n % 2], MODES[n // 2 % 2]))
            n += 1
            assert n <= 5, "5 failures in the window must open the breaker"
        assert primary_calls() == 5
        opened = time.monotonic()
        # Open: the primary is not called at all, the fallback answers at once.
        for i in range(8):
            assert_good(call(gw, DIALECTS[i % 2], MODES[i // 2 % 2]))
        assert primary_calls() == 5, "an open breaker must keep traffic off the primary"
        assert metric(gw, "switchyard_circuit_state", target=target) == 2
        failing["on"] = False
        # After the cooldown: half-open, and the next request is the probe that closes it.
        while time.monotonic() - opened < 5.1:
            time.sleep(0.1)
        assert metric(gw, "switchyard_circuit_state", target=target) == 1
        assert_good(call(gw, "openai", "whole"), served="m")
        assert metric(gw, "switchyard_circuit_state", target=target) == 0
        for dialect in DIALECTS:
            assert_good(call(gw, dialect, "stream"), served="m")
        assert primary_calls() == 8
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_single_deployment_is_still_tried_when_its_breaker_is_open(tmp_path):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", "500") as env:
        for _ in range(4):
            with pytest.raises(openai.InternalServerError):
                call(env.gw, "openai", "whole", model="solo")
        assert metric(env.gw, "switchyard_circuit_state", target="deployment:primary/m-primary") == 2
        before = env.stats()["requests"]
        with pytest.raises(openai.InternalServerError):
            call(env.gw, "openai", "whole", model="solo")
        assert env.stats()["requests"] > before, "the only deployment is still tried, not refused by the gateway"


# ---------------------------------------------------------------------------------------------
# Provider key pools.

def test_weighted_keys_share_traffic_by_weight(tmp_path):
    sim = start_sim(tmp_path, "ksim")
    proxy = Proxy(sim.port)
    keys = ["sk-light-key-000001", {"key": "sk-heavy-key-000003", "weight": 3}]
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=keys))
    try:
        async def main():
            c = openai.AsyncOpenAI(base_url=gw.base + "/v1", api_key="sk", max_retries=0, timeout=30)
            sem = asyncio.Semaphore(16)

            async def one(i):
                async with sem:
                    r = await c.chat.completions.create(model="m", messages=conversation(i))
                    assert r.choices[0].message.content == f"conversation {i} turn 0"
            await asyncio.gather(*(one(i) for i in range(240)))
            await c.close()
        asyncio.run(main())
        seen = proxy.keys()
        assert len(seen) == 240
        heavy = seen.count("sk-heavy-key-000003") / len(seen)
        assert 0.65 <= heavy <= 0.85, f"weight 3 of 4 should carry ~75% of conversations, got {heavy:.2f}"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_key_rejected_with_401_is_taken_out_and_another_key_serves(tmp_path):
    sim = start_sim(tmp_path, "asim")
    bad = "sk-revoked-key-00001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(401, "Incorrect API key provided", "invalid_request_error",
                                                                 "invalid_api_key") if key == bad else None)
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base,
                                                primary_keys=[bad, "sk-working-key-00001"]))
    try:
        for i in range(24):
            dialect, mode = DIALECTS[i % 2], MODES[i // 2 % 2]
            reply = call(gw, dialect, mode, messages=conversation(i)[1:])
            assert reply.error is None and reply.text == f"conversation {i} turn 0" and reply.model == "m"
        seen = proxy.keys()
        assert seen.count(bad) == 1, "after one 401 the key is out of rotation"
        assert seen.count("sk-working-key-00001") == 24
        assert "sk-revoked-key-00001" not in gw.log() and "sk-working-key-00001" not in gw.log()
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_rate_limited_key_cools_down_for_retry_after_then_returns(tmp_path):
    sim = start_sim(tmp_path, "csim")
    limited = {"on": True}
    hot = "sk-limited-key-00001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(429, "Rate limit reached", "requests",
                                                                 "rate_limit_exceeded", retry_after=3)
                  if key == hot and limited["on"] else None)
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base,
                                                primary_keys=[hot, "sk-spare-key-0000001"]))
    try:
        # Conversations spread over both keys; the first one on the hot key gets a 429 and is
        # served by the spare key at once; the hot key then rests for 3 s.
        i = 0
        while hot not in proxy.keys():
            reply = call(gw, DIALECTS[i % 2], "whole", messages=conversation(i)[1:])
            assert reply.error is None and reply.text == f"conversation {i} turn 0" and reply.model == "m"
            i += 1
            assert i < 40
        limited_at = proxy.times[proxy.keys().index(hot)]
        while time.monotonic() - limited_at < 2.0:
            reply = call(gw, DIALECTS[i % 2], "whole", messages=conversation(i)[1:])
            assert reply.error is None and reply.text == f"conversation {i} turn 0"
            i += 1
        during = [k for k, t in zip(proxy.keys(), proxy.times) if limited_at < t < limited_at + 2.0]
        assert len(during) >= 5 and hot not in during, "a 429 key rests for its retry-after"
        limited["on"] = False
        while time.monotonic() - limited_at < 3.2:
            time.sleep(0.05)
        before = len(proxy.calls)
        for j in range(i, i + 20):
            call(gw, "openai", "whole", messages=conversation(j)[1:])
        assert proxy.keys()[before:].count(hot) > 0, "after its cooldown the key is back in rotation"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_affinity_identical_requests_keep_their_key(tmp_path):
    sim = start_sim(tmp_path, "fsim")
    proxy = Proxy(sim.port)
    keys = [f"sk-affinity-key-0000{i}" for i in range(4)]
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=keys))
    try:
        for i in range(8):
            for dialect in DIALECTS:
                start = len(proxy.calls)
                for _ in range(3):
                    call(gw, dialect, "whole", messages=conversation(i)[1:])
                assert len(set(proxy.keys()[start:])) == 1
        assert len(set(proxy.keys())) > 1, "different conversations spread over the keys"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_affinity_turns_of_one_conversation_keep_their_key(tmp_path, dialect):
    """Every turn of a conversation starts with the same first messages: its calls must keep one
    key (the provider's prompt cache is per key/organisation) while that key is healthy."""
    sim = start_sim(tmp_path, "tsim")
    proxy = Proxy(sim.port)
    keys = [f"sk-affinity-key-0000{i}" for i in range(4)]
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=keys))
    system = "You are a terse assistant for railway dispatchers."
    try:
        spread = {}
        for i in range(4):
            start = len(proxy.calls)
            for turns in range(1, 5):
                msgs = conversation(i, turns, system)
                if dialect == "openai":
                    call(gw, "openai", "whole", messages=msgs)
                else:
                    call(gw, "anthropic", "whole", messages=msgs[1:], system=system)
            spread[i] = proxy.keys()[start:]
        assert all(len(set(k)) == 1 for k in spread.values()), spread
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


# ---------------------------------------------------------------------------------------------
# Context-length errors fall back to a model with a larger window.

def test_context_length_error_falls_back_to_larger_window(tmp_path):
    sim = start_sim(tmp_path, "xsim")
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(
        400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
        "invalid_request_error", "context_length_exceeded") if model == "gpt-4o-mini" else None)
    # gpt-4o-mini and gpt-4o have 128k windows in the catalog, gpt-4.1 about 1M.
    models = """  - name: small-ctx
    provider: primary
    upstream_model: gpt-4o-mini
    fallbacks: [same-ctx, big-ctx]
  - name: same-ctx
    provider: backup
    upstream_model: gpt-4o
  - name: big-ctx
    provider: backup
    upstream_model: gpt-4.1
  - name: small-only
    provider: primary
    upstream_model: gpt-4o-mini
    fallbacks: [same-ctx]"""
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, models=models))
    try:
        for dialect in DIALECTS:
            for mode in MODES:
                before = proxy.calls.copy()
                stats_before = json.load(urllib.request.urlopen(sim.base + "/sim/stats"))["requests"]
                reply = call(gw, dialect, mode, model="small-ctx")
                assert reply.error is None and reply.text == ECHO and reply.model == "big-ctx", reply.model
                assert proxy.calls[len(before):] == [("sk-primary-key-000001", "gpt-4o-mini")]
                stats = json.load(urllib.request.urlopen(sim.base + "/sim/stats"))
                # The same-window model is skipped: only the larger one is called.
                assert stats["requests"] - stats_before == 1
        # No larger window configured: the context-length error in the caller's dialect.
        with pytest.raises(openai.BadRequestError) as e:
            call(gw, "openai", "whole", model="small-only")
        assert e.value.body["code"] == "context_length_exceeded"
        with pytest.raises(anthropic.BadRequestError) as e:
            call(gw, "anthropic", "whole", model="small-only")
        assert e.value.body["error"]["type"] == "invalid_request_error"
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()
