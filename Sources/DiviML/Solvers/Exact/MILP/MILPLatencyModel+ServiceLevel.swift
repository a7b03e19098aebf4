extension MILPLatencyModel {
    /// Restricts the latency MILP to placements of pipeline period at most `seconds`
    /// (issue 4; docs/formulations.md, "Service levels"): Σ_v c[v][k]·x[v][k] <= P for every
    /// device and Σ_e t_e(a,b)·z[e][a][b] <= P for every directed link, reusing the
    /// communication indicators z >= x[u][a] + x[v][b] − 1. P is tightened by 1e-6 relative
    /// so HiGHS's feasibility tolerance cannot let a load past the limit; the caller re-checks.
    /// - Complexity: |K| + |K|² rows.
    mutating func limitPeriod(_ seconds: Double, _ z: [(column: Int, edge: Int, a: Int, b: Int)]) {
        let p = problem
        let limit = seconds / unit * (1 - 1e-6)
        for k in p.devices.indices {
            let terms = p.nodes.indices.compactMap { v in placement.x[v][k].map { ($0, p.cost(v, on: k) / unit) } }.filter { $0.1 > 0 }
            if !terms.isEmpty { lp.row(terms, -.infinity, limit) }
        }
        var links = [[[(Int, Double)]]](repeating: .init(repeating: [], count: p.deviceCount), count: p.deviceCount)
        for y in z { links[y.a][y.b].append((y.column, p.transferTime(edge: y.edge, from: y.a, to: y.b) / unit)) }
        for a in p.devices.indices { for b in p.devices.indices where !links[a][b].isEmpty { lp.row(links[a][b], -.infinity, limit) } }
    }

    /// Adds the period column T (objective 1) with every device load and directed link load
    /// at most T, reusing the communication indicators (docs/formulations.md, "Service levels").
    /// - Returns: the column of T.
    /// - Complexity: |K| + |K|² rows.
    mutating func minimizePeriod(_ z: [(column: Int, edge: Int, a: Int, b: Int)]) -> Int {
        let p = problem
        let t = lp.column(0, .infinity, cost: 1, name: "period")
        for k in p.devices.indices {
            let terms = p.nodes.indices.compactMap { v in placement.x[v][k].map { ($0, p.cost(v, on: k) / unit) } }.filter { $0.1 > 0 }
            if !terms.isEmpty { lp.row(terms + [(t, -1)], -.infinity, 0) }
        }
        var links = [[[(Int, Double)]]](repeating: .init(repeating: [], count: p.deviceCount), count: p.deviceCount)
        for y in z { links[y.a][y.b].append((y.column, p.transferTime(edge: y.edge, from: y.a, to: y.b) / unit)) }
        for a in p.devices.indices { for b in p.devices.indices where !links[a][b].isEmpty { lp.row(links[a][b] + [(t, -1)], -.infinity, 0) } }
        return t
    }
}
