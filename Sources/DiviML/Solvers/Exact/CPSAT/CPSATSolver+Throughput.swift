import Foundation

extension CPSATSolver {
    /// Minimises the pipeline period: the largest device load or directed link load
    /// (docs/design.md §2 throughput semantics; docs/formulations.md, "CP-SAT throughput").
    /// - Throws: `SolverLibraryError` when libortools cannot be loaded.
    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        if let maxLatency = serviceLevel?.maxLatency { return try solveThroughput(problem, maxLatency: maxLatency, options: options).result }
        let driver = ExactDriver(engine: "CP-SAT", solver: name, problem: problem, options: options)
        let library = try CPSATLibrary(environment: environment)
        return try driver.throughput { request in
            let model = CPSATThroughputModel(problem, warmStart: request.warmStart)
            let response = try run(library, model.builder.finished(name: problem.name), options, scale: model.scale,
                                   label: "exact throughput", warmStart: request.warmValue)
            return Self.exactRun(response, options, infeasible: request.infeasible, scale: model.scale) { model.placement.placement($0) }
        }
    }
}

/// min T s.t. Σ_v cost[v][k]·x[v][k] <= T for every device k, Σ_e t_e(a,b)·y[e][a][b] <= T
/// for every directed link (a, b), y[e][a][b] >= x[u][a] ∧ x[v][b], plus the placement
/// constraints (memory, groups, symmetry). Durations in ticks, rounded up.
struct CPSATThroughputModel {
    let scale: TickScale
    var builder = CPModelBuilder()
    let placement: CPSATPlacement

    init(_ p: SchedulingProblem, warmStart: [Int]?) {
        // A load sums at most max(|V|, |E|) rounded terms.
        scale = TickScale(horizonSeconds: ExactModelFacts.loadHorizon(p), roundedTerms: max(p.nodes.count, p.edges.count))
        placement = CPSATPlacement(p, &builder)
        let horizon = Int64(TickScale.targetHorizon) + scale.roundingSlack + 1
        let period = builder.newInt(0, horizon, "period")
        for k in p.devices.indices {
            var terms: [(Int32, Int64)] = [(period, -1)]
            for v in p.nodes.indices { if let x = placement.presence[v][k], let c = p.nodes[v].cost[k], c > 0 { terms.append((x, scale.ticks(c))) } }
            if terms.count > 1 { builder.linear(terms, .min / 4, 0) }
        }
        var linkTerms = [[[(Int32, Int64)]]](repeating: .init(repeating: [], count: p.deviceCount), count: p.deviceCount)
        var hints: [(Int32, Int64)] = []
        for (e, edge) in p.edges.enumerated() {
            for a in p.devices.indices { for b in p.devices.indices where a != b {
                guard let xa = placement.presence[edge.from][a], let xb = placement.presence[edge.to][b] else { continue }
                let t = scale.ticks(p.transferTime(edge: e, from: a, to: b))
                guard t > 0 else { continue }
                let y = builder.newBool()
                builder.boolOr([CPModelBuilder.not(xa), CPModelBuilder.not(xb), y])
                linkTerms[a][b].append((y, t))
                if let w = warmStart { hints.append((y, w[edge.from] == a && w[edge.to] == b ? 1 : 0)) }
            } }
        }
        for a in p.devices.indices { for b in p.devices.indices where !linkTerms[a][b].isEmpty {
            builder.linear(linkTerms[a][b] + [(period, -1)], .min / 4, 0)
        } }
        builder.minimize(period)
        if let w = warmStart { addHint(p, w, hints, period) }
    }

    private mutating func addHint(_ p: SchedulingProblem, _ w: [Int], _ links: [(Int32, Int64)], _ period: Int32) {
        let canonical = ExactModelFacts.canonical(p, placement: w)
        guard canonical == w else { placement.hint(canonical, &builder); return }
        placement.hint(w, &builder)
        for (y, value) in links { builder.hint(y, value) }
    }
}
