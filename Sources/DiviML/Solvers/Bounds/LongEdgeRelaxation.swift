extension SchedulingProblem {
    /// The problem without the nodes whose tensors jump far ahead, when that frees split
    /// points; nil when it does not.
    ///
    /// A node read by every layer (BERT's attention mask after its Cast/Sub/Mul) jumps over
    /// every would-be split point, so the graph has one chunk and the per-segment bounds
    /// say nothing. Removing nodes is a relaxation: any schedule of the problem, restricted
    /// to the remaining nodes, is a schedule of the smaller problem (precedence among the
    /// others kept, one node at a time per device, less memory used) that finishes no
    /// later, so every lower bound of the smaller problem bounds the problem; it loses only
    /// the removed nodes' work. Removed: every node other than a fixed source whose
    /// successors reach more than a quarter of the way along the topological order, then
    /// every node all of whose successors are removed (or a dangling branch would block
    /// the split points after it). Kept only when it at least doubles the chunks.
    /// - Complexity: O(|V| + |E|) plus the smaller problem's construction.
    func withoutLongEdges() -> SchedulingProblem? {
        let kept = nodes.indices.filter { !isFixedSource($0) }
        guard kept.count >= 8 else { return nil }
        var position = [Int](repeating: -1, count: nodes.count)
        var next = 0
        for v in topologicalOrder where !isFixedSource(v) { position[v] = next; next += 1 }
        let jump = kept.count / 4
        var removed = [Bool](repeating: false, count: nodes.count)
        for v in kept {
            let far = outgoing[v].map { position[edges[$0].to] }.max() ?? position[v]
            if far - position[v] > jump { removed[v] = true }
        }
        for v in topologicalOrder.reversed() where !removed[v] && !outgoing[v].isEmpty {
            if outgoing[v].allSatisfy({ removed[edges[$0].to] }) { removed[v] = true }
        }
        guard removed.contains(true) else { return nil }
        var index = [Int](repeating: -1, count: nodes.count)
        var remaining: [Int] = []
        for v in nodes.indices where !removed[v] { index[v] = remaining.count; remaining.append(v) }
        let smallerEdges = edges.compactMap { e -> Edge? in
            guard index[e.from] >= 0, index[e.to] >= 0 else { return nil }
            return Edge(from: index[e.from], to: index[e.to], bytes: e.bytes)
        }
        guard let smaller = try? replacing(nodes: remaining.map { nodes[$0] }, edges: smallerEdges,
                                           release: remaining.map { release[$0] }),
              smaller.chunksAtComparableNodes().chunks.count >= 2 * chunksAtComparableNodes().chunks.count
        else { return nil }
        return smaller
    }
}
