import DiviML
import Foundation

/// The search with symmetry turned off: every labelled plan — each stage a specific set of
/// specific GPUs of a specific server, every order, every split of the layers into
/// consecutive ranges — scored by `LLMCostModel.evaluate`. Throughput combines the best
/// labelled pipeline per GPU subset into disjoint replica sets by a dynamic program over
/// subsets of GPUs. It exists to check `LLMPlanner` on small instances and to show what
/// the symmetry saves; it refuses instances whose full space exceeds `limit`.
///
/// - Complexity: O(|full space| · S) plus O(3^G) for the replica sets, G GPUs.
package struct BruteForceSearch: Sendable {
    package let cost: LLMCostModel
    package let limit: Double

    package init(model: TransformerConfig, cluster: Cluster, workload: LLMWorkload, limit: Double = 2e6) {
        cost = LLMCostModel(model: model, cluster: cluster, workload: workload)
        self.limit = limit
    }

    /// A concrete GPU group: a server and a bit mask of global GPU ids.
    struct Group { var type: Int; var server: Int; var mask: Int; var size: Int }

    func groups() -> [Group] {
        var result: [Group] = []
        var base = 0
        for (j, type) in cost.cluster.serverTypes.enumerated() {
            let degrees = Set(cost.allowedDegrees(type: j))
            for s in 0..<type.count {
                for subset in 1..<(1 << type.gpusPerServer) where degrees.contains(subset.nonzeroBitCount) {
                    result.append(Group(type: j, server: s, mask: subset << base, size: subset.nonzeroBitCount))
                }
                base += type.gpusPerServer
            }
        }
        return result
    }

    /// The optimal plan over the full labelled space, and the number of labelled plans scored.
    /// - Throws: `LLMPlanError.spaceTooLarge` above `limit`; `.noFeasiblePlan` when none fits.
    package func plan(_ objective: LLMObjective) throws -> (plan: LLMPlan, enumerated: Int) {
        let space = SearchSpace(cost: cost).pipelines()
        guard space <= limit, cost.cluster.gpuCount <= 16 else { throw LLMPlanError.spaceTooLarge(size: space, limit: limit) }
        let start = Date()
        var enumerated = 0
        var bestSingle: (value: Double, specs: [StageSpec])?
        var bestByMask: [Int: (value: Double, specs: [StageSpec])] = [:]
        let all = groups()
        var sequence: [Group] = []
        func visit(used: Int) {
            if !sequence.isEmpty {
                forEachSplit(cost.model.layers, into: sequence.count) { split in
                    enumerated += 1
                    let specs = zip(sequence, split).map {
                        StageSpec(serverType: $0.type, server: $0.server, tensorParallel: $0.size, layers: $1)
                    }
                    guard let replica = try? cost.evaluate(pipeline: specs) else { return }
                    let value = objective == .throughput ? -replica.tokensPerSecond
                        : objective == .latency ? replica.perTokenSeconds : replica.prefillSeconds
                    if objective == .throughput {
                        if value < (bestByMask[used]?.value ?? 0) { bestByMask[used] = (value, specs) }
                    } else if value < (bestSingle?.value ?? .infinity) {
                        bestSingle = (value, specs)
                    }
                }
            }
            guard sequence.count < cost.model.layers else { return }
            for g in all where g.mask & used == 0 {
                sequence.append(g)
                visit(used: used | g.mask)
                sequence.removeLast()
            }
        }
        visit(used: 0)
        let pipelines = objective == .throughput ? bestReplicas(bestByMask) : bestSingle.map { [$0.specs] } ?? []
        guard !pipelines.isEmpty else {
            throw LLMPlanError.noFeasiblePlan(model: cost.model.name, cluster: cost.cluster.name, detail: "no labelled plan fits in memory")
        }
        let replicas = try pipelines.map { try cost.evaluate(pipeline: $0) }
        let stats = LLMSearchStats(fullSpace: objective == .throughput ? SearchSpace(cost: cost).replicaSets() : space,
                                   reducedSpace: Double(enumerated), solveSeconds: Date().timeIntervalSince(start),
                                   method: "brute force over the labelled space")
        let plan = LLMPlan(model: cost.model, clusterName: cost.cluster.name, workload: cost.workload,
                           objective: objective, replicas: replicas, stats: stats)
        return (plan, enumerated)
    }

    /// Best disjoint set of pipelines: F(m) over GPU subsets m, each pipeline used at most once
    /// per set of GPUs it occupies.
    private func bestReplicas(_ byMask: [Int: (value: Double, specs: [StageSpec])]) -> [[StageSpec]] {
        let full = (1 << cost.cluster.gpuCount) - 1
        var f = [Double](repeating: 0, count: full + 1)
        var choice = [Int](repeating: -1, count: full + 1)
        let masks = byMask.keys.sorted()
        for m in 1...max(full, 1) {
            let low = m & -m
            f[m] = f[m & ~low]
            for p in masks where p & low != 0 && p & m == p {
                let value = -byMask[p]!.value + f[m & ~p]
                if value > f[m] { f[m] = value; choice[m] = p }
            }
        }
        var result: [[StageSpec]] = []
        var m = full
        while m != 0 {
            if choice[m] < 0 { m &= ~(m & -m); continue }
            result.append(byMask[choice[m]]!.specs)
            m &= ~choice[m]
        }
        return result
    }
}

/// Calls `body` with every split of `total` into `parts` positive integers, in order.
func forEachSplit(_ total: Int, into parts: Int, _ body: ([Int]) -> Void) {
    var current: [Int] = []
    func extend(_ left: Int, _ slots: Int) {
        if slots == 1 {
            current.append(left)
            body(current)
            current.removeLast()
            return
        }
        guard left > slots - 1 else { return }
        for n in 1...(left - slots + 1) {
            current.append(n)
            extend(left - n, slots - 1)
            current.removeLast()
        }
    }
    if parts >= 1, total >= parts { extend(total, parts) }
}
