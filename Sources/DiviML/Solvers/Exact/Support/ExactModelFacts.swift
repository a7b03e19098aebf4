/// What both exact engines derive from a problem before building a model: horizons,
/// interchangeable devices, a starting schedule, and the order a solution implies.
enum ExactModelFacts {
    /// An upper bound on the makespan of every schedule without idle gaps: the latest
    /// release or device-ready time, plus every node at its most expensive allowed device,
    /// plus every edge at its slowest link. Any optimal schedule fits under it.
    /// - Complexity: O(|V|·|K| + |E|·|K|²).
    static func serialHorizon(_ p: SchedulingProblem) -> Double {
        let lead = max(p.release.max() ?? 0, p.deviceReady.max() ?? 0)
        let work = p.nodes.reduce(0.0) { $0 + ($1.cost.compactMap { $0 }.max() ?? 0) }
        let moves = p.edges.indices.reduce(0.0) { sum, e in sum + slowestTransfer(p, edge: e) }
        return lead + work + moves
    }

    /// The slowest transfer of edge `e` over all device pairs its endpoints may use.
    static func slowestTransfer(_ p: SchedulingProblem, edge e: Int) -> Double {
        let (u, v) = (p.edges[e].from, p.edges[e].to)
        var worst = 0.0
        for a in p.allowedDevices(u) { for b in p.allowedDevices(v) where a != b {
            worst = max(worst, p.transferTime(edge: e, from: a, to: b))
        } }
        return worst
    }

    /// Upper bound on every device or link load (throughput models).
    static func loadHorizon(_ p: SchedulingProblem) -> Double {
        let work = p.nodes.reduce(0.0) { $0 + ($1.cost.compactMap { $0 }.max() ?? 0) }
        let moves = p.edges.indices.reduce(0.0) { $0 + slowestTransfer(p, edge: $1) }
        return max(work, moves)
    }

    /// Consecutive pairs (k1, k2), k1 < k2, of interchangeable devices: swapping them maps
    /// every schedule to one of equal makespan and period (same costs for every node, same
    /// memory, ready time and links to every other device, same link both ways, neither is
    /// the host). Requiring, for each pair, that the first node placed on either of them
    /// goes to k1 (value precedence, Law & Lee 2004) removes the mirrored solutions and
    /// keeps one optimum of each class.
    /// - Complexity: O(|K|²·(|V| + |K|)).
    static func interchangeablePairs(_ p: SchedulingProblem) -> [(Int, Int)] {
        interchangeableClasses(p).flatMap { c in zip(c, c.dropFirst()).map { ($0, $1) } }
    }

    /// Classes (of two or more, ascending) of mutually interchangeable devices.
    static func interchangeableClasses(_ p: SchedulingProblem) -> [[Int]] {
        var classes: [[Int]] = []
        for k in p.devices.indices where k != p.host {
            if let i = classes.firstIndex(where: { interchangeable(p, $0[0], k) }) { classes[i].append(k) } else { classes.append([k]) }
        }
        return classes.filter { $0.count > 1 }
    }

    /// The placement with interchangeable devices relabelled so that it satisfies the
    /// symmetry breaking: within each class, devices in order of their first node.
    static func canonical(_ p: SchedulingProblem, placement: [Int]) -> [Int] {
        var map = Array(p.devices.indices)
        for c in interchangeableClasses(p) {
            var used: [Int] = []
            for k in placement where c.contains(k) && !used.contains(k) { used.append(k) }
            used += c.filter { !used.contains($0) }
            for (target, source) in zip(c, used) { map[source] = target }
        }
        return placement.map { map[$0] }
    }

    private static func interchangeable(_ p: SchedulingProblem, _ a: Int, _ b: Int) -> Bool {
        guard p.devices[a].memoryBytes == p.devices[b].memoryBytes, p.deviceReady[a] == p.deviceReady[b],
              p.nodes.allSatisfy({ $0.cost[a] == $0.cost[b] }),
              p.latency[a][b] == p.latency[b][a], p.bandwidth[a][b] == p.bandwidth[b][a] else { return false }
        return p.devices.indices.allSatisfy { j in
            j == a || j == b || (p.latency[a][j] == p.latency[b][j] && p.latency[j][a] == p.latency[j][b]
                && p.bandwidth[a][j] == p.bandwidth[b][j] && p.bandwidth[j][a] == p.bandwidth[j][b])
        }
    }

    /// The per-device order a solution implies: by start time, ties by topological
    /// position. Graph edges and this order then agree, so the simulator never deadlocks,
    /// even for zero-length nodes that start together with their predecessor.
    static func order(_ p: SchedulingProblem, placement: [Int], start: [Double]) -> [[Int]] {
        var position = [Int](repeating: 0, count: p.nodes.count)
        for (i, v) in p.topologicalOrder.enumerated() { position[v] = i }
        var lists = [[Int]](repeating: [], count: p.deviceCount)
        for v in placement.indices { lists[placement[v]].append(v) }
        return lists.map { $0.sorted { (start[$0], position[$0]) < (start[$1], position[$1]) } }
    }

    /// A valid schedule to warm-start from: the best (smallest makespan) that passes the
    /// validator among the caller's hint, HEFT (Topcuoglu et al. 2002) and every node (or
    /// group) on its cheapest device with room, list-scheduled. Nil when none is valid.
    static func startingSchedule(_ p: SchedulingProblem, hint: Schedule?) -> Schedule? {
        var candidates: [Schedule] = hint.map { [$0] } ?? []
        if let heft = try? HEFTSolver().solve(p, options: SolveOptions()).schedule { candidates.append(heft) }
        if let placement = greedyPlacement(p), let s = try? Simulator.run(p, placement: placement) { candidates.append(s) }
        return candidates.filter { Validator.violations(of: $0, for: p).isEmpty }.min { $0.makespan < $1.makespan }
    }

    /// A valid placement to warm-start the throughput models from: the better (by period)
    /// of greedy load balancing and `greedyPlacement`, among those that keep memory and groups.
    static func startingPlacement(_ p: SchedulingProblem) -> [Int]? {
        var candidates: [[Int]] = []
        if let greedy = try? GreedyThroughputSolver().solveThroughput(p, options: SolveOptions()).placement { candidates.append(greedy) }
        if let placement = greedyPlacement(p) { candidates.append(placement) }
        let valid = candidates.filter { pl in
            pl.count == p.nodes.count && pl.indices.allSatisfy { p.devices.indices.contains(pl[$0]) && p.isAllowed($0, on: pl[$0]) }
                && zip(Validator.memoryUse(placement: pl, problem: p), p.devices).allSatisfy { $0 <= $1.memoryBytes }
                && p.groups.values.allSatisfy { Set($0.map { pl[$0] }).count == 1 }
        }
        return valid.min { PipelineLoad(problem: p, placement: $0).period < PipelineLoad(problem: p, placement: $1).period }
    }

    /// Units (single nodes or whole groups) by decreasing weight, each on the device that
    /// adds the least cost among those with room left.
    static func greedyPlacement(_ p: SchedulingProblem) -> [Int]? {
        var units: [[Int]] = p.nodes.indices.filter { p.nodes[$0].group == nil }.map { [$0] }
        units += p.groups.keys.sorted().map { p.groups[$0]! }
        let weight = { (u: [Int]) in u.reduce(Int64(0)) { $0 + p.nodes[$1].paramBytes } }
        units.sort { weight($0) > weight($1) }
        var free = p.devices.map(\.memoryBytes)
        var placement = [Int](repeating: -1, count: p.nodes.count)
        for unit in units {
            let options = p.devices.indices.filter { k in unit.allSatisfy { p.isAllowed($0, on: k) } && free[k] >= weight(unit) }
            guard let k = options.min(by: { a, b in
                unit.reduce(0.0) { $0 + p.cost($1, on: a) } < unit.reduce(0.0) { $0 + p.cost($1, on: b) }
            }) else { return nil }
            free[k] -= weight(unit)
            for v in unit { placement[v] = k }
        }
        return placement
    }
}
