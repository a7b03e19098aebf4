import Foundation

/// The default latency solver (`--solver auto`): a portfolio within one budget
/// (docs/splitting-and-bounds.md, "`--solver auto`").
///
/// 1. Splitting, which starts from the best list schedule and keeps it unless it finds
///    better, so `auto` never loses to HEFT, greedy, the fastest single device or the
///    memory-aware fill.
/// 2. When CP-SAT loads and the whole-graph model is small enough to prove
///    (nodes × devices at most `exactMaxSize`), CP-SAT on the whole graph, hinted by
///    splitting's schedule, with the wall-clock time left and the work budget splitting's
///    exact module and segment solves did not take; its schedule is kept only when better, and its
///    proven bound is reported. Otherwise splitting's chunk solves get that part of the budget
///    beyond the default (`SplittingSolver.extraResolveShare`).
///
/// `SolveOptions.timeLimit` bounds both together; Ctrl-C stops either, keeping the best so far.
/// - Complexity: one splitting run, plus one exact solve on small graphs.
public struct AutoLatencySolver: LatencySolver {
    public let name = "auto"
    public var splitting: SplittingSolver
    /// The whole-graph engine (its gap setting applies).
    public var exact: CPSATSolver
    /// Whole-graph models up to this many node-device pairs go to the exact engine as well.
    public var exactMaxSize: Int

    /// Up to this many node-device pairs the whole-graph CP-SAT model is tried: the zoo's
    /// VGG-16 (37 × 3) and ResNet-18 (69 × 3) prove in seconds (docs/benchmarks.md).
    public static let defaultExactMaxSize = 400

    public init(splitting: SplittingSolver = SplittingSolver(), exact: CPSATSolver = CPSATSolver(),
                exactMaxSize: Int = defaultExactMaxSize) {
        self.splitting = splitting
        self.exact = exact
        self.exactMaxSize = exactMaxSize
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        let size = problem.nodes.count * problem.deviceCount
        let skip: String? = if size > exactMaxSize {
            "\(size) node-device pairs: too many for the whole-graph exact engine, at most \(exactMaxSize)"
        } else if !ExactAvailability.cpsatUsable { "the exact engine is unavailable" } else { nil }
        var splitting = splitting
        if skip == nil { splitting.extraResolveShare = 0 }
        var result = try splitting.solve(problem, options: options)
        result.solver = name
        guard skip == nil, let split = result.schedule, !SolveInterruption.wasInterrupted else {
            result.notes.insert("splitting" + (skip.map { " (\($0))" } ?? ""), at: 0)
            return result
        }
        var exactOptions = options
        exactOptions.hint = split
        exactOptions.timeLimit = max(0.01, options.timeLimit - clock.secondsElapsed)
        if let budget = options.workBudget { exactOptions.workLimit = budget * (1 - splitting.exactShare - splitting.resolveShare) }
        let whole = try exact.solve(problem, options: exactOptions)
        var notes = ["splitting, then the exact engine (CP-SAT) on the whole graph (\(size) node-device pairs <= \(exactMaxSize)) from its schedule"]
        if let s = whole.schedule, s.makespan < split.makespan * (1 - 1e-12) || whole.status == .optimal && s.makespan <= split.makespan {
            result.schedule = s
            result.status = whole.status
            result.modules = []
            notes.append("the exact engine's schedule (\(formatSeconds(s.makespan))) is kept; splitting's was \(formatSeconds(split.makespan))")
        } else {
            notes.append("the exact engine found nothing better than splitting's \(formatSeconds(split.makespan))")
        }
        result.lowerBound = [result.lowerBound, whole.lowerBound].compactMap { $0 }.max()
        result.notes = notes + whole.notes + result.notes
        result.mayVary = result.mayVary || whole.mayVary
        result.solveSeconds = clock.secondsElapsed
        return result
    }
}
