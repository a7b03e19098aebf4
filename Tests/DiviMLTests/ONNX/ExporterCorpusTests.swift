import Foundation
import Testing
@testable import DiviML

/// Real torch.onnx exports (legacy TorchScript and dynamo) of torchvision and Hugging Face
/// models, weights stripped (issue 12): they import as they are, schedule, validate, and
/// count what the script counted and what torchvision publishes.
@Suite("Exporter corpus: torch.onnx graphs as they are")
struct ExporterCorpusTests {
    /// torchvision's published GFLOPS (the "GFLOPS" row of each model's weights table,
    /// e.g. https://pytorch.org/vision/stable/models/generated/torchvision.models.resnet50.html,
    /// IMAGENET1K_V1 weights; the same numbers are the `_ops` field of the weights' metadata).
    /// They were computed by pytorch/vision pull request #6936 ("Adding FLOPs and size to
    /// model metadata") with a dispatch-mode counter of aten convolution, mm, addmm and bmm
    /// that counts one multiply-add as one operation: they are giga multiply-adds (GMACs)
    /// of the convolutions and matrix products at batch 1, 224x224 (299x299 for Inception v3).
    static let publishedGMACs: [String: Double] = [
        "resnet50": 4.09, "inception_v3": 5.71, "googlenet": 1.50, "mobilenet_v3_large": 0.22,
        "efficientnet_b0": 0.39, "densenet121": 2.83, "convnext_tiny": 4.46, "vit_b_16": 17.56,
        "regnet_y_400mf": 0.40, "swin_t": 4.49,
    ]

    /// Tolerance between our multiply-adds and a published figure: half a unit of its
    /// last digit (the figures are rounded to 2 decimals: 0.22 for MobileNetV3 is ±2.3%)
    /// plus 1% of it, for products the two counters see differently (a Gemm's bias add,
    /// the exporters' decomposition of attention).
    static func tolerance(_ published: Double) -> Double { 0.005 + 0.01 * published }

    /// Op types whose FLOPs are multiply-adds (2 FLOPs each in `OperatorWork`).
    static let productOps: Set<String> = ["Conv", "ConvTranspose", "Gemm", "MatMul"]

    @Test("the manifest lists both exporters for every model, or says why a file is left out")
    func manifestIsComplete() throws {
        let manifest = ExporterCorpus.manifest
        #expect(manifest.files.count >= 20, "manifest.json missing or nearly empty")
        let models = Set(manifest.files.map(\.model)).union(manifest.omitted.map { String($0.file.split(separator: ".")[0]) })
        #expect(models.isSuperset(of: Self.publishedGMACs.keys))
        for model in models {
            for exporter in ["legacy", "dynamo"] {
                let file = "\(model).\(exporter).onnx"
                let present = manifest.files.contains { $0.file == file }
                let omitted = manifest.omitted.contains { $0.file == file }
                #expect(present != omitted, "\(file): listed \(present ? "twice" : "nowhere")")
                if present { #expect(FileManager.default.fileExists(atPath: ExporterCorpus.path(file)), "\(file)") }
            }
        }
        for entry in manifest.files { #expect(entry.bytes < 1_000_000, "\(entry.file) is \(entry.bytes) bytes") }
    }

    @Test("imports as a weights-free graph with the script's node counts; HEFT's plan validates",
          arguments: ExporterCorpus.files)
    func importsSchedulesAndValidates(entry: ExporterCorpus.Entry) throws {
        let imported = try importONNXModel(path: ExporterCorpus.path(entry.file), batch: 1)
        let graph = imported.graph
        #expect(graph.nodes.count == entry.operators)
        #expect(graph.name == entry.file.replacingOccurrences(of: ".onnx", with: ""), "main_graph takes the file's name")
        var counted: [String: Int] = [:]
        for node in graph.nodes { counted[node.type, default: 0] += 1 }
        #expect(counted == entry.operatorTypes)
        #expect(entry.nodes == entry.operators + entry.foldedConstants + entry.foldedIdentities + entry.foldedComputations)
        #expect(imported.warnings.contains { $0.hasPrefix("weights-free graph:") })
        #expect(graph.paramBytes > 0)
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        let schedule = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(schedule.makespan > 0)
    }

    /// Multiply-adds of the convolutions and matrix products the importer costs, in billions.
    static func gmacs(_ graph: OpGraph) -> Double {
        graph.nodes.filter { productOps.contains($0.type) }.reduce(0.0) { $0 + OperatorWork.of($1).flops } / 2 / 1e9
    }

    @Test("multiply-adds match torchvision's published GFLOPS", arguments: ExporterCorpus.files.filter { $0.source == "torchvision" })
    func publishedFlops(entry: ExporterCorpus.Entry) throws {
        let published = try #require(Self.publishedGMACs[entry.model])
        // The table above is the one torchvision ships in its weights' metadata.
        #expect(entry.publishedGFLOPS.map { abs($0 - published) < 0.006 } == true, "\(String(describing: entry.publishedGFLOPS))")
        let (graph, _) = try loadONNXGraph(path: ExporterCorpus.path(entry.file), batch: 1)
        let ours = Self.gmacs(graph)
        #expect(abs(ours - published) <= Self.tolerance(published), "\(entry.file): \(ours) GMACs, published \(published)")
    }

    /// HEFT's plan on paper-node for one file.
    static func plan(_ file: String) throws -> (SchedulingProblem, Schedule) {
        let (graph, _) = try loadONNXGraph(path: ExporterCorpus.path(file), batch: 1)
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        return (problem, try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule))
    }

    static var modelsWithBothExports: [String] {
        let files = Set(ExporterCorpus.files.map(\.file))
        return Set(ExporterCorpus.files.map(\.model)).filter { files.contains("\($0).legacy.onnx") && files.contains("\($0).dynamo.onnx") }.sorted()
    }

    /// Before folding, legacy exports kept weights behind Constant/Identity nodes that HEFT
    /// placed on the CPU, one transfer per weight (legacy ResNet-50: 49 against dynamo's 2,
    /// legacy BERT: 363 of its 552 transfers). Folded (with the constant arithmetic both
    /// exporters leave: masks, position ids, reshaped biases), both exports of a model plan
    /// alike, although legacy exports of the transformers still compute shapes at run time.
    @Test("legacy and dynamo exports of a model schedule to similar numbers of transfers", arguments: modelsWithBothExports)
    func exportersAgree(model: String) throws {
        let (lp, ls) = try Self.plan("\(model).legacy.onnx")
        let (dp, ds) = try Self.plan("\(model).dynamo.onnx")
        let legacy = lp.transfers(of: ls).count, dynamo = dp.transfers(of: ds).count
        #expect(abs(legacy - dynamo) <= max(2, max(legacy, dynamo) / 10), "\(model): legacy \(legacy), dynamo \(dynamo) transfers")
    }

    /// The symptom folding cured, checked on every file: no transfer leaves a node that
    /// reads nothing but weights (a Constant, or an Identity of a weight, left as an operator).
    @Test("no planned transfer starts at a node that reads only weights", arguments: ExporterCorpus.files)
    func noTransferOfAWeight(entry: ExporterCorpus.Entry) throws {
        let (problem, schedule) = try Self.plan(entry.file)
        let (graph, _) = try loadONNXGraph(path: ExporterCorpus.path(entry.file), batch: 1)
        var readsData = [Bool](repeating: false, count: graph.nodes.count)
        for edge in graph.edges { readsData[edge.to] = true }
        for input in graph.inputs { for v in input.nodes { readsData[v] = true } }
        let constantSources = Set(graph.nodes.indices.filter { !readsData[$0] && graph.nodes[$0].paramBytes > 0 }.map { graph.nodes[$0].name })
        let shipped = problem.transfers(of: schedule).map { problem.nodes[problem.edges[$0.edge].from].name }.filter(constantSources.contains)
        #expect(shipped.isEmpty, "\(entry.file): \(shipped.count) transfer(s) of weights: \(shipped.prefix(5))")
    }
}

extension ExporterCorpusTests {
    /// A transformer encoder or decoder stack as `scripts/make-exporter-corpus.py` builds it
    /// (the library's config defaults, or the script's own for the small Llama), at the
    /// script's 128 tokens.
    struct Stack: Sendable {
        var layers: Int, hidden: Int, heads: Int, kvHeads: Int, headSize: Int, ff: Int, ffMatrices: Int

        /// Multiply-adds per layer: the q, k, v and output projections, the two attention
        /// products (Q·Kᵀ and A·V, T² per query channel each) and the MLP's matrices.
        func gmacs(tokens t: Int) -> Double {
            let q = Double(heads * headSize), kv = Double(kvHeads * headSize), d = Double(hidden), tokens = Double(t)
            let perLayer = tokens * (2 * d * q + 2 * d * kv + Double(ffMatrices) * d * Double(ff)) + 2 * tokens * tokens * q
            return Double(layers) * perLayer / 1e9
        }
    }

    /// BertConfig(), GPT2Config() and T5Config() defaults (BERT-base, GPT-2 small, T5-small)
    /// and the script's LlamaConfig (4 layers, hidden 256, 4 heads of 64, 2 key/value heads,
    /// gated MLP of 688).
    static let stacks: [String: Stack] = [
        "bert_base": Stack(layers: 12, hidden: 768, heads: 12, kvHeads: 12, headSize: 64, ff: 3072, ffMatrices: 2),
        "gpt2": Stack(layers: 12, hidden: 768, heads: 12, kvHeads: 12, headSize: 64, ff: 3072, ffMatrices: 2),
        "llama_small": Stack(layers: 4, hidden: 256, heads: 4, kvHeads: 2, headSize: 64, ff: 688, ffMatrices: 3),
        "t5_encoder": Stack(layers: 6, hidden: 512, heads: 8, kvHeads: 8, headSize: 64, ff: 2048, ffMatrices: 2),
    ]

    @Test("multiply-adds of the Hugging Face exports match the transformer's own count",
          arguments: ExporterCorpus.files.filter { $0.source == "transformers" })
    func transformerFlops(entry: ExporterCorpus.Entry) throws {
        let stack = try #require(Self.stacks[entry.model])
        let expected = stack.gmacs(tokens: 128)
        let (graph, _) = try loadONNXGraph(path: ExporterCorpus.path(entry.file), batch: 1)
        let ours = Self.gmacs(graph)
        #expect(abs(ours - expected) <= 0.01 * expected, "\(entry.file): \(ours) GMACs, the stack has \(expected)")
    }
}
