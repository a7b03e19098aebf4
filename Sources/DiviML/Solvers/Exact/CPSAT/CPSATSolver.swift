import Foundation

/// The exact engine built on CP-SAT (OR-Tools), the one docs/design.md §4 recommends: `--solver
/// exact` (alias `cpsat`).
///
/// Latency: per node a start, per allowed device a presence literal and an optional
/// interval, no-overlap per device, transfer-time precedences per device pair, memory,
/// colocation, symmetry breaking between interchangeable devices, the best heuristic as
/// the solution hint; objective makespan (docs/formulations.md, "CP-SAT latency").
/// Throughput: minimise the largest device or directed-link load ("CP-SAT throughput").
///
/// Guarantees: every schedule returned was re-simulated in floating point from the
/// solver's placement and per-device order, and passes the validator; the reported bound
/// is proven, converted from ticks so that rounding cannot make it exceed the true optimum
/// (`TickScale`), and never exceeds the reported makespan or period.
///
/// - Complexity: the model has O(|V|·|K|) literals and intervals and O(|E|·|K|²)
///   precedences; solving is NP-hard, bounded by `SolveOptions.timeLimit`.
public struct CPSATSolver: LatencySolver, ThroughputSolver {
    public let name = "exact"
    /// Names the CLI accepts for this engine.
    public static let names = ["exact", "cpsat"]

    /// Stop once (incumbent − bound) / incumbent is at most this (0: prove optimality).
    public var relativeGap: Double
    /// Where to look for the library (the process environment unless a test says otherwise).
    public var environment: [String: String]
    /// A serving target enforced as a constraint (`ServiceLevel`); nil: none.
    public var serviceLevel: ServiceLevel?

    public init(relativeGap: Double = 0, serviceLevel: ServiceLevel? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.relativeGap = relativeGap
        self.serviceLevel = serviceLevel
        self.environment = environment
    }

    /// Parameters shared by both objectives.
    ///
    /// Deterministic by default: `max_deterministic_time` is the work budget and, with
    /// several workers, `interleave_search` makes CP-SAT run its subsolvers in batches
    /// synchronised in a fixed order (`DeterministicLoop`) instead of free-running threads,
    /// so the search is a function of the model, the parameters and the worker count only.
    /// One worker is a sequential search either way; a budget smaller than the worker count
    /// runs on one worker. `max_time_in_seconds` remains as the hard cap. Under `wallClock` only the time limit is set (the unsynchronised search).
    func parameters(_ options: SolveOptions) -> OperationsResearch_Sat_SatParameters {
        var p = OperationsResearch_Sat_SatParameters()
        p.maxTimeInSeconds = max(0.01, options.timeLimit)
        p.numWorkers = Int32(max(1, min(options.workers, 64)))
        if let work = options.workBudget {
            p.maxDeterministicTime = work
            // An interleaved batch gives every subsolver a full-problem chunk of about one
            // work unit before the limit is checked (OR-Tools issue 5199), so a budget below
            // one batch would be overrun several times (squeezenet1.1: 4.7 units spent of 1.1,
            // 60 s). Such a budget buys one sequential search instead.
            if Double(p.numWorkers) > work { p.numWorkers = 1 }
            if p.numWorkers > 1 { p.interleaveSearch = true }
        }
        p.randomSeed = Int32(truncatingIfNeeded: options.seed & 0x7FFF_FFFF)
        p.relativeGapLimit = relativeGap
        p.absoluteGapLimit = 0
        p.catchSigintSignal = false  // Ctrl-C goes through SolveInterruption instead
        // The search log is only wanted for progress; it goes to stdout, which StdoutCapture
        // diverts into the progress parser, so nothing reaches the user's stdout.
        p.logSearchProgress = options.progress
        p.logToStdout = options.progress
        return p
    }

    /// Runs a model; with progress on, stdout is captured and CP-SAT's log lines feed the
    /// progress line on stderr. Without progress CP-SAT writes nothing, so stdout is left alone.
    func run(
        _ library: CPSATLibrary, _ model: OperationsResearch_Sat_CpModelProto, _ options: SolveOptions,
        scale: TickScale, label: String, warmStart: Double? = nil
    ) throws -> OperationsResearch_Sat_CpSolverResponse {
        // CP-SAT's search lines carry no solve identity (log_prefix does not reach them), so
        // concurrent solves with progress on share one merged progress view.
        let progress = SolveProgress(label: label, enabled: options.progress)
        defer { progress.finish() }
        if let warmStart { progress.update(incumbent: warmStart) }
        let listener: @Sendable (String) -> Void = { line in
            guard line.hasPrefix("#"), let (best, bound) = Self.parseLogLine(line) else { return }
            progress.update(incumbent: best.map(scale.approximateSeconds), bound: bound.map { scale.seconds(bound: $0) })
        }
        guard options.progress else { return try library.solve(model, parameters(options)) }
        return try StdoutCapture.shared.capturing(listener: listener) {
            try library.solve(model, parameters(options))
        }
    }

    /// Reads `best:X` and the lower end of `next:[L,U]` from a CP-SAT search log line
    /// (`#3  0.12s best:812 next:[700,811] ...`, `#Bound 0.2s best:812 next:[720,811]`).
    static func parseLogLine(_ line: String) -> (Double?, Double?)? {
        guard line.contains(" best:") else { return nil }
        var best: Double?
        var bound: Double?
        for token in line.split(separator: " ") {
            if token.hasPrefix("best:") { best = Double(token.dropFirst(5)).flatMap { $0.isFinite ? $0 : nil } }
            if token.hasPrefix("next:["), let lo = token.dropFirst(6).split(separator: ",").first {
                bound = Double(lo).flatMap { $0.isFinite ? $0 : nil }
            }
        }
        return (best, bound)
    }

    /// Maps CP-SAT's status to DiviML's: a solve stopped by a limit (work budget or wall
    /// clock) with a solution is `timeout`, one stopped by Ctrl-C `feasible`.
    static func status(_ r: OperationsResearch_Sat_CpSolverResponse, infeasible: String) -> SolveStatus {
        switch r.status {
        case .optimal: return .optimal
        case .feasible: return SolveInterruption.wasInterrupted ? .feasible : .timeout
        case .infeasible: return .infeasible(infeasible)
        case .modelInvalid: return .unknown("CP-SAT rejected the model: \(r.solutionInfo)")
        default: return SolveInterruption.wasInterrupted ? .unknown("interrupted before a schedule was found") : .timeout
        }
    }

    /// What decided where a solve stopped, for the notes, and whether another run may give
    /// a different answer: the wall clock stopped it before its work budget ran out, or
    /// (under `wallClock`) a parallel search ran unsynchronised.
    static func stopping(_ r: OperationsResearch_Sat_CpSolverResponse, _ options: SolveOptions) -> (note: String?, mayVary: Bool) {
        let proven = r.status == .optimal || r.status == .infeasible
        let work = String(format: "%.3g", r.deterministicTime)
        guard let budget = options.workBudget else {
            let parallel = options.workers > 1
            if proven && !parallel { return (nil, false) }
            return ("wall-clock limits (\(formatSeconds(options.timeLimit))"
                + (parallel ? ", \(options.workers) unsynchronised workers" : "") + "): the plan may vary between runs", true)
        }
        if proven || SolveInterruption.wasInterrupted { return (nil, false) }
        // CP-SAT stops once its deterministic time reaches the budget; short of it, the wall clock stopped it.
        guard r.deterministicTime < budget * (1 - 1e-6) else {
            return ("CP-SAT stopped at its work budget (\(String(format: "%.3g", budget)) units)", false)
        }
        return (WorkBudget.wallClockNote(engine: "CP-SAT", seconds: options.timeLimit,
                                         used: "after \(work) of its \(String(format: "%.3g", budget)) work units"), true)
    }

    /// The engine-neutral view of a CP-SAT response for `ExactDriver`: the mapped status,
    /// the solution decoded by `decode` (when CP-SAT holds one), the proven bound converted
    /// from ticks (only when CP-SAT reports one: optimal or feasible), and what stopped it.
    static func exactRun<Answer>(
        _ r: OperationsResearch_Sat_CpSolverResponse, _ options: SolveOptions, infeasible: String, scale: TickScale,
        decode: ([Int64]) throws -> Answer
    ) rethrows -> ExactRun<Answer> {
        try ExactRun(status: status(r, infeasible: infeasible), answer: r.solution.isEmpty ? nil : decode(r.solution),
                     bound: r.status == .optimal || r.status == .feasible ? scale.seconds(bound: r.bestObjectiveBound) : nil,
                     stop: stopping(r, options))
    }
}
