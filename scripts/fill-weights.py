#!/usr/bin/env python3
"""Makes a weights-free graph of the exporter corpus runnable: every tensor whose data was
stripped (scripts/make-exporter-corpus.py keeps dims and data type, drops the values) gets
seeded values, so that ONNX Runtime can run and time it (docs/benchmarks.md, "Predicted
against measured"). Kernel times do not depend on the values, so timings are those of
the real model.

    .venv/bin/python scripts/fill-weights.py IN.onnx OUT.onnx [--seed 0]

Floating-point tensors get normal(0, 0.05) values (no denormals, no overflow through a
network's depth); integer and boolean tensors get zeros (safe as Gather indices and
position ids). The `diviml.weights = stripped` metadata entry is removed. Models above
1.5 GB of weights are written with their weights in OUT.onnx.data (protobuf's 2 GB limit).
"""
import argparse
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper

STRIPPED_KEY = "diviml.weights"


def stripped(tensor):
    """Whether the tensor has dims but no data in any field."""
    if tensor.data_location == onnx.TensorProto.EXTERNAL:
        return False
    fields = ("raw_data", "float_data", "int32_data", "string_data", "int64_data", "double_data", "uint64_data")
    has_data = any(len(getattr(tensor, f)) for f in fields)
    return not has_data and int(np.prod(tensor.dims, dtype=np.int64)) > 0


def fill(tensor, rng):
    dtype = helper.tensor_dtype_to_np_dtype(tensor.data_type)
    shape = tuple(tensor.dims)
    if np.issubdtype(dtype, np.floating):
        values = (rng.standard_normal(shape, dtype=np.float32) * 0.05).astype(dtype)
    else:
        values = np.zeros(shape, dtype=dtype)
    filled = numpy_helper.from_array(values, tensor.name)
    tensor.CopyFrom(filled)
    return values.nbytes


def fill_graph(graph, rng):
    total = 0
    for tensor in graph.initializer:
        if stripped(tensor):
            total += fill(tensor, rng)
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.TENSOR and stripped(attribute.t):
                total += fill(attribute.t, rng)
            for sub in list(attribute.graphs) + ([attribute.g] if attribute.HasField("g") else []):
                total += fill_graph(sub, rng)
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    model = onnx.load(args.input, load_external_data=False)
    filled = fill_graph(model.graph, np.random.default_rng(args.seed))
    kept = [p for p in model.metadata_props if p.key != STRIPPED_KEY]
    del model.metadata_props[:]
    model.metadata_props.extend(kept)
    external = filled > 1_500_000_000
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    onnx.save(model, args.output, save_as_external_data=external,
              location=os.path.basename(args.output) + ".data" if external else None)
    print(f"{args.output}: {filled} bytes of weights filled")


if __name__ == "__main__":
    main()
