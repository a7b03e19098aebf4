import Foundation

/// Latency with a serving floor on throughput (`--min-throughput`): the lowest-latency
/// schedule among candidates whose placement, run as a pipeline, sustains at least
/// `minRate` passes per second (throughput = batch · rate).
///
/// Candidates: `base`'s schedule, and the placement of `pipeline` (the best throughput
/// found) scheduled by list scheduling. The floor is checked on the exact period
/// (`PipelineLoad`); if no candidate meets it, `ServiceLevelUnreachable` names the best
/// rate found. This filters the solvers' answers rather than constraining their search.
/// - Complexity: one `base` solve and at most one `pipeline` solve.
public struct ThroughputFloorSolver: LatencySolver {
    public var base: any LatencySolver
    public var pipeline: any ThroughputSolver
    /// Passes per second the placement must sustain.
    public var minRate: Double
    /// Shown in the error: the user's target with its unit.
    public var targetText: String
    public var name: String { base.name }

    public init(base: any LatencySolver, pipeline: any ThroughputSolver = ModelParallelSolver(), minRate: Double, targetText: String) {
        self.base = base
        self.pipeline = pipeline
        self.minRate = minRate
        self.targetText = targetText
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        var result = try base.solve(problem, options: options)
        let rate = { (s: Schedule) in 1 / PipelineLoad(problem: problem, placement: s.device).period }
        if let s = result.schedule, rate(s) >= minRate * (1 - 1e-12) {
            result.notes.append("its pipeline sustains \(String(format: "%.4g", rate(s))) passes/s (floor \(String(format: "%.4g", minRate)))")
            return result
        }
        var bestRate = result.schedule.map(rate) ?? 0
        if let placement = try pipeline.solveThroughput(problem, options: options).placement,
           let schedule = try? Simulator.run(problem, placement: placement) {
            bestRate = max(bestRate, rate(schedule))
            if rate(schedule) >= minRate * (1 - 1e-12) {
                return SolverResult(solver: name, schedule: schedule, status: .heuristic, solveSeconds: clock.secondsElapsed,
                                    notes: result.notes + ["\(base.name)'s schedule missed the throughput floor; using \(pipeline.name)'s pipeline placement"])
            }
        }
        throw ServiceLevelUnreachable(target: targetText, best: "the highest throughput found is \(String(format: "%.4g", bestRate)) passes/s times the batch")
    }
}
