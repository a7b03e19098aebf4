/// Why a plan is what it is, for `diviml explain` and the HTML report: the critical path
/// and where it spends its time, the heaviest nodes tried on every other device, what the
/// gap to the lower bound is made of, and for throughput plans what limits the period.
/// Every number comes from the simulator, `PipelineLoad` or the bounds, never from the
/// plan file's own arithmetic.
public struct PlanExplanation: Sendable, Equatable, Codable {
    /// A titled group of plain-words lines (`PlanExplanation+Text.swift`).
    public struct Section: Sendable, Equatable, Codable {
        public var title: String
        public var lines: [String]
    }

    public var objective: Plan.Objective
    /// The pass the path, the bottleneck and the moves are about: the latency schedule, or
    /// the pass of the replica with the longest period.
    public var pass: Int
    public var criticalPath: CriticalPath
    public var pathBottleneck: PathBottleneck
    public var moves: [NodeMove]
    public var gap: GapAnalysis
    public var period: PeriodLimit?
    /// The explanation in words.
    public var sections: [Section]

    /// The explanation of `plan`, whose validated single-sample passes are `passes` (one
    /// per replica; one for latency plans) on `problem`.
    /// - Parameter heaviest: how many of the longest nodes to try on every other device.
    /// - Complexity: O(heaviest·|K|·(|V| log |V| + |E|)) plus the bounds.
    public init(plan: Plan, problem: SchedulingProblem, passes: [Schedule], heaviest: Int = 5) {
        precondition(!passes.isEmpty, "a plan has at least one pass")
        objective = plan.objective
        let bound = plan.lowerBoundSeconds.map { GapAnalysis.Bound(name: plan.lowerBoundSource ?? "lower bound", seconds: $0) }
        if plan.objective == .throughput {
            let limit = PeriodLimit(problem: problem, placements: passes.map(\.device))
            period = limit
            pass = limit.limiting
            gap = GapAnalysis(period: plan.periodSeconds ?? limit.replicas[limit.limiting].period, problem: problem,
                              bottleneck: limit.replicas[limit.limiting].bottleneck, bound: bound)
        } else {
            period = nil
            pass = 0
            gap = GapAnalysis(latency: passes[0], problem: problem, bound: bound)
        }
        criticalPath = CriticalPath(problem: problem, schedule: passes[pass])
        pathBottleneck = PathBottleneck(path: criticalPath, problem: problem)
        // With replicas, a node may move only to devices no other replica computes on.
        let chosen = pass
        let others = Set(passes.indices.filter { $0 != chosen }.flatMap { r in
            problem.nodes.indices.filter { problem.cost($0, on: passes[r].device[$0]) > 0 }.map { passes[r].device[$0] }
        })
        moves = MoveAnalysis.heaviest(problem: problem, schedule: passes[pass], count: heaviest,
                                      throughput: plan.objective == .throughput,
                                      targets: problem.devices.indices.filter { !others.contains($0) })
        // The words read every other property, so they come last, once self is complete.
        sections = []
        sections = words(problem: problem, replicas: passes.count)
    }
}
