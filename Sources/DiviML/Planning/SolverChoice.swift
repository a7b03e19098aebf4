/// The solvers a user can ask for, by the name the command line and plan files use.
///
/// `auto` is the default and picks for the user (`AutoLatencySolver` for latency; data
/// parallelism over model-parallel pipelines for throughput, as `split` does). `exact` and
/// `cpsat` are one engine (CP-SAT); `milp` is the paper's MILP on HiGHS.
public enum SolverChoice: String, CaseIterable, Sendable, Codable {
    case auto, single, random, greedy, heft, split, exact, cpsat, milp

    /// The rows of `compare --objective latency`, in order.
    public static let latencyComparison: [SolverChoice] = [.single, .random, .greedy, .heft, .split, .exact, .milp]
    /// The rows of `compare --objective throughput`, in order (`split` adds data parallelism).
    public static let throughputComparison: [SolverChoice] = [.single, .random, .heft, .greedy, .exact, .milp, .split]

    /// Whether this choice needs the OR-Tools libraries (CP-SAT, HiGHS).
    public var needsExactEngine: Bool { self == .exact || self == .cpsat || self == .milp }

    /// Whether this choice is CP-SAT.
    var isCPSAT: Bool { self == .exact || self == .cpsat }

    /// Whether throughput plans of this choice may replicate the model (data parallelism).
    var replicates: Bool { self == .auto || self == .split }

    /// Whether Ctrl-C can stop this choice early with its best plan so far (it runs the
    /// exact engine, whole or per module).
    public var isInterruptible: Bool { needsExactEngine || self == .auto || self == .split }

    /// Whether the choice can run here: the exact engines only when both solver libraries load.
    public var isAvailable: Bool { !needsExactEngine || Self.exactEnginesLoad }

    /// Whether both solver libraries load, probed once per process (as `ExactAvailability`
    /// does): `compare` and the benchmarks ask for every row and cell.
    private static let exactEnginesLoad = SolverLibraries.status().allSatisfy(\.usable)

    /// The choice called `name`.
    /// - Throws: `InputError.unknownName` listing the known names (with a "did you mean").
    public init(named name: String) throws {
        guard let choice = SolverChoice(rawValue: name) else {
            throw InputError.unknownName(kind: "solver", name: name, known: Self.allCases.map(\.rawValue))
        }
        self = choice
    }
}
