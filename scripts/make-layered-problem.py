#!/usr/bin/env python3
"""Writes a random layered DAG as a diviml problem JSON (diviml-problem/1), for the reader
and list-scheduler scale measurements of docs/benchmarks.md ("Readers and HEFT at
100k-1M nodes"). Deterministic: the same N gives the same file.

    python3 scripts/make-layered-problem.py 1000000 p1m.json
    .build/release/diviml inspect p1m.json

Width 100; each node after the first layer reads up to two nodes from the three layers
before it. Devices and links are paper-node's (cpu, v100, gtx1080ti); costs and weights
are random.
"""
import json
import random
import sys


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(1)
    width = 100
    nodes, edges = [], []
    for i in range(n):
        nodes.append({"name": f"n{i}", "op": rng.choice(["Conv", "Relu", "Add", "MatMul"]),
                      "cost": [rng.uniform(1e-5, 1e-3), rng.uniform(1e-6, 1e-4), rng.uniform(1e-6, 2e-4)],
                      "paramBytes": rng.randrange(0, 1 << 20)})
        if i >= width:
            for p in sorted(set(rng.randrange(max(0, i - 3 * width), i - width + 1) for _ in range(2))):
                edges.append({"from": f"n{p}", "to": f"n{i}", "bytes": rng.randrange(1, 1 << 22)})
    gib = 1 << 30
    problem = {
        "format": "diviml-problem/1", "name": f"layered-{n}", "host": "cpu", "io": "host",
        "devices": [{"name": "cpu", "kind": "cpu", "memoryBytes": 192 * gib},
                    {"name": "v100", "kind": "gpu", "memoryBytes": 16 * gib},
                    {"name": "gtx1080ti", "kind": "gpu", "memoryBytes": 11 * gib}],
        "link": {"latency": [[0, 1e-5, 1e-5], [1e-5, 0, 2e-5], [1e-5, 2e-5, 0]],
                 "bandwidth": [[0, 12e9, 12e9], [12e9, 0, 12e9], [12e9, 12e9, 0]]},
        "nodes": nodes, "edges": edges,
    }
    with open(out, "w") as f:
        json.dump(problem, f, indent=1)


if __name__ == "__main__":
    main()
