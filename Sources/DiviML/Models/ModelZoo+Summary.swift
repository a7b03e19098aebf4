/// What `diviml models` prints for a graph: its size and its work.
package struct ModelSummary: Sendable, Hashable {
    package var nodes: Int
    package var edges: Int
    /// FLOPs of one inference of the whole batch, 2 per multiply-add (`OperatorWork`).
    package var flops: Double
    /// FLOPs of the `Conv`, `ConvTranspose`, `Gemm` and `MatMul` operators only: the part
    /// that published multiply-accumulate counts cover (times 2).
    package var matrixFlops: Double
    package var paramBytes: Int64

    /// Sums `OperatorWork.of` over the graph.
    /// - Complexity: O(|V| + |E|).
    package init(_ graph: OpGraph) {
        nodes = graph.nodes.count
        edges = graph.edges.count
        paramBytes = graph.paramBytes
        flops = 0
        matrixFlops = 0
        for op in graph.nodes {
            let work = OperatorWork.of(op)
            flops += work.flops
            if ModelSummary.matrixOps.contains(op.type) { matrixFlops += work.flops }
        }
    }

    static let matrixOps: Set<String> = ["Conv", "ConvTranspose", "Gemm", "MatMul"]
}
