/// The fluid load bounds (docs/design.md §4, lower bound (b)): the least time in which the work
/// could finish if every node could be split fractionally over its allowed devices.
/// Both are exact LP values computed by `FluidLP` (Kelley's cutting planes; see there for
/// the proof), and both ignore precedence, memory and groups, which only relax the LP.
enum FluidBound {
    /// The latency fluid bound of the nodes `members` (all nodes when nil).
    ///
    /// Device k is free from `deviceReady[k]` (when `useDeviceReady`), so on it positive-cost
    /// work fits in `[r_k, T]`. For the optimum T*, the devices with `r_k < T*` form a prefix
    /// S* of the devices sorted by r; devices outside S* can run no positive-cost work
    /// before T*, so `T* >= LP(S*)`, the LP on S* with constraints `r_k + load_k <= T`.
    /// Hence `min_j LP(S_j)` over the prefixes S_j is a bound. Zero-cost nodes occupy no
    /// device time and are left out; release times are ignored (a relaxation).
    /// - Complexity: O(|K|) LPs of `FluidLP`'s cost.
    static func latency(_ problem: SchedulingProblem, members: [Int]? = nil, useDeviceReady: Bool = true) -> Double {
        latency(problem, members: members,
                offsets: useDeviceReady ? problem.deviceReady : [Double](repeating: 0, count: problem.deviceCount))
    }

    /// The same LP with `offsets[k] + load_k <= T` on every device that gets work; a device
    /// whose offset is infinite gets none. The prefix argument above holds for any offsets
    /// that every schedule's work on k must wait out (`WindowedFluidBound`). `costs`
    /// replaces the problem's cost rows (nil: may not run there).
    static func latency(_ problem: SchedulingProblem, members: [Int]? = nil, offsets: [Double], costs: [[Double?]]? = nil) -> Double {
        let costs = costs ?? problem.nodes.map(\.cost)
        let nodes = (members ?? Array(problem.nodes.indices)).filter { v in !costs[v].contains(0) }
        guard !nodes.isEmpty else { return 0 }
        var best = Double.infinity
        for level in Set(offsets.filter(\.isFinite)).sorted() {
            let subset = problem.devices.indices.filter { offsets[$0] <= level }
            guard let lp = latencyLP(costs, nodes: nodes, devices: subset, ready: offsets) else { continue }
            best = min(best, lp.solve().value)
        }
        return best.isFinite ? best : 0
    }

    /// The LP on `devices`, or nil when some node is allowed on none of them.
    private static func latencyLP(_ costs: [[Double?]], nodes: [Int], devices: [Int], ready: [Double]) -> FluidLP? {
        var items: [[FluidLP.Option]] = []
        for v in nodes {
            let options = devices.enumerated().compactMap { r, k in
                costs[v][k].map { FluidLP.Option(amounts: [(r, $0)]) }
            }
            guard !options.isEmpty else { return nil }
            items.append(options)
        }
        return FluidLP(resources: devices.count, offset: devices.map { ready[$0] }, items: items)
    }

    /// The fluid period bound of one pipeline (or of replicas on disjoint device groups):
    /// min T with fractional placement, every device's load <= T, and every directed link's
    /// load <= T, where link loads count the transfers forced by *pinned* nodes (allowed on
    /// one device only, such as host I/O): an edge between a pinned node on a and a node x
    /// with fraction x_b on b moves its tensor over (a, b) for that fraction, which is
    /// linear in x. Edges between two unpinned nodes are left out (a relaxation: the LP
    /// could put both ends on one device anyway).
    ///
    /// Valid for data parallelism too: replicas with rates ρ_r on disjoint device groups
    /// average to a fractional placement x_vk = Σ_r ρ_r [σ_r(v) = k] / Σρ whose loads,
    /// times the total rate, are each at most 1 per second (links into a group serve only
    /// that group), so the total rate is at most 1/T*.
    /// - Complexity: one `FluidLP` with |K|² resources.
    static func period(_ problem: SchedulingProblem) -> Double {
        periodLP(problem).compacted().solve().value
    }

    /// The period LP. Resources: devices 0..<K, then link (a, b) at K + a·K + b.
    static func periodLP(_ problem: SchedulingProblem) -> FluidLP {
        let k = problem.deviceCount
        let pinned: [Int?] = problem.nodes.indices.map { v in
            let allowed = problem.allowedDevices(v)
            return allowed.count == 1 ? allowed[0] : nil
        }
        var offset = [Double](repeating: 0, count: k + k * k)
        var items: [[FluidLP.Option]] = []
        for v in problem.nodes.indices {
            if let a = pinned[v] {
                offset[a] += problem.cost(v, on: a)
                for e in problem.outgoing[v] {
                    if let b = pinned[problem.edges[e].to], b != a { offset[k + a * k + b] += problem.transferTime(edge: e, from: a, to: b) }
                }
                continue
            }
            let options = problem.allowedDevices(v).map { d in
                var amounts: [(Int, Double)] = [(d, problem.cost(v, on: d))]
                for e in problem.incoming[v] {
                    if let a = pinned[problem.edges[e].from], a != d { amounts.append((k + a * k + d, problem.transferTime(edge: e, from: a, to: d))) }
                }
                for e in problem.outgoing[v] {
                    if let b = pinned[problem.edges[e].to], b != d { amounts.append((k + d * k + b, problem.transferTime(edge: e, from: d, to: b))) }
                }
                return FluidLP.Option(amounts: amounts.filter { $0.1 > 0 })
            }
            if options.contains(where: { $0.amounts.isEmpty }) { continue }
            items.append(options)
        }
        return FluidLP(resources: k + k * k, offset: offset, items: items)
    }
}
