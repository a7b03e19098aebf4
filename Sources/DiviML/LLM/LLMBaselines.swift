/// Plans to compare the search against.
public enum LLMBaselines {
    /// What a serving engine does by default: every GPU used, one tensor-parallel degree for
    /// all stages (the largest the model allows that fits every server), each server split
    /// into stages of that degree in file order, and the layers split evenly (the extra
    /// layers of an uneven division go to the stages before the last, which holds the head).
    /// - Throws: `LLMPlanError.stageOutOfMemory` naming the stage that does not fit.
    public static func uniformSplit(model: TransformerConfig, cluster: Cluster, workload: LLMWorkload,
                                    objective: LLMObjective) throws -> LLMPlan {
        let cost = LLMCostModel(model: model, cluster: cluster, workload: workload)
        let smallest = cluster.serverTypes.map(\.gpusPerServer).min() ?? 1
        let t = (1...smallest).last { d in model.allowsTensorParallel(d) && cluster.serverTypes.allSatisfy { $0.gpusPerServer % d == 0 } } ?? 1
        var specs: [StageSpec] = []
        for (j, type) in cluster.serverTypes.enumerated() {
            for s in 0..<type.count {
                for _ in 0..<(type.gpusPerServer / t) { specs.append(StageSpec(serverType: j, server: s, tensorParallel: t, layers: 0)) }
            }
        }
        specs = Array(specs.prefix(model.layers))
        let even = model.layers / specs.count, extra = model.layers % specs.count
        for i in specs.indices { specs[i].layers = even }
        for i in 0..<extra { specs[specs.count >= 2 ? specs.count - 2 - i % (specs.count - 1) : 0].layers += 1 }
        let replica = try cost.evaluate(pipeline: specs)
        return LLMPlan(model: model, clusterName: cluster.name, workload: workload, objective: objective,
                       replicas: [replica], stats: nil)
    }

    /// The best plan on the servers of one type alone, for the type that does best.
    /// - Returns: the plan and the server type's name, or nil when no single type can hold the model.
    public static func bestHomogeneous(model: TransformerConfig, cluster: Cluster, workload: LLMWorkload,
                                       objective: LLMObjective) -> (plan: LLMPlan, serverType: String)? {
        var best: (plan: LLMPlan, serverType: String)?
        for j in cluster.serverTypes.indices {
            let planner = LLMPlanner(model: model, cluster: cluster.restricted(to: [j]), workload: workload)
            guard let plan = try? planner.plan(objective) else { continue }
            if best.map({ plan.objectiveCost < $0.plan.objectiveCost }) ?? true {
                best = (plan, cluster.serverTypes[j].name)
            }
        }
        return best
    }
}
