/// (a″) The critical path with transfers where memory forces device changes along a path
/// (docs/splitting-and-bounds.md, "Lower bounds" (a″)).
///
/// `TransferCriticalPath` lets every node of a path sit on its best device, so two
/// neighbours whose weights cannot share any device, or a chain whose weights overflow
/// every device, are charged no transfer. Here each (node v, device k) carries a Pareto
/// front of points (e, b): v could finish on k at e with b bytes of weights on k along the
/// *run* of consecutive path nodes on k that ends at v. With p_v = paramBytes(v), M_k = memory(k):
///
/// - an input u arrives on k no earlier than `A_u = min over u's points (e, b) on devices d`
///   of `e + transfer(d, k)`, counting a point on d = k only if `b + p_v <= M_k`;
/// - `start = max(release_v, r_k if cost > 0, max over inputs of A_u)`;
/// - from each input's point on d ≠ k: `(max(start, e + transfer(d, k)) + cost, p_v)` (v
///   starts a run); from each input's point on k with `b + p_v <= M_k`:
///   `(max(start, e) + cost, b + p_v)` (v continues it); a node without inputs: `(start + cost, p_v)`.
///
/// **Validity**, by induction along a topological order: in a schedule, let every node's
/// (finish, weights of its run) dominate some point of its front on its device. For v on k,
/// each input u really arrives after some point's `e + transfer` — if u is on k, u's run
/// continues through v, so that point has `b + p_v <= M_k` (k holds all those weights) —
/// hence v starts after `start`. If some input is on k, the candidate continuing its point
/// is dominated by v's real state; if none is, the fresh-run candidate from any input's
/// point is. Dropping dominated points keeps one that is no worse in both; when a front
/// exceeds `frontLimit` points, neighbours are merged into (earlier e, fewer b), still no
/// worse. Hence min over the fronts bounds each node's finish, and the largest over nodes
/// bounds the makespan. Memory is checked per run only (weights elsewhere on k are ignored),
/// and groups are ignored: relaxations. Equal to (a′) when no memory binds.
/// - Complexity: O(|E|·|K|²·F) with F = `frontLimit`.
enum MemoryPathBound {
    static let frontLimit = 8

    /// The bound, or nil when every device can hold every weight (then it equals (a′)).
    static func value(_ problem: SchedulingProblem) -> Double? {
        let total = problem.nodes.reduce(Int64(0)) { $0 &+ $1.paramBytes }
        guard problem.devices.contains(where: { $0.memoryBytes < total }) else { return nil }
        let k = problem.deviceCount
        var front = [[[Point]]](repeating: [], count: problem.nodes.count)
        var longest = 0.0
        for v in problem.topologicalOrder {
            let bytes = problem.nodes[v].paramBytes
            front[v] = (0..<k).map { b in
                let memory = problem.devices[b].memoryBytes
                guard let c = problem.nodes[v].cost[b], bytes <= memory else { return [] }
                // Every input's earliest arrival on b, from its points that may run on b.
                var start = max(problem.release[v], c > 0 ? problem.deviceReady[b] : 0)
                for e in problem.incoming[v] {
                    let u = problem.edges[e].from
                    var arrival = Double.infinity
                    for a in 0..<k {
                        for p in front[u][a] where a != b || p.bytes <= memory - bytes {
                            arrival = min(arrival, p.finish + problem.transferTime(edge: e, from: a, to: b))
                        }
                    }
                    start = max(start, arrival)
                }
                guard start.isFinite else { return [] }
                guard !problem.incoming[v].isEmpty else { return [Point(finish: start + c, bytes: bytes)] }
                var candidates: [Point] = []
                for e in problem.incoming[v] {
                    let u = problem.edges[e].from
                    for a in 0..<k {
                        for p in front[u][a] {
                            if a != b {
                                // The input on another device: v's run starts at v.
                                candidates.append(Point(finish: max(start, p.finish + problem.transferTime(edge: e, from: a, to: b)) + c, bytes: bytes))
                            } else if p.bytes <= memory - bytes {
                                // The input on b: v continues its run.
                                candidates.append(Point(finish: max(start, p.finish) + c, bytes: p.bytes + bytes))
                            }
                        }
                    }
                }
                return Self.pareto(candidates)
            }
            longest = max(longest, front[v].compactMap { $0.first?.finish }.min() ?? 0)
        }
        return longest
    }

    struct Point {
        var finish: Double
        var bytes: Int64
    }

    /// The non-dominated points by finish ascending (bytes then strictly descending), merged
    /// pairwise into (earlier finish, fewer bytes) while above `frontLimit`.
    static func pareto(_ points: [Point]) -> [Point] {
        var kept: [Point] = []
        for p in points.sorted(by: { ($0.finish, $0.bytes) < ($1.finish, $1.bytes) }) where kept.last.map({ p.bytes < $0.bytes }) ?? true {
            kept.append(p)
        }
        while kept.count > frontLimit {
            kept = stride(from: 0, to: kept.count, by: 2).map { i in
                i + 1 < kept.count ? Point(finish: kept[i].finish, bytes: kept[i + 1].bytes) : kept[i]
            }
        }
        return kept
    }
}
