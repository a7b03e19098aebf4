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

/// The nodes comparable with every other node: each other node is an ancestor or a
/// descendant. These include the split points above, and also nodes that an edge jumps
/// over from an ancestor to a descendant (BERT's layer boundaries under the attention mask
/// each layer reads, a RandWire hub's outputs): every path need not pass through them, but
/// every node before them has finished before they finish and every node after them starts
/// after they finish, which is all the per-segment lower bounds need.
///
/// In a topological order, `v` at position p is comparable with every node before it iff
/// every *maximal* node of the prefix (one with no successor in the prefix) is a direct
/// predecessor of `v`: each prefix node reaches a maximal one inside the prefix, and a
/// maximal one can reach `v` only by an edge, since its successors all lie at p or later.
/// The suffix is the mirror image. Both scans keep the maximal (minimal) nodes counted.
/// - Parameters:
///   - successors: adjacency lists of a DAG (repeated edges allowed).
///   - order: a topological order of it.
/// - Returns: those nodes, in topological order.
/// - Complexity: O(|V| + |E|).
package func comparableNodes(successors: [[Int]], order: [Int]) -> [Int] {
    let n = order.count
    var predecessors = [[Int]](repeating: [], count: n)
    for (u, list) in successors.enumerated() { for v in list { predecessors[v].append(u) } }
    let before = everyEarlierNodeReaches(order: order, in: predecessors)
    let after = everyEarlierNodeReaches(order: order.reversed(), in: successors)
    return order.filter { before[$0] && after[$0] }
}

/// For each node, whether every node before it in `order` has a path to it, where
/// `earlier[v]` lists v's neighbours that come before it (the mirror scan of
/// `comparableNodes`). - Complexity: O(|V| + |E|).
private func everyEarlierNodeReaches(order: some Sequence<Int>, in earlier: [[Int]]) -> [Bool] {
    var result = [Bool](repeating: false, count: earlier.count)
    var open = [Bool](repeating: false, count: earlier.count)
    var seen = [Int](repeating: -1, count: earlier.count)
    var openCount = 0
    for v in order {
        var covered = 0
        for u in earlier[v] where open[u] && seen[u] != v {
            seen[u] = v
            covered += 1
        }
        result[v] = covered == openCount
        for u in earlier[v] where open[u] {
            open[u] = false
            openCount -= 1
        }
        open[v] = true
        openCount += 1
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
