import Foundation
@testable import DiviML

/// Test inputs shared across suites.
enum TestInstances {
    /// The folder of committed fixtures.
    static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    /// A problem JSON fixture by file name.
    static func fixture(_ name: String) throws -> SchedulingProblem {
        try SchedulingProblem.load(path: fixtures.appendingPathComponent(name).path)
    }

    /// A seeded random layered DAG on `devices` devices, with costs in [1, 10) ms, random
    /// edges between consecutive layers, and per-device speed factors. Deterministic for a
    /// seed; host I/O free.
    static func randomDAG(nodes: Int, devices: Int = 3, seed: UInt64, edgeProbability: Double = 0.35,
                          memoryBytes: Int64 = 1 << 40, paramBytes: Int64 = 0) throws -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed)
        let speeds = (0..<devices).map { _ in 0.5 + rng.nextUnit() * 2 }
        var layer = [Int](repeating: 0, count: nodes)
        var current = 0
        for v in 1..<max(nodes, 1) {
            if rng.nextUnit() < 0.4 { current += 1 }
            layer[v] = current
        }
        var edges: [SchedulingProblem.Edge] = []
        for v in 0..<nodes {
            for u in 0..<v where layer[u] < layer[v] && (layer[v] - layer[u] == 1 ? rng.nextUnit() < edgeProbability : rng.nextUnit() < 0.05) {
                edges.append(.init(from: u, to: v, bytes: Int64(1 + rng.next() % 4_000_000)))
            }
        }
        let problemNodes = (0..<nodes).map { v in
            let base = 1e-3 + rng.nextUnit() * 9e-3
            return SchedulingProblem.Node(name: "t\(v)", op: ["Conv", "MatMul", "Relu"][v % 3],
                                          cost: speeds.map { base * $0 }, paramBytes: paramBytes)
        }
        let k = devices
        let latency = (0..<k).map { a in (0..<k).map { b in a == b ? 0 : 1e-5 } }
        let bandwidth = (0..<k).map { a in (0..<k).map { b in a == b ? Double.infinity : 12e9 / 10 } }
        return try SchedulingProblem(
            name: "random-\(nodes)-\(seed)",
            devices: (0..<k).map { .init(name: "d\($0)", kind: $0 == 0 ? .cpu : .gpu, memoryBytes: memoryBytes) },
            host: 0, latency: latency, bandwidth: bandwidth, nodes: problemNodes, edges: edges, io: .free)
    }
}
