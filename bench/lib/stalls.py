#!/usr/bin/env python3
"""Reads stalls.sh's rounds and loop traces; prints and writes where the TTFT tail comes from.

usage: stalls.py ROUNDS.jsonl SIM_TRACE GATEWAY_TRACE OUT.json

A trace line is `end_ns busy_ns drain_ns urgent bulk queued` per loop iteration (LoopTrace).
A stall is a gap between iteration ends of at least STALL_MS, and of at least five times the
spacing of stream starts (below that, a loop may simply have had nothing due), during which
the loop was busy less than half the time.
"""
import bisect
import json
import statistics
import sys

STALL_MS = 3.0
TTFT_MS = 200.0
RAMP_MS = 2000.0


def load_trace(path):
    ends, busy = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 6:
                continue  # a line cut by the kill at the end
            ends.append(int(parts[0]))
            busy.append(int(parts[1]))
    return ends, busy


def stalls(trace, lo, hi, least_ms):
    """[(start_ns, end_ns)] of the trace's stalls of at least `least_ms` overlapping [lo, hi]."""
    ends, busy = trace
    out = []
    for k in range(max(1, bisect.bisect_left(ends, lo)), bisect.bisect_right(ends, hi + int(1e9))):
        gap = ends[k] - ends[k - 1]
        if gap >= least_ms * 1e6 and busy[k] < gap / 2 and ends[k - 1] <= hi and ends[k] >= lo:
            out.append((ends[k - 1], ends[k]))
    return out


def longest_busy(trace, lo, hi):
    ends, busy = trace
    i, j = bisect.bisect_left(ends, lo), bisect.bisect_right(ends, hi)
    return max(busy[i:j], default=0) / 1e6


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def p99(values):
    values = sorted(values)
    return values[int(0.99 * len(values))] if values else None


def main(rounds_path, sim_path, gateway_path, out_path):
    sim, gateway = load_trace(sim_path), load_trace(gateway_path)
    rounds = [json.loads(line) for line in open(rounds_path)]
    report = []
    for r in rounds:
        load = r["load"]
        t0 = load["t0_monotonic_ns"]
        rows = [list(map(float, line.split())) for line in open(r["dump"]).read().splitlines()[1:] if line.strip()]
        # The first tokens are due from TTFT after the first start to TTFT after the last one.
        lo, hi = t0 + int(TTFT_MS * 1e6), t0 + int((RAMP_MS + TTFT_MS + 100) * 1e6)
        least = max(STALL_MS, 5 * RAMP_MS / max(1, load["streams"]))
        loops = {"simulator": stalls(sim, lo, hi, least)}
        if r["target"] == "switchyard":
            loops["gateway"] = stalls(gateway, lo, hi, least)
        every = [s for found in loops.values() for s in found]
        affected, clean = 0, []
        for start, _, ttft in rows:
            span = (t0 + int((start + TTFT_MS) * 1e6), t0 + int((start + ttft) * 1e6) + 1)
            if any(overlaps(span, s) for s in every):
                affected += 1
            else:
                clean.append(ttft)
        row = {
            "target": r["target"], "round": r["round"], "ttft_p99_ms": load["ttft"]["p99_ms"],
            "cpu_ms": load.get("rss", {}).get("cpu_ms"),
            "stalls": {name: [{"at_ms": round((a - t0) / 1e6, 1), "ms": round((b - a) / 1e6, 1)} for a, b in found]
                       for name, found in loops.items()},
            "streams_first_token_in_a_stall": affected,
            "ttft_p99_ms_other_streams": p99(clean),
        }
        if r["target"] == "switchyard":
            row["both_loops_stalled_together"] = sum(
                1 for a in loops["simulator"] if any(overlaps(a, b) for b in loops["gateway"]))
            row["gateway_longest_busy_iteration_ms"] = round(longest_busy(gateway, lo, hi), 2)
        report.append(row)

    # As run.sh does: the difference to the direct round of the same round, then the median.
    by_round = {}
    for row in report:
        by_round.setdefault(row["round"], {})[row["target"]] = row
    summary = {}
    for proxy in ("switchyard", "nginx"):
        summary[proxy] = {}
        for key in ("ttft_p99_ms", "ttft_p99_ms_other_streams"):
            added = [rows[proxy][key] - rows["direct"][key] for rows in by_round.values()
                     if proxy in rows and "direct" in rows
                     and rows[proxy][key] is not None and rows["direct"][key] is not None]
            summary[proxy]["added_" + key] = round(statistics.median(added), 2) if added else None
            summary[proxy]["per_round_added_" + key] = [round(a, 2) for a in added]
    json.dump({"stall_ms": STALL_MS, "rounds": report, "summary": summary}, open(out_path, "w"), indent=1)

    for row in report:
        found = "; ".join(f"{name} " + ", ".join(f"{s['ms']} ms at {s['at_ms']}" for s in ss)
                          for name, ss in row["stalls"].items() if ss) or "none"
        extra = ""
        if row["target"] == "switchyard":
            extra = (f", together {row['both_loops_stalled_together']}, "
                     f"gateway's longest busy iteration {row['gateway_longest_busy_iteration_ms']} ms")
        print(f"round {row['round']} {row['target']:10s} TTFT p99 {row['ttft_p99_ms']:.1f} ms, CPU {row['cpu_ms']} ms; "
              f"stalls: {found}{extra}; "
              f"first token in a stall: {row['streams_first_token_in_a_stall']} streams; "
              f"p99 of the others {row['ttft_p99_ms_other_streams']:.1f} ms")
    for proxy in ("switchyard", "nginx"):
        s = summary[proxy]
        print(f"{proxy}: added TTFT p99 (median of per-round differences) {s['added_ttft_p99_ms']} ms "
              f"(rounds {s['per_round_added_ttft_p99_ms']}); over streams whose first token met no stall "
              f"{s['added_ttft_p99_ms_other_streams']} ms")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
