#!/usr/bin/env python3
"""Regenerates the exporter corpus: real torch.onnx exports, committed without their weights.

    python3 -m venv /work/torchenv      # any folder outside the repository
    /work/torchenv/bin/pip install torch torchvision transformers onnxscript onnx onnxruntime
    /work/torchenv/bin/python scripts/make-exporter-corpus.py [--out Tests/DiviMLTests/Fixtures/exporters] [--only NAME ...]

Each model (torchvision classifiers and Hugging Face models built from config objects:
random weights, nothing downloaded) is exported twice, with the legacy TorchScript exporter
(`dynamo=False`, opset 17) and with the dynamo exporter (`dynamo=True`, opset 18), batch 1.
Then every tensor of more than 64 elements (initializers and the values of `Constant`
nodes) loses its data: dims and data type stay, `raw_data`, the typed data fields and
external-data references go. Node metadata (the dynamo exporter's stack traces and FX
node dumps, which name the regenerating machine's paths) is dropped too. Smaller tensors keep their values (shape vectors, axes,
scales: the importer reads them to shape Reshape, Slice, Resize). The model gets the
metadata entry `diviml.weights = stripped` (docs/formats.md, "Weights-free ONNX graphs").

Before stripping, the legacy MobileNetV3-Large export is profiled with ONNX Runtime
(scripts/make-ort-trace.py's settings) and a trimmed copy of the trace is kept: ORT runs
its HardSwish nodes as HardSigmoid + Mul, which the trace reader must attribute.

`manifest.json` records, per file, what the script counted in the ONNX graph: nodes,
Constant nodes, Identity nodes of a constant and other nodes computing from constants
only (the importer folds them into weights), the operators that remain and their op
types, all op-type counts, sizes. `--recount` recomputes these counts from the committed
files alone (needs only the onnx package), after a change of the folding rule. The Swift tests compare the importer's
numbers with these. An export that fails, or a stripped file above --max-bytes, is left
out and listed under "omitted" with the reason.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import traceback

import onnx

VALUE_LIMIT = 64  # TensorFacts.valueLimit in Sources/DiviML/IO/ONNX/ONNXTensorFacts.swift


def torchvision_models():
    import torchvision.models as tv
    # (name, builder, weights enum whose metadata holds torchvision's published GFLOPS, image size)
    return [
        ("resnet50", lambda: tv.resnet50(), tv.ResNet50_Weights.IMAGENET1K_V1, 224),
        ("inception_v3", lambda: tv.inception_v3(aux_logits=False, init_weights=False), tv.Inception_V3_Weights.IMAGENET1K_V1, 299),
        ("googlenet", lambda: tv.googlenet(aux_logits=False, init_weights=False), tv.GoogLeNet_Weights.IMAGENET1K_V1, 224),
        ("mobilenet_v3_large", lambda: tv.mobilenet_v3_large(), tv.MobileNet_V3_Large_Weights.IMAGENET1K_V1, 224),
        ("efficientnet_b0", lambda: tv.efficientnet_b0(), tv.EfficientNet_B0_Weights.IMAGENET1K_V1, 224),
        ("densenet121", lambda: tv.densenet121(), tv.DenseNet121_Weights.IMAGENET1K_V1, 224),
        ("convnext_tiny", lambda: tv.convnext_tiny(), tv.ConvNeXt_Tiny_Weights.IMAGENET1K_V1, 224),
        ("vit_b_16", lambda: tv.vit_b_16(), tv.ViT_B_16_Weights.IMAGENET1K_V1, 224),
        ("regnet_y_400mf", lambda: tv.regnet_y_400mf(), tv.RegNet_Y_400MF_Weights.IMAGENET1K_V1, 224),
        ("swin_t", lambda: tv.swin_t(), tv.Swin_T_Weights.IMAGENET1K_V1, 224),
    ]


def text_model(model, **kwargs):
    """Wraps a Hugging Face model so that it takes token ids and returns the last hidden state."""
    import torch

    class Wrapper(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids):
            # An explicit all-ones mask: without one, transformers looks for packed
            # sequences in the position ids with aten::diff, which the TorchScript exporter lacks.
            mask = torch.ones_like(input_ids)
            return self.inner(input_ids=input_ids, attention_mask=mask, return_dict=False, **kwargs)[0]

    return Wrapper(model)


def huggingface_models():
    import transformers as hf
    return [
        ("bert_base", lambda: text_model(hf.BertModel(hf.BertConfig())), 128),
        ("gpt2", lambda: text_model(hf.GPT2Model(hf.GPT2Config()), use_cache=False), 128),
        ("llama_small", lambda: text_model(hf.LlamaModel(hf.LlamaConfig(
            hidden_size=256, intermediate_size=688, num_hidden_layers=4, num_attention_heads=4,
            num_key_value_heads=2, vocab_size=32000, max_position_embeddings=512)), use_cache=False), 128),
        ("t5_encoder", lambda: text_model(hf.T5EncoderModel(hf.T5Config())), 128),
    ]


def export(module, args, path, exporter, input_names):
    import torch
    module.eval()
    if exporter == "legacy":
        # With gradients enabled: under no_grad nn.MultiheadAttention takes its fused fast
        # path (aten::_native_multi_head_attention), which the TorchScript exporter lacks.
        torch.onnx.export(module, args, path, dynamo=False, opset_version=17, do_constant_folding=True,
                          input_names=input_names, output_names=["output"])
    else:
        with torch.no_grad():
            program = torch.onnx.export(module, args, dynamo=True, opset_version=18,
                                        input_names=input_names, output_names=["output"])
        program.save(path, external_data=False)


def tensor_elements(tensor):
    count = 1
    for d in tensor.dims:
        count *= d
    return count


def strip_tensor(tensor):
    """Drops the data of a tensor above VALUE_LIMIT elements; returns whether it did."""
    if tensor_elements(tensor) <= VALUE_LIMIT and tensor.data_location != onnx.TensorProto.EXTERNAL:
        return False
    for field in ("raw_data", "float_data", "int32_data", "string_data", "int64_data", "double_data", "uint64_data"):
        tensor.ClearField(field)
    del tensor.external_data[:]
    tensor.data_location = onnx.TensorProto.DEFAULT
    return True


def strip_graph(graph):
    stripped = 0
    for tensor in graph.initializer:
        stripped += strip_tensor(tensor)
    for node in graph.node:
        del node.metadata_props[:]  # exporter stack traces and FX dumps: local paths, unread
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.TENSOR:
                stripped += strip_tensor(attribute.t)
            for sub in list(attribute.graphs) + ([attribute.g] if attribute.HasField("g") else []):
                stripped += strip_graph(sub)
    return stripped


def element_bytes(data_type):
    return {1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2}.get(data_type, 4)


RANDOM_OPS = {"RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout"}


def counts(model):
    """What the importer should see: the folding rule of ONNXGraphBuilder+Folding.swift
    (Constant nodes, Identity nodes of a constant, and single-output nodes computing from
    constants only, except random ops, producers of graph outputs and nodes nobody reads,
    fold into weights). Subgraph reads are not collected: torch.onnx exports of these
    models have no If/Loop/Scan."""
    graph = model.graph
    initializers = {t.name for t in graph.initializer}
    outputs = {o.name for o in graph.output}
    read = {i for n in graph.node for i in n.input if i}
    constant = set()
    folded = collections.Counter()
    # torch.onnx exports list nodes in a topological order; fold in file order
    for node in graph.node:
        has_subgraph = any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS) for a in node.attribute)
        if has_subgraph or len(node.output) != 1 or not node.output[0]:
            continue
        inputs = [i for i in node.input if i]
        is_constant = all(i in initializers or i in constant for i in inputs)
        if node.op_type == "Constant":
            folds = not inputs
        elif node.op_type == "Identity":
            folds = len(node.input) == 1 and is_constant
        else:
            folds = bool(inputs) and is_constant and node.op_type not in RANDOM_OPS and node.output[0] not in outputs \
                and node.output[0] in read
        if folds:
            folded[node.op_type] += 1
            constant.add(node.output[0])
    ops = collections.Counter(n.op_type for n in graph.node)
    weights = sum(tensor_elements(t) * element_bytes(t.data_type) for t in graph.initializer)
    remaining = ops - folded
    return {
        "nodes": len(graph.node),
        "foldedConstants": folded["Constant"],
        "foldedIdentities": folded["Identity"],
        "foldedComputations": sum(folded.values()) - folded["Constant"] - folded["Identity"],
        "operators": sum(remaining.values()),
        "operatorTypes": dict(sorted(remaining.items())),
        "initializers": len(graph.initializer),
        "initializerBytes": weights,
        "opTypes": dict(sorted(ops.items())),
    }


def recount(out):
    """Recomputes the counts of every committed file (needs only onnx, not torch)."""
    manifest_path = os.path.join(out, "manifest.json")
    manifest = json.load(open(manifest_path))
    for entry in manifest["files"]:
        entry.update(counts(onnx.load(os.path.join(out, entry["file"]))))
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"recounted {len(manifest['files'])} files in {manifest_path}")


def trim_trace(trace_path, out_path):
    """Keeps the node events (name, cat, dur, ts and the args op_name, provider, node_index and
    the input and output shapes) and the run markers; drops memory and thread statistics."""
    events = json.load(open(trace_path))
    kept = []
    for e in events:
        if e.get("cat") == "Node" and e.get("name", "").endswith("_kernel_time"):
            args = e.get("args", {})
            kept.append({"cat": "Node", "name": e["name"], "ts": e["ts"], "dur": e["dur"], "ph": "X",
                         "args": {k: args[k] for k in ("op_name", "provider", "node_index", "input_type_shape", "output_type_shape") if k in args}})
        elif e.get("cat") == "Session" and e.get("name") == "model_run":
            kept.append({"cat": "Session", "name": "model_run", "ts": e["ts"], "dur": e["dur"], "ph": "X"})
    with open(out_path, "w") as f:
        json.dump(kept, f, separators=(",", ":"))
        f.write("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="Tests/DiviMLTests/Fixtures/exporters")
    parser.add_argument("--only", nargs="*", default=None, help="model names to (re)generate")
    parser.add_argument("--max-bytes", type=int, default=1_000_000)
    parser.add_argument("--trace-runs", type=int, default=3)
    parser.add_argument("--recount", action="store_true",
                        help="only recompute the manifest's counts from the committed files (no torch needed)")
    args = parser.parse_args()
    if args.recount:
        recount(args.out)
        return
    import torch
    import torchvision
    import transformers
    torch.manual_seed(0)
    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, "manifest.json")
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {"files": [], "omitted": []}
    here = os.path.dirname(os.path.abspath(__file__))

    jobs = []
    for name, build, weights, size in torchvision_models():
        jobs.append((name, "torchvision", build, lambda s=size: (torch.randn(1, 3, s, s),), ["input"],
                     {"publishedGFLOPS": weights.meta.get("_ops"), "imageSize": size}))
    for name, build, length in huggingface_models():
        jobs.append((name, "transformers", build,
                     lambda n=length: (torch.randint(0, 1000, (1, n), dtype=torch.int64),), ["input_ids"],
                     {"sequenceLength": length}))

    for name, source, build, make_args, input_names, extra in jobs:
        if args.only and name not in args.only:
            continue
        for exporter in ("legacy", "dynamo"):
            file = f"{name}.{exporter}.onnx"
            manifest["files"] = [e for e in manifest["files"] if e["file"] != file]
            manifest["omitted"] = [e for e in manifest["omitted"] if e["file"] != file]
            torch.manual_seed(0)
            with tempfile.TemporaryDirectory() as tmp:
                full = os.path.join(tmp, file)
                try:
                    export(build(), make_args(), full, exporter, input_names)
                    model = onnx.load(full, load_external_data=True)
                except Exception as error:  # an exporter failure is a finding, recorded
                    reason = f"{type(error).__name__}: {str(error).splitlines()[0][:300] if str(error) else ''}"
                    traceback.print_exc(limit=2)
                    manifest["omitted"].append({"file": file, "reason": "export failed: " + reason})
                    print(f"{file}: export failed ({reason})", flush=True)
                    continue
                if name == "mobilenet_v3_large" and exporter == "legacy":
                    onnx.save(model, full)
                    raw = os.path.join(tmp, "trace.json")
                    subprocess.run([sys.executable, os.path.join(here, "make-ort-trace.py"), full, raw,
                                    "--runs", str(args.trace_runs)], check=True)
                    trim_trace(raw, os.path.join(args.out, f"{name}.{exporter}.ort-cpu.json"))
                stripped = strip_graph(model.graph)
                del model.metadata_props[:]
                model.metadata_props.add(key="diviml.weights", value="stripped")
                target = os.path.join(args.out, file)
                onnx.save(model, target)
                size_bytes = os.path.getsize(target)
                if size_bytes > args.max_bytes:
                    os.remove(target)
                    manifest["omitted"].append({"file": file, "reason": f"{size_bytes} bytes without weights (limit {args.max_bytes})"})
                    print(f"{file}: too big without weights ({size_bytes} bytes), left out", flush=True)
                    continue
                entry = {"file": file, "model": name, "source": source, "exporter": exporter,
                         "opset": 17 if exporter == "legacy" else 18, "bytes": size_bytes, "strippedTensors": stripped,
                         "graphInputs": [i.name for i in model.graph.input if i.name not in {t.name for t in model.graph.initializer}]}
                entry.update(extra)
                entry.update(counts(model))
                manifest["files"].append(entry)
                print(f"{file}: {entry['nodes']} nodes, {entry['operators']} operators, {size_bytes} bytes", flush=True)

    manifest["files"].sort(key=lambda e: e["file"])
    manifest["omitted"].sort(key=lambda e: e["file"])
    manifest["generator"] = {"script": "scripts/make-exporter-corpus.py", "torch": torch.__version__,
                             "torchvision": torchvision.__version__, "transformers": transformers.__version__,
                             "onnx": onnx.__version__}
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {manifest_path}: {len(manifest['files'])} files, {len(manifest['omitted'])} omitted")


if __name__ == "__main__":
    main()
