/// Incremental device and link loads of a partial pipeline placement, moved a unit (a
/// node, or a whole colocation group) at a time. Unplaced nodes have device -1 and
/// contribute nothing.
struct LoadTracker {
    let problem: SchedulingProblem
    private(set) var placement: [Int]
    private(set) var deviceLoad: [Double]
    private(set) var linkLoad: [[Double]]
    private(set) var memoryUsed: [Int64]

    init(_ problem: SchedulingProblem) {
        self.problem = problem
        let k = problem.deviceCount
        placement = .init(repeating: -1, count: problem.nodes.count)
        deviceLoad = .init(repeating: 0, count: k)
        linkLoad = .init(repeating: .init(repeating: 0, count: k), count: k)
        memoryUsed = .init(repeating: 0, count: k)
    }

    var period: Double { max(deviceLoad.max() ?? 0, linkLoad.lazy.flatMap { $0 }.max() ?? 0) }

    /// The nodes that move together with `v`.
    func unit(of v: Int) -> [Int] { problem.nodes[v].group.map { problem.groups[$0]! } ?? [v] }

    /// Devices where every member of `unit` is allowed and its weights fit.
    func feasibleDevices(for unit: [Int]) -> [Int] {
        let bytes = unit.reduce(Int64(0)) { $0 + problem.nodes[$1].paramBytes }
        return problem.devices.indices.filter { k in
            let already = unit.allSatisfy { placement[$0] == k }
            let free = problem.devices[k].memoryBytes - memoryUsed[k] + (already ? bytes : 0)
            return unit.allSatisfy { problem.isAllowed($0, on: k) } && bytes <= free
        }
    }

    /// Moves every node of `unit` to `k` (from wherever it is, or from unplaced).
    mutating func move(_ unit: [Int], to k: Int) {
        for v in unit { apply(v, sign: -1) }
        for v in unit { placement[v] = k }
        for v in unit { apply(v, sign: 1) }
    }

    /// The period if `unit` moved to `k`.
    mutating func periodIf(_ unit: [Int], on k: Int) -> Double {
        let old = unit.map { placement[$0] }
        move(unit, to: k)
        let p = period
        for (v, d) in zip(unit, old) { restore(v, to: d) }
        return p
    }

    private mutating func restore(_ v: Int, to d: Int) {
        apply(v, sign: -1)
        placement[v] = d
        apply(v, sign: 1)
    }

    /// Adds (sign +1) or removes (-1) the loads `v` causes at its current device.
    private mutating func apply(_ v: Int, sign: Double) {
        let k = placement[v]
        guard k >= 0 else { return }
        deviceLoad[k] += sign * problem.cost(v, on: k)
        memoryUsed[k] += Int64(sign) * problem.nodes[v].paramBytes
        for e in problem.incoming[v] {
            let a = placement[problem.edges[e].from]
            if a >= 0, a != k { linkLoad[a][k] += sign * problem.transferTime(edge: e, from: a, to: k) }
        }
        for e in problem.outgoing[v] {
            let b = placement[problem.edges[e].to]
            if b >= 0, b != k { linkLoad[k][b] += sign * problem.transferTime(edge: e, from: k, to: b) }
        }
    }

    /// The best single-unit move by (period, total load); applies it if it strictly
    /// improves that pair and returns whether it did.
    mutating func improveOnce() -> Bool {
        let total = { (t: LoadTracker) in t.deviceLoad.reduce(0, +) + t.linkLoad.lazy.flatMap { $0 }.reduce(0, +) }
        let current = (period, total(self))
        var best: (unit: [Int], device: Int, score: (Double, Double))?
        var seen = Set<Int>()
        for v in problem.nodes.indices where !seen.contains(v) {
            let unit = unit(of: v)
            seen.formUnion(unit)
            let from = placement[v]
            for k in feasibleDevices(for: unit) where k != from {
                move(unit, to: k)
                let score = (period, total(self))
                move(unit, to: from)
                if score.0 < current.0 * (1 - 1e-12) || (score.0 <= current.0 && score.1 < current.1 * (1 - 1e-12)),
                   best == nil || score < best!.score {
                    best = (unit, k, score)
                }
            }
        }
        guard let move = best else { return false }
        self.move(move.unit, to: move.device)
        return true
    }
}
