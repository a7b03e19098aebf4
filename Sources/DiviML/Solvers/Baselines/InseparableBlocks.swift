/// The inseparable blocks of a graph in one topological order, as the latency greedy of
/// Tarnawski et al. (NeurIPS 2020, Appendix F) forms them: contract each colocation group to
/// one vertex, merge the groups that reach each other (the strongly connected components of
/// the contracted graph: no order of devices could separate them without a cycle), and walk
/// the resulting DAG depth first (a stack of ready blocks, so a chain is followed to its end
/// before a sibling starts).
///
/// Deterministic: the first ready blocks are taken in order of their smallest node index,
/// later ones as they become ready, in edge order; each block lists its nodes in index order.
/// - Complexity: O(|V| + |E|).
struct InseparableBlocks {
    /// The blocks, each a list of node indices, in the walk's topological order.
    let blocks: [[Int]]

    /// - Parameter rank: when given, ready blocks are taken by the highest rank of their
    ///   nodes (ties: the block found first by Tarjan's algorithm) instead of depth first.
    init(_ problem: SchedulingProblem, rank: [Double]? = nil) {
        let n = problem.nodes.count
        // Contract each group to one class; every other node is a class of its own.
        var classOf = [Int](repeating: -1, count: n)
        var classes = 0
        for g in problem.groups.keys.sorted() {
            for v in problem.groups[g]! { classOf[v] = classes }
            classes += 1
        }
        for v in 0..<n where classOf[v] < 0 { classOf[v] = classes; classes += 1 }
        var successors = [[Int]](repeating: [], count: classes)
        for e in problem.edges where classOf[e.from] != classOf[e.to] { successors[classOf[e.from]].append(classOf[e.to]) }
        let component = Self.stronglyConnectedComponents(successors)
        let count = (component.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: count)
        for v in 0..<n { members[component[classOf[v]]].append(v) }
        var next = [[Int]](repeating: [], count: count)
        var indegree = [Int](repeating: 0, count: count)
        for e in problem.edges {
            let (a, b) = (component[classOf[e.from]], component[classOf[e.to]])
            guard a != b else { continue }
            next[a].append(b)
            indegree[b] += 1
        }
        var order: [[Int]] = []
        order.reserveCapacity(count)
        // Ready blocks: by rank in a heap, or depth first on a stack (smallest first node on top).
        var heap = rank.map { rank in PriorityQueue((0..<count).map { b in members[b].map { rank[$0] }.max()! }) }
        var stack: [Int] = []
        let push = { (b: Int) in if heap != nil { heap!.insert(b) } else { stack.append(b) } }
        for b in (0..<count).filter({ indegree[$0] == 0 }).sorted(by: { members[$0][0] > members[$1][0] }) { push(b) }
        while let b = heap != nil ? heap!.popMax() : stack.popLast() {
            order.append(members[b])
            for c in next[b] {
                indegree[c] -= 1
                if indegree[c] == 0 { push(c) }
            }
        }
        blocks = order
    }

    /// Component index of each vertex (Tarjan's algorithm, iterative).
    /// - Complexity: O(V + E).
    static func stronglyConnectedComponents(_ successors: [[Int]]) -> [Int] {
        let n = successors.count
        var index = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int](repeating: -1, count: n)
        var stack: [Int] = [], counter = 0, components = 0
        for root in 0..<n where index[root] < 0 {
            var frames: [(vertex: Int, edge: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (v, i) = frames.last {
                if i < successors[v].count {
                    frames[frames.count - 1].edge += 1
                    let w = successors[v][i]
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.vertex] = min(low[parent.vertex], low[v]) }
                guard low[v] == index[v] else { continue }
                while let w = stack.popLast() {
                    onStack[w] = false
                    component[w] = components
                    if w == v { break }
                }
                components += 1
            }
        }
        return component
    }
}
