"""`ledger.store_bodies`: each API call's row keeps the request body and the response as sent
(a stream's events), never a key; off by default."""
import json
import sqlite3
import subprocess
import time

import anthropic
import openai
import pytest

from conftest import binary, start_gateway, start_sim


def config(sim_base, data_dir, store):
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
ledger: {{commit_interval_ms: 50, store_bodies: {str(store).lower()}}}
providers:
  - {{name: sim, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-upstream-bodies-0001"]}}
models:
  - {{name: gpt-4o-mini, provider: sim}}
"""


def bodies(data_dir, request_id):
    deadline = time.time() + 3
    while time.time() < deadline:
        with sqlite3.connect(data_dir / "switchyard.db") as db:
            found = db.execute("SELECT bodies FROM requests WHERE request_id = ?", (request_id,)).fetchall()
        if found:
            return found[0][0]
        time.sleep(0.05)
    raise AssertionError(f"no row for {request_id}")


def test_rows_keep_both_bodies_when_asked_and_never_a_key(tmp_path):
    sim = start_sim(tmp_path)
    data = tmp_path / "data"
    cfg = tmp_path / "cli.yaml"
    cfg.write_text(config(sim.base, data, True).replace("{PORT}", "0"))
    made = subprocess.run([binary(), "keys", "create", "--name", "b", "--json", "--config", str(cfg)],
                          capture_output=True, text=True, timeout=30)
    assert made.returncode == 0, made.stderr
    secret = json.loads(made.stdout)["key"]
    gw = start_gateway(tmp_path, config(sim.base, data, True))
    try:
        client = openai.OpenAI(base_url=gw.base + "/v1", api_key=secret, max_retries=0)
        messages = [{"role": "user", "content": "echo:kept for the audit"}]
        whole = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=messages)
        assert whole.parse().choices[0].message.content == "kept for the audit"
        stream = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=messages, stream=True)
        assert "".join(c.choices[0].delta.content or "" for c in stream.parse() if c.choices) == "kept for the audit"
        ant = anthropic.Anthropic(base_url=gw.base, api_key=secret, max_retries=0)
        translated = ant.messages.with_raw_response.create(model="gpt-4o-mini", max_tokens=50, messages=messages)
        assert translated.parse().content[0].text == "kept for the audit"
        with pytest.raises(openai.NotFoundError) as refused:  # an error answer is stored too
            client.chat.completions.create(model="no-such-model", messages=messages)
        missing_id = refused.value.response.headers["x-switchyard-request-id"]

        whole_row = json.loads(bodies(data, whole.headers["x-switchyard-request-id"]))
        assert json.loads(whole_row["request"])["messages"] == messages
        assert json.loads(whole_row["response"])["choices"][0]["message"]["content"] == "kept for the audit"
        stream_row = json.loads(bodies(data, stream.headers["x-switchyard-request-id"]))
        assert json.loads(stream_row["request"])["stream"] is True
        assert stream_row["response"].rstrip().endswith("data: [DONE]") and "kept" in stream_row["response"]
        translated_row = json.loads(bodies(data, translated.headers["x-switchyard-request-id"]))
        assert json.loads(translated_row["response"])["content"][0]["text"] == "kept for the audit"
        missing_row = json.loads(bodies(data, missing_id))
        assert json.loads(missing_row["response"])["error"]["code"] == "model_not_found"
        # A body over 1 MiB is cut there and marked (the echo makes the answer as long).
        long = client.chat.completions.with_raw_response.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "echo:long " + "x" * (1 << 20)}])
        long_row = json.loads(bodies(data, long.headers["x-switchyard-request-id"]))
        assert long_row.get("request_truncated") is True and len(long_row["request"]) == 1 << 20
        assert long_row.get("response_truncated") is True and len(long_row["response"].encode()) == 1 << 20
        with sqlite3.connect(data / "switchyard.db") as db:
            stored = "".join(r[0] or "" for r in db.execute("SELECT bodies FROM requests"))
        assert secret not in stored and "sk-upstream-bodies-0001" not in stored
    finally:
        gw.stop()

    plain = tmp_path / "plain"
    gw = start_gateway(tmp_path, config(sim.base, plain, False), name="plain")
    try:
        client = openai.OpenAI(base_url=gw.base + "/v1", api_key="any", max_retries=0)
        reply = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=messages)
        assert bodies(plain, reply.headers["x-switchyard-request-id"]) is None
    finally:
        gw.stop()
        sim.stop()
