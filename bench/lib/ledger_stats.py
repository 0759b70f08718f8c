"""Samples a gateway's ledger counters (`/admin/stats`) while a load runs; shared by
accounting.sh and ledger.sh.

    with LedgerSampler(port, admin_key, every_s=0.2) as sampler:
        run_the_load()
    sampler.summary()  # rows/s and commits/s committed, rows pending (max), rows dropped
"""
import json
import statistics
import threading
import time
import urllib.request


def ledger_stats(port, admin):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/admin/stats", headers={"authorization": f"Bearer {admin}"})
    with urllib.request.urlopen(req, timeout=2) as r:
        return json.load(r)["ledger"]


class LedgerSampler:
    def __init__(self, port, admin, every_s):
        self.port, self.admin, self.every_s = port, admin, every_s
        self.samples = []  # (wall time, ledger stats)
        self._done = threading.Event()
        # A daemon thread: a failed load must not leave the script hanging on the sampler.
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._done.is_set():
            self.samples.append((time.time(), ledger_stats(self.port, self.admin)))
            time.sleep(self.every_s)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()

    def summary(self):
        (t0, first), (t1, last) = self.samples[0], self.samples[-1]
        return {"rows_per_s": (last["rows_committed"] - first["rows_committed"]) / (t1 - t0),
                "commits_per_s": (last["batches"] - first["batches"]) / (t1 - t0),
                "rows_pending_max": max(s["rows_pending"] for _, s in self.samples),
                "rows_dropped": last["rows_dropped"],
                # Times the idle-class writer was moved back to normal because a batch waited.
                "writer_promotions": last.get("writer_promotions", 0) - first.get("writer_promotions", 0)}

    def commit_ns_per_row(self):
        """Median commit time per row, from consecutive samples that saw exactly one new transaction."""
        per_row = [b["last_commit_ns"] / (b["rows_committed"] - a["rows_committed"])
                   for (_, a), (_, b) in zip(self.samples, self.samples[1:])
                   if b["batches"] - a["batches"] == 1 and b["rows_committed"] > a["rows_committed"]]
        return statistics.median(per_row) if per_row else None
