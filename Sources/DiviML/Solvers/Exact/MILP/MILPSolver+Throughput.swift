import Foundation

extension MILPSolver {
    /// Minimises the pipeline period with the throughput MILP (docs/formulations.md,
    /// "MILP throughput"): min T s.t. every device load and directed link load <= T.
    /// - Throws: `SolverLibraryError`, `MILPExportError`.
    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        if let ceiling = serviceLevel?.maxLatency {
            return try solveThroughput(problem, maxLatency: ceiling, options: options).result
        }
        let driver = ExactDriver(engine: "HiGHS", solver: name, problem: problem, options: options)
        let library = try HighsLibrary(environment: environment)
        return try driver.throughput { request in
            let model = MILPThroughputModel(problem, warmStart: request.warmStart)
            let outcome = try runner(library, options, unit: model.unit, label: "milp throughput").solve(model.lp, start: model.start)
            return Self.exactRun(outcome, options, infeasible: request.infeasible, unit: model.unit, chainRows: 2) {
                model.placement.placement($0)
            }
        }
    }
}

/// min T s.t. Σ_v c[v][k]·x[v][k] <= T (each device k), Σ_e t_e(a,b)·y[e][a][b] <= T (each
/// directed link), y[e][a][b] >= x[u][a] + x[v][b] − 1, plus memory, groups, symmetry.
/// Time unit: the load horizon / 1000.
struct MILPThroughputModel {
    let unit: Double
    var lp = LinearModel()
    let placement: MILPPlacement
    private(set) var start: [Double]?

    init(_ p: SchedulingProblem, warmStart: [Int]?) {
        let horizon = ExactModelFacts.loadHorizon(p)
        unit = horizon > 0 ? horizon / 1000 : 1
        placement = MILPPlacement(p, &lp)
        let period = lp.column(0, .infinity, cost: 1, name: "period")
        for k in p.devices.indices {
            let terms = p.nodes.indices.compactMap { v in placement.x[v][k].map { ($0, p.cost(v, on: k) / unit) } }
            lp.row(terms + [(period, -1)], -.infinity, 0)
        }
        var links = [[[(Int, Double)]]](repeating: .init(repeating: [], count: p.deviceCount), count: p.deviceCount)
        var ys: [(column: Int, edge: Int, a: Int, b: Int)] = []
        for (e, edge) in p.edges.enumerated() {
            for a in p.devices.indices { for b in p.devices.indices where a != b {
                guard let xa = placement.x[edge.from][a], let xb = placement.x[edge.to][b] else { continue }
                let t = p.transferTime(edge: e, from: a, to: b) / unit
                guard t > 0 else { continue }
                let y = lp.column(0, 1, name: "y_\(e)_\(a)_\(b)")
                lp.row([(y, 1), (xa, -1), (xb, -1)], -1, .infinity)
                links[a][b].append((y, t))
                ys.append((y, e, a, b))
            } }
        }
        for a in p.devices.indices { for b in p.devices.indices where !links[a][b].isEmpty {
            lp.row(links[a][b] + [(period, -1)], -.infinity, 0)
        } }
        if let w = warmStart {
            let devices = ExactModelFacts.canonical(p, placement: w)
            var values = [Double](repeating: 0, count: lp.columnCount)
            placement.start(devices, into: &values)
            for y in ys { values[y.column] = devices[p.edges[y.edge].from] == y.a && devices[p.edges[y.edge].to] == y.b ? 1 : 0 }
            values[period] = PipelineLoad(problem: p, placement: devices).period / unit * (1 + 1e-9)
            start = values
        }
    }
}
