import Foundation

/// The fluid period bound with every link load (issue 4), an LP solved by HiGHS:
///
///     min T  s.t.  Σ_k x[v][k] = 1,  x >= 0,  x[v][k] = 0 where v is not allowed on k;
///                  for every edge e = (u, v) a transport flow z[e][a][b] >= 0 with
///                  Σ_b z[e][a][b] = x[u][a]  and  Σ_a z[e][a][b] = x[v][b];
///                  Σ_v cost[v][k]·x[v][k] <= T                 (each device k);
///                  Σ_e transfer(e, a, b)·z[e][a][b] <= T       (each directed link a ≠ b).
///
/// **One pipeline.** A placement σ with period P is feasible with x = [σ(v) = k] and
/// z[e][a][b] = [σ(u) = a]·[σ(v) = b]: its loads are exactly `PipelineLoad`'s, so T* <= P.
///
/// **Replicas on disjoint device groups** (effective period 1/Σ_r ρ_r, ρ_r = 1/P_r): mix
/// the replicas' indicator points with weights w_r = ρ_r/R, R = Σ_r ρ_r. The marginal
/// equations are linear, so the mix is feasible, and every load is Σ_r w_r·L_r. A device
/// with positive cost serves one replica only; a link (a, b), a ≠ b, is used by replica
/// r only if an endpoint lies in r's group (the only devices outside its group a replica
/// touches are the devices of zero-cost pinned nodes, the host for host I/O, see
/// `restricted(to:)`, so both ends outside would mean two pseudo-nodes pinned to
/// different devices), so it too serves one replica. Hence each load is w_r·L_r <= w_r·P_r = 1/R, and T* <= 1/R. Memory is
/// left out: with replicas each group holds its own weights, so a memory row would need
/// the placement's replica structure (and leaving it out only relaxes the LP).
///
/// The value reported is HiGHS's optimal objective shrunk by 1e-9 relative, which covers
/// its feasibility tolerance on rows scaled to ~1000 units.
/// - Complexity: |V|·|K| + |E|·|K|² columns, |V| + 2|E|·|K| + |K| + |K|² rows; skipped
///   (nil) above `maxTransportColumns`.
enum LinkedFluidBound {
    /// Largest |E|·|K|² for which the LP is built.
    static let maxTransportColumns = 2_000_000

    /// Seconds HiGHS may spend on the LP.
    static let timeLimit = 30.0

    /// The LP's optimum in seconds, or nil when HiGHS does not load, the LP is too big, or
    /// HiGHS does not reach optimality.
    static func period(_ problem: SchedulingProblem, memory: Bool = false) -> Double? {
        let k = problem.deviceCount
        guard problem.edges.count * k * k <= maxTransportColumns,
              let library = try? HighsLibrary(environment: ProcessInfo.processInfo.environment) else { return nil }
        let model = Model(problem, memory: memory)
        let run = HighsRun(library: library, options: SolveOptions(timeLimit: timeLimit), relativeGap: 1e-9,
                           exports: [], unit: model.unit, label: "fluid period LP")
        guard let outcome = try? run.solve(model.lp, start: nil), outcome.modelStatus == HighsCode.optimal,
              let values = outcome.values else { return nil }
        return max(0, values[model.period] * model.unit * (1 - 1e-9))
    }

    /// The LP in HiGHS form; time unit: the load horizon / 1000.
    struct Model {
        let unit: Double
        var lp = LinearModel()
        private(set) var period = 0

        init(_ p: SchedulingProblem, memory: Bool) {
            let horizon = ExactModelFacts.loadHorizon(p)
            unit = horizon > 0 ? horizon / 1000 : 1
            period = lp.column(0, .infinity, cost: 1, name: "period")
            let x: [[Int?]] = p.nodes.indices.map { v in
                p.devices.indices.map { k in p.nodes[v].cost[k] == nil ? nil : lp.column(0, 1, name: "x_\(v)_\(k)") }
            }
            for v in p.nodes.indices { lp.row(x[v].compactMap { $0 }.map { ($0, 1.0) }, 1, 1) }
            for k in p.devices.indices {
                let terms = p.nodes.indices.compactMap { v in x[v][k].map { ($0, p.cost(v, on: k) / unit) } }
                lp.row(terms + [(period, -1)], -.infinity, 0)
            }
            if memory { addMemory(p, x: x) }
            addTransport(p, x: x)
        }

        /// `Σ_v paramBytes[v]/memory[k]·x[v][k] <= 1` for each device whose memory could bind.
        private mutating func addMemory(_ p: SchedulingProblem, x: [[Int?]]) {
            let total = p.nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
            for k in p.devices.indices where total > p.devices[k].memoryBytes {
                let cap = Double(max(p.devices[k].memoryBytes, 1))
                let terms = p.nodes.indices.compactMap { v in x[v][k].map { ($0, Double(p.nodes[v].paramBytes) / cap) } }
                lp.row(terms, -.infinity, Double(p.devices[k].memoryBytes) / cap)
            }
        }

        /// The flows z[e][a][b], their marginal rows and the link-load rows.
        private mutating func addTransport(_ p: SchedulingProblem, x: [[Int?]]) {
            let k = p.deviceCount
            var links = [[(Int, Double)]](repeating: [], count: k * k)
            for (e, edge) in p.edges.enumerated() {
                var out = [[(Int, Double)]](repeating: [], count: k), into = out
                for a in 0..<k where x[edge.from][a] != nil {
                    for b in 0..<k where x[edge.to][b] != nil {
                        let z = lp.column(0, 1, name: "z_\(e)_\(a)_\(b)")
                        out[a].append((z, 1))
                        into[b].append((z, 1))
                        let t = p.transferTime(edge: e, from: a, to: b) / unit
                        if a != b, t > 0 { links[a * k + b].append((z, t)) }
                    }
                }
                for a in 0..<k { if let xa = x[edge.from][a] { lp.row(out[a] + [(xa, -1)], 0, 0) } }
                for b in 0..<k { if let xb = x[edge.to][b] { lp.row(into[b] + [(xb, -1)], 0, 0) } }
            }
            for terms in links where !terms.isEmpty { lp.row(terms + [(period, -1)], -.infinity, 0) }
        }
    }

    /// Whether the replicas meet the proof's hypothesis: every device and every directed
    /// link carries positive load for at most one of them.
    /// - Complexity: O(R·(|V|·|K| + |E| + |K|²)).
    static func replicasShareNoResource(_ problem: SchedulingProblem, replicas: [[Int]]) -> Bool {
        let k = problem.deviceCount
        var users = [Int](repeating: 0, count: k + k * k)
        for placement in replicas {
            let load = PipelineLoad(problem: problem, placement: placement)
            for d in 0..<k where load.deviceLoad[d] > 0 { users[d] += 1 }
            for a in 0..<k { for b in 0..<k where load.linkLoad[a][b] > 0 { users[k + a * k + b] += 1 } }
        }
        return users.allSatisfy { $0 <= 1 }
    }
}
