#!/usr/bin/env python3
"""Writes the small ONNX test models under Tests/DiviMLTests/Fixtures/onnx/.

Regenerate with (from the repository root):
    python3 -m venv .venv && .venv/bin/pip install onnx==1.23.2
    .venv/bin/python scripts/make-onnx-fixtures.py

Each model is built with onnx.helper, checked with onnx.checker, and written with a
companion NAME.expected.json holding, per node (in file order), the output shapes that
onnx.shape_inference computes (symbolic dimensions as strings). The Swift tests compare
the importer's own shape inference against those. Weights are tiny or live in an
external-data file that is deliberately not shipped.
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper, shape_inference

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "DiviMLTests", "Fixtures", "onnx")
RNG = np.random.default_rng(7)
F = TensorProto.FLOAT


def weight(name, *shape):
    return numpy_helper.from_array(RNG.standard_normal(shape).astype(np.float32) * 0.1, name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def conv_bn_relu(prefix, x, cin, cout, k, inits, nodes, relu=True, stride=1):
    inits += [weight(prefix + ".w", cout, cin, k, k), weight(prefix + ".bn.scale", cout), weight(prefix + ".bn.bias", cout),
              weight(prefix + ".bn.mean", cout), numpy_helper.from_array(np.ones(cout, np.float32), prefix + ".bn.var")]
    nodes.append(helper.make_node("Conv", [x, prefix + ".w"], [prefix + ".c"], name=prefix + ".conv",
                                  kernel_shape=[k, k], pads=[k // 2] * 4, strides=[stride, stride]))
    nodes.append(helper.make_node("BatchNormalization", [prefix + ".c", prefix + ".bn.scale", prefix + ".bn.bias",
                                                         prefix + ".bn.mean", prefix + ".bn.var"], [prefix + ".bn"], name=prefix + ".bn"))
    if not relu:
        return prefix + ".bn"
    nodes.append(helper.make_node("Relu", [prefix + ".bn"], [prefix + ".r"], name=prefix + ".relu"))
    return prefix + ".r"


def residual_block():
    inits, nodes = [], []
    a = conv_bn_relu("b1", "x", 8, 8, 3, inits, nodes)
    b = conv_bn_relu("b2", a, 8, 8, 3, inits, nodes, relu=False)
    nodes.append(helper.make_node("Add", [b, "x"], ["sum"], name="add"))
    nodes.append(helper.make_node("Relu", ["sum"], ["y"], name="out.relu"))
    graph = helper.make_graph(nodes, "residual_block", [helper.make_tensor_value_info("x", F, [1, 8, 16, 16])],
                              [helper.make_tensor_value_info("y", F, [1, 8, 16, 16])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), True


def inception_block():
    inits, nodes = [], []
    b1 = conv_bn_relu("br1", "x", 16, 8, 1, inits, nodes)
    b2 = conv_bn_relu("br2b", conv_bn_relu("br2a", "x", 16, 8, 1, inits, nodes), 8, 12, 3, inits, nodes)
    b3 = conv_bn_relu("br3b", conv_bn_relu("br3a", "x", 16, 4, 1, inits, nodes), 4, 6, 5, inits, nodes)
    nodes.append(helper.make_node("MaxPool", ["x"], ["pool"], name="br4.pool", kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
    b4 = conv_bn_relu("br4", "pool", 16, 6, 1, inits, nodes)
    nodes.append(helper.make_node("Concat", [b1, b2, b3, b4], ["y"], name="concat", axis=1))
    graph = helper.make_graph(nodes, "inception_block", [helper.make_tensor_value_info("x", F, [2, 16, 14, 14])],
                              [helper.make_tensor_value_info("y", F, [2, 32, 14, 14])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), True


def transformer_encoder():
    """One post-norm encoder layer, d=32, 4 heads, FFN 64; batch is symbolic and the
    head split uses the Shape→Gather→Concat→Reshape chain PyTorch exports write."""
    d, h, ffn, seq = 32, 4, 64, 10
    inits = [weight(n, d, d) for n in ("wq", "wk", "wv", "wo")] + [weight("bo", d)]
    inits += [weight("w1", d, ffn), weight("b1", ffn), weight("w2", ffn, d), weight("b2", d)]
    inits += [numpy_helper.from_array(np.ones(d, np.float32), n) for n in ("ln1.g", "ln2.g")]
    inits += [numpy_helper.from_array(np.zeros(d, np.float32), n) for n in ("ln1.b", "ln2.b")]
    inits += [ints("idx0", [0]), ints("heads", [seq, h, d // h]), ints("merge", [seq, d])]
    inits += [numpy_helper.from_array(np.array(np.sqrt(d // h), np.float32), "scale")]
    n = helper.make_node
    nodes = [n("Shape", ["x"], ["x.shape"], name="shape"), n("Gather", ["x.shape", "idx0"], ["batch"], name="batch", axis=0)]
    nodes.append(n("Concat", ["batch", "heads"], ["split.shape"], name="split.shape", axis=0))
    nodes.append(n("Concat", ["batch", "merge"], ["merge.shape"], name="merge.shape", axis=0))
    for p in ("q", "k", "v"):
        nodes.append(n("MatMul", ["x", "w" + p], [p], name=p + ".proj"))
        nodes.append(n("Reshape", [p, "split.shape"], [p + ".heads"], name=p + ".split"))
        perm = [0, 2, 3, 1] if p == "k" else [0, 2, 1, 3]
        nodes.append(n("Transpose", [p + ".heads"], [p + ".t"], name=p + ".transpose", perm=perm))
    nodes += [n("MatMul", ["q.t", "k.t"], ["scores"], name="scores"), n("Div", ["scores", "scale"], ["scaled"], name="scale"),
              n("Softmax", ["scaled"], ["attn"], name="softmax", axis=-1), n("MatMul", ["attn", "v.t"], ["ctx"], name="context"),
              n("Transpose", ["ctx"], ["ctx.t"], name="ctx.transpose", perm=[0, 2, 1, 3]),
              n("Reshape", ["ctx.t", "merge.shape"], ["ctx.m"], name="ctx.merge"),
              n("MatMul", ["ctx.m", "wo"], ["o"], name="out.proj"), n("Add", ["o", "bo"], ["o.b"], name="out.bias"),
              n("Add", ["o.b", "x"], ["res1"], name="residual1"),
              n("LayerNormalization", ["res1", "ln1.g", "ln1.b"], ["h1"], name="ln1", axis=-1),
              n("MatMul", ["h1", "w1"], ["f1"], name="ffn1"), n("Add", ["f1", "b1"], ["f1.b"], name="ffn1.bias"),
              n("Gelu", ["f1.b"], ["g"], name="gelu"), n("MatMul", ["g", "w2"], ["f2"], name="ffn2"),
              n("Add", ["f2", "b2"], ["f2.b"], name="ffn2.bias"), n("Add", ["f2.b", "h1"], ["res2"], name="residual2"),
              n("LayerNormalization", ["res2", "ln2.g", "ln2.b"], ["y"], name="ln2", axis=-1)]
    graph = helper.make_graph(nodes, "transformer_encoder", [helper.make_tensor_value_info("x", F, ["batch", seq, d])],
                              [helper.make_tensor_value_info("y", F, ["batch", seq, d])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)]), False


def symbolic_batch():
    inits = [weight("w1", 32, 48), weight("b1", 48), weight("w2", 10, 48), weight("b2", 10)]
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["h"], name="fc1"), helper.make_node("Add", ["h", "b1"], ["hb"], name="fc1.bias"),
             helper.make_node("Tanh", ["hb"], ["a"], name="tanh"),
             helper.make_node("Gemm", ["a", "w2", "b2"], ["logits"], name="fc2", transB=1),
             helper.make_node("Softmax", ["logits"], ["y"], name="softmax", axis=1)]
    graph = helper.make_graph(nodes, "symbolic_batch", [helper.make_tensor_value_info("x", F, ["N", 32])],
                              [helper.make_tensor_value_info("y", F, ["N", 10])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), False


def missing_value_info():
    """A small CNN with no value_info: every intermediate shape must be inferred."""
    n = helper.make_node
    inits = [weight("c1.w", 8, 3, 3, 3), weight("c2.w", 8, 8, 3, 3), weight("ct.w", 8, 4, 2, 2), weight("fc.w", 10, 2),
             ints("pads", [0, 0, 1, 1, 0, 0, 1, 1]), ints("sl.starts", [0]), ints("sl.ends", [3]), ints("sl.axes", [1]),
             ints("axes0", [0]), ints("axes23", [2, 3]), ints("split", [1, 2]), ints("flat", [-1, 2]), ints("expand", [2, 2, 4, 4]),
             numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "scales"), ints("gidx", [1, 0])]
    nodes = [n("Conv", ["x", "c1.w"], ["c1"], name="conv1", strides=[2, 2], pads=[1, 1, 1, 1]),
             n("Relu", ["c1"], ["r1"], name="relu1"),
             n("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
             n("Conv", ["p1", "c2.w"], ["c2"], name="conv2", auto_pad="SAME_UPPER"),
             n("Pad", ["c2", "pads"], ["pd"], name="pad"),
             n("AveragePool", ["pd"], ["ap"], name="avgpool", kernel_shape=[3, 3], ceil_mode=1, strides=[2, 2]),
             n("ConvTranspose", ["ap", "ct.w"], ["up"], name="deconv", strides=[2, 2]),
             n("Resize", ["up", "", "scales"], ["rs"], name="resize", mode="nearest"),
             n("Slice", ["rs", "sl.starts", "sl.ends", "sl.axes"], ["sl"], name="slice"),
             n("Split", ["sl", "split"], ["s0", "s1"], name="split", axis=1),
             n("Sub", ["s0", "s1"], ["d"], name="sub"),
             n("Sigmoid", ["d"], ["sg"], name="sigmoid"),
             n("Greater", ["sg", "s1"], ["gt"], name="greater"),
             n("Where", ["gt", "sg", "s1"], ["w"], name="where"),
             n("ReduceMean", ["w", "axes23"], ["rm"], name="reduce", keepdims=1),
             n("Expand", ["rm", "expand"], ["ex"], name="expand"),
             n("GlobalAveragePool", ["ex"], ["gap"], name="gap"),
             n("Squeeze", ["gap", "axes23"], ["sq"], name="squeeze"),
             n("Gather", ["sq", "gidx"], ["ga"], name="gather", axis=0),
             n("Flatten", ["ga"], ["fl"], name="flatten", axis=0),
             n("Reshape", ["fl", "flat"], ["rsh"], name="reshape"),
             n("Unsqueeze", ["rsh", "axes0"], ["us"], name="unsqueeze"),
             n("Cast", ["us"], ["cs"], name="cast", to=TensorProto.FLOAT16),
             n("Cast", ["cs"], ["cs32"], name="cast_back", to=TensorProto.FLOAT),
             n("Squeeze", ["cs32", "axes0"], ["flat2"], name="squeeze0"),
             n("Gemm", ["flat2", "fc.w"], ["y"], name="fc", transB=1)]
    graph = helper.make_graph(nodes, "missing_value_info", [helper.make_tensor_value_info("x", F, [2, 3, 32, 32])],
                              [helper.make_tensor_value_info("y", F, ["n", "classes"])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]), False


def external_data():
    """A 1 MiB weight kept in an external file that is not shipped: the importer must
    size it from its dims without reading it."""
    w = TensorProto(name="w", data_type=F, dims=[512, 512])
    w.data_location = TensorProto.EXTERNAL
    for key, value in (("location", "external_data.weights.bin"), ("offset", "0"), ("length", str(512 * 512 * 4))):
        entry = w.external_data.add()
        entry.key, entry.value = key, value
    nodes = [helper.make_node("MatMul", ["x", "w"], ["h"], name="mm"), helper.make_node("Relu", ["h"], ["y"], name="relu")]
    graph = helper.make_graph(nodes, "external_data", [helper.make_tensor_value_info("x", F, ["batch", 512])],
                              [helper.make_tensor_value_info("y", F, ["batch", 512])], [w])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), False


def nested_and_custom():
    """An If with two branch bodies reading an outer tensor, and an op of a custom domain."""
    then_graph = helper.make_graph([helper.make_node("Relu", ["h"], ["t"], name="then.relu")], "then", [],
                                   [helper.make_tensor_value_info("t", F, [4, 8])])
    else_graph = helper.make_graph([helper.make_node("Neg", ["h"], ["e"], name="else.neg")], "else", [],
                                   [helper.make_tensor_value_info("e", F, [4, 8])])
    nodes = [helper.make_node("Sigmoid", ["x"], ["h"], name="pre"),
             helper.make_node("ReduceSum", ["x"], ["s"], name="sum", keepdims=0),
             helper.make_node("Greater", ["s", "zero"], ["cond"], name="cond"),
             helper.make_node("If", ["cond"], ["branch"], name="if", then_branch=then_graph, else_branch=else_graph),
             helper.make_node("FancyNorm", ["branch"], ["f"], name="custom1", domain="com.example"),
             helper.make_node("FancyNorm", ["f"], ["y"], name="custom2", domain="com.example")]
    graph = helper.make_graph(nodes, "nested_and_custom", [helper.make_tensor_value_info("x", F, [4, 8])],
                              [helper.make_tensor_value_info("y", F, [4, 8])],
                              [numpy_helper.from_array(np.array(0, np.float32), "zero")])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.example", 1)]), False


def op_coverage():
    """One or two nodes per shape rule, on the less common attribute paths (negative
    axes and steps, auto_pad, dilations, output_padding, opset-18 inputs), no value_info."""
    n = helper.make_node
    inits = [weight("cw", 6, 4, 3, 3), weight("tw", 6, 3, 3, 3), weight("mv", 2),
             ints("st", [-1]), ints("en", [-100]), ints("ax", [3]), ints("sp", [-2]),
             ints("gi", [-1, 0]), ints("shape0", [0, -1, 1]), ints("rep", [1, 2, 1]), ints("cs", [2, 3]),
             ints("ra", [1]), ints("pads", [1, 2]), ints("paxes", [-1]), ints("sizes", [2, 6, 7, 5]), ints("un", [-1, 1]),
             ints("ex", [3, 1, 1])]
    nodes = [n("Conv", ["x", "cw"], ["c"], name="conv_same_lower", auto_pad="SAME_LOWER", strides=[2, 2]),
             n("ConvTranspose", ["c", "tw"], ["t"], name="deconv", strides=[2, 2], output_padding=[1, 0], pads=[1, 1, 1, 1],
               dilations=[1, 2], group=2),
             n("MaxPool", ["t"], ["mp", "mpi"], name="pool_ceil", kernel_shape=[3, 2], strides=[2, 2], ceil_mode=1),
             n("Slice", ["mp", "st", "en", "ax", "sp"], ["sl"], name="slice_reverse"),
             n("Gather", ["sl", "gi"], ["ga"], name="gather_negative", axis=1),
             n("Split", ["ga"], ["s0", "s1", "s2"], name="split_num_outputs", axis=2, num_outputs=3),
             n("Concat", ["s0", "s2"], ["cc"], name="concat_negative_axis", axis=-2),
             n("Transpose", ["cc"], ["tr"], name="transpose_default"),
             n("Flatten", ["tr"], ["fl"], name="flatten_last", axis=-1),
             n("MatMul", ["fl", "mv"], ["mm"], name="matmul_vector") ,
             n("Unsqueeze", ["mm", "un"], ["us"], name="unsqueeze_negative"),
             n("Tile", ["us", "rep"], ["ti"], name="tile"),
             n("Reshape", ["ti", "shape0"], ["rs"], name="reshape_zero"),
             n("ReduceSum", ["rs", "ra"], ["rsum"], name="reduce_sum_axes_input", keepdims=0),
             n("ArgMax", ["rs"], ["am"], name="argmax", axis=-1, keepdims=1),
             n("Cast", ["am"], ["amf"], name="cast_float", to=TensorProto.FLOAT),
             n("Greater", ["rs", "amf"], ["gt"], name="greater"),
             n("Where", ["gt", "rs", "amf"], ["wh"], name="where_broadcast"),
             n("Pad", ["wh", "pads", "", "paxes"], ["pd"], name="pad_axes"),
             n("Expand", ["rsum", "ex"], ["exp"], name="expand_lower_rank"),
             n("ConstantOfShape", ["cs"], ["zeros"], name="constant_of_shape"),
             n("Squeeze", ["mpi"], ["sq"], name="squeeze_all"),
             n("Resize", ["t", "", "", "sizes"], ["rz"], name="resize_sizes", mode="linear"),
             n("LayerNormalization", ["pd", "lng", "lnb"], ["ln"], name="layernorm", axis=-1),
             n("Softmax", ["ln"], ["y"], name="softmax", axis=1)]
    inits += [numpy_helper.from_array(np.ones(4, np.float32), "lng"), numpy_helper.from_array(np.zeros(4, np.float32), "lnb")]
    graph = helper.make_graph(nodes, "op_coverage", [helper.make_tensor_value_info("x", F, [2, 4, 11, 9])],
                              [helper.make_tensor_value_info("y", F, ["a", "b", "c"])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]), False


def expected_shapes(model):
    inferred = shape_inference.infer_shapes(model, data_prop=True)
    known = {}
    for info in list(inferred.graph.value_info) + list(inferred.graph.output) + list(inferred.graph.input):
        if info.type.HasField("tensor_type") and info.type.tensor_type.HasField("shape"):
            known[info.name] = [d.dim_value if d.HasField("dim_value") else d.dim_param for d in info.type.tensor_type.shape.dim]
    return [{"name": node.name, "op": node.op_type, "outputs": [known.get(o) for o in node.output]} for node in model.graph.node]


def main():
    os.makedirs(OUT, exist_ok=True)
    builders = [residual_block, inception_block, transformer_encoder, symbolic_batch, missing_value_info, external_data,
                nested_and_custom, op_coverage]
    for build in builders:
        model, with_value_info = build()
        model.producer_name = "diviml-fixtures"
        if with_value_info:  # store the intermediate shapes in the file, as exporters often do
            model = shape_inference.infer_shapes(model)
        name = build.__name__
        # The checker rejects ops of an unregistered domain, and external data whose file is absent.
        if name not in ("nested_and_custom", "external_data"):
            onnx.checker.check_model(model)
        onnx.save_model(model, os.path.join(OUT, name + ".onnx"))
        with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
            json.dump(expected_shapes(model), f, indent=1)
            f.write("\n")
        print(f"{name}: {len(model.graph.node)} nodes, {os.path.getsize(os.path.join(OUT, name + '.onnx'))} bytes")


if __name__ == "__main__":
    main()
