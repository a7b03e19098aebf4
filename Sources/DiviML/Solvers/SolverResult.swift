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

    public init(solver: String, schedule: Schedule?, status: SolveStatus, lowerBound: Double? = nil,
                solveSeconds: Double, notes: [String] = [], modules: [[Int]] = []) {
        self.modules = modules
        self.solver = solver
        self.schedule = schedule
        self.status = status
        self.lowerBound = lowerBound
        self.solveSeconds = solveSeconds
        self.notes = notes
    }
}

/// Options every solver understands; each ignores what does not apply to it.
public struct SolveOptions: Sendable {
    /// Wall-clock limit, seconds.
    public var timeLimit: Double
    /// Seed for every random choice.
    public var seed: UInt64
    /// Worker threads for solvers that parallelise.
    public var workers: Int
    /// Print progress to stderr.
    public var progress: Bool
    /// A known schedule to start from (solution hint, MIP start).
    public var hint: Schedule?

    public init(timeLimit: Double = 60, seed: UInt64 = 1, workers: Int = 2, progress: Bool = false, hint: Schedule? = nil) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.workers = workers
        self.progress = progress
        self.hint = hint
    }
}

/// A latency solver: from a validated problem to a schedule that passes the validator.
public protocol LatencySolver: Sendable {
    /// Name used on the command line and in plan files.
    var name: String { get }
    func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult
}
