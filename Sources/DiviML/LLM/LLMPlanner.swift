import Foundation

/// Plans LLM serving on a heterogeneous cluster by the exact symmetry-reduced search.
///
/// The decision per pipeline is, per server used: how many stages, each stage's
/// tensor-parallel degree, each stage's number of consecutive layers, and the stage order;
/// for throughput also how many pipelines (replicas) run side by side. Identical GPUs in a
/// server, identical servers and identical layers make most labelled plans equivalent: the
/// search enumerates one representative per class (`ServerConfiguration`) and scores each
/// exactly (`ConfigurationScorer`), so its optimum equals the optimum over every labelled
/// plan (`BruteForceSearch` checks this on small instances).
///
/// - Complexity: O(C · K² · L · S) for latency and prefill, C configurations; throughput adds
///   a dynamic program over canonical free-GPU states (`SymmetrySearch+Replicas.swift`).
public struct LLMPlanner: Sendable {
    package let cost: LLMCostModel
    /// Only plans whose stages share one tensor-parallel degree (what vLLM can run).
    public let uniformTensorParallel: Bool

    public init(model: TransformerConfig, cluster: Cluster, workload: LLMWorkload, uniformTensorParallel: Bool = false) {
        cost = LLMCostModel(model: model, cluster: cluster, workload: workload)
        self.uniformTensorParallel = uniformTensorParallel
    }

    /// Checks that every GPU can run the model's element type.
    /// - Throws: `LLMPlanError.unsupportedDType`.
    func checkDType() throws {
        for type in cost.cluster.serverTypes where type.gpu.sustainedFlops(cost.model.dtype) == nil {
            throw LLMPlanError.unsupportedDType(gpu: type.gpu.name, dtype: cost.model.dtype,
                                                available: type.gpu.peakFlops.keys.sorted())
        }
    }

    /// The optimal plan for `objective`.
    /// - Throws: `LLMPlanError.noFeasiblePlan` when nothing fits, `.unsupportedDType`.
    public func plan(_ objective: LLMObjective) throws -> LLMPlan {
        try checkDType()
        let start = Date()
        let scorer = ConfigurationScorer(cost: cost, objective: objective)
        var evaluated = 0
        var scored: [ScoredConfiguration] = []
        for config in cost.configurations(uniform: uniformTensorParallel) {
            if let s = scorer.score(config, evaluated: &evaluated) { scored.append(s) }
        }
        guard !scored.isEmpty else { throw infeasible() }
        let pipelines: [[StageSpec]]
        var reduced = Double(evaluated)
        if objective == .throughput {
            let (chosen, transitions) = bestReplicaSet(scored)
            pipelines = chosen
            reduced += Double(transitions)
        } else {
            let best = scored.min { a, b in (a.cost, a.configuration.stages.count) < (b.cost, b.configuration.stages.count) }!
            pipelines = [best.orderedStages(servers: best.canonicalServers)]
        }
        let replicas = try pipelines.map { try cost.evaluate(pipeline: $0) }
        let space = SearchSpace(cost: cost)
        let stats = LLMSearchStats(
            fullSpace: objective == .throughput ? space.replicaSets() : space.pipelines(),
            reducedSpace: reduced, solveSeconds: Date().timeIntervalSince(start), method: "symmetry-reduced exact search")
        return LLMPlan(model: cost.model, clusterName: cost.cluster.name, workload: cost.workload,
                       objective: objective, replicas: replicas, stats: stats)
    }

    /// The error for a model that fits no configuration, with the memory figures behind it.
    func infeasible() -> LLMPlanError {
        let m = cost.model, w = cost.workload
        let weights = Double(m.layers) * m.layerWeightBytesPerGPU(tensorParallel: 1)
            + m.embeddingParameters * Double(m.dtypeBytes) * (m.tiedEmbeddings ? 1 : 2)
        let kv = Double(m.layers) * Double(w.batch) * Double(w.maxContext) * m.kvBytesPerTokenPerLayer(tensorParallel: 1)
        let usable = cost.cluster.serverTypes.indices.reduce(0.0) {
            $0 + cost.capacity(type: $1) * Double(cost.cluster.serverTypes[$1].gpusPerServer) * Double(cost.cluster.serverTypes[$1].count)
        }
        let detail = "it needs at least \(formatBytes(weights)) of weights + \(formatBytes(kv)) of KV cache "
            + "(batch \(w.batch) x \(w.maxContext) tokens), the cluster offers \(formatBytes(usable)) usable"
            + (uniformTensorParallel ? " (with one TP degree for all stages)" : "")
        return .noFeasiblePlan(model: m.name, cluster: cost.cluster.name, detail: detail)
    }
}
