import Foundation

/// The default latency solver (`--solver auto`): the exact engine on small graphs when its
/// library loads, splitting otherwise, and never worse than the cheap baselines.
///
/// - At most `exactMaxNodes` nodes and CP-SAT usable: CP-SAT, hinted by the best of HEFT,
///   greedy and the fastest single device, under the caller's time limit. The threshold is
///   where CP-SAT still proves optimality within seconds on 2 cores (docs/benchmarks.md,
///   "Exact engines": every 40-node instance in 1.5-16 s; its first section for the zoo).
/// - Otherwise: the best of splitting (CP-SAT modules when usable), HEFT, greedy and the
///   fastest single device.
/// - Complexity: one exact solve, or one splitting run plus the list schedulers.
public struct AutoLatencySolver: LatencySolver {
    public let name = "auto"
    public var splitting: SplittingSolver
    /// The engine for small graphs (its gap setting applies).
    public var exact: CPSATSolver
    public var exactMaxNodes: Int

    /// Graphs up to this many nodes go to CP-SAT whole.
    public static let defaultExactMaxNodes = 40

    public init(splitting: SplittingSolver = SplittingSolver(), exact: CPSATSolver = CPSATSolver(),
                exactMaxNodes: Int = defaultExactMaxNodes) {
        self.splitting = splitting
        self.exact = exact
        self.exactMaxNodes = exactMaxNodes
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let baselines: [any LatencySolver] = [HEFTSolver(), GreedySolver(), FastestSingleDeviceSolver()]
        guard ExactAvailability.cpsatUsable, problem.nodes.count <= exactMaxNodes else {
            var result = try BestOfSolver(name: name, members: [splitting] + baselines).solve(problem, options: options)
            result.notes.append("\(problem.nodes.count) nodes: splitting (the exact engine takes graphs of at most \(exactMaxNodes) nodes"
                + (ExactAvailability.cpsatUsable ? ")" : ", and is unavailable)"))
            return result
        }
        let clock = ContinuousClock.now
        let warm = try BestOfSolver(name: name, members: baselines).solve(problem, options: options)
        var exactOptions = options
        exactOptions.hint = warm.schedule
        var result = try exact.solve(problem, options: exactOptions)
        if let w = warm.schedule, result.schedule.map({ $0.makespan > w.makespan }) ?? true {
            result.schedule = w
            result.status = .heuristic
        }
        result.solver = name
        result.solveSeconds = clock.secondsElapsed
        result.notes.insert("\(problem.nodes.count) nodes <= \(exactMaxNodes): the exact engine (CP-SAT) on the whole graph", at: 0)
        return result
    }
}
