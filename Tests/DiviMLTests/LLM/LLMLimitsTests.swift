import Foundation
import Testing
@testable import DiviML

/// Extreme LLM models, clusters and workloads (issue 12): each is an error naming the file
/// and field, or the flag, with the stated maximum, never a trap, an overflow or a hang.
@Suite("LLM limits")
struct LLMLimitsTests {
    static let model = "hiddenSize: 4096\nattentionHeads: 32\nffnSize: 11008\nvocabSize: 32000\n"

    @Test("a model with more layers or a wider dimension than the maximum is an error naming the key", arguments: [
        ("layers: 1099511627776\n" + model, "layers", TransformerConfig.maximumLayers),
        ("layers: 1025\n" + model, "layers", TransformerConfig.maximumLayers),
        ("layers: 4\n" + model.replacingOccurrences(of: "vocabSize: 32000", with: "vocabSize: 9223372036854775807"), "vocabSize",
         TransformerConfig.maximumWidth),
    ])
    func modelAboveMaximum(text: String, path: String, most: Int) {
        #expect {
            try TransformerConfig.parse(text, file: "m.yaml")
        } throws: { error in
            guard case let InputError.malformed(file, at, expected) = error else { return false }
            return file == "m.yaml" && at == path && expected.hasPrefix("an integer from 1 to \(most), found ")
        }
    }

    @Test("the deepest model allowed plans without overflow")
    func deepestModelPlans() throws {
        let model = try TransformerConfig.parse("layers: \(TransformerConfig.maximumLayers)\n" + Self.model, file: "m.yaml")
        let planner = LLMPlanner(model: model, cluster: try BuiltinClusters.named("uniform-a100"), workload: LLMWorkload())
        let plan = try planner.plan(.latency)
        #expect(plan.replicas.flatMap(\.stages).reduce(0) { $0 + $1.spec.layers } == TransformerConfig.maximumLayers)
    }

    @Test("workloads above the maximums are errors naming the flag", arguments: [
        (LLMWorkload(batch: 8, promptLength: .max, generateTokens: 1), "--prompt-length"),
        (LLMWorkload(batch: 1_000_000_000, promptLength: 1_000_000_000, generateTokens: 1), "--batch"),
        (LLMWorkload(batch: 8, promptLength: 1, generateTokens: LLMWorkload.maximumTokens + 1), "--generate"),
        (LLMWorkload(batch: 0, promptLength: 1, generateTokens: 1), "--batch"),
    ])
    func workloadAboveMaximum(workload: LLMWorkload, flag: String) {
        #expect {
            try workload.validate()
        } throws: { error in
            guard case let InputError.invalidValue(what, _, allowed) = error else { return false }
            return what == flag && allowed.hasPrefix("an integer from 1 to ")
        }
    }

    @Test("the largest workload allowed ends in a plan or a memory error whose figures are finite")
    func largestWorkload() throws {
        let workload = LLMWorkload(batch: LLMWorkload.maximumBatch, promptLength: LLMWorkload.maximumTokens,
                                   generateTokens: LLMWorkload.maximumTokens)
        try workload.validate()
        let planner = LLMPlanner(model: try BuiltinLLMs.named("llama-2-7b"), cluster: try BuiltinClusters.named("uniform-a100"),
                                 workload: workload)
        let error = #expect(throws: LLMPlanError.self) { try planner.plan(.latency) }
        #expect(error.map { "\($0)" }?.contains("of KV cache (batch 1048576 x 33554432 tokens)") == true)
    }

    @Test("an enormous GPU memory is an error, or holds every layer, never a trap")
    func memoryBeyondInt() throws {
        for memory in ["1e30 B", ".inf", ".nan"] {
            let text = LLMLoaderTests.goodCluster.replacingOccurrences(of: "memory: 16 GiB", with: "memory: \(memory)")
            #expect {
                try Cluster.parse(text, file: "c.yaml")
            } throws: { error in
                guard case let InputError.malformed(_, at, expected) = error else { return false }
                return at == "gpus[0].memory" && expected.hasPrefix("a positive size below 8 EiB, found ")
            }
        }
        var cluster = try Cluster.parse(LLMLoaderTests.goodCluster, file: "c.yaml")
        cluster.serverTypes[0].gpu.memoryBytes = 1e30
        let cost = LLMCostModel(model: try BuiltinLLMs.named("llama-2-7b"), cluster: cluster, workload: LLMWorkload())
        #expect(cost.maxLayers(type: 0, t: 1, first: true, last: true) == 32)
    }

    @Test("more GPUs per server or more servers than the maximum are errors naming the field", arguments: [
        ("gpusPerServer: 2", "gpusPerServer: 4096", "servers[0].gpusPerServer", "an integer from 1 to 72, found 4096"),
        ("gpusPerServer: 2", "gpusPerServer: 1099511627776", "servers[0].gpusPerServer", "an integer from 1 to 72, found 1099511627776"),
        ("count: 2", "count: 1000", "servers[0].count", "an integer from 1 to 64, found 1000"),
        ("count: 2", "count: 0", "servers[0].count", "an integer from 1 to 64, found 0"),
    ])
    func clusterAboveMaximum(find: String, replace: String, path: String, expected: String) {
        let text = LLMLoaderTests.goodCluster.replacingOccurrences(of: find, with: replace)
        #expect(throws: InputError.malformed(file: "c.yaml", path: path, expected: expected)) {
            try Cluster.parse(text, file: "c.yaml")
        }
    }

    @Test("the servers of all types together may not exceed the maximum")
    func totalServers() {
        let server = "  - {name: s, gpu: g, gpusPerServer: 2, count: 2, intraLink: {bandwidth: 100 GB/s, latency: 5 us}}"
        let many = (0..<33).map { server.replacingOccurrences(of: "name: s,", with: "name: s\($0),") }.joined(separator: "\n")
        let text = LLMLoaderTests.goodCluster.replacingOccurrences(of: server, with: many)
        #expect(throws: InputError.malformed(file: "c.yaml", path: "servers[].count", expected: "at most 64 servers in all, found 66")) {
            try Cluster.parse(text, file: "c.yaml")
        }
    }
}
