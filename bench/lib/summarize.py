#!/usr/bin/env python3
"""Turns bench/results/*.jsonl into latest.json, and latest.json into a markdown table.

usage: summarize.py RESULTS_DIR --meta JSON     (prints latest.json)
       summarize.py RESULTS_DIR --table FILE    (prints the figures table)

Every figure is a median over rounds; every ratio is taken within a round (the targets of one
round ran back to back against the same upstream) and then the median over rounds is reported.
"""
import json
import os
import statistics
import sys


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def by_round(rows, key):
    rounds = {}
    for row in rows:
        rounds.setdefault(row["round"], {})[row["target"]] = key(row)
    return rounds


def nonstream(results):
    rows = read_jsonl(os.path.join(results, "nonstream.jsonl"))
    if not rows:
        return None
    targets = {}
    for row in rows:
        w = row["wrk"]
        t = targets.setdefault(row["target"], {"connections": row["connections"], "rounds": []})
        cpu = row.get("cpu_ms", {})
        t["rounds"].append({"round": row["round"], "rps": w["rps"], "p50_ms": w["latency_ms"]["p50"],
                            "p99_ms": w["latency_ms"]["p99"], "requests": w["requests"],
                            "errors": sum(w["errors"].values()),
                            "cpu_us_per_request": (cpu["target"] * 1000 / w["requests"]
                                                   if "target" in cpu and w["requests"] else None),
                            "sim_cpu_us_per_request": (cpu["sim"] * 1000 / w["requests"]
                                                       if "sim" in cpu and w["requests"] else None)})
    for t in targets.values():
        for k in ("rps", "p50_ms", "p99_ms", "cpu_us_per_request", "sim_cpu_us_per_request"):
            t[k] = median(r[k] for r in t["rounds"])
        t["errors"] = sum(r["errors"] for r in t["rounds"])
    out = {"targets": targets}
    rounds = by_round(rows, lambda r: r["wrk"])
    rps_ratio, sy_added, ngx_added, added_ratio = [], [], [], []
    for r in rounds.values():
        if not {"direct", "nginx", "switchyard"} <= r.keys():
            continue
        rps_ratio.append(r["switchyard"]["rps"] / r["nginx"]["rps"])
        d = r["direct"]["latency_ms"]["p99"]
        s = r["switchyard"]["latency_ms"]["p99"] - d
        n = r["nginx"]["latency_ms"]["p99"] - d
        sy_added.append(s)
        ngx_added.append(n)
        added_ratio.append(s / n if n > 0 else None)
    if rps_ratio:
        out["switchyard_over_nginx_rps"] = median(rps_ratio)
        out["switchyard_added_p99_ms"] = median(sy_added)
        out["nginx_added_p99_ms"] = median(ngx_added)
        # The ratio of the medians: a per-round ratio is undefined whenever nginx adds nothing
        # measurable (its p99 within noise of the direct one), which happens often.
        out["added_p99_ratio"] = (out["switchyard_added_p99_ms"] / out["nginx_added_p99_ms"]
                                  if out["nginx_added_p99_ms"] > 0 else None)
        sy_cpu = targets["switchyard"].get("cpu_us_per_request")
        ngx_cpu = targets["nginx"].get("cpu_us_per_request")
        if sy_cpu and ngx_cpu:
            out["switchyard_over_nginx_cpu_per_request"] = sy_cpu / ngx_cpu
        out["per_round"] = {"switchyard_over_nginx_rps": rps_ratio, "switchyard_added_p99_ms": sy_added,
                            "nginx_added_p99_ms": ngx_added, "added_p99_ratio": added_ratio}
        out["targets_met"] = {"rps_ratio_ge_0.5": out["switchyard_over_nginx_rps"] >= 0.5,
                              "added_p99_ratio_le_2": (out["added_p99_ratio"] <= 2
                                                       if out["added_p99_ratio"] is not None
                                                       else out["switchyard_added_p99_ms"] <= 0)}
    paced = read_jsonl(os.path.join(results, "paced.jsonl"))
    if paced:
        pt = {}
        for row in paced:
            p = row["paced"]
            pt.setdefault(row["target"], []).append({"round": row["round"], "offered_rps": p["offered_rps"],
                                                     "achieved_rps": p["achieved_rps"], "failed": p["failed"],
                                                     "p50_ms": p["latency"]["p50_ms"], "p99_ms": p["latency"]["p99_ms"]})
        summary = {name: {"offered_rps": rs[0]["offered_rps"], "achieved_rps": median(r["achieved_rps"] for r in rs),
                          "p50_ms": median(r["p50_ms"] for r in rs), "p99_ms": median(r["p99_ms"] for r in rs),
                          "failed": sum(r["failed"] for r in rs), "rounds": rs} for name, rs in pt.items()}
        out["paced"] = {"targets": summary}
        if {"direct", "nginx", "switchyard"} <= summary.keys():
            by = {}
            for name, rs in pt.items():
                for r in rs:
                    by.setdefault(r["round"], {})[name] = r
            sy, ng = [], []
            for r in by.values():
                if {"direct", "nginx", "switchyard"} <= r.keys():
                    sy.append(r["switchyard"]["p99_ms"] - r["direct"]["p99_ms"])
                    ng.append(r["nginx"]["p99_ms"] - r["direct"]["p99_ms"])
            out["paced"]["switchyard_added_p99_ms"] = median(sy)
            out["paced"]["nginx_added_p99_ms"] = median(ng)
            n = out["paced"]["nginx_added_p99_ms"]
            out["paced"]["added_p99_ratio"] = out["paced"]["switchyard_added_p99_ms"] / n if n > 0 else None
            out["paced"]["per_round"] = {"switchyard_added_p99_ms": sy, "nginx_added_p99_ms": ng}
    if "litellm" in targets and "direct-litellm-baseline" in targets:
        out["litellm_over_direct_rps_same_connections"] = (targets["litellm"]["rps"]
                                                           / targets["direct-litellm-baseline"]["rps"])
        if "switchyard" in targets:
            out["switchyard_over_litellm_rps"] = targets["switchyard"]["rps"] / targets["litellm"]["rps"]
    return out


def stream(results):
    rows = read_jsonl(os.path.join(results, "stream.jsonl"))
    if not rows:
        return None
    targets = {}
    for row in rows:
        d = row["load"]
        t = targets.setdefault(row["target"], {"streams": d["streams"], "rounds": []})
        rss = d.get("rss")
        t["rounds"].append({
            "round": row["round"], "ok": d["ok"], "failed": d["failed"], "failures": d["failures"],
            "peak_active": d["peak_active"], "wall_ms": d["wall_ms"],
            "ttft_p50_ms": d["ttft"]["p50_ms"], "ttft_p99_ms": d["ttft"]["p99_ms"],
            "ttft_max_ms": d["ttft"]["max_ms"], "connect_p99_ms": d["connect"]["p99_ms"],
            "duration_p50_ms": d["duration"]["p50_ms"], "rss": rss})
    for name, t in targets.items():
        t["ttft_p50_ms"] = median(r["ttft_p50_ms"] for r in t["rounds"])
        t["ttft_p99_ms"] = median(r["ttft_p99_ms"] for r in t["rounds"])
        t["failed"] = sum(r["failed"] for r in t["rounds"])
        t["peak_active_min"] = min(r["peak_active"] for r in t["rounds"])
        first = min(t["rounds"], key=lambda r: r["round"])
        # Light runs come after the heavy rounds grew the heap: no per-stream memory figure.
        rss = None if name.endswith("-light") else first["rss"]
        cpus = [r["rss"]["cpu_ms"] * 1000 / r["ok"] for r in t["rounds"]
                if r["rss"] and r["rss"].get("cpu_ms") is not None and r["ok"]]
        if cpus:
            t["cpu_us_per_stream"] = median(cpus)
        if rss and rss.get("idle_kib") is not None and rss.get("max_kib") is not None:
            t["rss_idle_kib"] = rss["idle_kib"]
            t["rss_peak_kib"] = rss["max_kib"]
            t["rss_kib_per_stream"] = (rss["max_kib"] - rss["idle_kib"]) / t["streams"]
    out = {"targets": targets}
    for suffix in ("", "-light"):
        for q in ("p50", "p99"):
            rounds = by_round(rows, lambda r: r["load"]["ttft"][f"{q}_ms"])
            for proxy in ("switchyard", "nginx"):
                added = [r[proxy + suffix] - r["direct" + suffix] for r in rounds.values()
                         if "direct" + suffix in r and proxy + suffix in r]
                if added:
                    key = f"{proxy}{suffix.replace('-', '_')}_added_ttft_{q}_ms"
                    out[key] = median(added)
                    out["per_round_" + key] = added
    if "switchyard" in targets:
        sy = targets["switchyard"]
        out["targets_met"] = {
            "added_ttft_p99_lt_5ms": out.get("switchyard_added_ttft_p99_ms", 1e9) < 5,
            "failed_streams_eq_0": sy["failed"] == 0,
            "rss_per_stream_lt_32kib": sy.get("rss_kib_per_stream", 1e9) < 32,
        }
    return out


def parse_micro(path):
    """{benchmark: {metric: {p50, p99, samples}}} from `swift package benchmark` text output."""
    out, name = {}, None
    with open(path) as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and lines[i + 1].startswith("╒"):
            name = line.strip()
            out[name] = {}
        elif name and line.startswith("│") and not line.startswith("│ Metric"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            if len(cells) == 9:
                metric = cells[0].rstrip(" *")
                def num(text):
                    try:
                        return float(text.replace(",", ""))
                    except ValueError:
                        return None
                out[name][metric] = {"p0": num(cells[1]), "p50": num(cells[3]), "p90": num(cells[5]),
                                     "p99": num(cells[6]), "samples": num(cells[8])}
    return out


def load_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def callgrind_refs(results):
    """nginx's figures and the per-chunk figures beside the per-request ones."""
    out = {}
    cg = load_json(os.path.join(results, "callgrind.json"))
    ngx = load_json(os.path.join(results, "callgrind-nginx.json"))
    if cg and ngx:
        out["nginx_ir_per_request"] = ngx["ir_per_request"]
        out["switchyard_over_nginx_ir"] = cg["ir_per_request"] / ngx["ir_per_request"]
    st = load_json(os.path.join(results, "callgrind-stream.json"))
    stn = load_json(os.path.join(results, "callgrind-stream-nginx.json"))
    if st:
        out["ir_per_chunk"] = st["ir_per_request"]
        out["chunk_top_inclusive_work"] = st["top_inclusive_work"][:15]
        out["chunk_top_exclusive"] = st["top_exclusive"][:15]
    if st and stn:
        out["nginx_ir_per_chunk"] = stn["ir_per_request"]
        out["switchyard_over_nginx_ir_per_chunk"] = st["ir_per_request"] / stn["ir_per_request"]
    return out


def build(results, meta):
    doc = {"meta": meta}
    parts = meta.get("only", "").split(",")
    ns = nonstream(results) if "nonstream" in parts else None
    if ns:
        doc["nonstream"] = ns
    st = stream(results) if "stream" in parts else None
    if st:
        doc["stream"] = st
    cg = os.path.join(results, "callgrind.json")
    if "callgrind" in parts and os.path.exists(cg):
        with open(cg) as f:
            doc["callgrind"] = json.load(f)
        doc["callgrind"].update(callgrind_refs(results))
    micro = os.path.join(results, "micro.txt")
    if "micro" in parts and os.path.exists(micro):
        doc["micro"] = parse_micro(micro)
    return doc


def fmt(v, digits=2):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}"


def table(doc):
    lines = []
    ns = doc.get("nonstream")
    if ns:
        lines += ["| non-streaming (wrk, 1 KiB body) | conns | req/s | p50 ms | p99 ms | errors | "
                  "CPU µs / request (target process) |",
                  "|---|---|---|---|---|---|---|"]
        for name, t in ns["targets"].items():
            lines.append(f"| {name} | {t['connections']} | {fmt(t['rps'], 0)} | {fmt(t['p50_ms'])} | "
                         f"{fmt(t['p99_ms'])} | {t['errors']} | {fmt(t.get('cpu_us_per_request'), 1)} |")
        lines.append("")
        if "switchyard_over_nginx_rps" in ns:
            met = ns["targets_met"]
            lines += ["| derived (median of per-round values) | value | target | met |", "|---|---|---|---|",
                      f"| Switchyard rps / nginx rps | {fmt(ns['switchyard_over_nginx_rps'])} | ≥ 0.5 | "
                      f"{'yes' if met['rps_ratio_ge_0.5'] else 'NO'} |",
                      f"| added p99: Switchyard / nginx ({fmt(ns['switchyard_added_p99_ms'])} ms / "
                      f"{fmt(ns['nginx_added_p99_ms'])} ms) | {fmt(ns['added_p99_ratio'])} | ≤ 2 | "
                      f"{'yes' if met['added_p99_ratio_le_2'] else 'NO'} |"]
        if "switchyard_over_nginx_cpu_per_request" in ns:
            lines.append(f"| CPU per request: Switchyard / nginx worker | "
                         f"{fmt(ns['switchyard_over_nginx_cpu_per_request'], 1)} | – | – |")
        if "litellm_over_direct_rps_same_connections" in ns:
            if "switchyard_over_nginx_rps" not in ns:
                lines += ["| derived | value | target | met |", "|---|---|---|---|"]
            lines.append(f"| LiteLLM rps / direct rps (same connections) | "
                         f"{fmt(ns['litellm_over_direct_rps_same_connections'], 4)} | – | – |")
        if "switchyard_over_litellm_rps" in ns:
            lines.append(f"| Switchyard rps / LiteLLM rps | {fmt(ns['switchyard_over_litellm_rps'], 1)} | – | – |")
        lines.append("")
        pc = ns.get("paced")
        if pc:
            lines += ["| non-streaming at a fixed offered rate (sy-load paced) | offered req/s | achieved | p50 ms | "
                      "p99 ms | failed |", "|---|---|---|---|---|---|"]
            for name, t in pc["targets"].items():
                lines.append(f"| {name} | {t['offered_rps']:,} | {fmt(t['achieved_rps'], 0)} | {fmt(t['p50_ms'])} | "
                             f"{fmt(t['p99_ms'])} | {t['failed']} |")
            if "added_p99_ratio" in pc:
                lines.append("")
                lines.append(f"Added p99 at equal load (median of per-round differences from direct): Switchyard "
                             f"{fmt(pc['switchyard_added_p99_ms'])} ms, nginx {fmt(pc['nginx_added_p99_ms'])} ms, "
                             f"ratio {fmt(pc['added_p99_ratio'])} (target ≤ 2).")
            lines.append("")
    st = doc.get("stream")
    if st:
        lines += ["| streaming (sy-load) | streams | ok | failed | peak open | TTFT p50 ms | TTFT p99 ms | "
                  "RSS idle → peak MiB | KiB / stream | CPU µs / stream |", "|---|---|---|---|---|---|---|---|---|---|"]
        for name, t in st["targets"].items():
            ok = sum(r["ok"] for r in t["rounds"])
            rss = (f"{t['rss_idle_kib'] / 1024:.1f} → {t['rss_peak_kib'] / 1024:.1f}"
                   if "rss_idle_kib" in t else "–")
            lines.append(f"| {name} | {t['streams']:,} × {len(t['rounds'])} | {ok:,} | {t['failed']} | "
                         f"{t['peak_active_min']} | {fmt(t['ttft_p50_ms'])} | {fmt(t['ttft_p99_ms'])} | {rss} | "
                         f"{fmt(t.get('rss_kib_per_stream'), 1)} | {fmt(t.get('cpu_us_per_stream'), 0)} |")
        lines.append("")
        if "targets_met" in st:
            met = st["targets_met"]
            sy = st["targets"]["switchyard"]
            light = st["targets"].get("switchyard-light", {}).get("streams")
            lines += ["| derived (median of per-round differences) | value | target | met |", "|---|---|---|---|",
                      f"| Switchyard added TTFT p99, {sy['streams']:,} streams | "
                      f"{fmt(st.get('switchyard_added_ttft_p99_ms'))} ms | < 5 ms | "
                      f"{'yes' if met['added_ttft_p99_lt_5ms'] else 'NO'} |",
                      f"| nginx added TTFT p99, {sy['streams']:,} streams (reference) | "
                      f"{fmt(st.get('nginx_added_ttft_p99_ms'))} ms | – | – |",
                      f"| Switchyard added TTFT p50 / p99, {light} streams | "
                      f"{fmt(st.get('switchyard_light_added_ttft_p50_ms'))} / "
                      f"{fmt(st.get('switchyard_light_added_ttft_p99_ms'))} ms | – | – |",
                      f"| nginx added TTFT p50 / p99, {light} streams (reference) | "
                      f"{fmt(st.get('nginx_light_added_ttft_p50_ms'))} / "
                      f"{fmt(st.get('nginx_light_added_ttft_p99_ms'))} ms | – | – |",
                      f"| Switchyard failed streams | {sy['failed']} | 0 | "
                      f"{'yes' if met['failed_streams_eq_0'] else 'NO'} |",
                      f"| Switchyard resident memory per stream | {fmt(sy.get('rss_kib_per_stream'), 1)} KiB | "
                      f"< 32 KiB | {'yes' if met['rss_per_stream_lt_32kib'] else 'NO'} |"]
            ngx = st["targets"].get("nginx", {})
            if sy.get("cpu_us_per_stream") and ngx.get("cpu_us_per_stream"):
                lines.append(f"| CPU per stream: Switchyard / nginx worker | "
                             f"{sy['cpu_us_per_stream'] / ngx['cpu_us_per_stream']:.1f} | – | – |")
        lines.append("")
    cg = doc.get("callgrind")
    if cg:
        ref = (f" (nginx `proxy_pass`: {cg['nginx_ir_per_request']:,}; ratio "
               f"{cg['switchyard_over_nginx_ir']:.1f}x)" if "nginx_ir_per_request" in cg else "")
        lines += [f"Instructions per proxied request (callgrind, ({cg['n2']} − {cg['n1']}) requests): "
                  f"**{cg['ir_per_request']:,}**{ref}", "",
                  "| top inclusive | Ir / request | share |", "|---|---|---|"]
        for f in cg["top_inclusive"]:
            lines.append(f"| `{f['function'][:110]}` | {f['ir_per_request']:,} | {f['share'] * 100:.1f}% |")
        lines += ["", "| top inclusive without the loop plumbing | Ir / request | share |", "|---|---|---|"]
        for f in cg.get("top_inclusive_work", []):
            lines.append(f"| `{f['function'][:110]}` | {f['ir_per_request']:,} | {f['share'] * 100:.1f}% |")
        lines += ["", "| top exclusive (self) | Ir / request | share |", "|---|---|---|"]
        for f in cg["top_exclusive"]:
            lines.append(f"| `{f['function'][:110]}` | {f['ir_per_request']:,} | {f['share'] * 100:.1f}% |")
        if "ir_per_chunk" in cg:
            ref = (f" (nginx: {cg['nginx_ir_per_chunk']:,}; ratio {cg['switchyard_over_nginx_ir_per_chunk']:.1f}x)"
                   if "nginx_ir_per_chunk" in cg else "")
            lines += ["", f"Instructions per relayed SSE chunk: **{cg['ir_per_chunk']:,}**{ref}", "",
                      "| per chunk, top inclusive without the loop plumbing | Ir / chunk | share |", "|---|---|---|"]
            for f in cg["chunk_top_inclusive_work"]:
                lines.append(f"| `{f['function'][:110]}` | {f['ir_per_request']:,} | {f['share'] * 100:.1f}% |")
    micro = doc.get("micro")
    if micro:
        lines += ["", "| micro-benchmark (per operation) | wall p50 ns | wall p99 ns | mallocs p50 |",
                  "|---|---|---|---|"]
        for name, metrics in micro.items():
            wall = metrics.get("Time (wall clock) (ns)", {})
            mallocs = metrics.get("Malloc (total)", {})
            lines.append(f"| {name} | {fmt(wall.get('p50'), 0)} | {fmt(wall.get('p99'), 0)} | "
                         f"{fmt(mallocs.get('p50'), 0)} |")
    return "\n".join(lines)


def one_line(kind, d):
    """A progress line for one wrk or sy-load result."""
    if kind == "wrk":
        lat = d["latency_ms"]
        return (f"{d['rps']:.0f} req/s p50 {lat['p50']:.2f} ms p99 {lat['p99']:.2f} ms "
                f"errors {sum(d['errors'].values())}")
    t = d["ttft"]
    rss = d.get("rss") or {}
    return (f"ok {d['ok']}/{d['streams']} peak {d['peak_active']} ttft p50 {t['p50_ms']} p99 {t['p99_ms']} ms "
            f"rss {rss.get('idle_kib')} -> {rss.get('max_kib')} KiB failures {d['failures']}")


def main():
    if sys.argv[1] == "--callgrind-line":
        cg = load_json(os.path.join(sys.argv[2], "callgrind.json")) or {}
        refs = callgrind_refs(sys.argv[2])
        print(f"{cg.get('ir_per_request')} instructions per request (nginx {refs.get('nginx_ir_per_request')}), "
              f"{refs.get('ir_per_chunk')} per relayed chunk (nginx {refs.get('nginx_ir_per_chunk')})")
        return
    if sys.argv[1] in ("--wrk-line", "--stream-line"):
        print(one_line(sys.argv[1][2:-5], json.load(sys.stdin)))
        return
    results = sys.argv[1]
    if sys.argv[2] == "--meta":
        print(json.dumps(build(results, json.loads(sys.argv[3])), indent=1))
    elif sys.argv[2] == "--table":
        with open(sys.argv[3]) as f:
            print(table(json.load(f)))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
