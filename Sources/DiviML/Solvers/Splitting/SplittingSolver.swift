import Foundation

/// The module-based splitting heuristic (Ghannane & Abdelfattah, "DiviML: A Module-based
/// Heuristic for Mapping Neural Networks onto Heterogeneous Platforms", 2023; docs/design.md
/// §4), as an anytime improvement of the best list schedule
/// (docs/splitting-and-bounds.md, "Splitting").
///
/// 1. **Incumbent.** The best of the list schedulers (`listSchedulers`: HEFT, PEFT, greedy, the
///    fastest single device, memory-aware contiguous fill, contiguous stretches cut by
///    dynamic programming, the peer latency greedy of Tarnawski et al.) on the whole graph: a complete
///    schedule from the start, so the result is never worse than any of them.
/// 2. **Modules** (`ModulePartition`), solved in topological order on top of the partial
///    schedule earlier modules left, seen as each device's busy intervals, so a module
///    fills the idle time before a boundary. Each module solve (`ModuleSearch`) is a local
///    search from the incumbent's placement with a look-ahead to the rest of the graph;
///    with an exact `moduleSolver`, its solve of the module (after the earlier modules'
///    last finish on each device, `ModuleProblem`) competes, within the work budget.
/// 3. **Stitching at split points**: a dynamic program over the device of each split point
///    s (after s, the rest depends on the past only through s's device and finish, and the
///    weights resident): for up to `beam` devices of s, the state finishing s earliest is
///    kept; between boundaries each kept state goes on by itself. With exact module solves
///    and no memory limits a chain of modules is stitched optimally.
/// 4. **Sweeps**: the best complete schedule becomes the reference of the next sweep, its
///    placement's critical paths the look-ahead, until a sweep gains nothing or `sweeps` ran.
/// 5. **Across module boundaries**: the chunks between split points solved again by the exact
///    engine, their chains merged first, for as many pairs of their ends' devices as the
///    budget affords (`SegmentResolve`: `resolveShare` of the work budget and
///    `extraResolveShare` of what it has beyond the default), then single moves of
///    critical-path nodes (`CriticalPathMoves`).
/// 6. **Re-ordering** (`resequenced`): the final placement's per-device order chosen again by
///    the upward rank at that placement, kept when it finishes sooner.
///
/// **Budget.** `SolveOptions.timeLimit` bounds the whole run, and Ctrl-C ends it: then the
/// modules left keep the reference placement (list-scheduled, no search), so the run ends
/// with a complete schedule at once; the result says `timeout` and may vary between runs.
/// Otherwise the run is deterministic: the local search counts moves, not seconds, exact
/// module solves stop on their work budget (`WorkBudget`), the jobs of one step (kept
/// states × devices of the split point) run concurrently on `SolveOptions.workers` threads
/// and the result does not depend on their number.
///
/// The final placement and per-device order are re-simulated by `Simulator.run`.
/// - Complexity: per sweep, O(beam² · Σ_m passes · m² · c) placements for modules of m
///   nodes and c candidate devices (independent of the device count beyond c), plus the
///   exact module solves, plus the list schedulers.
public struct SplittingSolver: LatencySolver {
    public let name: String
    /// Solves a module exactly (CP-SAT), competing with the local search; nil: search only.
    public var moduleSolver: (any LatencySolver)?
    public var minModule: Int
    public var maxModule: Int
    public var cutMethod: ModulePartition.CutMethod
    /// Seconds per exact module solve (its work budget, `WorkBudget`).
    public var moduleTimeLimit: Double
    /// Local-search passes per module solve.
    public var passes: Int
    /// Devices of a split point tried, and states kept, by the dynamic program.
    public var beam: Int
    /// Forward sweeps over the modules at most.
    public var sweeps: Int
    /// The fraction of the run's work budget (`SolveOptions.workBudget`) exact module solves may use.
    public var exactShare: Double
    /// The fraction of the run's work budget the chunks between split points may use when
    /// they are solved again (`SegmentResolve`).
    public var resolveShare: Double
    /// The fraction of the budget beyond the default (`WorkBudget.defaultSeconds`) that the
    /// chunks' solves get as well: by default all that neither share takes, so a larger
    /// `--time-limit` buys better chunks while the default run stays quick; `auto` sets it
    /// to 0 when the whole-graph exact engine takes that part.
    public var extraResolveShare: Double

    public init(name: String = "split", moduleSolver: (any LatencySolver)? = SplittingSolver.defaultModuleSolver,
                minModule: Int = ModulePartition.defaultMinSize, maxModule: Int = ModulePartition.defaultMaxSize,
                cutMethod: ModulePartition.CutMethod = ModulePartition.defaultCutMethod,
                moduleTimeLimit: Double = defaultModuleTimeLimit, passes: Int = 3, beam: Int = 3, sweeps: Int = 3,
                exactShare: Double = defaultExactShare, resolveShare: Double = defaultResolveShare,
                extraResolveShare: Double = 1 - defaultExactShare - defaultResolveShare) {
        self.exactShare = exactShare
        self.resolveShare = resolveShare
        self.extraResolveShare = extraResolveShare
        self.name = name
        self.moduleSolver = moduleSolver
        self.minModule = minModule
        self.maxModule = maxModule
        self.cutMethod = cutMethod
        self.moduleTimeLimit = moduleTimeLimit
        self.passes = passes
        self.beam = beam
        self.sweeps = sweeps
    }

    /// Seconds of work budget per exact module solve, and the share of the run's budget
    /// they may use together: chosen by `diviml bench scale` (docs/benchmarks.md) so that the
    /// default run stays within seconds at 460 and 10,000 nodes.
    public static let defaultModuleTimeLimit = 0.1
    public static let defaultExactShare = 0.1
    public static let defaultResolveShare = 0.1

    /// CP-SAT when its library loads (docs/design.md §4: the exact engine for modules), else none.
    public static var defaultModuleSolver: (any LatencySolver)? {
        ExactAvailability.cpsatUsable ? CPSATSolver() : nil
    }

    /// The list schedulers whose best schedule is the incumbent.
    public static let listSchedulers: [any LatencySolver] = [HEFTSolver(), PEFTSolver(), GreedySolver(), FastestSingleDeviceSolver(),
                                                            MemoryFillSolver(), ContiguousSplitSolver(), PeerLatencyGreedy()]

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        let stop = SplitStop(seconds: options.timeLimit)
        let first = try BestFeasibleSolver(name: "list schedulers", members: Self.listSchedulers).solve(problem, options: options)
        guard var best = first.schedule else { return first }
        let progress = SolveProgress(label: name, enabled: options.progress)
        defer { progress.finish() }
        progress.update(incumbent: best.makespan)
        let partition = ModulePartition(problem, minSize: minModule, maxSize: maxModule, cutMethod: cutMethod)
        var log = ModuleLog()
        var notes = ["start: \(first.notes.first ?? first.solver) (\(formatSeconds(best.makespan)))"]
        var units = (options.workBudget ?? .infinity) * exactShare
        var sweepsRun = 0
        for sweep in 1...max(1, sweeps) {
            guard !stop.reached else { break }
            let pass = SplitPass(problem: problem, partition: partition, reference: best.device, solver: self,
                                 options: options, stop: stop, progress: progress, sweep: sweep, units: units)
            guard let outcome = pass.run(&log) else { break }
            units = outcome.unitsLeft
            sweepsRun = sweep
            let schedule = try Self.simulate(problem, outcome.schedule)
            guard schedule.makespan < best.makespan * (1 - 1e-9) else { break }
            best = schedule
            progress.update(incumbent: best.makespan)
        }
        var resolveMayVary = false
        if let engine = moduleSolver, !stop.reached,
           let resolved = SegmentResolve(problem: problem, engine: engine)
               .improve(best, seconds: resolveSeconds(options, stop: stop), options: options, stop: stop) {
            notes.append("segments between split points solved again by \(engine.name) (\(resolved.solved) solve\(resolved.solved == 1 ? "" : "s")): \(resolved.shortened) shorter"
                + (resolved.schedule.makespan < best.makespan ? ", \(formatSeconds(best.makespan)) → \(formatSeconds(resolved.schedule.makespan))" : ""))
            best = resolved.schedule
            resolveMayVary = resolved.mayVary
            progress.update(incumbent: best.makespan)
        }
        let moved = CriticalPathMoves(problem).improve(best, stop: stop)
        if moved.moves > 0 {
            notes.append("critical-path moves: \(moved.moves) kept of \(moved.evaluations) tried, \(formatSeconds(best.makespan)) → \(formatSeconds(moved.schedule.makespan))")
            best = moved.schedule
            progress.update(incumbent: best.makespan)
        }
        if let ordered = Self.resequenced(problem, best), ordered.makespan < best.makespan * (1 - 1e-12) {
            notes.append("re-ordered by the upward rank at its placement: \(formatSeconds(best.makespan)) → \(formatSeconds(ordered.makespan))")
            best = ordered
        }
        notes += log.notes(partition: partition, sweeps: sweepsRun, moduleSolver: moduleSolver?.name)
        if stop.reached { notes.append(stop.note) }
        return SolverResult(solver: name, schedule: best, status: stop.reached ? .timeout : .heuristic, lowerBound: nil,
                            solveSeconds: clock.secondsElapsed, notes: notes, modules: partition.modules.map(\.nodes),
                            mayVary: stop.reached || log.mayVary > 0 || resolveMayVary)
    }

    /// The nominal seconds of work the chunks' solves get (`SegmentResolve`): `resolveShare`
    /// of the run's budget and `extraResolveShare` of what it has beyond the default; under
    /// `--wall-clock`, the same shares of the seconds left.
    func resolveSeconds(_ options: SolveOptions, stop: SplitStop) -> Double {
        let seconds = options.workBudget.map { $0 / WorkBudget.unitsPerSecond } ?? stop.secondsLeft
        return seconds * resolveShare + max(0, seconds - WorkBudget.defaultSeconds) * extraResolveShare
    }

    /// `schedule`'s placement with each device's order chosen again by the upward rank at
    /// that placement (exact costs and the transfers it implies, not HEFT's means): list
    /// scheduling with and without insertion, the shorter one. - Complexity: O(|V| log |V| +
    /// |E|) plus one insertion list schedule.
    static func resequenced(_ problem: SchedulingProblem, _ schedule: Schedule) -> Schedule? {
        let rank = Simulator.upwardRank(problem, placement: schedule.device)
        let appended = try? Simulator.run(problem, placement: schedule.device, priority: rank)
        let inserted = (try? MemoryFillSolver.listSchedule(problem, order: HEFTSolver.priorityOrder(problem, rank: rank),
                                                           fixed: schedule.device.map { $0 }, solver: "split"))
            .flatMap { try? simulate(problem, $0) }
        return [appended, inserted].compactMap { $0 }.min { $0.makespan < $1.makespan }
    }

    /// The global schedule: the placement, each device's nodes in start order (ties in
    /// topological order), re-simulated.
    static func simulate(_ problem: SchedulingProblem, _ schedule: Schedule) throws -> Schedule {
        try Simulator.run(problem, placement: schedule.device,
                          order: deviceOrders(problem, schedule, position: DAG.positions(of: problem.topologicalOrder)))
    }

    /// Each device's nodes in start order, ties by `position` in the topological order (so a
    /// zero-cost node never follows a successor that starts at the same time).
    static func deviceOrders(_ problem: SchedulingProblem, _ schedule: Schedule, position: [Int]) -> [[Int]] {
        var order = [[Int]](repeating: [], count: problem.deviceCount)
        for v in problem.topologicalOrder { order[schedule.device[v]].append(v) }
        return order.map { $0.sorted { (schedule.start[$0], position[$0]) < (schedule.start[$1], position[$1]) } }
    }
}

/// When a splitting run must stop: its total time limit, or Ctrl-C.
struct SplitStop: Sendable {
    private let started = ContinuousClock.now
    private let seconds: Double

    init(seconds: Double) { self.seconds = seconds }

    var reached: Bool { SolveInterruption.wasInterrupted || secondsLeft <= 0 }

    var secondsLeft: Double { max(0, seconds - started.secondsElapsed) }

    var note: String {
        (SolveInterruption.wasInterrupted ? "interrupted" : "the time limit (\(formatSeconds(seconds))) ended the search")
            + ": the modules left kept the best schedule's placement; the plan may vary between runs"
    }
}
