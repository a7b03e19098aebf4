/// Graph algorithms over plain adjacency lists, shared by `OpGraph` and `SchedulingProblem`.
package enum DAG {
    /// A stable topological order: among nodes whose predecessors are all placed, the
    /// smallest index comes first (Kahn 1962, with a min-heap), so the result is unique
    /// for a graph and follows its node order wherever the edges allow.
    ///
    /// - Returns: the order, or the node indices of one directed cycle if there is one.
    /// - Complexity: O((|V| + |E|) log |V|).
    package static func topologicalOrder(successors: [[Int]]) -> Result<[Int], CycleFound> {
        let n = successors.count
        var indegree = [Int](repeating: 0, count: n)
        for list in successors { for v in list { indegree[v] += 1 } }
        var heap = MinHeap(indegree.indices.filter { indegree[$0] == 0 })
        var order: [Int] = []
        order.reserveCapacity(n)
        while let u = heap.popMin() {
            order.append(u)
            for v in successors[u] {
                indegree[v] -= 1
                if indegree[v] == 0 { heap.insert(v) }
            }
        }
        if order.count == n { return .success(order) }
        let stuck = Set(indegree.indices.filter { indegree[$0] > 0 })
        return .failure(CycleFound(nodes: findCycle(successors: successors, among: stuck)))
    }

    /// The nodes of a directed cycle, in order.
    package struct CycleFound: Error, Sendable, Equatable {
        package var nodes: [Int]
    }

    /// One cycle inside `among`, a set where every node keeps a predecessor inside it.
    /// Walks predecessor-wise would also work; here we walk successors that stay inside
    /// the stuck set until a node repeats.
    /// - Complexity: O(|V| + |E|).
    static func findCycle(successors: [[Int]], among stuck: Set<Int>) -> [Int] {
        guard var u = stuck.min() else { return [] }
        var seenAt: [Int: Int] = [:]
        var path: [Int] = []
        while seenAt[u] == nil {
            seenAt[u] = path.count
            path.append(u)
            // Every stuck node lies on or downstream of a cycle; some successor stays stuck.
            guard let next = successors[u].filter({ stuck.contains($0) }).min() else { return path }
            u = next
        }
        return Array(path[seenAt[u]!...])
    }

    /// Position of each node in `order`.
    package static func positions(of order: [Int]) -> [Int] {
        var pos = [Int](repeating: 0, count: order.count)
        for (i, v) in order.enumerated() { pos[v] = i }
        return pos
    }
}

/// A binary min-heap of integers; enough for stable topological sorting.
struct MinHeap {
    private var items: [Int]

    init(_ values: [Int]) {
        items = values.sorted()
    }

    mutating func insert(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func popMin() -> Int? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if items.isEmpty { return top }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && items[l] < items[m] { m = l }
            if r < items.count && items[r] < items[m] { m = r }
            if m == i { break }
            items.swapAt(m, i)
            i = m
        }
        return top
    }
}
