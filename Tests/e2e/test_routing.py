"""Routers through the gateway: presets and configured routers pick per request, explain the
choice in headers and the ledger, and `switchyard route` / `router train` / `eval` work offline."""
import json
import sqlite3
import subprocess
import time

import openai
import pytest

from conftest import binary, gateway_on_sim, start_gateway, start_sim

MESSAGES = [{"role": "user", "content": "Prove that there are infinitely many primes, step by step."}]


def config(sim_base, data_dir):
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
ledger: {{commit_interval_ms: 20}}
providers:
  - {{name: oai, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-x"]}}
  - {{name: ant, type: anthropic, base_url: "{sim_base}", api_keys: ["sk-ant-x"]}}
models:
  - {{name: gpt-4o-mini, provider: oai}}
  - {{name: gpt-4o, provider: oai}}
  - {{name: claude-haiku-4-5, provider: ant}}
routers:
  - name: support
    weights: {{cost: 0.6, quality: 0.2, latency: 0.15, carbon: 0.05}}
    min_quality: 0.5
    max_quality_drop: 0.2
    models: [gpt-4o-mini, gpt-4o, claude-haiku-4-5]
  - name: cheapest
    weights: {{cost: 1}}
    max_quality_drop: 1
    models: [gpt-4o-mini, gpt-4o, claude-haiku-4-5]
  - name: best
    weights: {{quality: 1}}
    models: [gpt-4o-mini, gpt-4o, claude-haiku-4-5]
  - name: frugal
    policy: utility
    knob: 1000
    reference_cost_usd: 0.01
    models: [gpt-4o-mini, gpt-4o, claude-haiku-4-5]
  - name: value
    policy: utility
    knob: 0
    models: [gpt-4o-mini, gpt-4o, claude-haiku-4-5]
  - name: per-category
    policy: utility
    knob: 1000
    knob_by_category: {{chat: 0, code: 0, math: 0, reasoning: 0, knowledge: 0, creative: 0, extraction: 0}}
    models: [gpt-4o-mini, gpt-4o, claude-haiku-4-5]
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    yield from gateway_on_sim(tmp_path_factory, "routing", config)


def client(env):
    return openai.OpenAI(base_url=env["gw"].base + "/v1", api_key="x", max_retries=0)


def rows(env, request_id):
    deadline = time.time() + 3
    while time.time() < deadline:
        with sqlite3.connect(env["db"]) as db:
            found = db.execute("SELECT router, plan, served_model, requested_model, status, output_tokens, cost_micros "
                               "FROM requests WHERE request_id = ?", (request_id,)).fetchall()
        if found:
            return found
        time.sleep(0.05)
    return []


@pytest.mark.parametrize("router", ["auto", "economy", "quality", "fast", "savings", "support", "value"])
@pytest.mark.parametrize("stream", [False, True])
def test_router_picks_explains_and_records(env, router, stream):
    raw = client(env).chat.completions.with_raw_response.create(model=router, messages=MESSAGES, stream=stream)
    h = raw.headers
    assert h["x-switchyard-router"] == router
    served = h["x-switchyard-model"]
    assert served in ("gpt-4o-mini", "gpt-4o", "claude-haiku-4-5")
    assert float(h["x-switchyard-predicted-cost"]) > 0
    assert 0 <= float(h["x-switchyard-predicted-quality"]) <= 1
    body = raw.parse()
    if stream:
        text = "".join(c.choices[0].delta.content or "" for c in body if c.choices)
    else:
        text = body.choices[0].message.content
    assert text
    [(r, plan, served_model, requested, status, out_tokens, cost)] = rows(env, h["x-switchyard-request-id"])
    assert (r, served_model, requested, status) == (router, served, router, 200)
    assert plan.startswith(f"{router}→{served}") and out_tokens > 0 and cost > 0


def test_all_weight_on_cost_picks_the_cheapest_and_on_quality_the_best(env):
    cheap = client(env).chat.completions.with_raw_response.create(model="cheapest", messages=MESSAGES)
    assert cheap.headers["x-switchyard-model"] == "gpt-4o-mini"
    best = client(env).chat.completions.with_raw_response.create(model="best", messages=MESSAGES)
    plan = rows(env, best.headers["x-switchyard-request-id"])[0][1]
    assert best.headers["x-switchyard-model"] != "gpt-4o-mini" or "fb" not in plan


def test_utility_routers_trade_quality_for_money_at_their_knob(env):
    frugal = client(env).chat.completions.with_raw_response.create(model="frugal", messages=MESSAGES)
    assert frugal.headers["x-switchyard-model"] == "gpt-4o-mini"
    # Knob 0 prices money at nothing: the best predicted quality serves, as with all weight on quality.
    value = client(env).chat.completions.with_raw_response.create(model="value", messages=MESSAGES)
    best = client(env).chat.completions.with_raw_response.create(model="best", messages=MESSAGES)
    assert value.headers["x-switchyard-model"] == best.headers["x-switchyard-model"]
    assert float(value.headers["x-switchyard-predicted-quality"]) == float(best.headers["x-switchyard-predicted-quality"])
    # Knobs per category replace the router's knob: every category at 0 routes like knob 0.
    per_category = client(env).chat.completions.with_raw_response.create(model="per-category", messages=MESSAGES)
    assert per_category.headers["x-switchyard-model"] == value.headers["x-switchyard-model"] != "gpt-4o-mini"


def test_route_command_prints_the_plan_without_sending(env, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(config("http://127.0.0.1:1", str(tmp_path / "d")).replace("{PORT}", "0"))
    request = json.dumps({"model": "support", "messages": MESSAGES})
    out = subprocess.run([binary(), "route", "--router", "support", "--config", str(cfg)], input=request,
                         capture_output=True, text=True, timeout=20)
    assert out.returncode == 0, out.stderr
    assert "router support:" in out.stdout and "chosen" in out.stdout and "gpt-4o-mini" in out.stdout
    unknown = subprocess.run([binary(), "route", "--router", "nope", "--config", str(cfg)], input=request,
                             capture_output=True, text=True, timeout=20)
    assert unknown.returncode != 0 and "support" in unknown.stderr


def test_train_and_eval_on_outcome_files(tmp_path):
    records = []
    for i in range(120):
        hard = i % 3 == 0
        prompt = ("Prove the theorem rigorously, step by step, with lemmas " if hard else "Say hello to ") + f"case {i}"
        records.append({"id": str(i), "prompt": prompt, "group": "synthetic",
                        "scores": {"gpt-4-1106-preview": 1.0, "mixtral-8x7b-instruct": 0.0 if hard else 1.0},
                        "costs": {"gpt-4-1106-preview": 0.01, "mixtral-8x7b-instruct": 0.0006}})
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    train.write_text("\n".join(json.dumps(r) for r in records[:90]))
    test.write_text("\n".join(json.dumps(r) for r in records[90:]))
    weights = tmp_path / "w.json"
    t = subprocess.run([binary(), "router", "train", "--train", str(train), "--out", str(weights)],
                       capture_output=True, text=True, timeout=120)
    assert t.returncode == 0, t.stderr
    plot = tmp_path / "curve.svg"
    e = subprocess.run([binary(), "eval", "--weights", str(weights), "--test", str(test), "--json", "--plot", str(plot)],
                       capture_output=True, text=True, timeout=120)
    assert e.returncode == 0, e.stderr
    report = json.loads(e.stdout)
    for key in ("router", "strongest", "oracle", "cost_saved_at", "apgr", "cpt50", "cpt80"):
        assert key in report, report.keys()
    assert report["strongest"]["model"] == "gpt-4-1106-preview"
    assert set(report["cost_saved_at"]) >= {"1.00", "0.99", "0.95"}
    assert plot.read_text().startswith("<svg") or "<svg" in plot.read_text()[:200]
    # The gateway's utility router (the savings preset's rule, replayed through Router.decide)
    # reports exactly the offline utility policy's figures.
    replays = {}
    for router in ("utility", "scoring:savings"):
        r = subprocess.run([binary(), "eval", "--weights", str(weights), "--test", str(test), "--json",
                            "--router", router, "--plot", str(tmp_path / "u.svg")],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        replays[router] = json.loads(r.stdout)
    assert replays["utility"]["cost_saved_at"] == replays["scoring:savings"]["cost_saved_at"]
    assert replays["scoring:savings"]["router"]["quality"] == replays["utility"]["router"]["quality"]


def test_a_routers_timeouts_replace_those_of_the_models_it_picks(tmp_path):
    """`routers[].timeouts` bound the calls the router sends: the same stalled model answers when
    asked by name (its own deadlines) and times out at the router's first-byte deadline."""
    sim = start_sim(tmp_path)
    data = tmp_path / "data"
    gw = start_gateway(tmp_path, f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data}
ledger: {{commit_interval_ms: 20}}
providers:
  - {{name: stalled, type: openai-compatible, base_url: "{sim.base}/v1", api_keys: ["sk-x"],
      headers: {{x-sim-stall-ms: "1500"}}}}
models:
  - {{name: gpt-4o-mini, provider: stalled}}
routers:
  - name: hasty
    weights: {{cost: 1}}
    max_quality_drop: 1
    models: [gpt-4o-mini]
    timeouts: {{first_byte_ms: 300}}
    retry: {{max_attempts: 1}}
""")
    try:
        sdk = openai.OpenAI(base_url=gw.base + "/v1", api_key="x", max_retries=0)
        started = time.monotonic()
        assert sdk.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES).choices[0].message.content
        assert time.monotonic() - started >= 1.5
        started = time.monotonic()
        with pytest.raises(openai.APIStatusError) as caught:
            sdk.chat.completions.create(model="hasty", messages=MESSAGES)
        assert caught.value.status_code == 504, caught.value
        assert time.monotonic() - started < 1.2
        request_id = caught.value.response.headers["x-switchyard-request-id"]
        deadline = time.time() + 3
        while time.time() < deadline:
            with sqlite3.connect(data / "switchyard.db") as db:
                found = db.execute("SELECT router, attempts FROM requests WHERE request_id = ?", (request_id,)).fetchall()
            if found:
                break
            time.sleep(0.05)
        assert found and found[0][0] == "hasty" and "first_byte_timeout" in found[0][1], found
    finally:
        gw.stop()
        sim.stop()
