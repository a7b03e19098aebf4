import DiviML
/// Seeded random scheduling problems for tests and the exact-engine benchmark.
///
/// Same seed, same problem, on every platform (`SeededGenerator`).
package enum RandomInstances {
    /// A random layered DAG on `platform`, CNN-like: `nodes` operators in layers of 1 to 4,
    /// each with edges from one to three nodes of the previous layers (at least one from the
    /// layer just before). Each node has a work figure w (20 to 400 us on the fastest
    /// device); its cost on device k is `launchOverhead_k + w · (fastest peak / peak_k) · u`
    /// with u uniform in [0.8, 1.25] per (node, device), so devices differ per operator.
    /// Tensors are 64 KiB to 8 MiB; weights up to 4 MiB per node. I/O is free.
    /// - Complexity: O(|V| + |E| + |V|·|K|).
    package static func layered(nodes n: Int, platform: Platform, seed: UInt64) throws -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed)
        let peaks = platform.devices.map { $0.peak(elementBytes: 4) }
        let fastest = peaks.max() ?? 1
        var layers: [[Int]] = []
        var count = 0
        while count < n {
            let width = min(n - count, 1 + Int(rng.next() % 4))
            layers.append(Array(count..<(count + width)))
            count += width
        }
        var edges: [SchedulingProblem.Edge] = []
        for (i, layer) in layers.enumerated() where i > 0 {
            let earlier = layers[max(0, i - 3)..<i].flatMap { $0 }
            for v in layer {
                var sources = Set([layers[i - 1][Int(rng.next() % UInt64(layers[i - 1].count))]])
                for _ in 0..<Int(rng.next() % 3) { sources.insert(earlier[Int(rng.next() % UInt64(earlier.count))]) }
                for u in sources.sorted() { edges.append(.init(from: u, to: v, bytes: Int64(65_536 + rng.next() % 8_323_072))) }
            }
        }
        let problemNodes = (0..<n).map { v -> SchedulingProblem.Node in
            let work = 20e-6 + 380e-6 * rng.nextUnit()
            let cost = platform.devices.indices.map { k -> Double? in
                platform.devices[k].launchOverhead + work * fastest / max(peaks[k], 1) * (0.8 + 0.45 * rng.nextUnit())
            }
            return .init(name: "n\(v)", op: "op", cost: cost, paramBytes: Int64(rng.next() % 4_194_304))
        }
        return try SchedulingProblem(
            name: "layered-\(n)-seed\(seed)", devices: platform.devices.map { .init(name: $0.name, kind: $0.kind, memoryBytes: $0.memoryBytes) },
            host: platform.host, latency: platform.latency, bandwidth: platform.bandwidth,
            nodes: problemNodes, edges: edges, io: .free)
    }

    /// Options for `tiny`.
    package struct TinyOptions: Sendable {
        /// Chance that a (node, device) pair is not allowed.
        package var disallowed = 0.15
        /// Chance that a node costs nothing (like a reshape or a host I/O node).
        package var zeroCost = 0.1
        /// Whether to draw release and device-ready times.
        package var context = true
        /// Whether to draw memory capacities that bind and a colocation group.
        package var constrained = true
        /// Whether the last device is an exact twin of the one before it (same costs,
        /// memory, ready time and links), so symmetry breaking applies.
        package var twinDevices = false
        package init() {}
    }

    /// A small random DAG on `devices` random devices with asymmetric links, for
    /// comparing solvers with `BruteForce`. Costs 1 to 10 ms; links 0.1 to 1 ms latency and
    /// 1 to 10 MB/s, so transfers matter. Invalid draws (a group that fits nowhere) are
    /// redrawn from the same generator, so the result is still a function of the seed.
    package static func tiny(nodes n: Int, devices k: Int, seed: UInt64, options: TinyOptions = .init()) -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed)
        while true {
            if let p = try? drawTiny(n, k, &rng, options) { return p }
        }
    }

    private static func drawTiny(_ n: Int, _ k: Int, _ rng: inout SeededGenerator, _ o: TinyOptions) throws -> SchedulingProblem {
        var edges: [SchedulingProblem.Edge] = []
        for v in 1..<max(n, 1) {
            for u in 0..<v where rng.nextUnit() < (u == v - 1 ? 0.6 : 0.25) {
                edges.append(.init(from: u, to: v, bytes: Int64(1_000 + rng.next() % 9_000)))
            }
        }
        var nodes = (0..<n).map { v -> SchedulingProblem.Node in
            let zero = rng.nextUnit() < o.zeroCost
            var cost = (0..<k).map { _ -> Double? in rng.nextUnit() < o.disallowed ? nil : (zero ? 0 : 1e-3 + 9e-3 * rng.nextUnit()) }
            if cost.allSatisfy({ $0 == nil }) { cost[Int(rng.next() % UInt64(k))] = zero ? 0 : 5e-3 }
            return .init(name: "v\(v)", op: "op", cost: cost, paramBytes: o.constrained ? Int64(1 + rng.next() % 100) : 0,
                         group: o.constrained && v < 2 && rng.nextUnit() < 0.3 ? "g" : nil)
        }
        var lat = (0..<k).map { a in (0..<k).map { b in a == b ? 0 : 1e-4 + 9e-4 * rng.nextUnit() } }
        var bw = (0..<k).map { a in (0..<k).map { b in a == b ? 1 : 1e6 + 9e6 * rng.nextUnit() } }
        if o.twinDevices && k >= 3 { makeTwins(k - 2, k - 1, &nodes, &lat, &bw) }
        let total = nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
        var devices = (0..<k).map { d in
            SchedulingProblem.DeviceInfo(name: "d\(d)", kind: d == 0 ? .cpu : .gpu,
                                         memoryBytes: o.constrained ? max(1, total * Int64(40 + rng.next() % 60) / 100) : 1 << 40)
        }
        if o.twinDevices && k >= 3 { devices[k - 1].memoryBytes = devices[k - 2].memoryBytes }
        var ready = o.context ? (0..<k).map { _ in rng.nextUnit() < 0.3 ? 5e-3 * rng.nextUnit() : 0 } : nil
        if o.twinDevices, k >= 3, let r = ready { ready![k - 1] = r[k - 2] }
        let release = o.context ? (0..<n).map { _ in rng.nextUnit() < 0.2 ? 5e-3 * rng.nextUnit() : 0 } : nil
        let p = try SchedulingProblem(name: "tiny", devices: devices, host: 0, latency: lat, bandwidth: bw, nodes: nodes,
                                      edges: edges, io: .free, release: release, deviceReady: ready)
        var feasible = false
        BruteForce.forEachPlacement(p) { _ in feasible = true }
        guard feasible else { throw InputError.invalidValue(what: "random draw", value: "infeasible", allowed: "feasible") }
        return p
    }

    /// Device b becomes a copy of device a: costs, and links to and from every other device.
    private static func makeTwins(_ a: Int, _ b: Int, _ nodes: inout [SchedulingProblem.Node], _ lat: inout [[Double]], _ bw: inout [[Double]]) {
        for v in nodes.indices { nodes[v].cost[b] = nodes[v].cost[a] }
        for j in lat.indices where j != a && j != b {
            (lat[b][j], lat[j][b], bw[b][j], bw[j][b]) = (lat[a][j], lat[j][a], bw[a][j], bw[j][a])
        }
        (lat[b][a], bw[b][a]) = (lat[a][b], bw[a][b])
    }
}
