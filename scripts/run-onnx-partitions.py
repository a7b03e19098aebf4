#!/usr/bin/env python3
"""Runs the sub-models that `diviml export-onnx` wrote, in manifest order, with one
ONNX Runtime session per sub-model, and (with --check) compares the outputs against the
whole model run in one session.

    .venv/bin/pip install onnxruntime
    .venv/bin/python scripts/run-onnx-partitions.py OUT_DIR [--check MODEL.onnx] [--batch 1]
        [--provider cpu=CPUExecutionProvider --provider v100=CUDAExecutionProvider:0]

--provider maps a device name of the plan to an execution provider (and device id);
devices without one run on the CPU provider. See docs/deploy.md.
"""
import argparse
import json
import os

import numpy as np
import onnxruntime as ort


def providers_for(device, mapping):
    spec = mapping.get(device, "CPUExecutionProvider")
    name, _, device_id = spec.partition(":")
    return [(name, {"device_id": int(device_id)})] if device_id else [name]


def random_feeds(session, batch, seed=0):
    rng = np.random.default_rng(seed)
    feeds = {}
    for i in session.get_inputs():
        shape = [d if isinstance(d, int) else batch for d in i.shape]
        feeds[i.name] = rng.standard_normal(shape).astype(np.float32)
    return feeds


def run_manifest(directory, feeds, mapping):
    manifest = json.load(open(os.path.join(directory, "manifest.json")))
    tensors = dict(feeds)  # every tensor produced so far, by name
    for sub in manifest["submodels"]:
        session = ort.InferenceSession(os.path.join(directory, sub["file"]), providers=providers_for(sub["device"], mapping))
        results = session.run(sub["outputs"], {name: tensors[name] for name in sub["inputs"]})
        tensors.update(zip(sub["outputs"], results))
    return {name: tensors[name] for name in manifest["graphOutputs"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--check", metavar="MODEL")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--provider", action="append", default=[], help="DEVICE=ProviderName[:device_id]")
    args = parser.parse_args()
    mapping = dict(p.split("=", 1) for p in args.provider)
    manifest = json.load(open(os.path.join(args.directory, "manifest.json")))
    first = ort.InferenceSession(os.path.join(args.directory, manifest["submodels"][0]["file"]), providers=["CPUExecutionProvider"])
    whole = ort.InferenceSession(args.check, providers=["CPUExecutionProvider"]) if args.check else None
    feeds = random_feeds(whole or first, args.batch)
    feeds = {k: v for k, v in feeds.items() if k in manifest["graphInputs"]} if not whole else feeds
    outputs = run_manifest(args.directory, feeds, mapping)
    print(f"ran {len(manifest['submodels'])} sub-models: " + ", ".join(manifest["executionOrder"]))
    if whole:
        reference = dict(zip([o.name for o in whole.get_outputs()], whole.run(None, feeds)))
        worst = max(float(np.max(np.abs(outputs[k] - reference[k]))) for k in reference)
        print(f"largest difference from the whole model: {worst:.3g}")
        if worst > 1e-4:
            raise SystemExit("outputs differ from the whole model")


if __name__ == "__main__":
    main()
