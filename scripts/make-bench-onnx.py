#!/usr/bin/env python3
"""Writes the ONNX models of the runtime benchmark (docs/benchmarks.md, "Predicted against
measured") into out/bench-onnx/ (git-ignored): larger cousins of the test fixtures, with
millisecond run times on one core, so that a plan's prediction can be checked against
ONNX Runtime.

    .venv/bin/python scripts/make-bench-onnx.py [OUT_DIR]

- inception_net: a stem and three Inception blocks (four branches each): branchy.
- resnet_chain: six residual blocks: a chain, nothing to run in parallel.
- two_towers: two independent convolution towers joined by an Add: ideal two-way parallelism.
- transformer_4l: an embedding of int64 token ids (a Gather) and four encoder layers,
  d=128, 4 heads, sequence 64: the Hugging Face input pattern.
- branchy_mlp: four independent MatMul chains on one input, concatenated.

Weights are seeded random numbers; the external-data variant of transformer_4l keeps its
weights in transformer_4l_ext.data next to the model (read in place by diviml run).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

RNG = np.random.default_rng(11)
F = TensorProto.FLOAT


def weight(name, *shape):
    return numpy_helper.from_array((RNG.standard_normal(shape) * 0.05).astype(np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def conv(prefix, x, cin, cout, k, inits, nodes, relu=True):
    inits += [weight(prefix + ".w", cout, cin, k, k), weight(prefix + ".b", cout)]
    nodes.append(helper.make_node("Conv", [x, prefix + ".w", prefix + ".b"], [prefix + ".c"], name=prefix + ".conv",
                                  kernel_shape=[k, k], pads=[k // 2] * 4))
    if not relu:
        return prefix + ".c"
    nodes.append(helper.make_node("Relu", [prefix + ".c"], [prefix + ".r"], name=prefix + ".relu"))
    return prefix + ".r"


def model(nodes, name, inputs, outputs, inits, opset=17):
    graph = helper.make_graph(nodes, name, inputs, outputs, inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    m.producer_name = "diviml-bench"
    onnx.checker.check_model(m)
    return m


def inception_net():
    inits, nodes = [], []
    x = conv("stem", "x", 3, 32, 3, inits, nodes)
    c = 32
    for i in range(3):
        p = f"inc{i}"
        b1 = conv(p + ".b1", x, c, 16, 1, inits, nodes)
        b2 = conv(p + ".b2b", conv(p + ".b2a", x, c, 24, 1, inits, nodes), 24, 32, 3, inits, nodes)
        b3 = conv(p + ".b3b", conv(p + ".b3a", x, c, 8, 1, inits, nodes), 8, 8, 5, inits, nodes)
        nodes.append(helper.make_node("MaxPool", [x], [p + ".pool"], name=p + ".pool", kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
        b4 = conv(p + ".b4", p + ".pool", c, 8, 1, inits, nodes)
        nodes.append(helper.make_node("Concat", [b1, b2, b3, b4], [p + ".y"], name=p + ".concat", axis=1))
        x, c = p + ".y", 64
    return model(nodes, "inception_net", [helper.make_tensor_value_info("x", F, [1, 3, 56, 56])],
                 [helper.make_tensor_value_info(x, F, [1, 64, 56, 56])], inits)


def resnet_chain():
    inits, nodes = [], []
    x = conv("stem", "x", 3, 32, 3, inits, nodes)
    for i in range(6):
        a = conv(f"r{i}.a", x, 32, 32, 3, inits, nodes)
        b = conv(f"r{i}.b", a, 32, 32, 3, inits, nodes, relu=False)
        nodes.append(helper.make_node("Add", [b, x], [f"r{i}.sum"], name=f"r{i}.add"))
        nodes.append(helper.make_node("Relu", [f"r{i}.sum"], [f"r{i}.y"], name=f"r{i}.out"))
        x = f"r{i}.y"
    return model(nodes, "resnet_chain", [helper.make_tensor_value_info("x", F, [1, 3, 56, 56])],
                 [helper.make_tensor_value_info(x, F, [1, 32, 56, 56])], inits)


def two_towers():
    inits, nodes = [], []
    ends = []
    for t in ("a", "b"):
        x, c = "x", 3
        for i in range(4):
            x, c = conv(f"{t}{i}", x, c, 32, 3, inits, nodes), 32
        ends.append(x)
    nodes.append(helper.make_node("Add", ends, ["y"], name="join"))
    return model(nodes, "two_towers", [helper.make_tensor_value_info("x", F, [1, 3, 56, 56])],
                 [helper.make_tensor_value_info("y", F, [1, 32, 56, 56])], inits)


def branchy_mlp():
    inits, nodes = [], []
    outs = []
    for b in range(4):
        x = "x"
        for i in range(3):
            inits += [weight(f"m{b}.{i}.w", 512, 512), weight(f"m{b}.{i}.b", 512)]
            nodes.append(helper.make_node("MatMul", [x, f"m{b}.{i}.w"], [f"m{b}.{i}.mm"], name=f"m{b}.{i}.matmul"))
            nodes.append(helper.make_node("Add", [f"m{b}.{i}.mm", f"m{b}.{i}.b"], [f"m{b}.{i}.a"], name=f"m{b}.{i}.bias"))
            nodes.append(helper.make_node("Relu", [f"m{b}.{i}.a"], [f"m{b}.{i}.r"], name=f"m{b}.{i}.relu"))
            x = f"m{b}.{i}.r"
        outs.append(x)
    nodes.append(helper.make_node("Concat", outs, ["y"], name="concat", axis=1))
    return model(nodes, "branchy_mlp", [helper.make_tensor_value_info("x", F, [64, 512])],
                 [helper.make_tensor_value_info("y", F, [64, 2048])], inits)


def transformer_4l():
    d, h, ffn, seq, vocab = 128, 4, 512, 64, 1000
    n = helper.make_node
    inits = [weight("emb", vocab, d), ints("split", [1, seq, h, d // h]), ints("merge", [1, seq, d]),
             numpy_helper.from_array(np.array(np.sqrt(d // h), np.float32), "scale")]
    nodes = [n("Gather", ["emb", "ids"], ["x0"], name="embed", axis=0)]
    x = "x0"
    for L in range(4):
        p = f"l{L}."
        inits += [weight(p + w, d, d) for w in ("wq", "wk", "wv", "wo")]
        inits += [weight(p + "w1", d, ffn), weight(p + "b1", ffn), weight(p + "w2", ffn, d), weight(p + "b2", d)]
        inits += [numpy_helper.from_array(np.ones(d, np.float32), p + g) for g in ("ln1.g", "ln2.g")]
        inits += [numpy_helper.from_array(np.zeros(d, np.float32), p + g) for g in ("ln1.b", "ln2.b")]
        for q in ("q", "k", "v"):
            nodes.append(n("MatMul", [x, p + "w" + q], [p + q], name=p + q + ".proj"))
            nodes.append(n("Reshape", [p + q, "split"], [p + q + ".h"], name=p + q + ".split"))
            perm = [0, 2, 3, 1] if q == "k" else [0, 2, 1, 3]
            nodes.append(n("Transpose", [p + q + ".h"], [p + q + ".t"], name=p + q + ".transpose", perm=perm))
        nodes += [n("MatMul", [p + "q.t", p + "k.t"], [p + "s"], name=p + "scores"),
                  n("Div", [p + "s", "scale"], [p + "ss"], name=p + "scale"),
                  n("Softmax", [p + "ss"], [p + "a"], name=p + "softmax", axis=-1),
                  n("MatMul", [p + "a", p + "v.t"], [p + "c"], name=p + "context"),
                  n("Transpose", [p + "c"], [p + "ct"], name=p + "ctx.transpose", perm=[0, 2, 1, 3]),
                  n("Reshape", [p + "ct", "merge"], [p + "cm"], name=p + "ctx.merge"),
                  n("MatMul", [p + "cm", p + "wo"], [p + "o"], name=p + "out.proj"),
                  n("Add", [p + "o", x], [p + "r1"], name=p + "residual1"),
                  n("LayerNormalization", [p + "r1", p + "ln1.g", p + "ln1.b"], [p + "h1"], name=p + "ln1", axis=-1),
                  n("MatMul", [p + "h1", p + "w1"], [p + "f1"], name=p + "ffn1"),
                  n("Add", [p + "f1", p + "b1"], [p + "f1b"], name=p + "ffn1.bias"),
                  n("Relu", [p + "f1b"], [p + "g"], name=p + "relu"),
                  n("MatMul", [p + "g", p + "w2"], [p + "f2"], name=p + "ffn2"),
                  n("Add", [p + "f2", p + "b2"], [p + "f2b"], name=p + "ffn2.bias"),
                  n("Add", [p + "f2b", p + "h1"], [p + "r2"], name=p + "residual2"),
                  n("LayerNormalization", [p + "r2", p + "ln2.g", p + "ln2.b"], [p + "y"], name=p + "ln2", axis=-1)]
        x = p + "y"
    return model(nodes, "transformer_4l", [helper.make_tensor_value_info("ids", TensorProto.INT64, [1, seq])],
                 [helper.make_tensor_value_info(x, F, [1, seq, d])], inits)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "out", "bench-onnx")
    os.makedirs(out, exist_ok=True)
    for build in (inception_net, resnet_chain, two_towers, branchy_mlp, transformer_4l):
        m = build()
        path = os.path.join(out, build.__name__ + ".onnx")
        onnx.save_model(m, path)
        print(f"{build.__name__}: {len(m.graph.node)} nodes, {os.path.getsize(path)} bytes")
    m = transformer_4l()
    m.graph.name = "transformer_4l_ext"
    onnx.save_model(m, os.path.join(out, "transformer_4l_ext.onnx"), save_as_external_data=True,
                    location="transformer_4l_ext.data", size_threshold=1024)
    print("transformer_4l_ext: weights in transformer_4l_ext.data")


if __name__ == "__main__":
    main()
