import Foundation

extension MILPSolver {
    /// Minimises the makespan with the paper's MILP (docs/formulations.md, "MILP latency"),
    /// under `serviceLevel.maxPeriod` as a constraint when set; `ExactDriver` states what
    /// the result guarantees.
    /// - Throws: `SolverLibraryError` when libhighs cannot be loaded; `MILPExportError`
    ///   when `writeMPS`/`writeLP` cannot be written.
    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let driver = ExactDriver(engine: "HiGHS", solver: name, problem: problem, options: options)
        let library = try HighsLibrary(environment: environment)
        let maxPeriod = serviceLevel?.maxPeriod
        return try driver.latency(maxPeriod: maxPeriod) { request in
            // The warm start caps the model's horizon, so the driver passes it only when it meets the floor.
            let model = MILPLatencyModel(problem, warmStart: request.warmStart, maxPeriod: maxPeriod)
            let outcome = try runner(library, options, unit: model.unit, label: "milp").solve(model.lp, start: model.start)
            var run = try Self.exactRun(outcome, options, infeasible: request.infeasible, unit: model.unit,
                                        chainRows: 2 * problem.nodes.count + 2) { try model.schedule(from: $0) }
            run.notes = ["MILP: \(model.lp.columnCount) columns, \(model.lp.rowCount) rows, \(model.orderingPairs) ordering binaries"]
            return run
        }
    }
}

/// The paper's latency MILP, in time units of `unit` seconds (the serial horizon / 1000,
/// so coefficients stay near 1 for HiGHS's tolerances).
struct MILPLatencyModel {
    let problem: SchedulingProblem
    let unit: Double
    var lp = LinearModel()
    let placement: MILPPlacement
    private(set) var s: [Int] = []
    private(set) var makespan = 0
    var orderingPairs = 0
    private(set) var start: [Double]?
    /// Start-time box: earliest and latest start of each node, in units.
    private var est: [Double] = []
    private var lst: [Double] = []

    func earliestStart(_ v: Int) -> Double { est[v] }
    func latestStart(_ v: Int) -> Double { max(est[v], lst[v]) }

    /// The period column when the model minimises the period under a latency ceiling.
    private(set) var period: Int?

    /// - Parameters:
    ///   - maxPeriod: a throughput floor as a constraint (makespan objective).
    ///   - maxLatency: a latency ceiling: the makespan is capped at it (tightened by 1e-6
    ///     relative against HiGHS's tolerances) and the objective becomes the period.
    init(_ p: SchedulingProblem, warmStart: Schedule?, maxPeriod: Double? = nil, maxLatency: Double? = nil) {
        problem = p
        let serial = ExactModelFacts.serialHorizon(p)
        unit = serial > 0 ? serial / 1000 : 1
        placement = MILPPlacement(p, &lp)
        // Under the makespan objective any optimal schedule ends by the warm start's makespan,
        // so it may cap the box; under a ceiling the ceiling caps it instead.
        let cap = maxLatency.map { min($0 * (1 - 1e-6), serial) } ?? (warmStart.map { min($0.makespan, serial) } ?? serial)
        let horizon = cap / unit * (1 + (maxLatency == nil ? 1e-9 : 0)) + (maxLatency == nil ? 1e-9 : 0)
        computeBox(horizon)
        s = p.nodes.indices.map { lp.column(est[$0], max(est[$0], lst[$0]), name: "s_\($0)") }
        makespan = lp.column(0, horizon, cost: maxLatency == nil ? 1 : 0, name: "makespan")
        addFinishAndReady()
        let z = addPrecedences()
        if let maxPeriod { limitPeriod(maxPeriod, z) }
        if maxLatency != nil { period = minimizePeriod(z) }
        let order = addOrdering()
        if let w = warmStart {
            start = warmValues(w, z, order)
            if let t = period { start?[t] = PipelineLoad(problem: p, placement: w.device).period / unit }
        }
    }

    private func c(_ v: Int, _ k: Int) -> Double { problem.cost(v, on: k) / unit }

    /// est: longest path of cheapest costs and releases; lst: horizon less the longest
    /// cheapest path from the node to a sink. Every schedule of makespan <= horizon
    /// starts each node inside [est, lst].
    private mutating func computeBox(_ horizon: Double) {
        let p = problem
        est = p.release.map { $0 / unit }
        for v in p.topologicalOrder { for w in p.successors(v) { est[w] = max(est[w], est[v] + p.cheapestCost(v) / unit) } }
        var tail = [Double](repeating: 0, count: p.nodes.count)
        for v in p.topologicalOrder.reversed() {
            tail[v] = p.cheapestCost(v) / unit + (p.successors(v).map { tail[$0] }.max() ?? 0)
        }
        lst = tail.map { horizon - $0 }
    }

    /// makespan >= finish of every sink; start >= device-ready time of the device used.
    private mutating func addFinishAndReady() {
        let p = problem
        for v in p.nodes.indices {
            let x = placement.x[v]
            if p.outgoing[v].isEmpty {
                lp.row([(makespan, 1), (s[v], -1)] + p.devices.indices.compactMap { k in x[k].map { ($0, -c(v, k)) } }, 0, .infinity)
            }
            for k in p.devices.indices where p.deviceReady[k] > 0 && (p.nodes[v].cost[k] ?? 0) > 0 {
                lp.row([(s[v], 1), (x[k]!, -p.deviceReady[k] / unit)], 0, .infinity)
            }
        }
    }

    /// s[v] >= s[u] + Σ_k c[u][k]·x[u][k] + Σ_{a≠b} t_e(a,b)·z[e][a][b], with the
    /// communication indicator z[e][a][b] >= x[u][a] + x[v][b] − 1 (continuous in [0, 1]).
    /// - Returns: the z columns with their (edge, a, b), for the MIP start.
    private mutating func addPrecedences() -> [(column: Int, edge: Int, a: Int, b: Int)] {
        let p = problem
        var zs: [(column: Int, edge: Int, a: Int, b: Int)] = []
        for (e, edge) in p.edges.enumerated() {
            let (u, v) = (edge.from, edge.to)
            var terms: [(Int, Double)] = [(s[v], 1), (s[u], -1)]
            terms += p.devices.indices.compactMap { k in placement.x[u][k].map { ($0, -c(u, k)) } }
            for a in p.devices.indices { for b in p.devices.indices where a != b {
                guard let xa = placement.x[u][a], let xb = placement.x[v][b] else { continue }
                let t = p.transferTime(edge: e, from: a, to: b) / unit
                guard t > 0 else { continue }
                let z = lp.column(0, 1, name: "z_\(e)_\(a)_\(b)")
                lp.row([(z, 1), (xa, -1), (xb, -1)], -1, .infinity)
                terms.append((z, -t))
                zs.append((z, e, a, b))
            } }
            lp.row(terms, 0, .infinity)
        }
        return zs
    }
}
