import Foundation

/// The module-based splitting heuristic (Ghannane & Abdelfattah, "DiviML: A Module-based
/// Heuristic for Mapping Neural Networks onto Heterogeneous Platforms", 2023; docs/design.md §4).
///
/// The graph is cut into modules (`ModulePartition`); modules are solved one after the
/// other in topological order, each as a plain `SchedulingProblem` carrying the context
/// earlier modules left (`ModuleProblem`), by `moduleSolver` under `moduleTimeLimit`,
/// with the best of HEFT and greedy (`fallback`) as its hint and its safety net.
///
/// **Stitching at split points (a dynamic program over boundary devices).** After a
/// module that ends at a true split point s, every later node descends from s and every
/// earlier node has finished before s starts, so the rest of the schedule depends on the
/// past only through (device of s, finish of s) and the weights already resident. For
/// each device k that s may use, the DP keeps the partial schedule with s on k that
/// finishes s earliest, over every kept state of the previous boundary: a later
/// schedule from a state with a later finish is feasible, shifted, from the earlier one,
/// so with exact module solves and no memory limits a chain of modules is stitched
/// optimally. Between boundaries each kept state is carried forward on its own.
///
/// The solves of one step (kept states × boundary devices) are independent and run
/// concurrently, one task per core (`SolveOptions.workers`). Each module solve is a
/// one-worker exact solve under the work budget of `moduleTimeLimit` (`WorkBudget`), so
/// neither the thread timing nor the worker count changes the plan; a module solve cut
/// short by the wall clock instead is counted in the notes (`mayVary`).
///
/// The final placement and per-device order are re-simulated by `Simulator.run`, so the
/// reported times are the simulator's, never the module solvers'.
/// - Complexity: O(|K|²) module solves per module (one per kept state when the module
///   does not end at a split point), plus O(|V| + |E|) for the partition and simulation.
public struct SplittingSolver: LatencySolver {
    public let name: String
    public var moduleSolver: any LatencySolver
    public var fallback: any LatencySolver
    public var minModule: Int
    public var maxModule: Int
    public var cutMethod: ModulePartition.CutMethod
    /// Seconds per module solve (the exact engine's time limit).
    public var moduleTimeLimit: Double
    /// Also run `fallback` on the whole graph and return its schedule if it is better.
    public var guardWithFallback: Bool

    public init(name: String = "split", moduleSolver: any LatencySolver = SplittingSolver.defaultModuleSolver,
                fallback: any LatencySolver = SplittingSolver.heuristic,
                minModule: Int = ModulePartition.defaultMinSize, maxModule: Int = ModulePartition.defaultMaxSize,
                cutMethod: ModulePartition.CutMethod = ModulePartition.defaultCutMethod,
                moduleTimeLimit: Double = 1, guardWithFallback: Bool = false) {
        self.cutMethod = cutMethod
        self.name = name
        self.moduleSolver = moduleSolver
        self.fallback = fallback
        self.minModule = minModule
        self.maxModule = maxModule
        self.moduleTimeLimit = moduleTimeLimit
        self.guardWithFallback = guardWithFallback
    }

    /// CP-SAT when its library loads (docs/design.md §4: the exact engine by default), else `heuristic`.
    public static var defaultModuleSolver: any LatencySolver {
        ExactAvailability.cpsatUsable ? CPSATSolver() : heuristic
    }

    /// The best of HEFT, greedy and the whole module on one device: the module solver when
    /// no exact engine is available, and the hint for the exact engine.
    public static let heuristic: any LatencySolver = BestFeasibleSolver(
        name: "heft+greedy+one-device", members: [HEFTSolver(), GreedySolver(), WholeOnOneDeviceSolver()])

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        let partition = ModulePartition(problem, minSize: minModule, maxSize: maxModule, cutMethod: cutMethod)
        var log = ModuleLog()
        var states = [PartialSchedule(problem)]
        for module in partition.modules {
            let pins: [(node: Int, device: Int)?] = module.splitPoint.map { s in
                let devices = problem.allowedDevices(s)
                return devices.count > 1 ? devices.map { (s, $0) } : [nil]
            } ?? [nil]
            let jobs = states.indices.flatMap { i in pins.map { (state: i, pin: $0) } }
            let current = states
            let outcomes = concurrentMap(jobs, workers: options.workers) { job in
                solveModule(problem, module.nodes, current[job.state], pin: job.pin, options: options)
            }
            log.record(outcomes.compactMap { $0 })
            states = Self.keep(outcomes.compactMap { $0?.state }, splitPoint: module.splitPoint, pinned: pins.count > 1)
            guard !states.isEmpty else {
                throw HeuristicDeadEnd(solver: name, node: problem.nodes[module.nodes[0]].name)
            }
        }
        let best = states.min { $0.makespan < $1.makespan }!
        var schedule = try Self.simulate(problem, best)
        var notes = log.notes(partition: partition, moduleSolver: moduleSolver.name)
        if moduleSolver.name == Self.heuristic.name, let why = ExactAvailability.cpsatProblem {
            notes.append("CP-SAT unavailable (\(why)): modules solved by the best heuristic; see `diviml doctor`")
        }
        var modules = partition.modules.map(\.nodes)
        if guardWithFallback, let other = try? fallback.solve(problem, options: options).schedule, other.makespan < schedule.makespan {
            notes.append("\(fallback.name) on the whole graph was better (\(formatSeconds(other.makespan)) vs \(formatSeconds(schedule.makespan))); using it")
            schedule = other
            modules = []
        }
        return SolverResult(solver: name, schedule: schedule, status: .heuristic, lowerBound: nil,
                            solveSeconds: clock.secondsElapsed, notes: notes, modules: modules, mayVary: log.mayVary > 0)
    }

    /// One module solve from one kept state: the module solver hinted by the fallback's
    /// schedule, the better of the two kept. Nil when the context is a dead end.
    func solveModule(_ global: SchedulingProblem, _ module: [Int], _ state: PartialSchedule,
                     pin: (node: Int, device: Int)?, options: SolveOptions) -> ModuleOutcome? {
        guard let sub = ModuleProblem.make(global, module: module, state: state, pin: pin) else { return nil }
        var moduleOptions = options.limited(to: moduleTimeLimit)
        moduleOptions.workers = 1
        moduleOptions.progress = false
        let base = try? fallback.solve(sub.problem, options: moduleOptions).schedule
        var outcome = ModuleOutcome(state: state, usedFallback: false, failure: nil, status: .heuristic, mayVary: false)
        var chosen = base
        if moduleSolver.name != fallback.name {
            moduleOptions.hint = base
            do {
                let result = try moduleSolver.solve(sub.problem, options: moduleOptions)
                outcome.status = result.status
                outcome.mayVary = result.mayVary
                if let s = result.schedule, chosen == nil || sub.moduleMakespan(s) <= sub.moduleMakespan(chosen!) { chosen = s }
                else { outcome.usedFallback = true }
            } catch {
                outcome.usedFallback = true
                outcome.failure = "\(error)"
            }
        }
        guard let schedule = chosen else { return nil }
        outcome.state = sub.apply(schedule, to: state, global: global)
        return outcome
    }

    /// The states to carry on: after a pinned boundary, for each device of the split
    /// point the one that finishes it earliest (ties: smaller makespan); otherwise all.
    static func keep(_ states: [PartialSchedule], splitPoint: Int?, pinned: Bool) -> [PartialSchedule] {
        guard let s = splitPoint else { return states }
        var best: [Int: PartialSchedule] = [:]
        for state in states {
            let k = state.device[s]
            if let old = best[k], (old.finish[s], old.makespan) <= (state.finish[s], state.makespan) { continue }
            best[k] = state
        }
        return best.keys.sorted().map { best[$0]! }
    }

    /// The global schedule: the placement, each device's nodes in start order (ties in
    /// topological order), re-simulated.
    static func simulate(_ problem: SchedulingProblem, _ state: PartialSchedule) throws -> Schedule {
        let position = DAG.positions(of: problem.topologicalOrder)
        var order = [[Int]](repeating: [], count: problem.deviceCount)
        for v in problem.topologicalOrder { order[state.device[v]].append(v) }
        order = order.map { $0.sorted { (state.start[$0], position[$0]) < (state.start[$1], position[$1]) } }
        return try Simulator.run(problem, placement: state.device, order: order)
    }
}

/// One module solve's result and how it went.
struct ModuleOutcome: Sendable {
    var state: PartialSchedule
    var usedFallback: Bool
    var failure: String?
    var status: SolveStatus
    /// The module solver said another run may differ (the wall clock stopped it).
    var mayVary: Bool
}

/// Counts of module solves, for the notes.
struct ModuleLog {
    var solves = 0
    var fallbacks = 0
    var optimal = 0
    var mayVary = 0
    var failures: [String] = []

    mutating func record(_ outcomes: [ModuleOutcome]) {
        solves += outcomes.count
        fallbacks += outcomes.filter(\.usedFallback).count
        optimal += outcomes.filter { $0.status == .optimal }.count
        mayVary += outcomes.filter(\.mayVary).count
        if let f = outcomes.compactMap(\.failure).first, failures.count < 1 { failures.append(f) }
    }

    func notes(partition: ModulePartition, moduleSolver: String) -> [String] {
        let sizes = partition.modules.map(\.nodes.count)
        var notes = ["\(sizes.count) modules of \(sizes.min() ?? 0)-\(sizes.max() ?? 0) nodes "
            + "(min \(partition.minSize), max \(partition.maxSize)), \(partition.modules.filter { $0.splitPoint != nil }.count) DP boundaries, "
            + "\(solves) module solves by \(moduleSolver)" + (optimal > 0 ? ", \(optimal) proven optimal" : "")]
        if fallbacks > 0 {
            notes.append("\(fallbacks) of \(solves) module solves fell back to the heuristic"
                + (failures.first.map { ": \($0)" } ?? " (it was better)"))
        }
        if mayVary > 0 {
            notes.append("\(mayVary) of \(solves) module solves were stopped by the wall clock before their work budget: the plan may vary between runs")
        }
        return notes
    }
}
