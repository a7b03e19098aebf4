import Foundation

/// A seeded random placement (each node, or each group, to a uniformly chosen device
/// among those allowed with memory left), scheduled by list scheduling with upward-rank
/// priority. The floor any real heuristic should beat; same seed, same schedule.
/// - Complexity: O((|V| + |E|)·|K| + |V| log |V|).
public struct RandomSolver: LatencySolver {
    public let name = "random"
    public init() {}

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        var rng = SeededGenerator(seed: options.seed)
        let placement = try RandomSolver.placement(problem, rng: &rng, solver: name)
        let schedule = try Simulator.run(problem, placement: placement)
        return SolverResult(solver: name, schedule: schedule, status: .heuristic, solveSeconds: clock.secondsElapsed,
                            notes: ["seed \(options.seed)"])
    }

    /// A random placement that respects allowed devices, groups and memory.
    static func placement(_ problem: SchedulingProblem, rng: inout SeededGenerator, solver: String) throws -> [Int] {
        var state = PlacementState(problem)
        for v in problem.topologicalOrder {
            let options = state.candidates(v)
            guard !options.isEmpty else { throw HeuristicDeadEnd(solver: solver, node: problem.nodes[v].name) }
            state.assign(v, to: options[Int(rng.next() % UInt64(options.count))], start: 0)
        }
        return state.schedule.device
    }
}
