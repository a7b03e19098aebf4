/// A network as a directed graph of operators, before any costs are attached.
///
/// Nodes are indexed `0..<nodes.count`; an edge carries the bytes of the tensor that
/// flows from producer to consumer. Graph inputs and outputs are listed separately so
/// a problem builder can model them as host I/O (docs/design.md §2). An `OpGraph` may hold a
/// cycle until `SchedulingProblem` or `topologicalOrder()` rejects it.
public struct OpGraph: Sendable, Hashable, Codable {
    /// A directed data dependency.
    public typealias Edge = DataEdge

    /// A tensor that enters or leaves the network, and the nodes that consume or produce it.
    public struct Boundary: Sendable, Hashable, Codable {
        public var name: String
        public var bytes: Int64
        /// Consumers (for an input) or producers (for an output).
        public var nodes: [Int]
        public init(name: String, bytes: Int64, nodes: [Int]) {
            self.name = name
            self.bytes = bytes
            self.nodes = nodes
        }
    }

    public var name: String
    public var nodes: [Operator]
    public var edges: [Edge]
    public var inputs: [Boundary]
    public var outputs: [Boundary]

    public init(
        name: String, nodes: [Operator] = [], edges: [Edge] = [],
        inputs: [Boundary] = [], outputs: [Boundary] = []
    ) {
        self.name = name
        self.nodes = nodes
        self.edges = edges
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Predecessor and successor lists, indexed by node.
    /// - Complexity: O(|V| + |E|).
    public func adjacency() -> (predecessors: [[Int]], successors: [[Int]]) {
        var preds = [[Int]](repeating: [], count: nodes.count)
        var succs = [[Int]](repeating: [], count: nodes.count)
        for e in edges {
            preds[e.to].append(e.from)
            succs[e.from].append(e.to)
        }
        return (preds, succs)
    }

    /// Total parameter bytes of all operators.
    public var paramBytes: Int64 { nodes.reduce(0) { $0 + $1.paramBytes } }
}
