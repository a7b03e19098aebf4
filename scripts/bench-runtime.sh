#!/usr/bin/env bash
# The loop profile -> schedule -> run, measured (docs/benchmarks.md, "Predicted against measured").
#
#   bash scripts/bench-runtime.sh [--gpu] [--corpus] [--runs N] [--opt-level LEVEL] [--solver S] [MODEL.onnx ...]
#
# Without --gpu: every model on local-cpu:1 and local-cpu:2 (one and two CPU workers of this
# machine). With --gpu: on local-cpu:1, which on a machine with an NVIDIA GPU is one CPU
# worker w0 and the GPU cuda0, run by CUDAExecutionProvider:0 (CUDA_VISIBLE_DEVICES picks the
# GPU); onnxruntime-gpu comes from .venv-gpu (bash scripts/setup-python.sh --gpu, or
# DIVIML_PYTHON pointing at a python that has it), and the graph is optimised at level
# extended unless --opt-level says otherwise (all adds the CPU provider's NCHWc layout).
# Not yet run on a GPU: none was available where this was written.
# Default models: scripts/make-bench-onnx.py's, plus the ONNX test fixtures that run whole.
# With --corpus: the legacy exports of the exporter corpus (Tests/DiviMLTests/Fixtures/exporters),
# their stripped weights filled with seeded values by scripts/fill-weights.py into out/corpus-filled/.
# Writes out/bench-runtime/MODEL/PLATFORM/{costs.csv,costs.onnx,plan.json,run.json} and prints
# one table; DIVIML selects the binary (default: the release build, built if absent).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=50 level= solver=auto gpu=0 corpus=0 models=()
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) gpu=1 ;;
    --corpus) corpus=1 ;;
    --runs) runs="$2"; shift ;;
    --opt-level) level="$2"; shift ;;
    --solver) solver="$2"; shift ;;
    -*) echo "bench-runtime: unknown option $1" >&2; exit 64 ;;
    *) models+=("$1") ;;
  esac
  shift
done
bash scripts/setup-python.sh
if [ $gpu = 1 ] && [ -z "${DIVIML_PYTHON:-}" ]; then
  bash scripts/setup-python.sh --gpu
  export DIVIML_PYTHON="$PWD/.venv-gpu/bin/python"
fi
if [ -z "${DIVIML:-}" ]; then
  swift build -c release --product diviml >/dev/null
  DIVIML="$(swift build -c release --show-bin-path)/diviml"
fi
if [ $corpus = 1 ]; then
  for f in Tests/DiviMLTests/Fixtures/exporters/*.legacy.onnx; do
    name=$(basename "$f" .legacy.onnx)
    [ -f "out/corpus-filled/$name.onnx" ] || .venv/bin/python scripts/fill-weights.py "$f" "out/corpus-filled/$name.onnx" >/dev/null
    models+=("out/corpus-filled/$name.onnx")
  done
fi
if [ ${#models[@]} -eq 0 ]; then
  .venv/bin/python scripts/make-bench-onnx.py out/bench-onnx >/dev/null
  models=(out/bench-onnx/*.onnx)
  for f in inception_block residual_block transformer_encoder symbolic_batch missing_value_info op_coverage; do
    models+=("Tests/DiviMLTests/Fixtures/onnx/$f.onnx")
  done
fi
if [ $gpu = 1 ]; then
  platforms=(local-cpu:1)
  level=${level:-extended}  # level all's NCHWc layout is the CPU provider's alone
  if ! "$DIVIML" platforms --show local-cpu:1 | grep -q "provider: CUDAExecutionProvider"; then
    echo "bench-runtime: --gpu needs an NVIDIA GPU that nvidia-smi shows (local-cpu:1 has none here)" >&2
    exit 2
  fi
else
  platforms=(local-cpu:1 local-cpu:2)
  level=${level:-all}
fi
for model in "${models[@]}"; do
  name=$(basename "$model" .onnx)
  for platform in "${platforms[@]}"; do
    dir="out/bench-runtime/$name/${platform/:/-}"
    mkdir -p "$dir"
    rm -f "$dir/failed"
    "$DIVIML" profile "$model" --platform "$platform" --opt-level "$level" --out "$dir/costs.csv" \
        >"$dir/profile.log" 2>&1 \
      && "$DIVIML" schedule "$dir/costs.onnx" --platform "$platform" --costs "$dir/costs.csv" --solver "$solver" \
        --time-limit 10 --out "$dir/plan.json" >"$dir/schedule.log" 2>&1 \
      && "$DIVIML" run "$dir/costs.onnx" --plan "$dir/plan.json" --runs "$runs" --opt-level disabled \
        --out "$dir/run.json" >"$dir/run.log" 2>&1 \
      || { echo "bench-runtime: $name on $platform failed: see $dir/*.log" >&2; touch "$dir/failed"; }
  done
done
.venv/bin/python scripts/bench-runtime-table.py "${platforms[@]}" -- "${models[@]}"
