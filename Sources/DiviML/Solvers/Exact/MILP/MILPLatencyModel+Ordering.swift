extension MILPLatencyModel {
    /// For every pair u < v that no path orders and every device k where both take time:
    ///   s[v] >= s[u] + c[u][k] − M1·(1 − o) − M1·(2 − x[u][k] − x[v][k])
    ///   s[u] >= s[v] + c[v][k] − M2·o       − M2·(2 − x[u][k] − x[v][k])
    /// with o = 1 meaning u runs first. M1 = lst[u] + c[u][k] − est[v] is the largest value
    /// of s[u] + c[u][k] − s[v] over the start-time box, hence the smallest M that leaves a
    /// deactivated row redundant (M2 symmetrically); a row whose M is <= 0 always holds
    /// and is left out. Pairs ordered by a path need neither o nor rows.
    /// - Returns: the ordering columns with their pairs, for the MIP start.
    mutating func addOrdering() -> [(column: Int, u: Int, v: Int)] {
        let p = problem
        let reach = Reachability(successors: p.successorLists, order: p.topologicalOrder)
        var columns: [(column: Int, u: Int, v: Int)] = []
        for u in p.nodes.indices { for v in (u + 1)..<max(u + 1, p.nodes.count) where reach.independent(u, v) {
            let shared = p.devices.indices.filter { k in (p.nodes[u].cost[k] ?? 0) > 0 && (p.nodes[v].cost[k] ?? 0) > 0 }
            guard !shared.isEmpty else { continue }
            let o = lp.binary("o_\(u)_\(v)")
            columns.append((o, u, v))
            for k in shared { addDisjunction(u, v, k, o) }
        } }
        orderingPairs = columns.count
        return columns
    }

    private mutating func addDisjunction(_ u: Int, _ v: Int, _ k: Int, _ o: Int) {
        let (xu, xv) = (placement.x[u][k]!, placement.x[v][k]!)
        let (cu, cv) = (problem.cost(u, on: k) / unit, problem.cost(v, on: k) / unit)
        let m1 = latestStart(u) + cu - earliestStart(v)
        if m1 > 0 { lp.row([(s[v], 1), (s[u], -1), (o, -m1), (xu, -m1), (xv, -m1)], cu - 3 * m1, .infinity) }
        let m2 = latestStart(v) + cv - earliestStart(u)
        if m2 > 0 { lp.row([(s[u], 1), (s[v], -1), (o, m2), (xu, -m2), (xv, -m2)], cv - 2 * m2, .infinity) }
    }

    /// Column values of a warm-start schedule: placement (relabelled to satisfy symmetry
    /// breaking), starts, communication indicators, orders, makespan.
    func warmValues(_ w: Schedule, _ z: [(column: Int, edge: Int, a: Int, b: Int)], _ order: [(column: Int, u: Int, v: Int)]) -> [Double] {
        let p = problem
        var values = [Double](repeating: 0, count: lp.columnCount)
        let devices = ExactModelFacts.canonical(p, placement: w.device)
        placement.start(devices, into: &values)
        for v in p.nodes.indices { values[s[v]] = min(max(w.start[v] / unit, earliestStart(v)), latestStart(v)) }
        for item in z { values[item.column] = devices[p.edges[item.edge].from] == item.a && devices[p.edges[item.edge].to] == item.b ? 1 : 0 }
        for item in order { values[item.column] = w.start[item.u] <= w.start[item.v] ? 1 : 0 }
        values[makespan] = w.makespan / unit * (1 + 1e-9)
        return values
    }

    /// The solver's placement and per-device order, re-simulated in seconds.
    func schedule(from values: [Double]) throws -> Schedule {
        let devices = placement.placement(values)
        let starts = s.map { values[$0] }
        return try Simulator.run(problem, placement: devices, order: ExactModelFacts.order(problem, placement: devices, start: starts))
    }
}
