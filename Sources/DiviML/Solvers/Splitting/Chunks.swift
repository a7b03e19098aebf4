extension SchedulingProblem {
    /// Whether `v` is a *fixed source*: no predecessor, allowed on one device only, at zero
    /// cost there (a host input, a module's context pseudo-node). Its device and time are
    /// the same in every schedule (its release), so it carries no state between modules.
    func isFixedSource(_ v: Int) -> Bool {
        guard incoming[v].isEmpty else { return false }
        let allowed = allowedDevices(v)
        return allowed.count == 1 && cost(v, on: allowed[0]) == 0
    }

    /// The split points of the graph without its fixed sources, in topological order.
    /// A graph input read by every layer (BERT's attention mask) would otherwise jump over
    /// every node and leave no split point at all. With the fixed sources left out, every
    /// other node is still an ancestor or a descendant of each split point in the real
    /// graph (removing nodes only removes paths, and split points are defined on what
    /// remains, where every path passes through them).
    /// - Complexity: O(|V| + |E|).
    func structuralSplitPoints() -> [Int] {
        withoutFixedSources(splitPoints)
    }

    /// The nodes of the graph without its fixed sources that every other such node precedes
    /// or follows (`comparableNodes`): the structural split points, and those an edge jumps
    /// over. Where the per-segment bounds cut (docs/splitting-and-bounds.md (c)).
    /// - Complexity: O(|V| + |E|).
    func comparableSplitPoints() -> [Int] {
        withoutFixedSources(comparableNodes)
    }

    /// `select` over the graph without its fixed sources (successor lists and a topological
    /// order in local indices), mapped back to node indices.
    private func withoutFixedSources(_ select: (_ successors: [[Int]], _ order: [Int]) -> [Int]) -> [Int] {
        let kept = nodes.indices.filter { !isFixedSource($0) }
        var local = [Int](repeating: -1, count: nodes.count)
        for (i, v) in kept.enumerated() { local[v] = i }
        let successors = kept.map { v in outgoing[v].map { local[edges[$0].to] }.filter { $0 >= 0 } }
        let order = topologicalOrder.compactMap { local[$0] >= 0 ? local[$0] : nil }
        return select(successors, order).map { kept[$0] }
    }

    /// The nodes other than fixed sources cut after each structural split point, in
    /// topological order (one chunk when there is none), and the fixed sources apart.
    func chunksAtSplitPoints() -> (chunks: [[Int]], fixedSources: [Int]) {
        chunks(cutAfter: Set(structuralSplitPoints()))
    }

    /// The same cut after every comparable node (`comparableSplitPoints`): the chunks of the
    /// lower bounds. Every node of a chunk descends from the node before it and is an
    /// ancestor of its last node, but an edge may enter it from an earlier chunk.
    func chunksAtComparableNodes() -> (chunks: [[Int]], fixedSources: [Int]) {
        chunks(cutAfter: Set(comparableSplitPoints()))
    }

    private func chunks(cutAfter splits: Set<Int>) -> (chunks: [[Int]], fixedSources: [Int]) {
        var chunks: [[Int]] = [[]]
        var fixed: [Int] = []
        for v in topologicalOrder {
            if isFixedSource(v) { fixed.append(v); continue }
            chunks[chunks.count - 1].append(v)
            if splits.contains(v) { chunks.append([]) }
        }
        return (chunks.filter { !$0.isEmpty }, fixed)
    }
}
