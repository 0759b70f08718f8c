"""Soak: steady mixed traffic with 20% injected failures on the primary and a healthy fallback.

20 concurrent clients (openai and anthropic SDKs, half of the calls streamed) for SOAK_SECONDS
(default 100, about two minutes with start and shutdown; set it higher to soak longer). The
gateway's resident memory (VmRSS) and open descriptors are sampled every few seconds: after the
warm-up memory stays flat and descriptors do not grow; every request is answered (the fallback
is healthy) and, after a clean SIGTERM, has its ledger row.

SOAK_REPORT=path writes the samples and counts as JSON (bench/reliability.sh uses it).
"""
import asyncio
import json
import os
import signal
import sqlite3
import time

import anthropic
import httpx2 as httpx
import openai

from conftest import start_gateway, start_sim
from reliability import gateway_config

SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "100"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "20"))
SAMPLE_SECONDS = 5.0
# Resident memory climbs about 2.5 MB over the first ~10,000 requests, then stays flat within
# ±100 kB (bounded caches filling: allocator arenas, connection pools, SQLite's page cache). The
# warm-up ends at 10,000 requests or half the run, whichever comes first; from there the final
# sample must stay within RSS_TOLERANCE_KB, an absolute bound, so a longer soak catches a
# smaller leak.
WARMUP_REQUESTS = 10_000
RSS_TOLERANCE_KB = 3 * 1024
FD_TOLERANCE = 6


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


async def soak(gw, deadline, counts, failures):
    limits = httpx.Limits(max_connections=CLIENTS * 2, max_keepalive_connections=CLIENTS * 2)
    oa = openai.AsyncOpenAI(base_url=gw.base + "/v1", api_key="sk-soak", max_retries=0,
                            http_client=httpx.AsyncClient(limits=limits, timeout=30))
    an = anthropic.AsyncAnthropic(base_url=gw.base, api_key="sk-soak", max_retries=0,
                                  http_client=httpx.AsyncClient(limits=limits, timeout=30))

    async def one(w, n):
        text = f"soak client {w} request {n}: switchyards sort freight cars by destination"
        msgs = [{"role": "user", "content": "echo:" + text}]
        kind = n % 4
        if kind == 0:
            r = await oa.chat.completions.create(model="m", messages=msgs)
            got = r.choices[0].message.content
        elif kind == 1:
            got = ""
            async for chunk in await oa.chat.completions.create(model="m", messages=msgs, stream=True):
                if chunk.choices:
                    got += chunk.choices[0].delta.content or ""
        elif kind == 2:
            r = await an.messages.create(model="m", max_tokens=200, messages=msgs)
            got = "".join(b.text for b in r.content if b.type == "text")
        else:
            got = ""
            async for event in await an.messages.create(model="m", max_tokens=200, messages=msgs, stream=True):
                if event.type == "content_block_delta" and event.delta.type == "text_delta":
                    got += event.delta.text
        return got == text

    async def client(w):
        n = 0
        while time.monotonic() < deadline:
            n += 1
            counts["sent"] += 1
            try:
                ok = await one(w, n)
            except Exception as e:  # noqa: BLE001 - every failure is counted and reported
                ok = False
                failures.append(f"{type(e).__name__}: {e}"[:300])
            counts["ok" if ok else "bad"] += 1

    await asyncio.gather(*(client(w) for w in range(CLIENTS)))
    await oa.close()
    await an.close()


def test_soak_memory_descriptors_and_ledger(tmp_path):
    sim = start_sim(tmp_path, "soaksim", "--tokens-per-second", "400", "--fail-rate", "0.2", "--fail-status", "503",
                    "--fault-model", "m-primary")
    data = tmp_path / "data"
    keys = ["sk-primary-key-000001", {"key": "sk-primary-key-000002", "weight": 2}]
    gw = start_gateway(tmp_path, gateway_config(sim.base, data, primary_keys=keys), name="soakgw")
    pid = gw.proc.pid
    samples = []
    counts = {"sent": 0, "ok": 0, "bad": 0}
    failures = []
    try:
        started = time.monotonic()
        deadline = started + SOAK_SECONDS

        async def sampler():
            while time.monotonic() < deadline:
                samples.append({"t": round(time.monotonic() - started, 1), "rss_kb": rss_kb(pid),
                                "fds": fd_count(pid), "sent": counts["sent"]})
                await asyncio.sleep(SAMPLE_SECONDS)

        async def main():
            await asyncio.gather(soak(gw, deadline, counts, failures), sampler())

        asyncio.run(main())
        time.sleep(1.0)
        quiet = {"rss_kb": rss_kb(pid), "fds": fd_count(pid)}
        metrics = httpx.get(gw.base + "/metrics").text
        gw.proc.send_signal(signal.SIGTERM)
        assert gw.proc.wait(timeout=40) == 0
        db = sqlite3.connect(f"file:{data}/switchyard.db?mode=ro", uri=True)
        rows = db.execute("SELECT count(*) FROM requests").fetchone()[0]
        by_status = dict(db.execute("SELECT status, count(*) FROM requests GROUP BY status").fetchall())
        fallbacks = db.execute("SELECT count(*) FROM requests WHERE fallbacks > 0").fetchone()[0]
        retries = db.execute("SELECT count(*) FROM requests WHERE retries > 0").fetchone()[0]
        db.close()

        after_warmup = [s for s in samples if s["sent"] >= WARMUP_REQUESTS or s["t"] >= SOAK_SECONDS / 2]
        assert len(after_warmup) >= 2, samples
        base = after_warmup[0]
        final = samples[-1]
        report = {"seconds": SOAK_SECONDS, "clients": CLIENTS, "counts": counts, "ledger_rows": rows,
                  "ledger_by_status": by_status, "rows_with_fallback": fallbacks, "rows_with_retry": retries,
                  "rss_after_warmup_kb": base["rss_kb"], "rss_final_kb": final["rss_kb"],
                  "rss_max_kb": max(s["rss_kb"] for s in after_warmup),
                  "fds_after_warmup": base["fds"], "fds_final": final["fds"],
                  "fds_max": max(s["fds"] for s in after_warmup), "quiet": quiet, "samples": samples,
                  "failures": failures[:20]}
        print("\nsoak:", json.dumps({k: v for k, v in report.items() if k != "samples"}))
        if os.environ.get("SOAK_REPORT"):
            with open(os.environ["SOAK_REPORT"], "w") as f:
                json.dump(report, f, indent=1)

        assert counts["sent"] > CLIENTS * SOAK_SECONDS, f"traffic too thin to soak: {counts}"
        assert counts["bad"] == 0, (counts, failures[:5])
        assert rows == counts["sent"], f"ledger rows {rows} != requests sent {counts['sent']}"
        assert by_status == {200: counts["sent"]}, by_status
        assert fallbacks > 0, "the injected failures must have made some requests fall back"
        assert final["rss_kb"] <= base["rss_kb"] + RSS_TOLERANCE_KB, \
            f"RSS grew from {base['rss_kb']} kB after warm-up to {final['rss_kb']} kB: {samples}"
        late = after_warmup[len(after_warmup) // 2:]
        early = after_warmup[:max(1, len(after_warmup) // 2)]
        assert max(s["fds"] for s in late) <= max(s["fds"] for s in early) + FD_TOLERANCE, samples
        assert 'switchyard_upstream_in_flight 0' in metrics
    finally:
        gw.stop()
        sim.stop()
