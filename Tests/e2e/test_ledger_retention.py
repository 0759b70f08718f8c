"""`ledger.retention_days` runs in the gateway: rows older than that many days are rolled up into
`daily_usage` (and `daily_label_usage`) and deleted soon after start, and the spend reports
still count them (that budgets
restored at start do too is RetentionTests.testSpentTotalsCountTheDaysRetentionRolledUp)."""
import json
import sqlite3
import subprocess
import time

import openai

from conftest import binary, start_gateway, start_sim

DAY_MS = 86_400_000


def test_the_gateway_rolls_up_old_rows_and_keeps_their_spend(tmp_path):
    sim = start_sim(tmp_path)
    data = tmp_path / "data"
    text = f"""
listen: 127.0.0.1:{{PORT}}
data_dir: {data}
ledger: {{commit_interval_ms: 50, retention_days: 1}}
providers:
  - {{name: sim, type: openai-compatible, base_url: "{sim.base}/v1", api_keys: ["sk-upstream-ret-01"]}}
models:
  - {{name: gpt-4o-mini, provider: sim}}
"""
    cfg = tmp_path / "cli.yaml"
    cfg.write_text(text.replace("{PORT}", "0"))
    team = subprocess.run([binary(), "teams", "set", "ops", "--config", str(cfg)], capture_output=True, text=True, timeout=30)
    assert team.returncode == 0, team.stderr
    made = subprocess.run([binary(), "keys", "create", "--name", "old", "--team", "ops", "--json", "--config", str(cfg)],
                          capture_output=True, text=True, timeout=30)
    assert made.returncode == 0, made.stderr
    key = json.loads(made.stdout)
    now_ms = int(time.time() * 1000)
    old_ts = now_ms - 5 * DAY_MS
    with sqlite3.connect(data / "switchyard.db") as db:
        for n in range(3):
            tags = '{"agent":"nightly"}' if n < 2 else None
            db.execute("INSERT INTO requests (ts, request_id, key_id, team, tags, router, dialect, served_model, provider,"
                       " status, cost_micros, latency_ms, overhead_ms) VALUES (?, ?, ?, 'ops', ?, 'economy', 'openai',"
                       " 'gpt-4o-mini', 'sim', 200, 1000, 10, 1)", (old_ts + n, f"req_old_{n}", key["id"], tags))
    gw = start_gateway(tmp_path, text)
    try:
        deadline = time.time() + 10
        while time.time() < deadline:
            with sqlite3.connect(data / "switchyard.db") as db:
                old = db.execute("SELECT COUNT(*) FROM requests WHERE ts < ?", (now_ms - DAY_MS,)).fetchone()[0]
                rolled = db.execute("SELECT requests, cost_micros, team FROM daily_usage WHERE key_id = ?",
                                    (key["id"],)).fetchall()
            if old == 0 and rolled:
                break
            time.sleep(0.1)
        assert old == 0 and rolled == [(3, 3000, "ops")], (old, rolled)
        client = openai.OpenAI(base_url=gw.base + "/v1", api_key=key["key"], max_retries=0)
        assert client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]).choices
        # The spend report still counts the rolled-up day: 3 old requests and the new one.
        deadline = time.time() + 5
        while True:
            report = subprocess.run([binary(), "spend", "--by", "key", "--json", "--config", str(cfg)],
                                    capture_output=True, text=True, timeout=30)
            assert report.returncode == 0, report.stderr
            mine = [g for g in json.loads(report.stdout) if g["group"] == key["id"]]
            if (mine and mine[0]["requests"] == 4) or time.time() > deadline:
                break
            time.sleep(0.1)
        assert mine and mine[0]["requests"] == 4 and mine[0]["cost_usd"] >= 0.003, mine
        # So do the reports by tag and by router (`daily_label_usage`); the untagged old row and
        # the new request are "(none)".
        def report_by(grouping):
            out = subprocess.run([binary(), "spend", "--by", grouping, "--json", "--config", str(cfg)],
                                 capture_output=True, text=True, timeout=30)
            assert out.returncode == 0, out.stderr
            return {g["group"]: g["requests"] for g in json.loads(out.stdout)}
        assert report_by("tag:agent") == {"nightly": 2, "(none)": 2}
        assert report_by("router") == {"economy": 3, "(none)": 1}
    finally:
        gw.stop()
        sim.stop()
