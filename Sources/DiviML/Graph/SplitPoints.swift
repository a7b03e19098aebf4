/// Split points of a DAG (docs/design.md §4, splitting step 1).
///
/// With a virtual source before every node without predecessors and a virtual sink
/// after every node without successors, `v` is a split point iff no edge jumps over
/// `v` in a topological order: every other node is then an ancestor or a descendant of
/// `v`, every path passes through it, and the graph is a chain of modules joined at the
/// split points. The answer does not depend on which topological order is used.
///
/// - Parameters:
///   - successors: adjacency lists of a DAG.
///   - order: a topological order of it.
/// - Returns: the split points, in topological order.
/// - Complexity: O(|V| + |E|).
package func splitPoints(successors: [[Int]], order: [Int]) -> [Int] {
    let n = order.count
    guard n > 0 else { return [] }
    let pos = DAG.positions(of: order)
    var hasPredecessor = [Bool](repeating: false, count: n)
    for list in successors { for v in list { hasPredecessor[v] = true } }
    // lastSource: position of the last node fed by the virtual source.
    let lastSource = order.lastIndex { !hasPredecessor[$0] } ?? 0
    var result: [Int] = []
    var reach = 0 // furthest position an edge from an earlier node lands on
    for (p, v) in order.enumerated() {
        if p >= lastSource && reach <= p { result.append(v) }
        let far = successors[v].map { pos[$0] }.max() ?? n // sinks feed the virtual sink
        reach = max(reach, far)
    }
    return result
}

/// The width of the widest level when nodes are layered by longest path from a source.
/// - Complexity: O(|V| + |E|).
package func widestLevel(successors: [[Int]], order: [Int]) -> (level: Int, width: Int) {
    var depth = [Int](repeating: 0, count: successors.count)
    for u in order { for v in successors[u] { depth[v] = max(depth[v], depth[u] + 1) } }
    var counts: [Int: Int] = [:]
    for d in depth { counts[d, default: 0] += 1 }
    let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }
    return (best?.key ?? 0, best?.value ?? 0)
}
