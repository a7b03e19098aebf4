import Foundation

/// The solvers the command line offers, by name.
///
/// `auto` picks for the user: the best schedule among the heuristics that are cheap
/// enough to always run (HEFT, greedy and the fastest single device for latency; greedy load balancing for
/// throughput), so the default never loses to the best baseline.
public enum SolverCatalog {
    /// Latency solver names, in the order `compare` runs them.
    public static let latencyNames = ["single", "random", "greedy", "heft", "split"]
    /// Throughput solver names, in the order `compare` runs them.
    public static let throughputNames = ["single", "random", "heft", "greedy"]

    /// The latency solver called `name` (or `auto`).
    public static func latency(_ name: String) throws -> any LatencySolver {
        switch name {
        case "auto": return AutoLatencySolver()
        case "split": return SplittingSolver()
        case "exact", "cpsat": return CPSATSolver()
        case "milp": return MILPSolver()
        case "heft": return HEFTSolver()
        case "greedy": return GreedySolver()
        case "random": return RandomSolver()
        case "single": return FastestSingleDeviceSolver()
        default: throw InputError.unknownName(kind: "latency solver", name: name, known: ["auto"] + latencyNames + ["cpsat", "milp"])
        }
    }

    /// The throughput solver called `name` (or `auto`).
    public static func throughput(_ name: String) throws -> any ThroughputSolver {
        switch name {
        case "auto", "greedy": return GreedyThroughputSolver()
        case "heft": return HEFTThroughputSolver()
        case "random": return RandomThroughputSolver()
        case "exact", "cpsat": return CPSATSolver()
        case "milp": return MILPSolver()
        case "single": return SingleDeviceThroughputSolver()
        default: throw InputError.unknownName(kind: "throughput solver", name: name, known: ["auto", "split"] + throughputNames + ["exact", "cpsat", "milp"])
        }
    }
}

/// Runs several solvers and keeps the schedule with the smallest makespan (ties: the
/// first listed); its solve time is the sum.
public struct BestOfSolver: LatencySolver {
    public let name: String
    public let members: [any LatencySolver]

    public init(name: String, members: [any LatencySolver]) {
        self.name = name
        self.members = members
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let results = try members.map { try $0.solve(problem, options: options) }
        let feasible = results.filter { $0.schedule != nil }
        guard var best = feasible.min(by: { $0.schedule!.makespan < $1.schedule!.makespan }) ?? results.first else {
            return SolverResult(solver: name, schedule: nil, status: .unknown("no solver ran"), solveSeconds: 0)
        }
        best.notes.insert("best of \(members.map(\.name).joined(separator: ", ")): \(best.solver)", at: 0)
        best.solver = name
        best.solveSeconds = results.reduce(0) { $0 + $1.solveSeconds }
        best.lowerBound = results.compactMap(\.lowerBound).max()
        return best
    }
}
