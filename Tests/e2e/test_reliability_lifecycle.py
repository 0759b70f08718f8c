"""Fault injection: reload and shutdown under load, configured policies, and what the ledger, log
and admin API say about keys (topology and helpers in `reliability.py`)."""
import asyncio
import json
import re
import signal
import threading
import time

import httpx2 as httpx
import openai
import pytest

from conftest import start_gateway, start_sim
from reliability import (
    DIALECTS, assert_good, attempts, call, conversation, Env, gateway_config, key_id, ledger,
    metric, openai_error, Proxy,
)

# ---------------------------------------------------------------------------------------------
# Reload and shutdown under load.

async def _traffic(gw, stop_at, results, model="m", worker_count=16, stop_event=None):
    """Concurrent clients, half streaming, until `stop_at` (monotonic) or `stop_event`. Appends
    (request_id or None, status or exception name, complete) per request."""
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    c = openai.AsyncOpenAI(base_url=gw.base + "/v1", api_key="sk", max_retries=0,
                           http_client=httpx.AsyncClient(limits=limits, timeout=30))

    async def worker(w):
        n = 0
        while time.monotonic() < stop_at and not (stop_event and stop_event.is_set()):
            n += 1
            text = f"worker {w} request {n} " + "word " * 12
            msgs = [{"role": "user", "content": "echo:" + text}]
            rid = None
            try:
                if n % 2:
                    raw = await c.chat.completions.with_raw_response.create(model=model, messages=msgs)
                    rid = raw.headers.get("x-switchyard-request-id")
                    r = raw.parse()
                    results.append((rid, 200, r.choices[0].message.content == text))
                else:
                    stream = await c.chat.completions.create(model=model, messages=msgs, stream=True)
                    rid = stream.response.headers.get("x-switchyard-request-id")
                    parts = []
                    async for chunk in stream:
                        if chunk.choices:
                            parts.append(chunk.choices[0].delta.content or "")
                    results.append((rid, 200, "".join(parts) == text))
            except openai.APIStatusError as e:
                results.append((e.response.headers.get("x-switchyard-request-id"), e.status_code, False))
            except Exception as e:  # connection refused or reset, a cut stream
                results.append((rid, type(e).__name__, False))
                if stop_event is not None:
                    await asyncio.sleep(0.05)

    await asyncio.gather(*(worker(w) for w in range(worker_count)))
    await c.close()


def test_sighup_reload_under_load_drops_no_request(tmp_path):
    sim = start_sim(tmp_path, "hsim", "--tokens-per-second", "150")
    data = tmp_path / "d"
    base = gateway_config(sim.base, data)
    gw = start_gateway(tmp_path, base, name="hgw")
    path = tmp_path / "hgw.yaml"
    variants = [
        base,
        base.replace('["sk-primary-key-000001"]', '["sk-primary-key-000001", {key: sk-second-key-00002, weight: 2}]'),
        base.replace("  - name: solo\n", "  - name: solo\n    aliases: [solo-alias]\n"),
        base.replace("timeouts: {first_byte_ms: 5000, idle_ms: 5000}\n  - name: solo",
                     "timeouts: {first_byte_ms: 4000, idle_ms: 4000}\n  - name: solo"),
    ]
    try:
        results = []

        def reloader():
            for i in range(6):
                time.sleep(0.4)
                text = variants[(i + 1) % len(variants)].replace("{PORT}", str(gw.port))
                tmp = path.with_suffix(".tmp")
                tmp.write_text(text)
                tmp.replace(path)
                gw.proc.send_signal(signal.SIGHUP)

        thread = threading.Thread(target=reloader)
        thread.start()
        asyncio.run(_traffic(gw, time.monotonic() + 3.2, results))
        thread.join()
        assert len(results) > 100
        bad = [r for r in results if r[1] != 200 or not r[2]]
        assert not bad, bad[:5]
        assert gw.log().count("configuration reloaded") == 6
        assert gw.proc.poll() is None
    finally:
        gw.stop()
        sim.stop()


def test_sigterm_under_load_loses_no_ledger_row(tmp_path):
    sim = start_sim(tmp_path, "tsim", "--tokens-per-second", "150", "--fail-rate", "0.2", "--fail-status", "503",
                    "--fault-model", "m-primary")
    data = tmp_path / "d"
    gw = start_gateway(tmp_path, gateway_config(sim.base, data), name="tgw")
    try:
        results = []

        def terminator():
            time.sleep(1.5)
            gw.proc.send_signal(signal.SIGTERM)

        async def run():
            killer = threading.Thread(target=terminator)
            killer.start()
            event = asyncio.Event()

            async def watch():
                while gw.proc.poll() is None:
                    await asyncio.sleep(0.05)
                event.set()
            await asyncio.gather(_traffic(gw, time.monotonic() + 15, results, stop_event=event), watch())
            killer.join()

        asyncio.run(run())
        assert gw.proc.wait(timeout=15) == 0
        # Answered: the client got a response head (and so a request id), whole or streamed.
        answered = [r for r in results if r[0] is not None]
        assert len(answered) > 50
        rows = ledger(data, timeout=0)
        missing = [r for r in answered if r[0] not in rows]
        # Streams under way at SIGTERM are finished, not cut.
        cut = [r for r in answered if not isinstance(r[1], int)]
        assert not missing and not cut, \
            f"{len(missing)} answered requests without a ledger row, {len(cut)} cut: {(missing + cut)[:5]}"
        for rid, status, complete in answered:
            assert rows[rid]["status"] == status and (status != 200 or complete), (rows[rid], status, complete)
    finally:
        gw.stop()
        sim.stop()


def test_sigterm_stops_taking_requests_on_kept_alive_connections(tmp_path):
    """Draining stops accepting work: a new request on an idle keep-alive connection after SIGTERM
    is refused (the connection closes) or answered with `Connection: close`; it does not start new
    work that keeps the drain going (under steady keep-alive traffic it would never end)."""
    sim = start_sim(tmp_path, "ksim", "--tokens-per-second", "20")
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d"))
    body = {"model": "m-backup", "messages": [{"role": "user", "content": "echo:" + " ".join("abcdefghijklmnopqrst")}]}
    try:
        async def main():
            async with httpx.AsyncClient(base_url=gw.base, timeout=30) as idle, \
                    httpx.AsyncClient(base_url=gw.base, timeout=30) as busy:
                assert (await idle.post("/v1/chat/completions", json=body)).status_code == 200
                in_flight = asyncio.create_task(busy.post("/v1/chat/completions", json=body))  # about 1 s
                await asyncio.sleep(0.3)
                gw.proc.send_signal(signal.SIGTERM)
                await asyncio.sleep(0.2)
                try:
                    late = await idle.post("/v1/chat/completions", json=body)
                    late_outcome = (late.status_code, late.headers.get("connection"))
                except httpx.TransportError as e:
                    late_outcome = type(e).__name__
                first = await in_flight
                return late_outcome, first.status_code

        late, first = asyncio.run(main())
        assert first == 200, "the request in flight at SIGTERM is finished"
        assert gw.proc.wait(timeout=10) == 0
        assert not isinstance(late, tuple) or late[1] == "close", \
            f"a request sent after SIGTERM on a kept-alive connection was served as usual: {late}"
    finally:
        gw.stop()
        sim.stop()


def test_sigterm_waits_for_a_request_between_attempts(tmp_path):
    """SIGTERM while a request waits out a provider's retry-after before its second attempt: the
    request is in flight (accepted, not answered) and must be finished and recorded."""
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", "429", "--retry-after", "1") as env:
        box = {}

        def request():
            try:
                call(env.gw, "openai", "whole", model="solo")
            except openai.APIStatusError as e:
                box["status"] = e.status_code
                box["rid"] = e.response.headers.get("x-switchyard-request-id")
            except Exception as e:
                box["status"] = type(e).__name__

        thread = threading.Thread(target=request)
        thread.start()
        time.sleep(0.4)  # the first 429 is back; the gateway waits 1 s to retry
        env.gw.proc.send_signal(signal.SIGTERM)
        thread.join(timeout=10)
        assert env.gw.proc.wait(timeout=10) == 0
        assert box.get("status") == 429, f"the client got {box.get('status')} instead of the provider's 429"
        row = ledger(env.data_dir, timeout=0)[box["rid"]]
        assert attempts(row) == ["primary/m-primary:429", "primary/m-primary:429"], row


# ---------------------------------------------------------------------------------------------
# Configured policies, provider key ids in the ledger, and reports of disabled keys.

ADMIN_KEY = "admin-key-for-reliability-tests"


def test_configured_retry_and_breaker_policies_apply(tmp_path):
    """`reliability:` sets retries and breakers for all; a model's `retry:` overrides them."""
    sim = start_sim(tmp_path, "psim", "--fail-rate", "1", "--fail-status", "500", "--fault-model", "m-primary")
    text = gateway_config(sim.base, tmp_path / "d") + """
reliability:
  retry: {max_attempts: 1}
  breaker: {failures: 3, cooldown_ms: 800}
"""
    text = text.replace("  - name: solo\n", "  - name: solo\n    retry: {max_attempts: 2, base_backoff_ms: 0}\n")
    gw = start_gateway(tmp_path, text)
    target = "deployment:primary/m-primary"
    try:
        # One attempt in all: no retry and no fallback (the built-in policy would try m-backup).
        with pytest.raises(openai.InternalServerError) as e:
            call(gw, "openai", "whole", model="m")
        first = e.value.response.headers["x-switchyard-request-id"]
        assert metric(gw, "switchyard_circuit_state", target=target) == 0
        # The model's own policy: two attempts on its one deployment. The third failure opens the breaker.
        with pytest.raises(openai.InternalServerError) as e:
            call(gw, "openai", "whole", model="solo")
        second = e.value.response.headers["x-switchyard-request-id"]
        rows = ledger(tmp_path / "d", [first, second])
        assert attempts(rows[first]) == ["primary/m-primary:500"], rows[first]
        assert attempts(rows[second]) == ["primary/m-primary:500"] * 2, rows[second]
        assert metric(gw, "switchyard_circuit_state", target=target) == 2, "3 failures open the configured breaker"
        opened = time.monotonic()
        assert_good(call(gw, "openai", "whole", model="m"))  # the open primary is skipped
        while time.monotonic() - opened < 0.85:
            time.sleep(0.05)
        assert metric(gw, "switchyard_circuit_state", target=target) == 1, "half-open after the configured 800 ms"
    finally:
        gw.stop()
        sim.stop()


def test_invalid_reliability_settings_are_refused_with_file_and_line(tmp_path):
    sim = start_sim(tmp_path, "vsim")
    text = gateway_config(sim.base, tmp_path / "d") + "reliability:\n  breaker: {error_rate: 0}\n"
    try:
        with pytest.raises(Exception):
            start_gateway(tmp_path, text, name="vgw")
        log = (tmp_path / "vgw.log").read_text()
        line = text.splitlines().index("  breaker: {error_rate: 0}") + 1
        assert f"vgw.yaml:{line}:" in log and "error_rate" in log, log
    finally:
        sim.stop()


def test_ledger_attempts_name_the_provider_key_by_id_never_the_key(tmp_path):
    sim = start_sim(tmp_path, "lsim")
    bad, good = "sk-rejected-key-000001", "sk-accepted-key-000001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(401, "Incorrect API key provided", "invalid_request_error",
                                                                 "invalid_api_key") if key == bad else None)
    data = tmp_path / "d"
    gw = start_gateway(tmp_path, gateway_config(sim.base, data, primary_base=proxy.base, primary_keys=[bad, good]))
    try:
        ids = [call(gw, "openai", "whole", messages=conversation(i)[1:]).request_id for i in range(6)]
        rows = ledger(data, ids)
        entries = [a for rid in ids for a in rows[rid]["attempts"].split(",")]
        assert f"primary/m-primary:401@{key_id('primary', bad)}" in entries, entries
        assert f"primary/m-primary:200@{key_id('primary', good)}" in entries, entries
        assert all(re.fullmatch(r"primary/m-primary:\d+@primary#[0-9a-f]{8}", a) for a in entries), entries
        everything = json.dumps([rows[rid] for rid in ids])
        for secret in (bad, good):
            assert secret not in everything and secret[3:15] not in everything
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()


def test_disabled_key_is_reported_in_the_log_metrics_and_admin_health(tmp_path):
    sim = start_sim(tmp_path, "dsim")
    bad, good = "sk-forbidden-key-00001", "sk-allowed-key-000001"
    proxy = Proxy(sim.port, rule=lambda key, model: openai_error(403, "Forbidden", "permission_error")
                  if key == bad else None)
    text = gateway_config(sim.base, tmp_path / "d", primary_base=proxy.base, primary_keys=[bad, good])
    gw = start_gateway(tmp_path, text + f"admin_key: {ADMIN_KEY}\n")
    bad_id, good_id = key_id("primary", bad), key_id("primary", good)
    try:
        assert metric(gw, "switchyard_provider_key_disabled", provider="primary", key=bad_id) == 0
        for i in range(8):
            reply = call(gw, DIALECTS[i % 2], "whole", messages=conversation(i)[1:])
            assert reply.error is None and reply.model == "m"
        assert proxy.keys().count(bad) == 1
        warnings = [json.loads(line) for line in gw.log().splitlines()
                    if line.startswith("{") and "provider key disabled" in line]
        assert len(warnings) == 1, warnings
        assert warnings[0]["level"] == "warning"
        assert warnings[0]["provider"] == "primary" and warnings[0]["key"] == bad_id, warnings[0]
        assert metric(gw, "switchyard_provider_key_disabled", provider="primary", key=bad_id) == 1
        assert metric(gw, "switchyard_provider_key_disabled", provider="primary", key=good_id) == 0
        assert metric(gw, "switchyard_provider_key_disabled_total", provider="primary", key=bad_id) == 1
        health = httpx.get(gw.base + "/admin/health", headers={"authorization": f"Bearer {ADMIN_KEY}"}).json()
        pool = health["key_pools"]["primary"]
        assert pool["revoked"] == [bad_id] and pool["available"] == [good_id], pool
        assert {k["id"]: k["state"] for k in pool["keys"]} == {bad_id: "revoked", good_id: "active"}, pool
        exposed = gw.log() + httpx.get(gw.base + "/metrics").text + json.dumps(health)
        assert bad not in exposed and good not in exposed
    finally:
        gw.stop()
        proxy.stop()
        sim.stop()
