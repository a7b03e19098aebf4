/// A large RandWire-style DAG for scaling benchmarks: one Watts–Strogatz (k=4, p=0.75)
/// random graph on `nodes` nodes oriented by node index (Xie et al. 2019, §3.2), each
/// node a separable-convolution block whose size varies by a seeded factor in [0.5, 2),
/// costed on `platform` by the roofline, with 78×28×28 fp32 activations on every edge.
public enum RandWireStyleDAG {
    /// - Complexity: O(nodes·|K|).
    public static func problem(nodes n: Int, platform: Platform, seed: UInt64) throws -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed)
        let edges = RandomGraphs.sample(.wattsStrogatz(k: 4, p: 0.75), nodes: n, using: &rng)
        let shape = [1, 78, 28, 28]
        let tensorBytes = Int64(elementCount(shape) * 4)
        var graph = OpGraph(name: "randwire-style-\(n)")
        graph.nodes = (0..<n).map { v in
            let scale = 0.5 + 1.5 * rng.nextUnit()
            let channels = Int(78 * scale)
            return Operator(name: "node\(v)", type: "Conv", inputShapes: [[1, channels, 28, 28]],
                            outputShapes: [[1, channels, 28, 28]], attributes: ["kernel_shape": [3, 3], "group": [1]],
                            paramBytes: Int64(channels * channels * 9 * 4))
        }
        graph.edges = edges.map { OpGraph.Edge(from: $0.a, to: $0.b, bytes: tensorBytes) }
        return try SchedulingProblem(graph: graph, platform: platform, io: .free)
    }
}
