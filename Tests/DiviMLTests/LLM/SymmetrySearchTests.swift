import Testing
@testable import DiviML
import DiviMLTestSupport

@Suite("LLM symmetry-reduced search")
struct SymmetrySearchTests {
    /// The reduced search's optimum equals brute force over every labelled plan, for each
    /// objective, on seeded small instances (including ones where memory binds or nothing fits).
    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func reducedEqualsBruteForce(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let model = LLMInstances.model(&rng)
        let workload = LLMInstances.workload(&rng)
        let cluster = LLMInstances.cluster(&rng, modelBytes: LLMInstances.modelBytes(model, workload), maxGPUs: 5)
        let planner = LLMPlanner(model: model, cluster: cluster, workload: workload)
        let brute = BruteForceSearch(model: model, cluster: cluster, workload: workload, limit: 1e6)
        for objective in LLMObjective.allCases {
            let reduced = Result { try planner.plan(objective) }
            let full = Result { try brute.plan(objective) }
            switch (reduced, full) {
            case let (.success(r), .success(f)):
                #expect(nearlyEqual(r.objectiveCost, f.plan.objectiveCost),
                        "seed \(seed) \(objective): reduced \(r.objectiveCost) vs brute force \(f.plan.objectiveCost)")
                let cost = LLMCostModel(model: model, cluster: cluster, workload: workload)
                #expect(cost.violations(of: r.replicas.map { $0.stages.map(\.spec) }).isEmpty, "seed \(seed) \(objective)")
                #expect(cost.violations(of: f.plan.replicas.map { $0.stages.map(\.spec) }).isEmpty, "seed \(seed) \(objective)")
            case (.failure(let r), .failure(let f)):
                #expect(r is LLMPlanError && f is LLMPlanError, "seed \(seed) \(objective): \(r) / \(f)")
                if case LLMPlanError.spaceTooLarge = f { Issue.record("seed \(seed): instance too large for brute force") }
            default:
                Issue.record("seed \(seed) \(objective): reduced \(reduced) but brute force \(full)")
            }
        }
    }

    /// The counted full space equals the number of labelled plans brute force enumerates.
    @Test(arguments: [UInt64(3), 7, 11])
    func spaceCountMatchesEnumeration(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let model = LLMInstances.model(&rng)
        let workload = LLMWorkload(batch: 1, promptLength: 16, generateTokens: 1)
        let cluster = LLMInstances.cluster(&rng, modelBytes: LLMInstances.modelBytes(model, workload) * 100, maxGPUs: 4)
        let brute = BruteForceSearch(model: model, cluster: cluster, workload: workload, limit: 3e5)
        let (_, enumerated) = try brute.plan(.latency)
        #expect(Double(enumerated) == SearchSpace(cost: brute.cost).pipelines(), "seed \(seed)")
    }

    /// On a cluster of identical single-GPU servers whose memory forces every GPU into the
    /// pipeline, the optimum for each objective is the uniform split, and scores as the
    /// uniform-split baseline does.
    @Test(arguments: [2, 4])
    func identicalClusterGivesUniformSplit(servers: Int) throws {
        let model = TransformerConfig(name: "tiny-vocab", layers: 8, hiddenSize: 1024, attentionHeads: 8, kvHeads: 8,
                                      ffnSize: 4096, vocabSize: 8)
        let workload = LLMWorkload(batch: 1, promptLength: 16, generateTokens: 16)
        let perServer = model.layers / servers
        // Memory for exactly `perServer` layers on every GPU (even one holding embedding and head):
        // the 8 layers need every GPU, each with the same share.
        func cluster(memory: Double) -> Cluster {
            let gpu = GPUSpec(name: "same", memoryBytes: memory, peakFlops: ["fp16": 100e12], memoryBandwidth: 1e12)
            return Cluster(name: "identical", serverTypes: [
                ServerType(name: "node", gpu: gpu, gpusPerServer: 1, count: servers, intraLink: LinkSpec(bandwidth: 100e9, latency: 5e-6)),
            ], network: LinkSpec(bandwidth: 10e9, latency: 10e-6))
        }
        let probe = LLMCostModel(model: model, cluster: cluster(memory: 1e12), workload: workload)
        let fixed = probe.stageMemory(type: 0, t: 1, layers: 0, first: true, last: true).used
        let perLayer = probe.stageMemory(type: 0, t: 1, layers: 1, first: true, last: true).used - fixed
        let cluster = cluster(memory: (fixed + (Double(perServer) + 0.5) * perLayer) / 0.9)
        for objective in LLMObjective.allCases {
            let plan = try LLMPlanner(model: model, cluster: cluster, workload: workload).plan(objective)
            let uniform = try LLMBaselines.uniformSplit(model: model, cluster: cluster, workload: workload, objective: objective)
            #expect(plan.replicas.count == 1)
            let layers: [Int] = plan.replicas[0].stages.map { (s: LLMStage) in s.spec.layers }
            #expect(layers == [Int](repeating: perServer, count: servers), "\(objective)")
            #expect(nearlyEqual(plan.objectiveCost, uniform.objectiveCost), "\(objective)")
        }
    }

    /// On the built-in all-identical cluster every replica of the throughput optimum splits its
    /// layers evenly among stages of one degree (to within the one layer the head displaces).
    @Test func builtinUniformClusterThroughput() throws {
        let cluster = try BuiltinClusters.named("uniform-a100")
        let model = try BuiltinLLMs.named("llama-2-70b")
        let plan = try LLMPlanner(model: model, cluster: cluster, workload: LLMWorkload()).plan(.throughput)
        let cost = LLMCostModel(model: model, cluster: cluster, workload: LLMWorkload())
        #expect(cost.violations(of: plan.replicas.map { $0.stages.map(\.spec) }).isEmpty)
        for replica in plan.replicas where Set(replica.stages.map(\.spec.tensorParallel)).count == 1 {
            let layers = replica.stages.map(\.spec.layers)
            #expect(layers.max()! - layers.min()! <= 1, "\(layers)")
        }
    }

    /// `--uniform-tp` plans use one degree in every replica.
    @Test func uniformTensorParallelOption() throws {
        let planner = LLMPlanner(model: try BuiltinLLMs.named("llama-2-13b"), cluster: try BuiltinClusters.named("l4-a10g-a100"),
                                 workload: LLMWorkload(), uniformTensorParallel: true)
        for objective in LLMObjective.allCases {
            let plan = try planner.plan(objective)
            for replica in plan.replicas { #expect(Set(replica.stages.map(\.spec.tensorParallel)).count == 1) }
        }
    }
}
