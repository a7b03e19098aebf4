#!/usr/bin/env python3
"""Measures what one ONNX Runtime call costs from Python beyond the work inside it, and what
handing a tensor from one worker thread to another costs (docs/benchmarks.md, "Per-call
overhead"): the figures behind driving ORT from Python in `diviml run`.

    .venv/bin/python scripts/measure-ort-overhead.py [--calls 20000]

- python run: wall time of InferenceSession.run on a one-node model (Relu of 4 floats);
- iobinding: run_with_iobinding with the input and output bound once, the least a Python
  caller pays per call (no dictionary of NumPy arrays built or converted); a C API caller
  pays less still (not measured here);
- thread handoff: one thread sets a value under a condition variable, another wakes and
  answers (half the round trip), the wait between two workers of `diviml run`;
- two workers: two sessions of a compute-bound model (8 MatMuls of 256x256) run one after
  the other, then at once on two threads (ORT releases the GIL in run): the speed-up the
  machine's cores give two `local-cpu` workers (2.0 on two free cores).
Medians of 5 batches.
"""
import argparse
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


def options():
    o = ort.SessionOptions()
    o.intra_op_num_threads = 1
    o.inter_op_num_threads = 1
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


def matmul_model():
    rng = np.random.default_rng(0)
    inits = [helper.make_tensor(f"w{i}", TensorProto.FLOAT, [256, 256], rng.standard_normal(256 * 256).astype(np.float32) * 0.05)
             for i in range(8)]
    nodes = [helper.make_node("MatMul", ["x" if i == 0 else f"h{i - 1}", f"w{i}"], [f"h{i}"], name=f"mm{i}") for i in range(8)]
    g = helper.make_graph(nodes, "mm", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [256, 256])],
                          [helper.make_tensor_value_info("h7", TensorProto.FLOAT, [256, 256])], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


def two_workers(rounds=30):
    model, x = matmul_model(), np.ones((256, 256), np.float32)
    a, b = (ort.InferenceSession(model, options(), providers=["CPUExecutionProvider"]) for _ in range(2))
    for _ in range(3):
        a.run(None, {"x": x}), b.run(None, {"x": x})
    one, both = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        a.run(None, {"x": x})
        b.run(None, {"x": x})
        one.append(time.perf_counter() - t)
        threads = [threading.Thread(target=s.run, args=(None, {"x": x})) for s in (a, b)]
        t = time.perf_counter()
        for h in threads:
            h.start()
        for h in threads:
            h.join()
        both.append(time.perf_counter() - t)
    return statistics.median(one), statistics.median(both)


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
    wake = statistics.median([handoff(2000) for _ in range(5)])
    print(f"onnxruntime {ort.__version__}, one intra-op thread, {args.calls} calls x 5")
    print(f"python run:     {python_run * 1e6:7.2f} us per call")
    print(f"iobinding run:  {bound * 1e6:7.2f} us per call")
    print(f"thread handoff: {wake * 1e6:7.2f} us (condition variable, one way)")
    one, both = two_workers()
    print(f"two workers:    {one * 1e3:.2f} ms one after the other, {both * 1e3:.2f} ms at once: speed-up {one / both:.2f}x")


if __name__ == "__main__":
    main()
