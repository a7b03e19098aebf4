/// How a solve ended. Outcomes stay distinct: a heuristic answer is not called optimal,
/// a timeout is not called infeasible, a missing library is not a failure to solve.
public enum SolveStatus: Sendable, Hashable, CustomStringConvertible {
    /// Proven optimal.
    case optimal
    /// Feasible, with a proven bound that leaves a gap.
    case feasible
    /// Stopped by the time limit; the best schedule so far is kept.
    case timeout
    /// No schedule exists; the text names the constraint.
    case infeasible(String)
    /// A heuristic answer with no optimality claim.
    case heuristic
    /// The solver ended without a conclusion.
    case unknown(String)

    public var description: String {
        switch self {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .timeout: "timeout"
        case let .infeasible(why): "infeasible: \(why)"
        case .heuristic: "heuristic"
        case let .unknown(why): "unknown: \(why)"
        }
    }

    /// The short word used in plan files.
    public var word: String {
        switch self {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .timeout: "timeout"
        case .infeasible: "infeasible"
        case .heuristic: "heuristic"
        case .unknown: "unknown"
        }
    }
}

/// What a latency solver returns: the schedule (re-simulated), its status, the best
/// lower bound it knows, and how long it took.
public struct SolverResult: Sendable {
    public var solver: String
    public var schedule: Schedule?
    public var status: SolveStatus
    /// A proven lower bound on the optimal makespan, when the solver has one.
    public var lowerBound: Double?
    public var solveSeconds: Double
    /// Remarks for the user (fallbacks taken, limits hit).
    public var notes: [String]
    /// The modules the schedule was built from, in solve order (splitting only; empty otherwise).
    public var modules: [[Int]]
    /// Whether another run on the same input may return a different schedule: an engine
    /// was stopped by the wall clock (not by its deterministic work budget), or ran a
    /// parallel search under `SolveOptions.wallClock`. The notes then say so.
    public var mayVary: Bool
    /// The deterministic work an exact engine used (`WorkBudget` units), when it reports it.
    public var workUnits: Double?

    public init(solver: String, schedule: Schedule?, status: SolveStatus, lowerBound: Double? = nil,
                solveSeconds: Double, notes: [String] = [], modules: [[Int]] = [], mayVary: Bool = false) {
        self.modules = modules
        self.solver = solver
        self.schedule = schedule
        self.status = status
        self.lowerBound = lowerBound
        self.solveSeconds = solveSeconds
        self.notes = notes
        self.mayVary = mayVary
    }
}

/// Options every solver understands; each ignores what does not apply to it.
///
/// **Same input, same plan.** By default (`wallClock == false`) the exact engines stop on
/// a deterministic work budget (`workBudget`: CP-SAT's `max_deterministic_time` with a
/// deterministic parallel search, HiGHS's branch-and-bound node limit, single-threaded),
/// so two runs on the same problem with the same options return the same schedule, on a
/// loaded machine as on an idle one. `timeLimit` stays a hard wall-clock cap: when it,
/// not the budget, stops an engine, the result says the plan may vary (`mayVary`, and a
/// note). docs/exact-solvers.md, "Determinism", gives the conversion and its measurement.
public struct SolveOptions: Sendable {
    /// Wall-clock limit, seconds: a hard cap on every engine, whatever the work budget.
    public var timeLimit: Double
    /// Seed for every random choice.
    public var seed: UInt64
    /// Worker threads for solvers that parallelise.
    public var workers: Int
    /// Print progress to stderr.
    public var progress: Bool
    /// A known schedule to start from (solution hint, MIP start).
    public var hint: Schedule?
    /// Stop the exact engines on the wall clock only (`--wall-clock`): no work budget, and
    /// CP-SAT's parallel search runs unsynchronised (it finds more per second on an idle
    /// machine), so plans may differ between runs; results say so.
    public var wallClock: Bool
    /// The deterministic work budget in work units (`WorkBudget`); nil: derived from
    /// `timeLimit` (`WorkBudget.units(forSeconds:)`). Ignored under `wallClock`.
    public var workLimit: Double?

    public init(timeLimit: Double = 60, seed: UInt64 = 1, workers: Int = 2, progress: Bool = false, hint: Schedule? = nil,
                wallClock: Bool = false, workLimit: Double? = nil) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.workers = workers
        self.progress = progress
        self.hint = hint
        self.wallClock = wallClock
        self.workLimit = workLimit
    }

    /// The work budget the exact engines stop on, nil under `wallClock`.
    public var workBudget: Double? {
        wallClock ? nil : max(WorkBudget.minimumUnits, workLimit ?? WorkBudget.units(forSeconds: timeLimit))
    }

    /// The options of a sub-solve with a nominal limit of `seconds` (a module solve, a
    /// pipeline's exact solve): the work budget derived from `seconds` (an explicit
    /// `workLimit`, sized for the whole solve, is capped at it), and a wall-clock cap of
    /// `WorkBudget.subSolveCapFactor` times that, within `timeLimit`, so that the budget,
    /// not a busy machine, decides. Under `wallClock` the cap is `seconds` itself.
    public func limited(to seconds: Double) -> SolveOptions {
        var o = self
        guard !wallClock else { o.timeLimit = min(timeLimit, seconds); return o }
        o.workLimit = min(workLimit ?? .infinity, WorkBudget.units(forSeconds: seconds))
        o.timeLimit = min(timeLimit, seconds * WorkBudget.subSolveCapFactor)
        return o
    }
}

/// A latency solver: from a validated problem to a schedule that passes the validator.
public protocol LatencySolver: Sendable {
    /// Name used on the command line and in plan files.
    var name: String { get }
    func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult
}
