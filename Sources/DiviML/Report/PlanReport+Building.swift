extension PlanReport {
    /// The report of `plan`, whose validated passes on `problem` are `passes` (one per
    /// replica; see `Plan.passes(on:file:)` to rebuild them from a plan file).
    /// - Parameters:
    ///   - markers: module boundaries of `passes[0]`, when the plan came from modules.
    ///   - comparison: every solver's result, for `compare`.
    /// - Complexity: that of `PlanExplanation` plus O(R·(|V| + |E| log |E|)) for the timeline.
    public init(plan: Plan, problem: SchedulingProblem, passes: [Schedule], markers: [Timeline.Marker] = [],
                comparison: Comparison? = nil, heaviest: Int = 8) {
        let explanation = PlanExplanation(plan: plan, problem: problem, passes: passes, heaviest: heaviest)
        let paths = passes.map { CriticalPath(problem: problem, schedule: $0) }
        let palette = OpPalette(problem: problem)
        var counts: [String: Int] = [:]
        for node in problem.nodes { counts[node.op, default: 0] += 1 }
        let what = plan.objective == .latency ? "makespan \(formatSeconds(plan.makespanSeconds ?? 0))"
            : "period \(formatSeconds(plan.periodSeconds ?? 0))"
        self.init(
            title: "\(plan.model) on \(plan.platform ?? "the problem's devices"): \(plan.solver), \(what)",
            model: plan.model, platform: plan.platform, objective: plan.objective, solver: plan.solver, status: plan.status,
            solveSeconds: plan.solveSeconds, makespan: plan.makespanSeconds, period: plan.periodSeconds,
            throughput: plan.throughputPerSecond, lowerBound: plan.lowerBoundSeconds, boundSource: plan.lowerBoundSource,
            gap: plan.gap.flatMap { $0.isFinite ? $0 : nil }, notes: plan.notes ?? [],
            devices: Self.deviceUse(problem: problem, passes: passes, objective: plan.objective),
            palette: palette.entries.map { PaletteEntry(op: $0.op, colour: $0.colour, count: counts[$0.op] ?? 0) },
            timelines: [Timeline(label: "planned", problem: problem, passes: passes, critical: paths, markers: markers)],
            explanation: explanation, comparison: comparison)
    }

    /// Busy time, utilisation, node count and weights per device; a device's utilisation
    /// sums its load over each pass's makespan (latency) or each replica's period.
    static func deviceUse(problem: SchedulingProblem, passes: [Schedule], objective: Plan.Objective) -> [DeviceUse] {
        let k = problem.deviceCount
        var busy = [Double](repeating: 0, count: k), share = [Double](repeating: 0, count: k)
        var nodes = [Int](repeating: 0, count: k), weights = [Int64](repeating: 0, count: k)
        for pass in passes {
            let load = PipelineLoad(problem: problem, placement: pass.device)
            let span = objective == .latency ? pass.makespan : load.period
            for d in 0..<k {
                busy[d] += load.deviceLoad[d]
                share[d] += span > 0 ? load.deviceLoad[d] / span : 0
            }
            for v in pass.device.indices {
                nodes[pass.device[v]] += 1
                weights[pass.device[v]] += problem.nodes[v].paramBytes
            }
        }
        return (0..<k).map { d in
            DeviceUse(name: problem.devices[d].name, kind: problem.devices[d].kind.rawValue, busySeconds: busy[d],
                      utilisation: share[d], nodes: nodes[d], weightBytes: weights[d],
                      memoryBytes: problem.devices[d].memoryBytes)
        }
    }
}
