import Foundation

/// The paper's exact formulation as a MILP, solved by HiGHS (`--solver milp`).
///
/// Latency (Ghannane & Abdelfattah 2023, §3): placement binaries, continuous starts,
/// communication indicators per edge and device pair, ordering binaries only for pairs of
/// operators that no path orders (`Reachability`), big-M disjunctions per device with the
/// tightest valid M over the start-time box, makespan objective, MIP start from the best
/// heuristic. Throughput: minimise T subject to every device load and directed link load
/// <= T. Both with memory, colocation groups and symmetry breaking; docs/formulations.md
/// writes them out. `writeMPS` / `writeLP` export the model for Gurobi or CPLEX.
///
/// Guarantees: returned schedules are re-simulated in floating point and pass the
/// validator; the reported bound is HiGHS's dual bound less a margin for its feasibility
/// tolerance (1e-6 model units per constraint on a chain), never above the makespan.
///
/// - Complexity: O(|V|·|K| + |E|·|K|²) columns plus one binary per unordered independent
///   pair; O(|P|·|K|) big-M rows for |P| such pairs. Solving is NP-hard, bounded by the
///   time limit.
public struct MILPSolver: LatencySolver, ThroughputSolver {
    public let name = "milp"

    /// Stop once (incumbent − bound) / incumbent is at most this (HiGHS's `mip_rel_gap`;
    /// 0 proves optimality up to HiGHS's tolerances).
    public var relativeGap: Double
    /// Write the model in MPS format to this file before solving.
    public var writeMPS: String?
    /// Write the model in CPLEX LP format to this file before solving.
    public var writeLP: String?
    /// Where to look for the library (the process environment unless a test says otherwise).
    public var environment: [String: String]
    /// A throughput floor (`ServiceLevel.maxPeriod`) enforced as a constraint under the
    /// latency objective; a latency ceiling is not supported by this engine (the throughput
    /// solve answers `.unknown`).
    public var serviceLevel: ServiceLevel?

    public init(relativeGap: Double = 0, writeMPS: String? = nil, writeLP: String? = nil, serviceLevel: ServiceLevel? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.relativeGap = relativeGap
        self.serviceLevel = serviceLevel
        self.writeMPS = writeMPS
        self.writeLP = writeLP
        self.environment = environment
    }

    func runner(_ library: HighsLibrary, _ options: SolveOptions, unit: Double, label: String) -> HighsRun {
        HighsRun(library: library, options: options, relativeGap: relativeGap,
                 exports: [writeMPS, writeLP].compactMap { $0 }, unit: unit, label: label)
    }

    /// DiviML's status for a HiGHS model status.
    static func status(_ outcome: HighsRun.Outcome, infeasible: String) -> SolveStatus {
        switch outcome.modelStatus {
        case HighsCode.optimal: return .optimal
        case HighsCode.infeasible: return .infeasible(infeasible)
        case HighsCode.timeLimit, HighsCode.solutionLimit: return .timeout
        case HighsCode.interrupt: return outcome.values == nil ? .unknown("interrupted before a schedule was found") : .feasible
        default: return .unknown("HiGHS ended with model status \(outcome.modelStatus)")
        }
    }

    /// What stopped HiGHS, for the notes, and whether another run may differ: the wall
    /// clock stopped it (HiGHS runs single-threaded, so a solve that ends on its own or on
    /// the node budget is the same in every run).
    static func stopping(_ outcome: HighsRun.Outcome, _ options: SolveOptions) -> (note: String?, mayVary: Bool) {
        switch outcome.modelStatus {
        case HighsCode.timeLimit:
            guard let budget = options.workBudget else {
                return ("wall-clock limits (\(formatSeconds(options.timeLimit))): the plan may vary between runs", true)
            }
            return (WorkBudget.wallClockNote(engine: "HiGHS", seconds: options.timeLimit,
                                             used: "before its node budget (\(WorkBudget.highsNodes(budget)) nodes)"), true)
        case HighsCode.solutionLimit:
            return ("HiGHS stopped at its work budget (\(options.workBudget.map { String(WorkBudget.highsNodes($0)) } ?? "?") nodes)", false)
        default: return (nil, false)
        }
    }

    /// A valid bound in seconds from HiGHS's dual bound in model units: less 1e-6 units per
    /// row on a longest chain (`rows`), HiGHS's default primal feasibility tolerance being 1e-7.
    static func bound(_ dual: Double, unit: Double, chainRows: Int) -> Double? {
        guard dual.isFinite, dual > -1e29 else { return nil }
        return max(0, (dual - 1e-6 * Double(chainRows)) * unit * (1 - 1e-12))
    }

    /// The engine-neutral view of a HiGHS outcome for `ExactDriver`: the mapped status, the
    /// solution decoded by `decode` (when HiGHS holds one), the proven bound in seconds
    /// (`bound(_:unit:chainRows:)`) and what stopped it.
    static func exactRun<Answer>(
        _ outcome: HighsRun.Outcome, _ options: SolveOptions, infeasible: String, unit: Double, chainRows: Int,
        decode: ([Double]) throws -> Answer
    ) rethrows -> ExactRun<Answer> {
        try ExactRun(status: status(outcome, infeasible: infeasible), answer: outcome.values.map(decode),
                     bound: bound(outcome.dualBound, unit: unit, chainRows: chainRows), stop: stopping(outcome, options))
    }
}

/// Placement binaries with exactly-one, memory, groups and symmetry breaking (shared by
/// the latency and throughput MILPs).
struct MILPPlacement {
    /// Column of x[v][k]; nil where v is not allowed on k.
    var x: [[Int?]]

    init(_ p: SchedulingProblem, _ m: inout LinearModel) {
        x = p.nodes.indices.map { v in p.devices.indices.map { k in p.isAllowed(v, on: k) ? m.binary("x_\(v)_\(k)") : nil } }
        for v in p.nodes.indices { m.row(x[v].compactMap { $0 }.map { ($0, 1.0) }, 1, 1) }
        let total = p.nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
        for k in p.devices.indices where total > p.devices[k].memoryBytes {
            let cap = Double(max(p.devices[k].memoryBytes, 1))
            m.row(p.nodes.indices.compactMap { v in x[v][k].map { ($0, Double(p.nodes[v].paramBytes) / cap) } }, -.infinity,
                  Double(p.devices[k].memoryBytes) / cap)
        }
        for name in p.groups.keys.sorted() {
            let members = p.groups[name]!
            for k in p.devices.indices {
                let cols = members.map { x[$0][k] }
                if cols.contains(where: { $0 == nil }) { for case let c? in cols { m.setUpper(c, 0) } } else {
                    for c in cols.dropFirst() { m.row([(cols[0]!, 1), (c!, -1)], 0, 0) }
                }
            }
        }
        for (k1, k2) in ExactModelFacts.interchangeablePairs(p) {
            var earlier: [Int] = []
            for v in p.nodes.indices {
                if let c = x[v][k2] { m.row([(c, 1.0)] + earlier.map { ($0, -1.0) }, -.infinity, 0) }
                if let c = x[v][k1] { earlier.append(c) }
            }
        }
    }

    /// The device of each node in a solution (the largest x, robust to tolerances).
    func placement(_ values: [Double]) -> [Int] {
        x.map { cols in
            var best = (device: 0, value: -1.0)
            for (k, c) in cols.enumerated() { if let c, values[c] > best.value { best = (k, values[c]) } }
            return best.device
        }
    }

    /// Start values of the placement columns for a MIP start.
    func start(_ placement: [Int], into values: inout [Double]) {
        for v in x.indices { for (k, c) in x[v].enumerated() { if let c { values[c] = placement[v] == k ? 1 : 0 } } }
    }
}
