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
}
