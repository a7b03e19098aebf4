/// The critical path with transfers: for every node v and device k, the earliest v could
/// finish on k if devices were never busy,
///
///     EF[v][k] = max(release_v, r_k if cost > 0, max over edges (u, v) of min_d (EF[u][d] + transfer(e, d, k))) + cost[v][k].
///
/// **Validity.** By induction along a topological order: in any schedule, u runs on some
/// device d and finishes no earlier than EF[u][d], and its tensor reaches v's device k no
/// earlier than that plus the transfer, so v finishes no earlier than EF[v][k] on k, hence
/// no earlier than min_k EF[v][k]. It only drops the one-at-a-time device rule, so it is
/// never below bound (a) (take d = k in every min) and it counts the transfers a pinned
/// node forces (a host input feeding a GPU, a GPU output returning to the host).
/// - Complexity: O(|V|·|K| + |E|·|K|²).
enum TransferCriticalPath {
    /// The largest min_k EF[v][k] over `reported` nodes (all when nil), computed over
    /// `members` (all when nil; edges from outside ignored). Without `useReleases` the
    /// window starts at 0 with every device free.
    static func value(_ problem: SchedulingProblem, members: [Int]? = nil, reported: [Int]? = nil, useReleases: Bool = true) -> Double {
        let ef = earliestFinish(problem, members: members, useReleases: useReleases)
        let nodes = reported ?? members ?? Array(problem.nodes.indices)
        return nodes.map { ef[$0].min() ?? 0 }.max() ?? 0
    }

    /// EF[v][k] for every member v (∞ where v may not run on k; empty rows for non-members).
    /// `costs` replaces the problem's cost rows (nil: may not run there), so that a caller
    /// can close devices to nodes (`WindowedFluidBound`'s shaving).
    static func earliestFinish(_ problem: SchedulingProblem, members: [Int]? = nil, useReleases: Bool = true,
                               costs: [[Double?]]? = nil) -> [[Double]] {
        let k = problem.deviceCount
        let costs = costs ?? problem.nodes.map(\.cost)
        var inside = [Bool](repeating: members == nil, count: problem.nodes.count)
        for v in members ?? [] { inside[v] = true }
        var ef = [[Double]](repeating: [], count: problem.nodes.count)
        for v in problem.topologicalOrder where inside[v] {
            var ready = [Double](repeating: useReleases ? problem.release[v] : 0, count: k)
            for e in problem.incoming[v] where inside[problem.edges[e].from] {
                let u = problem.edges[e].from
                for b in 0..<k where costs[v][b] != nil {
                    var arrival = Double.infinity
                    for a in 0..<k where ef[u][a].isFinite { arrival = min(arrival, ef[u][a] + problem.transferTime(edge: e, from: a, to: b)) }
                    ready[b] = max(ready[b], arrival)
                }
            }
            ef[v] = (0..<k).map { b in
                guard let c = costs[v][b] else { return .infinity }
                return max(ready[b], useReleases && c > 0 ? problem.deviceReady[b] : 0) + c
            }
        }
        return ef
    }

    /// Q[v][k] for every node: once v finishes on k, at least Q[v][k] passes before the last
    /// node finishes,
    ///
    ///     Q[v][k] = max over edges (v, w) of min_m (transfer(e, k, m) + cost[w][m] + Q[w][m]),
    ///
    /// 0 for a node without successors and ∞ where v may not run on k (`costs` as in
    /// `earliestFinish`). **Validity.** By induction against a topological order: w runs on
    /// some m, starts after v's tensor arrives there and leaves at least Q[w][m] after its
    /// own finish. Release and ready times are not used (they only delay starts).
    /// - Complexity: O(|V|·|K| + |E|·|K|²).
    static func tails(_ problem: SchedulingProblem, costs: [[Double?]]? = nil) -> [[Double]] {
        let k = problem.deviceCount
        let costs = costs ?? problem.nodes.map(\.cost)
        var q = [[Double]](repeating: [], count: problem.nodes.count)
        for v in problem.topologicalOrder.reversed() {
            var row = (0..<k).map { costs[v][$0] != nil ? 0.0 : .infinity }
            for e in problem.outgoing[v] {
                let w = problem.edges[e].to
                for a in 0..<k where row[a].isFinite {
                    var least = Double.infinity
                    for m in 0..<k {
                        guard let c = costs[w][m] else { continue }
                        least = min(least, problem.transferTime(edge: e, from: a, to: m) + c + q[w][m])
                    }
                    row[a] = max(row[a], least)
                }
            }
            q[v] = row
        }
        return q
    }
}
