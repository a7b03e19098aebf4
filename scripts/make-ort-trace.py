#!/usr/bin/env python3
"""Profiles an ONNX model with ONNX Runtime on the CPU and writes its trace, the input
`diviml` reads as measured costs (one trace per device).

    .venv/bin/pip install onnxruntime
    .venv/bin/python scripts/make-ort-trace.py MODEL.onnx OUT.json [--runs 4] [--batch 1]

Graph optimisations are disabled so that every ONNX node keeps its name in the trace
(fused nodes would be reported as unmatched). The first run is a warm-up that `diviml`
drops by default. Used to write Tests/DiviMLTests/Fixtures/onnx/inception_block.ort-cpu.json,
and by scripts/make-exporter-corpus.py for Fixtures/exporters/mobilenet_v3_large.legacy.ort-cpu.json.
"""
import argparse
import os
import shutil

import numpy as np
import onnxruntime as ort


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1)
    args = parser.parse_args()
    options = ort.SessionOptions()
    options.enable_profiling = True
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    feeds = {}
    for i in session.get_inputs():
        shape = [d if isinstance(d, int) else args.batch for d in i.shape]
        feeds[i.name] = rng.standard_normal(shape).astype(np.float32)
    for _ in range(args.runs):
        session.run(None, feeds)
    trace = session.end_profiling()
    shutil.move(trace, args.out)
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes, {args.runs} runs)")


if __name__ == "__main__":
    main()
