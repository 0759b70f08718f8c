"""Looking a call up by the `x-switchyard-request-id` its response carried, and listing recent
calls with filters: `GET /admin/requests[/{id}]` and `switchyard requests`, against a running
gateway, the simulator and the official SDKs."""
import json
import subprocess
import time

import anthropic
import httpx2 as httpx  # the HTTP client the openai SDK itself uses
import openai
import pytest

from conftest import binary, start_gateway, start_sim

ADMIN = "admin-lookup-0123456789abcdef"


def config(sim_base, data_dir):
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
admin_key: "{ADMIN}"
ledger: {{commit_interval_ms: 20}}
providers:
  - {{name: oai, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-upstream-lookup-01"]}}
  - {{name: broken, type: openai-compatible, base_url: "{sim_base}/v1", api_keys: ["sk-upstream-lookup-02"],
      headers: {{x-sim-fail-status: "500"}}}}
models:
  - {{name: gpt-4o-mini, provider: oai}}
  - {{name: gpt-4o, provider: oai}}
  - {{name: failing, provider: broken, upstream_model: gpt-4o-mini}}
routers:
  - name: thrifty
    weights: {{cost: 1}}
    max_quality_drop: 1
    models: [gpt-4o-mini, gpt-4o]
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lookup")
    sim = start_sim(tmp)
    cfg_text = config(sim.base, str(tmp / "data"))
    gw = start_gateway(tmp, cfg_text)
    try:
        cli_cfg = tmp / "cli.yaml"
        cli_cfg.write_text(cfg_text.replace("{PORT}", "0"))
        cli(cli_cfg, "teams", "set", "ops")
        key = json.loads(cli(cli_cfg, "keys", "create", "--name", "lookup", "--team", "ops", "--json").stdout)
        yield {"gw": gw, "cfg": cli_cfg, "key": key}
    finally:  # a failed set-up must not leave the processes running
        gw.stop()
        sim.stop()


def cli(cfg, *args, ok=True):
    out = subprocess.run([binary(), *args, "--config", str(cfg)], capture_output=True, text=True, timeout=30)
    assert (out.returncode == 0) == ok, (args, out.returncode, out.stdout, out.stderr)
    return out


def admin(env, path, key=ADMIN):
    return httpx.get(env["gw"].base + path, headers={"authorization": f"Bearer {key}"}, timeout=10)


def found(env, request_id):
    """The row's JSON once the writer committed it."""
    deadline = time.time() + 5
    while True:
        answer = admin(env, f"/admin/requests/{request_id}")
        if answer.status_code == 200 or time.time() > deadline:
            return answer
        time.sleep(0.05)


def test_a_call_is_found_by_its_request_id_with_everything_the_ledger_kept(env):
    client = openai.OpenAI(base_url=env["gw"].base + "/v1", api_key=env["key"]["key"], max_retries=0)
    raw = client.chat.completions.with_raw_response.create(
        model="thrifty", messages=[{"role": "user", "content": "Name a railway term."}],
        extra_headers={"x-switchyard-tags": "agent=lookup-test"})
    reply = raw.parse()
    request_id = raw.headers["x-switchyard-request-id"]
    answer = found(env, request_id)
    assert answer.status_code == 200, answer.text
    row = answer.json()
    assert row["object"] == "request" and row["id"] == request_id
    assert row["key_id"] == env["key"]["id"] and row["team"] == "ops"
    assert row["tags"] == {"agent": "lookup-test"}
    assert row["requested_model"] == "thrifty" and row["router"] == "thrifty"
    assert row["served_model"] == raw.headers["x-switchyard-model"] == "gpt-4o-mini"
    assert row["status"] == 200 and row["error"] is None
    assert row["usage"]["input_tokens"] == reply.usage.prompt_tokens
    assert row["usage"]["output_tokens"] == reply.usage.completion_tokens
    assert row["cost_usd"] > 0 and row["latency_ms"] > 0
    assert row["plan"] and "gpt-4o" in row["plan"], "the router's plan is kept"
    assert row["attempts"] and row["attempts"][0].startswith("oai/gpt-4o-mini:200")
    assert row["bodies"] is None, "bodies are not stored unless the configuration says so"
    text = json.dumps(row)
    assert env["key"]["key"] not in text and "sk-upstream" not in text, "no secret in the answer"

    shown = cli(env["cfg"], "requests", "--id", request_id).stdout
    assert request_id in shown and "thrifty → gpt-4o-mini" in shown and "plan" in shown, shown
    assert json.loads(cli(env["cfg"], "requests", "--id", request_id, "--json").stdout)["id"] == request_id


def test_recent_calls_are_listed_newest_first_and_filtered(env):
    client = openai.OpenAI(base_url=env["gw"].base + "/v1", api_key=env["key"]["key"], max_retries=0)
    ids = []
    for model in ["gpt-4o", "gpt-4o-mini", "gpt-4o"]:
        raw = client.chat.completions.with_raw_response.create(model=model, messages=[{"role": "user", "content": "hi"}])
        ids.append(raw.headers["x-switchyard-request-id"])
    with pytest.raises(openai.InternalServerError) as failed:
        client.chat.completions.create(model="failing", messages=[{"role": "user", "content": "hi"}])
    failed_id = failed.value.response.headers["x-switchyard-request-id"]
    messages = anthropic.Anthropic(base_url=env["gw"].base, api_key=env["key"]["key"], max_retries=0)
    streamed = messages.messages.with_raw_response.create(
        model="gpt-4o-mini", max_tokens=20, messages=[{"role": "user", "content": "hi"}], stream=True)
    for _ in streamed.parse():
        pass
    stream_id = streamed.headers["x-switchyard-request-id"]
    assert found(env, stream_id).status_code == 200

    listed = admin(env, f"/admin/requests?key={env['key']['id']}&limit=5").json()
    assert listed["object"] == "list"
    assert [r["id"] for r in listed["data"]] == [stream_id, failed_id, ids[2], ids[1], ids[0]], "newest first"
    assert all("bodies" not in r for r in listed["data"]), "a list leaves bodies out"
    by_model = [r["id"] for r in admin(env, "/admin/requests?model=gpt-4o&since=1h").json()["data"]]
    assert by_model[:2] == [ids[2], ids[0]]
    errors = admin(env, "/admin/requests?errors=true").json()["data"]
    assert [r["id"] for r in errors][:1] == [failed_id] and errors[0]["status"] == 500 and errors[0]["error"]
    streamed_row = admin(env, f"/admin/requests/{stream_id}").json()
    assert streamed_row["dialect"] == "anthropic" and streamed_row["streamed"] is True
    assert streamed_row["ttft_ms"] is not None
    assert admin(env, "/admin/requests?tag=agent=lookup-test").json()["data"][0]["tags"] == {"agent": "lookup-test"}

    table = cli(env["cfg"], "requests", "--key", env["key"]["id"], "--limit", "3").stdout
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["TIME", "REQUEST", "KEY"] and len(lines) == 5, table
    assert stream_id in lines[2] and failed_id in lines[3] and " 500 " in lines[3], table
    assert cli(env["cfg"], "requests", "--errors", "--json").stdout.count(failed_id) == 1


def test_bad_lookups_get_clear_errors(env):
    assert admin(env, "/admin/requests", key="wrong-admin-key-000000").status_code == 401
    missing = admin(env, "/admin/requests/req_missing")
    assert missing.status_code == 404 and "req_missing" in missing.json()["error"]["message"]
    for query, param in [("limit=0", "limit"), ("limit=abc", "limit"), ("limit=1001", "limit"), ("since=yesterday", "since"),
                         ("tag=novalue", "tag"), ("errors=maybe", "errors"), ("colour=red", "colour"),
                         ("since=1h&until=2h", "since")]:
        answer = admin(env, f"/admin/requests?{query}")
        assert answer.status_code == 400, (query, answer.text)
        assert answer.json()["error"]["param"] == param, (query, answer.text)
    post = httpx.post(env["gw"].base + "/admin/requests", headers={"authorization": f"Bearer {ADMIN}"}, timeout=10)
    assert post.status_code == 405
    assert "no request 'req_missing'" in cli(env["cfg"], "requests", "--id", "req_missing", ok=False).stderr
    assert "limit" in cli(env["cfg"], "requests", "--limit", "0", ok=False).stderr
