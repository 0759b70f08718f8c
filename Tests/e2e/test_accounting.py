"""Accounting end to end: virtual keys (CLI and admin API), limits, budgets, the ledger, spend
reports, durability under SIGTERM and kill -9, and metrics, against real processes.

One simulator serves every gateway. Providers in front of it differ only by the headers they
add (`x-sim-ttft-ms`, `x-sim-fail-status`), so one sim gives fast, slow and failing models.
"""
import asyncio
import json
import math
import re
import signal
import socket
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone

import httpx2 as httpx  # the HTTP client the openai SDK itself uses
import openai
import pytest
from openai import OpenAI

from conftest import PRESET_ROUTERS, binary, start_gateway, start_sim

ADMIN = "admin-secret-0123456789abcdef"
UPSTREAM = "sk-upstream-secret-123456"
MESSAGES = [{"role": "user", "content": "Tell me about railway switchyards."}]
# Catalog prices (USD per million tokens) of the upstream models the budget test uses.
GPT_4O = {"in": 2.50, "out": 10.00}
SECRETS = []  # every sy-… issued in this module, checked against the database files at the end


def config(sim_base, data_dir, admin=True, commit_ms=200, ledger_enabled=True):
    provider = "{{name: {name}, type: openai-compatible, base_url: \"%s/v1\", api_keys: [\"%s\"]{more}}}" % (sim_base, UPSTREAM)
    providers = "\n".join("  - " + provider.format(name=name, more=more) for name, more in [
        ("sim", ""),
        ("simslow", ", headers: {x-sim-ttft-ms: \"300\"}"),
        ("simhang", ", headers: {x-sim-ttft-ms: \"3000\"}"),
        ("simfail", ", headers: {x-sim-fail-status: \"500\"}"),
        ("simquota", ", rpm: 5"),
    ])
    models = "\n".join(f"  - {{name: {name}, provider: {p}, upstream_model: {up}}}" for name, p, up in [
        ("gpt-4o-mini", "sim", "gpt-4o-mini"), ("small", "sim", "sim-small-v2"),
        ("slow-mini", "simslow", "gpt-4o-mini"), ("fast-4o", "sim", "gpt-4o"), ("slow-4o", "simslow", "gpt-4o"),
        ("broken", "simfail", "gpt-4o-mini"), ("quota-mini", "simquota", "gpt-4o-mini"),
        ("org/mini", "sim", "gpt-4o-mini"), ("hang-mini", "simhang", "gpt-4o-mini"),
    ])
    return f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data_dir}
{'admin_key: "%s"' % ADMIN if admin else ''}
ledger: {{commit_interval_ms: {commit_ms}{'' if ledger_enabled else ', enabled: false'}}}
metrics: {{label_by_key: true}}
timeouts: {{first_byte_ms: 5000, idle_ms: 5000}}
providers:
{providers}
models:
{models}
"""


class Gw:
    """A started gateway with its configuration file and database path.

    With `first_key` the gateway starts with one key in its store (created by the CLI before
    start), so it is not in open mode; the tests then create their own keys while it runs.
    """

    def __init__(self, root, sim, name, first_key=True, **kw):
        self.dir = root / f"{name}-data"
        self.cfg = root / f"{name}.yaml"
        text = config(sim.base, str(self.dir), **kw)
        if first_key:
            self.cfg.write_text(text.replace("{PORT}", "0"))
            self.first_key = self.new_key("first")
        self.proc = start_gateway(root, text, name=name)
        self.base = self.proc.base
        self.db = self.dir / "switchyard.db"

    def cli(self, *args, ok=True):
        r = subprocess.run([binary(), *args, "--config", str(self.cfg)], capture_output=True, text=True, timeout=30)
        if ok:
            assert r.returncode == 0, r.stderr
        return r

    def new_key(self, name, *flags, warm=True):
        key = json.loads(self.cli("keys", "create", "--name", name, "--json", *flags).stdout)
        SECRETS.append(key["key"])
        if warm and hasattr(self, "proc"):
            self.warm(key["key"])
        return key["id"], key["key"]

    def warm(self, secret):
        """Waits until the gateway's key cache knows `secret` (a 404 for an unknown model uses
        no quota; 403 for a key limited to other models). A first use can otherwise meet the 250 ms miss-reload throttle: see
        test_a_new_key_is_accepted_on_first_use."""
        until(lambda: chat(self, secret, model="nope").status_code in (403, 404))

    def rows(self, where="1", args=()):
        with sqlite3.connect(self.db, timeout=5) as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute(f"SELECT * FROM requests WHERE {where} ORDER BY id", args)]

    def wait_rows(self, count, where="1", args=(), timeout=5.0):
        deadline = time.time() + timeout
        while True:
            rows = self.rows(where, args)
            if len(rows) >= count or time.time() > deadline:
                return rows
            time.sleep(0.05)

    def metrics(self):
        return httpx.get(self.base + "/metrics").text


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    p = start_sim(tmp_path_factory.mktemp("sim"))
    yield p
    p.stop()


@pytest.fixture(scope="module")
def gw(tmp_path_factory, sim):
    g = Gw(tmp_path_factory.mktemp("acct"), sim, "gateway")
    yield g
    g.proc.stop()


def sdk(gw, key, **kw):
    return OpenAI(base_url=gw.base + "/v1", api_key=key, max_retries=0, **kw)


def chat(gw, key=None, model="gpt-4o-mini", headers=None, **body):
    h = dict(headers or {})
    if key:
        h["authorization"] = f"Bearer {key}"
    return httpx.post(gw.base + "/v1/chat/completions", json={"model": model, "messages": MESSAGES, **body}, headers=h, timeout=10)


def until(predicate, timeout=4.0):
    """Polls `predicate` (the CLI's changes reach the gateway's key cache within 2 s)."""
    deadline = time.time() + timeout
    while not predicate():
        assert time.time() < deadline, "condition not met in time"
        time.sleep(0.1)


# ---------------------------------------------------------------- keys


def test_key_create_use_revoke(gw):
    key_id, secret = gw.new_key("lifecycle", "--tag", "agent=triage")
    assert re.fullmatch(r"sy-[A-Za-z0-9_-]{43}", secret)
    reply = sdk(gw, secret).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=MESSAGES)
    assert reply.status_code == 200
    rows = gw.wait_rows(1, "key_id = ? AND status = 200", (key_id,))
    assert len(rows) == 1 and json.loads(rows[0]["tags"]) == {"agent": "triage"}
    assert rows[0]["request_id"] == reply.headers["x-switchyard-request-id"]
    shown = gw.cli("keys", "show", "lifecycle").stdout
    assert key_id in shown and secret not in shown and "active" in shown
    assert "revoked" in gw.cli("keys", "revoke", key_id).stdout.lower()
    until(lambda: chat(gw, secret).status_code == 401)
    with pytest.raises(openai.AuthenticationError) as e:
        sdk(gw, secret).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    assert "revoked" in e.value.body["message"]


def test_key_rotate_keeps_identity(gw):
    key_id, old = gw.new_key("rotating")
    assert chat(gw, old).status_code == 200
    new = json.loads(gw.cli("keys", "rotate", "rotating", "--json").stdout)["key"]
    SECRETS.append(new)
    assert new != old
    gw.warm(new)
    assert chat(gw, new).status_code == 200
    until(lambda: chat(gw, old).status_code == 401)
    rows = gw.wait_rows(2, "key_id = ? AND status = 200", (key_id,))
    assert len(rows) == 2, "both requests, before and after rotation, under one id"


def test_key_expiry(gw):
    expires = datetime.now(timezone.utc) + timedelta(seconds=2)
    _, secret = gw.new_key("expiring", "--expires", expires.isoformat(timespec="milliseconds"))
    assert chat(gw, secret).status_code == 200
    time.sleep(max(0.0, (expires - datetime.now(timezone.utc)).total_seconds()) + 0.1)
    r = chat(gw, secret)
    assert r.status_code == 401 and "expired" in r.json()["error"]["message"]
    assert gw.cli("keys", "create", "--name", "x", "--expires", "2001-01-01", ok=False).returncode != 0


def test_model_allowlist(gw):
    _, secret = gw.new_key("allowlisted", "--models", "small")
    assert chat(gw, secret, model="small").status_code == 200
    with pytest.raises(openai.PermissionDeniedError) as e:
        sdk(gw, secret).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    assert e.value.status_code == 403 and e.value.body["code"] == "model_not_allowed"


def test_embeddings_take_the_same_keys_limits_and_ledger_as_chat(gw):
    """/v1/embeddings spends provider money too: it once answered without a key on a gateway
    that has keys, and wrote no ledger row."""
    r = httpx.post(gw.base + "/v1/embeddings", json={"model": "gpt-4o-mini", "input": "hi"}, timeout=10)
    assert r.status_code == 401 and r.json()["error"]["type"] == "authentication_error"
    key_id, secret = gw.new_key("embedder", "--models", "small", "--tag", "agent=indexer")
    reply = sdk(gw, secret).embeddings.with_raw_response.create(model="small", input=["railway", "switchyards"])
    assert reply.status_code == 200 and len(reply.parse().data) == 2
    with pytest.raises(openai.PermissionDeniedError):
        sdk(gw, secret).embeddings.create(model="gpt-4o-mini", input="hi")
    # (The warm-up call `new_key` makes is a chat call for the model "nope".)
    rows = gw.wait_rows(2, "key_id = ? AND requested_model != 'nope'", (key_id,))
    assert [r["status"] for r in rows] == [200, 403]
    served = rows[0]
    assert served["request_id"] == reply.headers["x-switchyard-request-id"]
    assert json.loads(served["tags"]) == {"agent": "indexer"} and served["served_model"] == "small"
    assert served["input_tokens"] == reply.parse().usage.prompt_tokens > 0 and served["output_tokens"] == 0
    _, limited = gw.new_key("embed-limited", "--rpm", "1")
    statuses = [httpx.post(gw.base + "/v1/embeddings", json={"model": "small", "input": "hi"},
                           headers={"authorization": f"Bearer {limited}"}, timeout=10).status_code for _ in range(2)]
    assert statuses == [200, 429]


def test_model_list_takes_a_key_and_shows_what_it_may_use(gw):
    r = httpx.get(gw.base + "/v1/models", timeout=10)
    assert r.status_code == 401 and r.json()["error"]["type"] == "authentication_error"
    r = httpx.get(gw.base + "/v1/models", headers={"anthropic-version": "2023-06-01"}, timeout=10)
    assert r.status_code == 401 and r.json()["type"] == "error"
    _, narrow = gw.new_key("lister-narrow", "--models", "small,auto")
    assert [m.id for m in sdk(gw, narrow).models.list()] == ["small", "auto"]
    assert sdk(gw, narrow).models.retrieve("small").id == "small"
    with pytest.raises(openai.NotFoundError):
        sdk(gw, narrow).models.retrieve("gpt-4o-mini")
    _, wide = gw.new_key("lister-wide")
    ids = [m.id for m in sdk(gw, wide).models.list()]
    assert ids[:2] == ["gpt-4o-mini", "small"] and ids[-5:] == PRESET_ROUTERS
    # A name with a slash, whether the client escapes it or not.
    assert sdk(gw, wide).models.retrieve("org/mini").id == "org/mini"
    r = httpx.get(gw.base + "/v1/models/org%2Fmini", headers={"authorization": f"Bearer {wide}"}, timeout=10)
    assert r.status_code == 200 and r.json()["id"] == "org/mini"


def test_token_count_takes_a_key_but_no_quota_and_no_ledger_row(gw):
    body = {"model": "small", "messages": [{"role": "user", "content": "Count me."}]}
    r = httpx.post(gw.base + "/v1/messages/count_tokens", json=body, headers={"anthropic-version": "2023-06-01"}, timeout=10)
    assert r.status_code == 401 and r.json()["type"] == "error"
    key_id, secret = gw.new_key("counter", "--rpm", "1")
    headers = {"x-api-key": secret, "anthropic-version": "2023-06-01"}
    counts = [httpx.post(gw.base + "/v1/messages/count_tokens", json=body, headers=headers, timeout=10) for _ in range(3)]
    assert [c.status_code for c in counts] == [200] * 3 and counts[0].json()["input_tokens"] > 0
    assert chat(gw, secret, model="small").status_code == 200, "counting used none of the key's one request a minute"
    assert len(gw.wait_rows(1, "key_id = ? AND requested_model = 'small'", (key_id,))) == 1


def test_bad_credentials_and_tags(gw):
    _, secret = gw.new_key("badinput")
    assert chat(gw, "sy-" + "A" * 43).status_code == 401, "unknown key"
    assert chat(gw, "not-a-key").status_code == 401, "malformed key"
    assert chat(gw).status_code == 401, "no key once keys exist"
    r = chat(gw, headers={"authorization": "Basic x"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_header"
    tags = ",".join(f"t{i}=v" for i in range(17))
    r = chat(gw, secret, headers={"x-switchyard-tags": tags})
    assert r.status_code == 400 and "16" in r.json()["error"]["message"]
    assert chat(gw, headers={"x-api-key": secret}).status_code == 200, "x-api-key works too"


def test_cli_refuses_bad_input(gw):
    for args in [["keys", "create", "--name", "b", "--budget", "5"],
                 ["keys", "create", "--name", "b", "--budget=-1", "--budget-period", "day"],
                 ["keys", "create", "--name", "b", "--budget", "0.0000001", "--budget-period", "day"],
                 ["keys", "create", "--name", "b", "--budget-period", "fortnight", "--budget", "1"],
                 ["keys", "create", "--name", "b", "--tag", "no-equals"],
                 ["keys", "create", "--name", "b", "--team", "missing-team"],
                 ["keys", "create", "--name", "b", "--rpm", "0"],
                 ["keys", "show", "key_doesnotexist"],
                 ["spend", "--by", "colour"], ["spend", "--since", "last tuesday"]]:
        r = gw.cli(*args, ok=False)
        assert r.returncode != 0 and r.stderr.lower().startswith("error: "), args


def raw_statuses(gw, key, n):
    """`n` requests sent at once over connections opened beforehand; their statuses."""
    body = json.dumps({"model": "gpt-4o-mini", "messages": MESSAGES}).encode()
    request = (b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
               + f"authorization: Bearer {key}\r\ncontent-length: {len(body)}\r\n\r\n".encode() + body)
    conns = [socket.create_connection(("127.0.0.1", gw.proc.port)) for _ in range(n)]
    for c in conns:
        c.sendall(request)
    statuses = []
    for c in conns:
        c.settimeout(10)
        statuses.append(int(c.recv(64).split(b" ")[1]))
        c.close()
    return statuses


def test_a_new_key_is_accepted_on_first_use(gw):
    """A key just created by the CLI is found by reloading the cache on a miss. The reload is
    throttled (one per 250 ms) and misses meanwhile are refused rather than made to wait for it,
    so concurrent first requests with a new key get 401s."""
    for attempt in range(3):  # three keys, so the periodic 2 s refresh cannot hide it by chance
        _, secret = gw.new_key(f"first-use-{attempt}", warm=False)
        statuses = raw_statuses(gw, secret, 20)
        assert statuses == [200] * 20, statuses


# ---------------------------------------------------------------- limits


async def burst(gw, key, n, model="gpt-4o-mini", **body):
    async with httpx.AsyncClient(timeout=30) as client:
        async def one():
            return await client.post(gw.base + "/v1/chat/completions", headers={"authorization": f"Bearer {key}"},
                                     json={"model": model, "messages": MESSAGES, **body})
        return await asyncio.gather(*(one() for _ in range(n)))


def test_rpm_burst_gets_exactly_the_excess_refused(gw):
    key_id, secret = gw.new_key("rpm10", "--rpm", "10")
    replies = asyncio.run(burst(gw, secret, 25))
    refused = [r for r in replies if r.status_code == 429]
    assert len(refused) == 15 and sum(r.status_code == 200 for r in replies) == 10
    for r in refused:
        assert int(r.headers["retry-after"]) >= 1
        assert r.headers["x-ratelimit-scope"] == f"key:{key_id}"
        assert r.headers["x-ratelimit-limit-requests"] == "10" and r.headers["x-ratelimit-remaining-requests"] == "0"
        assert r.json()["error"]["code"] == "rate_limit_exceeded"
    assert all(r.headers["x-ratelimit-limit-requests"] == "10" for r in replies if r.status_code == 200)
    assert re.search(r'switchyard_limiter_rejections_total\{scope="key",limit="requests"\} \d+', gw.metrics())


def test_tpm_reservation_settles_to_actual_usage(gw):
    _, secret = gw.new_key("tpm1000", "--tpm", "1000")
    first = chat(gw, secret, max_tokens=900)
    assert first.status_code == 200
    used = first.json()["usage"]["total_tokens"]
    assert used < 300 and int(first.headers["x-ratelimit-remaining-tokens"]) < 200, "admission reserved ~max_tokens"
    second = chat(gw, secret, max_tokens=900)
    assert second.status_code == 200, "the first request settled down to its actual usage, freeing the rest"
    third = chat(gw, secret, max_tokens=900)
    assert third.status_code == 429 and third.headers["x-ratelimit-limit-kind"] == "tokens"


def test_deployment_quota_is_shared_by_keys(gw):
    keys = [gw.new_key(f"quota{i}")[1] for i in range(2)]
    statuses = [chat(gw, keys[i % 2], model="quota-mini") for i in range(8)]
    assert [r.status_code for r in statuses] == [200] * 5 + [429] * 3
    assert statuses[-1].headers["x-ratelimit-scope"].startswith("deployment:")


# ---------------------------------------------------------------- budgets


def remaining_usd(gw, key_id):
    m = re.search(r'switchyard_budget_remaining_usd\{scope="key",name="%s"\} ([0-9.e-]+)' % key_id, gw.metrics())
    return float(m.group(1)) if m else None


def test_budget_holds_under_200_concurrent_requests(gw):
    limit = 0.005
    key_id, secret = gw.new_key("budgeted", "--budget", str(limit), "--budget-period", "day")
    body = {"model": "slow-4o", "messages": MESSAGES, "max_tokens": 50}
    # The reservation: the prompt estimated at 4 bytes a token plus max_tokens, at gpt-4o prices.
    estimate = (math.ceil(len(json.dumps(body)) / 4) * GPT_4O["in"] + 50 * GPT_4O["out"]) / 1e6
    assert chat(gw, secret, model="fast-4o", max_tokens=50).status_code == 200
    while (remaining_usd(gw, key_id) or 0) > 4 * estimate:  # spend it down to a few requests' worth
        assert chat(gw, secret, model="fast-4o", max_tokens=50).status_code == 200

    async def run():
        client = openai.AsyncOpenAI(base_url=gw.base + "/v1", api_key=secret, max_retries=0, timeout=30)
        async def one():
            try:
                await client.chat.completions.create(**body)
                return 200
            except openai.RateLimitError as e:
                assert e.body["code"] == "budget_exceeded" and "resets" in e.body["message"]
                assert e.response.headers["retry-after"]
                return 429
        return await asyncio.gather(*(one() for _ in range(200)))

    statuses = asyncio.run(run())
    assert 1 <= statuses.count(200) <= 4 and statuses.count(429) == 200 - statuses.count(200)
    rows = gw.wait_rows(200, "key_id = ? AND requested_model = 'slow-4o'", (key_id,))
    assert len(rows) == 200
    spent = sum(r["cost_micros"] for r in gw.rows("key_id = ?", (key_id,))) / 1e6
    assert spent <= limit + estimate, f"spent {spent} > limit {limit} + one estimate {estimate}"
    assert remaining_usd(gw, key_id) is not None


def test_a_spent_budget_tells_the_sdk_not_to_retry(gw):
    """The SDKs retry a 429 twice by default; a spent budget would refuse them again, each a
    ledger row. `x-should-retry: false` stops them: one call, one refusal, one row."""
    key_id, secret = gw.new_key("spent", "--budget", "0.000001", "--budget-period", "month")
    assert chat(gw, secret, model="fast-4o", max_tokens=50).status_code in (200, 429)
    where = ("key_id = ? AND requested_model = 'fast-4o'", (key_id,))
    before = len(gw.wait_rows(1, *where))
    client = OpenAI(base_url=gw.base + "/v1", api_key=secret)  # the SDK's default: 2 retries
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="fast-4o", messages=MESSAGES, max_tokens=50)
    assert caught.value.body["code"] == "budget_exceeded"
    assert caught.value.response.headers["x-should-retry"] == "false"
    rows = gw.wait_rows(before + 1, *where)
    time.sleep(1.5)  # an SDK retry would come after 0.5-1 s of backoff, then its row
    assert len(gw.rows(*where)) == before + 1 == len(rows)
    # A rate limit that resets within a minute leaves the SDK's own retry to its retry-after.
    limited_id, limited = gw.new_key("limited-rpm", "--rpm", "1")
    assert chat(gw, limited).status_code == 200
    refused = chat(gw, limited)
    assert refused.status_code == 429 and "x-should-retry" not in refused.headers


# ---------------------------------------------------------------- ledger


def cancel_after_sending(gw, key, delay=0.1):
    """Sends a request to a model that answers after 3 s and hangs up before the answer. The
    margin is wide on purpose: these threads share the GIL with the load beside them, so the
    hang-up may come well after `delay` (a 300 ms model once answered first)."""
    body = json.dumps({"model": "hang-mini", "messages": MESSAGES}).encode()
    with socket.create_connection(("127.0.0.1", gw.proc.port)) as s:
        s.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
                  + f"authorization: Bearer {key}\r\ncontent-length: {len(body)}\r\n\r\n".encode() + body)
        time.sleep(delay)


async def load_mix(gw, limited, free):
    seen = {"input": 0, "output": 0, "ids": set()}
    async with httpx.AsyncClient(timeout=30) as client:
        async def call(key, model="gpt-4o-mini", stream=False):
            body = {"model": model, "messages": MESSAGES, "stream": stream}
            if stream:
                body["stream_options"] = {"include_usage": True}
            r = await client.post(gw.base + "/v1/chat/completions", json=body, headers={"authorization": f"Bearer {key}"})
            seen["ids"].add(r.headers["x-switchyard-request-id"])
            usage = None
            if r.status_code == 200 and stream:
                events = [json.loads(line[6:]) for line in r.text.splitlines() if line.startswith("data: {")]
                usage = events[-1]["usage"]
            elif r.status_code == 200:
                usage = r.json()["usage"]
            if usage:
                seen["input"] += usage["prompt_tokens"]
                seen["output"] += usage["completion_tokens"]
            return r.status_code
        loop = asyncio.get_running_loop()
        cancels = [loop.run_in_executor(None, cancel_after_sending, gw, free) for _ in range(5)]
        statuses = await asyncio.gather(
            *(call(limited) for _ in range(30)), *(call(free) for _ in range(20)),
            *(call(free, stream=True) for _ in range(10)), *(call(free, "broken") for _ in range(8)))
        await asyncio.gather(*cancels)
    return statuses, seen


def test_every_request_has_one_row_and_spend_matches_usage(gw):
    limited_id, limited = gw.new_key("load-limited", "--rpm", "20")
    free_id, free = gw.new_key("load-free")
    statuses, seen = asyncio.run(load_mix(gw, limited, free))
    assert statuses[:30].count(429) == 10 and statuses[30:60].count(200) == 30 and statuses[60:] == [500] * 8
    # rows, errors: the 404 of `warm` + 429s / the 404 + 500s + cancels
    expected = {limited_id: (31, 11), free_id: (44, 14)}
    rows = gw.wait_rows(75, "key_id IN (?, ?)", (limited_id, free_id))
    assert len(rows) == 75 and len({r["request_id"] for r in rows}) == 75, "exactly one row per request"
    assert seen["ids"] <= {r["request_id"] for r in rows}
    assert sum(1 for r in rows if r["status"] == 499 and r["error_class"] == "client_closed") == 5
    report = {g["group"]: g for g in json.loads(gw.cli("spend", "--by", "key", "--json").stdout)}
    for key_id, (requests, errors) in expected.items():
        assert report[key_id]["requests"] == requests and report[key_id]["errors"] == errors
    assert sum(report[k]["input_tokens"] for k in expected) == seen["input"]
    assert sum(report[k]["output_tokens"] for k in expected) == seen["output"]
    assert sum(report[k]["cost_usd"] for k in expected) > 0
    csv = gw.cli("spend", "--by", "key", "--csv").stdout.splitlines()
    assert csv[0].startswith("group,requests,input_tokens,output_tokens,cost_usd,errors")
    table = gw.cli("spend", "--by", "model", "--since", "1h").stdout
    assert "gpt-4o-mini" in table and "TOTAL" in table
    assert "Method:" in gw.cli("spend", "--savings").stdout


def test_savings_report_prices_routed_rows_at_the_strongest_candidate(tmp_path, sim):
    """Rows with a router, written straight into a ledger: two served models, one three days old
    (the report reads the ledger in time windows, so old rows must not fall between them)."""
    g = Gw.__new__(Gw)
    g.dir, g.cfg = tmp_path / "sav-data", tmp_path / "sav.yaml"
    g.cfg.write_text(config(sim.base, str(g.dir)).replace("{PORT}", "0"))
    g.db = g.dir / "switchyard.db"
    g.new_key("creates-the-database")
    now = int(time.time() * 1000)
    rows = [(now - 3 * 86_400_000, "auto", "gpt-4o-mini", 1000, 500, 450), (now, "auto", "gpt-4o", 100, 50, 750),
            (now, None, "gpt-4o", 100, 50, 750)]
    with sqlite3.connect(g.db) as db:
        db.executemany("INSERT INTO requests (ts, request_id, dialect, router, served_model, status, input_tokens, "
                       "output_tokens, cost_micros, latency_ms, overhead_ms) VALUES (?, 'r', 'openai', ?, ?, 200, ?, ?, ?, 1, 0)", rows)
    report = json.loads(g.cli("spend", "--savings", "--json").stdout)
    assert report == [{"router": "auto", "requests": 2, "strongest_model": "gpt-4o", "actual_usd": 0.0012,
                       "baseline_usd": 0.00825, "saved_usd": 0.00705, "saved_pct": 85.5,
                       "served_models": ["gpt-4o", "gpt-4o-mini"], "unpriced_models": []}]
    assert "Method:" in g.cli("spend", "--by", "router", "--savings").stdout
    assert g.cli("spend", "--by", "key", "--savings", ok=False).returncode != 0


# ---------------------------------------------------------------- admin API


def admin(gw, method, path, key=ADMIN, **kw):
    headers = {"authorization": f"Bearer {key}"} if key else {}
    return httpx.request(method, gw.base + path, headers=headers, timeout=10, **kw)


def test_admin_api(gw):
    assert admin(gw, "GET", "/admin/keys", key=None).status_code == 401
    assert admin(gw, "GET", "/admin/keys", key="wrong-admin-key-000000").status_code == 401
    assert admin(gw, "POST", "/admin/teams", json={"name": "ops", "rpm": 100}).status_code == 201
    assert admin(gw, "POST", "/admin/teams", json={"name": "ops", "budget": 10, "budget_period": "month"}).json()["rpm"] == 100
    r = admin(gw, "POST", "/admin/keys", json={"name": "via-admin", "team": "ops", "tags": {"use_case": "support"}, "rpm": 50})
    assert r.status_code == 201
    created = r.json()
    SECRETS.append(created["key"])
    assert created["key"].startswith("sy-") and created["team"] == "ops" and "hash" not in r.text
    assert chat(gw, created["key"]).status_code == 200
    listed = admin(gw, "GET", "/admin/keys")
    assert created["id"] in listed.text and created["key"] not in listed.text and "hash" not in listed.text
    assert admin(gw, "GET", f"/admin/keys/{created['id']}").json()["status"] == "active"
    rotated = admin(gw, "POST", f"/admin/keys/{created['id']}/rotate").json()
    SECRETS.append(rotated["key"])
    assert rotated["id"] == created["id"] and chat(gw, created["key"]).status_code == 401, "old secret refused at once"
    assert chat(gw, rotated["key"]).status_code == 200
    assert admin(gw, "DELETE", f"/admin/keys/{created['id']}").json()["status"] == "revoked"
    assert chat(gw, rotated["key"]).status_code == 401, "revoked at once"
    assert admin(gw, "DELETE", "/admin/teams/ops").status_code == 200
    assert admin(gw, "POST", "/admin/keys", json={"name": "x", "budget": 5}).status_code == 400
    assert admin(gw, "POST", "/admin/keys", json={"nmae": "typo"}).json()["error"]["param"] == "nmae"
    assert admin(gw, "GET", "/admin/keys/key_missing").status_code == 404
    time.sleep(0.3)  # one commit interval
    spend = admin(gw, "GET", "/admin/spend?by=key&since=1h")
    mine = [g for g in spend.json() if g["group"] == created["id"]]
    assert mine and mine[0]["requests"] == 2 and {"input_tokens", "output_tokens", "cost_usd", "errors"} <= set(mine[0])
    assert admin(gw, "GET", "/admin/spend?by=colour").status_code == 400
    stats = admin(gw, "GET", "/admin/stats").json()["ledger"]
    assert stats["rows_committed"] > 0 and stats["rows_dropped"] == 0
    assert admin(gw, "POST", "/admin/reload").json()["reloaded"] is True


# ---------------------------------------------------------------- open mode, at rest


def test_open_mode_on_loopback_until_a_key_exists(tmp_path, sim):
    g = Gw(tmp_path, sim, "open", first_key=False, admin=False)
    try:
        assert chat(g).status_code == 200
        assert "open to any caller on loopback" in g.proc.log()
        assert admin(g, "GET", "/admin/keys").status_code == 404, "no admin_key: no admin API"
        _, secret = g.new_key("first", warm=False)
        until(lambda: chat(g).status_code == 401)
        assert chat(g, secret).status_code == 200
    finally:
        g.proc.stop()


def test_a_key_used_while_the_gateway_is_still_open_is_attributed(tmp_path, sim):
    """The first key, created while the gateway runs open, is used within the 2 s refresh:
    its request must be billed to the key (and see its limits), not run anonymously."""
    g = Gw(tmp_path, sim, "opened", first_key=False)
    try:
        key_id, secret = g.new_key("first", "--rpm", "1", warm=False)
        assert chat(g, secret).status_code == 200
        assert chat(g, secret).status_code == 429, "the key's rpm applies to its second request"
        rows = g.wait_rows(2)
        assert [r["key_id"] for r in rows] == [key_id, key_id]
    finally:
        g.proc.stop()


def test_ledger_switched_off_writes_no_rows_but_keys_and_limits_hold(tmp_path, sim):
    """`ledger: {enabled: false}` is the bare pass-through: keys, limits and metrics work, and
    the requests table stays empty."""
    g = Gw(tmp_path, sim, "noledger", ledger_enabled=False)
    try:
        _, secret = g.new_key("limited", "--rpm", "2")
        statuses = [chat(g, secret).status_code for _ in range(3)]
        assert statuses == [200, 200, 429], statuses
        assert chat(g, "sy-not-a-key").status_code == 401
        assert 'switchyard_requests_total{model="gpt-4o-mini"' in g.metrics()
        time.sleep(0.5)  # longer than the commit interval: a row would have landed by now
        assert g.rows() == []
        report = json.loads(g.cli("spend", "--by", "key", "--json").stdout)
        assert sum(r["requests"] for r in report) == 0
    finally:
        g.proc.stop()


def test_keys_are_hashed_at_rest_and_never_logged(gw):
    _, secret = gw.new_key("at-rest")
    assert chat(gw, secret).status_code == 200
    assert len(SECRETS) > 5
    for suffix in ("", "-wal", "-shm"):
        path = gw.dir / f"switchyard.db{suffix}"
        if path.exists():
            data = path.read_bytes()
            for s in SECRETS:
                assert s.encode() not in data and s[3:].encode() not in data, f"a raw key is in {path.name}"
    log = gw.proc.log()
    assert not any(s in log for s in SECRETS)


# ---------------------------------------------------------------- durability


async def steady_load(base, key, model, seconds, concurrency):
    """Requests back to back from `concurrency` workers; returns (request id, answered at)."""
    answered = []
    stop = time.time() + seconds
    async with httpx.AsyncClient(timeout=30) as client:
        async def worker():
            while time.time() < stop:
                try:
                    r = await client.post(base + "/v1/chat/completions", headers={"authorization": f"Bearer {key}"},
                                          json={"model": model, "messages": MESSAGES})
                except httpx.HTTPError:
                    await asyncio.sleep(0.02)
                    continue
                if "x-switchyard-request-id" not in r.headers:
                    # A draining gateway refuses new requests on open connections (503,
                    # Connection: close) before they are requests of its own: no ledger row.
                    assert r.status_code == 503
                    await asyncio.sleep(0.02)
                    continue
                answered.append((r.headers["x-switchyard-request-id"], time.time()))
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return answered


def test_sigterm_under_load_loses_no_row(tmp_path, sim):
    g = Gw(tmp_path, sim, "term")
    _, key = g.new_key("term")

    async def run():
        task = asyncio.create_task(steady_load(g.base, key, "slow-mini", 1.5, 30))
        await asyncio.sleep(0.6)
        sent = time.time()
        g.proc.proc.send_signal(signal.SIGTERM)
        return sent, await task

    sent, answered = asyncio.run(run())
    assert g.proc.proc.wait(timeout=15) == 0
    g.proc.stop()
    assert any(t > sent for _, t in answered), "requests in flight at SIGTERM were answered"
    stored = {r["request_id"] for r in g.rows()}
    assert {i for i, _ in answered} <= stored


def test_kill9_under_load_leaves_a_sound_file_missing_at_most_one_interval(tmp_path, sim):
    g = Gw(tmp_path, sim, "kill", commit_ms=200)
    _, key = g.new_key("kill")

    async def run():
        task = asyncio.create_task(steady_load(g.base, key, "gpt-4o-mini", 2.0, 16))
        await asyncio.sleep(1.2)
        async with httpx.AsyncClient() as client:
            stats = (await client.get(g.base + "/admin/stats", headers={"authorization": f"Bearer {ADMIN}"})).json()
        killed = time.time()
        g.proc.proc.kill()
        return killed, stats["ledger"]["rows_committed"], await task

    killed, committed, answered = asyncio.run(run())
    g.proc.stop()
    with sqlite3.connect(g.db) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r["request_id"] for r in g.rows()}
    missing = [t for i, t in answered if i not in stored]
    assert len(answered) > 100 and len(stored) >= committed > 0, "every committed transaction survived"
    # A row is handed to the writer at most 200 ms after its answer; the slack covers the commit
    # itself and scheduling on a busy machine (2 shared cores).
    assert all(t > killed - 0.2 - 0.3 for t in missing), f"{len(missing)} rows missing, oldest {killed - min(missing):.3f}s before kill"


def test_admin_health_lists_breakers_and_key_pools(gw):
    _, key = gw.new_key("health")
    assert chat(gw, key).status_code == 200
    assert admin(gw, "GET", "/admin/health", key=None).status_code == 401
    r = admin(gw, "GET", "/admin/health")
    assert r.status_code == 200
    health = r.json()
    assert any(b["state"] == "closed" and b["window_calls"] >= 1 for b in health["breakers"]), health
    assert health["key_pools"], health
    for pool in health["key_pools"].values():
        assert pool["revoked"] == [] and pool["available"], pool
    assert "sk-" not in r.text, "no provider key in admin answers"
