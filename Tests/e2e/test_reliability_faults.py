"""Fault injection: faults before and after the first byte, with and without a healthy fallback
(topology and helpers in `reliability.py`)."""
import json
import time
import urllib.request

import anthropic
import openai
import pytest

from conftest import free_port, QuietHandler, start_gateway, start_sim, ThreadedServer
from reliability import (
    DIALECTS, MODES, STATUS_FAULTS, assert_cut_cleanly, assert_good, attempts, call, Env,
    gateway_config, ledger,
)

# ---------------------------------------------------------------------------------------------
# Faults before the first byte, with a healthy fallback: the client gets a good answer.

@pytest.mark.parametrize("status", STATUS_FAULTS)
def test_status_fault_falls_back_to_healthy_model(tmp_path, status):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", str(status), "--fault-model", "m-primary") as env:
        replies = [call(env.gw, d, mode) for d in DIALECTS for mode in MODES]
        for reply in replies:
            assert_good(reply)
        rows = ledger(env.data_dir, [r.request_id for r in replies])
        for reply in replies:
            row = rows[reply.request_id]
            if not row["streamed"]:  # streams: see test_stream_read_to_done_is_recorded_complete_…
                assert row["status"] == 200 and row["error_class"] is None, row
            tried = attempts(row)
            assert tried[-1] == "backup/m-backup:200", row
            assert all(a == f"primary/m-primary:{status}" for a in tried[:-1]), row
            assert row["fallbacks"] == (1 if len(tried) > 1 else 0)
        # The first request tried the primary (twice for a 5xx: one retry), then fell back.
        first = attempts(rows[replies[0].request_id])
        assert len(first) == (2 if status == 429 else 3), first


def test_reset_before_response_falls_back(tmp_path):
    with Env(tmp_path, "--reset-rate", "1", "--reset-after-chunks", "0", "--fault-model", "m-primary") as env:
        replies = [call(env.gw, d, mode) for d in DIALECTS for mode in MODES]
        for reply in replies:
            assert_good(reply)
        rows = ledger(env.data_dir, [replies[0].request_id])
        first = rows[replies[0].request_id]
        assert first["attempts"].startswith("primary/m-primary:reset"), first
        assert env.stats()["resets_injected"] >= 1


def test_stall_before_first_token_falls_back_after_first_byte_timeout(tmp_path):
    with Env(tmp_path, "--stall-ms", "4000", "--fault-model", "m-primary",
             m_timeouts="{first_byte_ms: 300, idle_ms: 5000}") as env:
        for dialect in DIALECTS:
            for mode in MODES:
                started = time.monotonic()
                reply = call(env.gw, dialect, mode)
                elapsed = time.monotonic() - started
                assert_good(reply)
                # One first-byte deadline, then straight to the fallback (no retry of a stalled deployment).
                assert 0.28 < elapsed < 2.5, elapsed
                row = ledger(env.data_dir, [reply.request_id])[reply.request_id]
                assert attempts(row) == ["primary/m-primary:first_byte_timeout", "backup/m-backup:200"], row


def test_slow_drip_within_idle_timeout_is_not_a_failure(tmp_path):
    with Env(tmp_path, "--drip-ms", "20", "--fault-model", "m-primary",
             m_timeouts="{first_byte_ms: 2000, idle_ms: 500}") as env:
        for dialect in DIALECTS:
            reply = call(env.gw, dialect, "stream")
            assert_good(reply, served="m")
        assert env.stats()["requests"] == 2


# ---------------------------------------------------------------------------------------------
# Faults after the first byte: never a second attempt, an error the SDK raises.

@pytest.mark.parametrize("upstream", ["openai-compatible", "anthropic"])
def test_mid_stream_reset_ends_stream_with_error_and_no_retry(tmp_path, upstream):
    extra_provider = f"""  - name: primary-ant
    type: anthropic
    base_url: {{SIM}}
    api_keys: ["sk-ant-primary-00001"]"""
    extra_model = """  - name: m-ant
    provider: primary-ant
    upstream_model: m-primary
    fallbacks: [m-backup]"""
    sim = start_sim(tmp_path, "midsim", "--reset-rate", "1", "--reset-after-chunks", "6", "--fault-model", "m-primary")
    try:
        gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", providers=extra_provider.replace("{SIM}", sim.base),
                                                    models=extra_model))
    except Exception:
        sim.stop()
        raise
    model = "m" if upstream == "openai-compatible" else "m-ant"
    try:
        for n, dialect in enumerate(DIALECTS, start=1):
            reply = call(gw, dialect, "stream", model=model)
            assert_cut_cleanly(reply)
            with urllib.request.urlopen(sim.base + "/sim/stats", timeout=2) as r:
                stats = json.load(r)
            # One call per request: the fallback is never asked once the client has bytes.
            assert stats["requests"] == n and stats["streams_reset"] == n, stats
            row = ledger(tmp_path / "d", [reply.request_id])[reply.request_id]
            assert len(attempts(row)) == 1 and attempts(row)[0].endswith(":reset"), row
            assert row["error_class"], row
        # A whole answer is reset before its head: that one does fall back.
        assert_good(call(gw, "openai", "whole", model=model))
    finally:
        gw.stop()
        sim.stop()


def test_mid_stream_stall_ends_stream_at_idle_timeout(tmp_path):
    with Env(tmp_path, "--stall-ms", "4000", "--stall-after-chunks", "6", "--fault-model", "m-primary",
             m_timeouts="{first_byte_ms: 2000, idle_ms: 300}") as env:
        for n, dialect in enumerate(DIALECTS, start=1):
            started = time.monotonic()
            reply = call(env.gw, dialect, "stream")
            assert time.monotonic() - started < 3.0, "cut at the 300 ms idle deadline, not after the 4 s stall"
            assert_cut_cleanly(reply)
            assert env.stats()["requests"] == n
            row = ledger(env.data_dir, [reply.request_id])[reply.request_id]
            assert attempts(row) == ["primary/m-primary:idle_timeout"], row


@pytest.mark.parametrize("dialect", DIALECTS)
def test_malformed_stream_chunk_is_not_passed_to_the_client(tmp_path, dialect):
    """A broken `data:` line after bytes went out: the SDK must see a clean end (an error event it
    raises as APIError, or a stream without the broken chunk), never an unparseable line."""
    with Env(tmp_path, "--malformed-rate", "1", "--malformed-after-chunks", "6", "--fault-model", "m-primary") as env:
        reply = call(env.gw, dialect, "stream")  # a json.JSONDecodeError escaping here is the failure
        if reply.error is None:
            assert_good(reply, served="m")
        else:
            assert_cut_cleanly(reply)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_malformed_whole_answer_falls_back(tmp_path, dialect):
    """A whole answer cut in half reached nobody yet: like a reset before the head, the healthy
    fallback should answer (not a 502, and never the half body relayed as a 200)."""
    with Env(tmp_path, "--malformed-rate", "1", "--fault-model", "m-primary") as env:
        assert_good(call(env.gw, dialect, "whole"))


class LateEndUpstream(ThreadedServer):
    """An OpenAI-style upstream whose stream sends everything up to `data: [DONE]`, then waits
    `delay` seconds before ending the chunked body (a provider or proxy that is slow to close)."""

    def __init__(self, text, delay=0.5):
        class Handler(QuietHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                base = {"id": "chatcmpl-late", "object": "chat.completion.chunk", "created": 1, "model": "late"}
                events = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}]
                events += [{**base, "choices": [{"index": 0, "delta": {"content": w}, "finish_reason": None}]}
                           for w in text.split(" ")[:1] + [" " + w for w in text.split(" ")[1:]]]
                events += [{**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
                           {**base, "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 9, "total_tokens": 14}}]
                payload = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"
                self.wfile.write(b"%x\r\n%s\r\n" % (len(payload), payload))
                self.wfile.flush()
                time.sleep(delay)
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

        super().__init__(Handler)


def test_stream_read_to_done_is_recorded_complete_when_the_client_hangs_up(tmp_path):
    """The openai SDK closes its connection as soon as it reads `data: [DONE]`. If the upstream
    has not ended its body yet, the client got the whole answer all the same: the ledger must say
    200 with its usage, not 499 client_closed."""
    upstream = LateEndUpstream("nine words of a complete answer sent before done")
    sim = start_sim(tmp_path, "lsim")
    gw = start_gateway(tmp_path, gateway_config(sim.base, tmp_path / "d", primary_base=upstream.base))
    try:
        reply = call(gw, "openai", "stream", model="solo")
        assert reply.error is None and reply.finish == "stop"
        assert reply.text == "nine words of a complete answer sent before done"
        row = ledger(tmp_path / "d", [reply.request_id])[reply.request_id]
        assert (row["status"], row["error_class"]) == (200, None), row
        assert row["output_tokens"] == 9, row
    finally:
        gw.stop()
        sim.stop()
        upstream.stop()


# ---------------------------------------------------------------------------------------------
# No healthy fallback: the provider's error, in the caller's dialect.

OPENAI_ERRORS = {429: openai.RateLimitError, 500: openai.InternalServerError, 503: openai.InternalServerError,
                 529: openai.InternalServerError}
# An OpenAI-dialect upstream's "overloaded" 503 is Anthropic's 529 overloaded_error (the mapping the
# conformance suite pins); the other statuses keep their number.
ANTHROPIC_ERRORS = {429: anthropic.RateLimitError, 500: anthropic.InternalServerError,
                    503: anthropic.OverloadedError, 529: anthropic.OverloadedError}
ANTHROPIC_STATUS = {429: 429, 500: 500, 503: 529, 529: 529}
ANTHROPIC_TYPES = {429: "rate_limit_error", 500: "api_error", 503: "overloaded_error", 529: "overloaded_error"}


@pytest.mark.parametrize("status", STATUS_FAULTS)
def test_without_fallback_the_provider_status_reaches_the_caller(tmp_path, status):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", str(status)) as env:
        for mode in MODES:
            with pytest.raises(OPENAI_ERRORS[status]) as e:
                call(env.gw, "openai", mode, model="solo")
            assert e.value.status_code == status
            assert e.value.body["message"] and e.value.body["type"]
            if status == 429:
                assert e.value.response.headers.get("retry-after")
            with pytest.raises(ANTHROPIC_ERRORS[status]) as e:
                call(env.gw, "anthropic", mode, model="solo")
            assert e.value.status_code == ANTHROPIC_STATUS[status]
            assert e.value.body["type"] == "error"
            assert e.value.body["error"]["type"] == ANTHROPIC_TYPES[status], e.value.body


@pytest.mark.parametrize("dialect", DIALECTS)
def test_invalid_request_400_is_not_retried_nor_fallen_back(tmp_path, dialect):
    with Env(tmp_path, "--fail-rate", "1", "--fail-status", "400", "--fault-model", "m-primary") as env:
        for n, mode in enumerate(MODES, start=1):
            with pytest.raises(openai.BadRequestError if dialect == "openai" else anthropic.BadRequestError) as e:
                call(env.gw, dialect, mode)
            assert e.value.status_code == 400
            assert env.stats()["requests"] == n, "a 400 is the request's fault: one call, no retry, no fallback"


def test_unreachable_primary_falls_back_and_alone_is_502(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"
    with Env(tmp_path, primary_base=dead) as env:
        for dialect in DIALECTS:
            for mode in MODES:
                assert_good(call(env.gw, dialect, mode))
        with pytest.raises(openai.APIStatusError) as e:
            call(env.gw, "openai", "whole", model="solo")
        assert e.value.status_code == 502
