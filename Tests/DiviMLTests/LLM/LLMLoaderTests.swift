import Testing
@testable import DiviML

@Suite("LLM model and cluster files")
struct LLMLoaderTests {
    @Test func builtinsLoad() throws {
        for (name, _) in BuiltinLLMs.all { _ = try BuiltinLLMs.named(name) }
        for (name, _) in BuiltinClusters.all { _ = try BuiltinClusters.named(name) }
        let l2 = try BuiltinLLMs.named("llama-2-70b")
        #expect(l2.kvHeads == 8 && l2.layers == 80 && l2.vocabSize == 32000)
        #expect(abs(l2.totalParameters / 1e9 - 69.0) < 0.1)
    }

    @Test func unknownNameSuggests() {
        #expect(throws: InputError.unknownName(kind: "model", name: "llama-2-70", known: BuiltinLLMs.all.map(\.name))) {
            try BuiltinLLMs.resolve("llama-2-70")
        }
        let error = InputError.unknownName(kind: "cluster", name: "uniform-a10", known: BuiltinClusters.all.map(\.name))
        #expect("\(error)".contains("did you mean 'uniform-a100'"))
    }

    @Test func huggingFaceConfig() throws {
        let json = """
        {"model_type": "llama", "num_hidden_layers": 80, "hidden_size": 8192, "num_attention_heads": 64,
         "num_key_value_heads": 8, "intermediate_size": 28672, "vocab_size": 128256, "torch_dtype": "bfloat16"}
        """
        let m = try TransformerConfig.parse(json, file: "config.json")
        #expect(m.layers == 80 && m.kvHeads == 8 && m.dtype == "bf16" && m.gatedMLP)
    }

    @Test(arguments: [
        ("layers: 4\nhiddenSize: 64\nattentionHeads: 4\nffnSize: 128\n", "vocabSize"),
        ("layers: -4\nhiddenSize: 64\nattentionHeads: 4\nffnSize: 128\nvocabSize: 10\n", "layers"),
        ("layers: 4\nhiddenSize: 65\nattentionHeads: 4\nffnSize: 128\nvocabSize: 10\n", "attentionHeads"),
        ("layers: 4\nhiddenSize: 64\nattentionHeads: 4\nkvHeads: 3\nffnSize: 128\nvocabSize: 10\n", "kvHeads"),
        ("layers: 4\nhiddenSize: 64\nattentionHeads: 4\nffnSize: 128\nvocabSize: 10\ndtype: fp8\n", "dtype"),
        ("layers: four\n", "layers"),
    ])
    func badModel(text: String, path: String) {
        #expect {
            try TransformerConfig.parse(text, file: "m.yaml")
        } throws: { error in
            guard case let InputError.malformed(file, at, _) = error else { return false }
            return file == "m.yaml" && at == path
        }
    }

    static let goodCluster = """
    name: c
    gpus:
      - {name: g, memory: 16 GiB, peakFlops: {fp16: 100 TFLOPS}, memoryBandwidth: 900 GB/s}
    servers:
      - {name: s, gpu: g, gpusPerServer: 2, count: 2, intraLink: {bandwidth: 100 GB/s, latency: 5 us}}
    network: {bandwidth: 10 GB/s, latency: 10 us}
    """

    @Test func goodClusterParses() throws {
        let c = try Cluster.parse(Self.goodCluster, file: "c.yaml")
        #expect(c.gpuCount == 4 && c.serverTypes[0].gpu.memoryBytes == 16 * 0x1p30 && c.memoryReserve == 0.1)
    }

    @Test(arguments: [
        ("gpu: g,", "gpu: h,", "servers[0].gpu"),
        ("bandwidth: 100 GB/s", "bandwidth: 1 GB/s", "servers[0].intraLink"),
        ("gpusPerServer: 2", "gpusPerServer: 0", "servers[0].gpusPerServer"),
        ("memory: 16 GiB", "memory: 0", "gpus[0].memory"),
        ("memoryBandwidth: 900 GB/s", "memoryBandwidth: fast", "gpus[0].memoryBandwidth"),
    ])
    func badCluster(find: String, replace: String, path: String) {
        let text = Self.goodCluster.replacingOccurrences(of: find, with: replace)
        #expect {
            try Cluster.parse(text, file: "c.yaml")
        } throws: { error in
            switch error {
            case let InputError.malformed(_, at, _): return at.hasPrefix(path)
            case let InputError.unknownReference(_, at, name, _): return at == path && name == "h"
            default: return false
            }
        }
    }

    @Test func unsupportedDType() throws {
        var model = try BuiltinLLMs.named("llama-2-7b")
        model.dtype = "bf16"
        let planner = LLMPlanner(model: model, cluster: try BuiltinClusters.named("a100x2-v100x8"), workload: LLMWorkload())
        #expect(throws: LLMPlanError.unsupportedDType(gpu: "v100-32gb", dtype: "bf16", available: ["fp16", "fp32"])) {
            try planner.plan(.latency)
        }
    }
}
