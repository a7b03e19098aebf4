extension ORTProfile {
    /// Trace entries of kernels ONNX Runtime never attributes to an input node: it has no
    /// kernel for some ONNX ops (HardSwish on its CPU provider) and runs their function
    /// body instead (HardSigmoid + Mul), under names of its own (`HardSigmoid_2`, `Mul_3`:
    /// op type and ORT's node index) that say nothing of the node they replace.
    ///
    /// The entries are matched to `graph`'s nodes by execution order. An unmeasured node
    /// (no entry under its name) can only have run after its nearest measured ancestors and
    /// before its nearest measured descendants: its window is the open interval of trace
    /// positions between them (positions in `order`). An entry not named after a graph node
    /// belongs to the unmeasured node whose window contains it, when exactly one does and
    /// the entry's op type is not the node's own (a kernel of the node's own type would
    /// carry its name: that is a renamed node, not a split one); entries inside several
    /// windows (parallel branches) or none stay unmatched. Entries
    /// of the op types in `neverDecomposed` are never matched (copies ORT inserts,
    /// constants the importer folds into weights).
    /// - Returns: per graph node name, the names of the trace entries it ran as, in
    ///   execution order; only nodes that got at least one entry.
    /// - Complexity: O((|V| + |E|) log |V| + T·W), T the trace's node names, W the most
    ///   windows open at one position (1 on a chain).
    public func decomposedEntries(of graph: OpGraph) -> [String: [String]] {
        let names = Set(graph.nodes.map(\.name))
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = order.enumerated().filter { !names.contains($1) && !Self.neverDecomposed.contains(opTypes[$1] ?? "") }
        guard !entries.isEmpty else { return [:] }
        let (preds, succs) = graph.adjacency()
        guard case let .success(topo) = DAG.topologicalOrder(successors: succs) else { return [:] }
        let measured = graph.nodes.map { position[$0.name] }
        // lo[v]: latest position of a nearest measured ancestor (-1: none); hi[v]: earliest
        // position of a nearest measured descendant (order.count: none).
        var lo = [Int](repeating: -1, count: graph.nodes.count)
        var hi = [Int](repeating: order.count, count: graph.nodes.count)
        for v in topo { for u in preds[v] { lo[v] = max(lo[v], measured[u] ?? lo[u]) } }
        for v in topo.reversed() { for w in succs[v] { hi[v] = min(hi[v], measured[w] ?? hi[w]) } }
        let open = graph.nodes.indices.filter { measured[$0] == nil && lo[$0] + 1 < hi[$0] }
        guard !open.isEmpty else { return [:] }
        // Sweep the entry positions in order, keeping the windows that contain the current one.
        let byStart = open.sorted { (lo[$0], $0) < (lo[$1], $1) }
        var active = Set<Int>()
        var next = 0
        var result: [String: [String]] = [:]
        for (p, name) in entries {
            while next < byStart.count, lo[byStart[next]] < p { active.insert(byStart[next]); next += 1 }
            active = active.filter { hi[$0] > p }
            if active.count == 1, let v = active.first, opTypes[name] != graph.nodes[v].type {
                result[graph.nodes[v].name, default: []].append(name)
            }
        }
        return result
    }

    /// Op types whose entries are never taken for part of another node.
    public static let neverDecomposed: Set<String> = ["Identity", "Constant", "MemcpyToHost", "MemcpyFromHost"]
}
