import Foundation

/// The solvers the command line offers, by name.
///
/// `auto` picks for the user: the best schedule among the heuristics that are cheap
/// enough to always run (HEFT, greedy and the fastest single device for latency; greedy load balancing for
/// throughput), so the default never loses to the best baseline.
public enum SolverCatalog {
    /// Latency solver names, in the order `compare` runs them.
    public static let latencyNames = ["single", "random", "greedy", "heft", "split", "exact", "milp"]
    /// Throughput solver names, in the order `compare` runs them.
    public static let throughputNames = ["single", "random", "heft", "greedy", "exact", "milp"]
    /// Names of solvers that need the OR-Tools libraries (CP-SAT, HiGHS).
    public static let exactNames: Set<String> = ["exact", "cpsat", "milp"]

    /// Settings of the exact engines.
    public struct ExactSettings: Sendable {
        /// Stop when the relative gap between incumbent and bound is at most this.
        public var relativeGap: Double
        /// Write the MILP model as MPS / LP before solving (for Gurobi, CPLEX, …).
        public var writeMPS: String?
        public var writeLP: String?
        public init(relativeGap: Double = 0, writeMPS: String? = nil, writeLP: String? = nil) {
            self.relativeGap = relativeGap
            self.writeMPS = writeMPS
            self.writeLP = writeLP
        }
    }

    /// The exact engine called `name`, or nil when `name` is not one.
    static func exact(_ name: String, _ settings: ExactSettings) -> (any LatencySolver & ThroughputSolver)? {
        switch name {
        case "exact", "cpsat": CPSATSolver(relativeGap: settings.relativeGap)
        case "milp": MILPSolver(relativeGap: settings.relativeGap, writeMPS: settings.writeMPS, writeLP: settings.writeLP)
        default: nil
        }
    }

    /// Whether both solver libraries load, so the exact engines can run.
    public static var exactEnginesAvailable: Bool { SolverLibraries.status().allSatisfy(\.usable) }

    /// The latency solver called `name` (or `auto`).
    public static func latency(_ name: String, exact settings: ExactSettings = ExactSettings()) throws -> any LatencySolver {
        if let engine = exact(name, settings) { return engine }
        switch name {
        case "auto": return AutoLatencySolver()
        case "split": return SplittingSolver()
        case "heft": return HEFTSolver()
        case "greedy": return GreedySolver()
        case "random": return RandomSolver()
        case "single": return FastestSingleDeviceSolver()
        default: throw InputError.unknownName(kind: "latency solver", name: name, known: ["auto"] + latencyNames + ["cpsat"])
        }
    }

    /// The throughput solver called `name` (or `auto`).
    public static func throughput(_ name: String, exact settings: ExactSettings = ExactSettings()) throws -> any ThroughputSolver {
        if let engine = exact(name, settings) { return engine }
        switch name {
        case "auto", "greedy": return GreedyThroughputSolver()
        case "heft": return HEFTThroughputSolver()
        case "random": return RandomThroughputSolver()
        case "single": return SingleDeviceThroughputSolver()
        default: throw InputError.unknownName(kind: "throughput solver", name: name, known: ["auto", "split"] + throughputNames + ["cpsat"])
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
