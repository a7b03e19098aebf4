#!/usr/bin/env python3
"""Measures what one ONNX Runtime call costs from Python beyond the work inside it, and what
handing a tensor from one worker thread to another costs (docs/benchmarks.md, "Per-call
overhead"): the figures behind driving ORT from Python in `diviml run`.

    .venv/bin/python scripts/measure-ort-overhead.py [--calls 20000]

- python run: wall time of InferenceSession.run on a one-node model (Relu of 4 floats);
- inside ORT: the same calls' `model_run` durations from ORT's own profiler, i.e. what a
  caller of the C API would pay at least; the difference is the Python binding's share;
- iobinding: run_with_iobinding with the input bound once;
- thread handoff: one thread sets a value under a condition variable, another wakes and
  answers (half the round trip), the wait between two workers of `diviml run`.
Medians of 5 batches.
"""
import argparse
import json
import os
import statistics
import threading
import time

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper


def tiny_model():
    g = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "tiny",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])])
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


def options(profile=False):
    o = ort.SessionOptions()
    o.intra_op_num_threads = 1
    o.inter_op_num_threads = 1
    o.enable_profiling = profile
    return o


def per_call(fn, calls):
    batches = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(calls):
            fn()
        batches.append((time.perf_counter() - t) / calls)
    return statistics.median(batches)


def handoff(rounds):
    cond = threading.Condition()
    state = {"ping": 0, "pong": 0}

    def responder():
        for i in range(1, rounds + 1):
            with cond:
                cond.wait_for(lambda: state["ping"] == i)
                state["pong"] = i
                cond.notify_all()

    t = threading.Thread(target=responder)
    t.start()
    start = time.perf_counter()
    for i in range(1, rounds + 1):
        with cond:
            state["ping"] = i
            cond.notify_all()
            cond.wait_for(lambda: state["pong"] == i)
    elapsed = time.perf_counter() - start
    t.join()
    return elapsed / rounds / 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20000)
    args = parser.parse_args()
    model, x = tiny_model(), np.ones((1, 4), np.float32)
    s = ort.InferenceSession(model, options(), providers=["CPUExecutionProvider"])
    for _ in range(1000):
        s.run(None, {"x": x})
    python_run = per_call(lambda: s.run(None, {"x": x}), args.calls)
    b = s.io_binding()
    b.bind_cpu_input("x", x)
    b.bind_output("y")
    bound = per_call(lambda: s.run_with_iobinding(b), args.calls)
    p = ort.InferenceSession(model, options(profile=True), providers=["CPUExecutionProvider"])
    for _ in range(args.calls):
        p.run(None, {"x": x})
    trace = p.end_profiling()
    runs = [e["dur"] * 1e-6 for e in json.load(open(trace)) if e.get("name") == "model_run"]
    os.remove(trace)
    inside = statistics.median(runs)
    wake = statistics.median([handoff(2000) for _ in range(5)])
    print(f"onnxruntime {ort.__version__}, one intra-op thread, {args.calls} calls x 5")
    print(f"python run:     {python_run * 1e6:7.2f} us per call")
    print(f"inside ORT:     {inside * 1e6:7.2f} us per call (model_run, ORT's profiler)")
    print(f"python's share: {(python_run - inside) * 1e6:7.2f} us per call")
    print(f"iobinding run:  {bound * 1e6:7.2f} us per call")
    print(f"thread handoff: {wake * 1e6:7.2f} us (condition variable, one way)")


if __name__ == "__main__":
    main()
