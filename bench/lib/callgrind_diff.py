#!/usr/bin/env python3
"""Per-request instruction costs from two callgrind runs of the gateway.

usage: callgrind_diff.py OUT_N1 OUT_N2 N1 N2 [--top K]

Both runs do the same start-up and shut-down and differ only in the number of requests, so
(Ir(N2) - Ir(N1)) / (N2 - N1) is the cost of one request, and the same difference per function
(from callgrind_annotate, inclusive and exclusive) says where it goes. Prints JSON.
"""
import json
import re
import subprocess
import sys

LINE = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(.+?)\s*$")


def annotate(path, inclusive):
    """{function: Ir} and the program total, from callgrind_annotate."""
    out = subprocess.run(
        ["callgrind_annotate", "--auto=no", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", path],
        check=True, capture_output=True, text=True).stdout
    total, costs, in_table = None, {}, False
    for line in out.splitlines():
        if "PROGRAM TOTALS" in line:
            total = int(line.split()[0].replace(",", ""))
            continue
        if re.match(r"^Ir\s+file:function", line.strip()):
            in_table = True
            continue
        if not in_table or line.startswith("--"):
            continue
        m = LINE.match(line)
        if not m:
            continue
        name = m.group(2)
        # "file:function [object]": keep function and object's base name.
        obj = ""
        om = re.search(r"\s\[([^\]]+)\]$", name)
        if om:
            obj = om.group(1).rsplit("/", 1)[-1]
            name = name[: om.start()]
        if ":" in name:
            name = name.split(":", 1)[1]
        key = f"{name} [{obj}]" if obj else name
        costs[key] = costs.get(key, 0) + int(m.group(1).replace(",", ""))
    if total is None:
        raise SystemExit(f"no PROGRAM TOTALS in callgrind_annotate output for {path}")
    return total, costs


def demangle(names):
    try:
        out = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                             capture_output=True, text=True, check=True).stdout.splitlines()
        if len(out) == len(names):
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    return names


# Frames every loop callback passes through: the thread, libuv's run loop, the executor's job
# queue and Swift's task switching. Their inclusive cost is "everything"; the work list leaves
# them out so what remains says where the instructions go.
PLUMBING = re.compile(
    r"^(start_thread|uv_run|EventLoop\.run\(\)|@objc loopThreadMain|EventLoop\.drain(Local|Remote)\(\)"
    r"|swift_job_run|swift::runJobInEstablishedExecutorContext|swift_task_switch|future_adapter"
    r"|0x[0-9a-f]+ \[libuv|(@objc )?closure #1 in variable initialization expression of (loopCheck|loopWake)"
    r"|(partial apply for )?thunk for @escaping @callee_guaranteed @async"
    r"|static LoopActor\.assumeIsolated)")
CYCLE = re.compile(r"'\d+ \[")  # callgrind's recursion-cycle entries ("f'2"): not functions


def top(costs1, costs2, n1, n2, per_request_total, k, work_only=False):
    delta = {f: (costs2.get(f, 0) - costs1.get(f, 0)) / (n2 - n1) for f in set(costs1) | set(costs2)}
    ranked = sorted(delta.items(), key=lambda kv: kv[1], reverse=True)[:400]
    names = demangle([f for f, _ in ranked])
    seen, out = set(), []
    for name, (_, ir) in zip(names, ranked):
        # Async functions show up once per partial function; keep the largest of each name.
        if CYCLE.search(name) or name in seen or (work_only and PLUMBING.search(name)):
            continue
        seen.add(name)
        out.append({"function": name, "ir_per_request": round(ir),
                    "share": round(ir / per_request_total, 4) if per_request_total else None})
        if len(out) == k:
            break
    return out


def main():
    args = sys.argv[1:]
    k = 10
    if "--top" in args:
        i = args.index("--top")
        k = int(args[i + 1])
        del args[i:i + 2]
    out1, out2, n1, n2 = args[0], args[1], int(args[2]), int(args[3])
    total1, incl1 = annotate(out1, True)
    total2, incl2 = annotate(out2, True)
    _, self1 = annotate(out1, False)
    _, self2 = annotate(out2, False)
    per_request = (total2 - total1) / (n2 - n1)
    print(json.dumps({
        "n1": n1, "n2": n2, "ir_n1": total1, "ir_n2": total2,
        "ir_per_request": round(per_request),
        "top_inclusive": top(incl1, incl2, n1, n2, per_request, k),
        "top_inclusive_work": top(incl1, incl2, n1, n2, per_request, max(k, 20), work_only=True),
        "top_exclusive": top(self1, self2, n1, n2, per_request, max(k, 20)),
    }, indent=1))


if __name__ == "__main__":
    main()
