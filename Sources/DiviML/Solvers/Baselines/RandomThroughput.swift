import Foundation

/// A seeded random pipeline placement (the floor for throughput comparisons).
public struct RandomThroughputSolver: ThroughputSolver {
    public let name = "random"
    public init() {}

    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        let clock = ContinuousClock.now
        var rng = SeededGenerator(seed: options.seed)
        let placement = try RandomSolver.placement(problem, rng: &rng, solver: name)
        return ThroughputResult(solver: name, placement: placement, status: .heuristic, solveSeconds: clock.secondsElapsed,
                                notes: ["seed \(options.seed)"])
    }
}
