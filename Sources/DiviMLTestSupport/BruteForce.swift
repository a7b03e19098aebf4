import DiviML
/// Exact optima of tiny problems by exhaustive enumeration, the reference the exact engines
/// and the splitting heuristic are tested against.
///
/// Latency: every placement that respects allowed devices, memory and colocation groups,
/// and for each, every per-device order consistent with the graph, simulated with
/// `Simulator.run(_:placement:order:)`. This is exact: take any valid schedule; its
/// placement and per-device order (by start time) are enumerated, and the simulator starts
/// every node at the earliest time that placement and order allow (by induction along a
/// topological order of graph and order edges), so the simulated makespan is at most that
/// schedule's. Zero-length nodes neither wait for nor hold their device, so their position
/// in an order does not change any time.
///
/// Throughput: every valid placement, scored by `PipelineLoad` (the period depends on the
/// placement alone).
///
/// - Complexity: latency O(|K|^|V| · Π_k |V_k|! · (|V| + |E|)), at most
///   |V|! · C(|V| + |K| − 1, |K| − 1) simulations (181,440 for 7 nodes on 3 devices);
///   throughput O(|K|^|V| · (|V| + |E|)). Meant for |V| <= 8.
package enum BruteForce {
    /// The largest problem accepted: beyond it enumeration takes minutes.
    package static let maxNodes = 8

    /// A schedule of minimum makespan, or nil when no placement is valid.
    package static func latency(_ problem: SchedulingProblem) -> Schedule? {
        precondition(problem.nodes.count <= maxNodes, "brute force is for at most \(maxNodes) nodes")
        let reach = Reachability(successors: problem.successorLists, order: problem.topologicalOrder)
        var best: Schedule?
        forEachPlacement(problem) { placement in
            var lists = [[Int]](repeating: [], count: problem.deviceCount)
            for v in placement.indices { lists[placement[v]].append(v) }
            forEachOrder(lists, reach, device: 0, chosen: []) { order in
                guard let s = try? Simulator.run(problem, placement: placement, order: order) else { return }
                if best == nil || s.makespan < best!.makespan { best = s }
            }
        }
        return best
    }

    /// A placement of minimum period and that period, or nil when no placement is valid.
    package static func throughput(_ problem: SchedulingProblem) -> (placement: [Int], period: Double)? {
        precondition(problem.nodes.count <= maxNodes + 4, "brute force is for at most \(maxNodes + 4) nodes")
        var best: (placement: [Int], period: Double)?
        forEachPlacement(problem) { placement in
            let period = PipelineLoad(problem: problem, placement: placement).period
            if best == nil || period < best!.period { best = (placement, period) }
        }
        return best
    }

    /// Calls `body` with every placement on allowed devices that keeps each group together
    /// and each device's weights within its memory.
    static func forEachPlacement(_ p: SchedulingProblem, _ body: ([Int]) -> Void) {
        var placement = [Int](repeating: -1, count: p.nodes.count)
        var used = [Int64](repeating: 0, count: p.deviceCount)
        func place(_ v: Int) {
            if v == p.nodes.count { body(placement); return }
            for k in p.allowedDevices(v) where used[k] + p.nodes[v].paramBytes <= p.devices[k].memoryBytes {
                if let g = p.nodes[v].group, let first = p.groups[g]?.first, first < v, placement[first] != k { continue }
                placement[v] = k
                used[k] += p.nodes[v].paramBytes
                place(v + 1)
                used[k] -= p.nodes[v].paramBytes
            }
            placement[v] = -1
        }
        place(0)
    }

    /// Calls `body` with the simulated schedule of every valid placement accepted by
    /// `keep` and every per-device order consistent with the graph.
    static func forEachSchedule(_ p: SchedulingProblem, where keep: ([Int]) -> Bool, _ body: (Schedule) -> Void) {
        let reach = Reachability(successors: p.successorLists, order: p.topologicalOrder)
        forEachPlacement(p) { placement in
            guard keep(placement) else { return }
            var lists = [[Int]](repeating: [], count: p.deviceCount)
            for v in placement.indices { lists[placement[v]].append(v) }
            forEachOrder(lists, reach, device: 0, chosen: []) { order in
                if let s = try? Simulator.run(p, placement: placement, order: order) { body(s) }
            }
        }
    }

    /// Every combination of one permutation per device in which no node precedes one of
    /// its ancestors.
    private static func forEachOrder(_ lists: [[Int]], _ reach: Reachability, device: Int, chosen: [[Int]], _ body: ([[Int]]) -> Void) {
        if device == lists.count { body(chosen); return }
        forEachPermutation(lists[device], reach, prefix: []) { perm in
            forEachOrder(lists, reach, device: device + 1, chosen: chosen + [perm], body)
        }
    }

    private static func forEachPermutation(_ rest: [Int], _ reach: Reachability, prefix: [Int], _ body: ([Int]) -> Void) {
        if rest.isEmpty { body(prefix); return }
        for (i, v) in rest.enumerated() where !rest.contains(where: { $0 != v && reach.reaches($0, v) }) {
            var remaining = rest
            remaining.remove(at: i)
            forEachPermutation(remaining, reach, prefix: prefix + [v], body)
        }
    }
}
