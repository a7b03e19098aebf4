#!/usr/bin/env bash
# The loop profile -> schedule -> run, measured (docs/benchmarks.md, "Predicted against measured").
#
#   bash scripts/bench-runtime.sh [--gpu] [--runs N] [--opt-level LEVEL] [--solver S] [MODEL.onnx ...]
#
# Without --gpu: every model on local-cpu:1 and local-cpu:2 (one and two CPU workers of this
# machine). With --gpu: on the built-in cpu-gpu platform, its rtx3090 device mapped to
# CUDAExecutionProvider:0 (whatever GPU device 0 is: every node is measured, so the platform's
# roofline figures are not used) and its cpu device to the CPU provider; needs onnxruntime-gpu
# in the .venv (untested here: no GPU on the machine this was written on).
# Default models: scripts/make-bench-onnx.py's, plus the ONNX test fixtures that run whole.
# Writes out/bench-runtime/MODEL/PLATFORM/{costs.csv,costs.onnx,plan.json,run.json} and prints
# one table; DIVIML selects the binary (default: the release build, built if absent).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=50 level=all solver=auto gpu=0 models=()
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) gpu=1 ;;
    --runs) runs="$2"; shift ;;
    --opt-level) level="$2"; shift ;;
    --solver) solver="$2"; shift ;;
    -*) echo "bench-runtime: unknown option $1" >&2; exit 64 ;;
    *) models+=("$1") ;;
  esac
  shift
done
bash scripts/setup-python.sh
if [ -z "${DIVIML:-}" ]; then
  swift build -c release --product diviml >/dev/null
  DIVIML="$(swift build -c release --show-bin-path)/diviml"
fi
if [ ${#models[@]} -eq 0 ]; then
  .venv/bin/python scripts/make-bench-onnx.py out/bench-onnx >/dev/null
  models=(out/bench-onnx/*.onnx)
  for f in inception_block residual_block transformer_encoder symbolic_batch missing_value_info op_coverage; do
    models+=("Tests/DiviMLTests/Fixtures/onnx/$f.onnx")
  done
fi
if [ $gpu = 1 ]; then
  platforms=(cpu-gpu); providers=(--provider rtx3090=CUDAExecutionProvider:0)
else
  platforms=(local-cpu:1 local-cpu:2); providers=()
fi
for model in "${models[@]}"; do
  name=$(basename "$model" .onnx)
  for platform in "${platforms[@]}"; do
    dir="out/bench-runtime/$name/${platform/:/-}"
    mkdir -p "$dir"
    rm -f "$dir/failed"
    "$DIVIML" profile "$model" --platform "$platform" "${providers[@]}" --opt-level "$level" --out "$dir/costs.csv" \
        >"$dir/profile.log" 2>&1 \
      && "$DIVIML" schedule "$dir/costs.onnx" --platform "$platform" --costs "$dir/costs.csv" --solver "$solver" \
        --time-limit 10 --out "$dir/plan.json" >"$dir/schedule.log" 2>&1 \
      && "$DIVIML" run "$dir/costs.onnx" --plan "$dir/plan.json" "${providers[@]}" --runs "$runs" --opt-level disabled \
        --out "$dir/run.json" >"$dir/run.log" 2>&1 \
      || { echo "bench-runtime: $name on $platform failed: see $dir/*.log" >&2; touch "$dir/failed"; }
  done
done
.venv/bin/python - "${platforms[@]}" -- "${models[@]}" <<'PY'
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
PY
