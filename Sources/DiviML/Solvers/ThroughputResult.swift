/// What a throughput solver returns: a placement for one pipeline, its loads (recomputed
/// by `PipelineLoad`), its status, and the best lower bound on the period it knows.
public struct ThroughputResult: Sendable {
    public var solver: String
    /// Device of each node; nil when no placement was found.
    public var placement: [Int]?
    public var status: SolveStatus
    /// A proven lower bound on the optimal period, when the solver has one.
    public var lowerBound: Double?
    public var solveSeconds: Double
    public var notes: [String]
    /// One sample's pass through the pipeline, when the solver fixed it (a latency ceiling
    /// is a promise about this schedule); otherwise the plan list-schedules the placement.
    public var passSchedule: Schedule?
    /// Whether another run on the same input may return a different placement (as
    /// `SolverResult.mayVary`).
    public var mayVary = false

    public init(solver: String, placement: [Int]?, status: SolveStatus, lowerBound: Double? = nil,
                solveSeconds: Double, notes: [String] = []) {
        self.solver = solver
        self.placement = placement
        self.status = status
        self.lowerBound = lowerBound
        self.solveSeconds = solveSeconds
        self.notes = notes
    }
}

/// A throughput solver: minimises the pipeline period (the largest device or link load).
public protocol ThroughputSolver: Sendable {
    var name: String { get }
    func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult
}
