#!/usr/bin/env python3
"""The table of scripts/bench-runtime.sh from its results in out/bench-runtime/MODEL/PLATFORM/run.json:

    .venv/bin/python scripts/bench-runtime-table.py PLATFORM ... -- MODEL.onnx ...
"""
import json, os, statistics, sys
args = sys.argv[1:]
platforms, models = args[:args.index("--")], args[args.index("--") + 1:]
print("| model | platform | sub-models | predicted | measured (median) | fastest run | one session | error (median) | error (fastest) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
errors = {p: [] for p in platforms}
fastest_errors = {p: [] for p in platforms}
measured = {}
for m in models:
    name = os.path.basename(m)[:-5]
    for p in platforms:
        path = f"out/bench-runtime/{name}/{p.replace(':', '-')}"
        if os.path.exists(path + "/failed"):
            print(f"| {name} | {p} | failed: see {path}/*.log | | | | | | |")
            continue
        r = json.load(open(path + "/run.json"))
        e = abs(r["predictedSeconds"] - r["measuredSeconds"]) / r["measuredSeconds"]
        fast = min(r["runSeconds"])
        ef = abs(r["predictedSeconds"] - fast) / fast
        errors[p].append(e)
        fastest_errors[p].append(ef)
        measured[name, p] = (r["measuredSeconds"], fast)
        print(f"| {name} | {p} | {len(r['submodels'])} | {r['predictedSeconds']*1e3:.3f} ms | {r['measuredSeconds']*1e3:.3f} ms "
              f"| {fast*1e3:.3f} ms | {r['wholeModelSeconds']*1e3:.3f} ms | {e*100:.1f}% | {ef*100:.1f}% |")
print()
for p in platforms:
    if errors[p]:
        print(f"{p}: median |predicted - measured| / measured = {statistics.median(errors[p])*100:.1f}% (median runs), "
              f"{statistics.median(fastest_errors[p])*100:.1f}% (fastest runs), over {len(errors[p])} models")
if len(platforms) == 2:
    a, b = platforms
    for m in models:
        name = os.path.basename(m)[:-5]
        if (name, a) in measured and (name, b) in measured:
            print(f"{name}: {b} over {a}: measured speed-up {measured[name, a][0] / measured[name, b][0]:.2f}x (medians), "
                  f"{measured[name, a][1] / measured[name, b][1]:.2f}x (fastest runs)")
