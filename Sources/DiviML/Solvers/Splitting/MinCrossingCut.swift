/// Cuts a module that is too big into pieces along its topological order, choosing the
/// cut positions that minimise the number of edges crossing them (docs/design.md §4, splitting
/// step 2, "a min-crossing cut along a topological order").
///
/// A cut at position p (between the p-th and the (p+1)-th node) is crossed by every edge
/// of the module from a position < p to one >= p; such an edge becomes an input the later
/// piece receives at a fixed time, so fewer crossings leave fewer decisions frozen. The
/// pieces hold between `ceil(maxSize/3)` and `maxSize` nodes (the lower limit keeps the
/// exact engine from being handed slivers); a dynamic program over positions finds the
/// least total crossing:
///
///     best[p] = min over q with p - maxSize <= q <= p - lower of best[q] + cross(q),
///
/// with cross(0) = 0. Contiguous ranges of a topological order are convex, so the pieces
/// are too.
/// - Complexity: O(n·maxSize + e) for n nodes and e edges inside the module.
enum MinCrossingCut {
    static func pieces(of nodes: [Int], problem: SchedulingProblem, maxSize: Int) -> [[Int]] {
        let n = nodes.count
        guard n > maxSize else { return [nodes] }
        var position = [Int: Int]()
        for (p, v) in nodes.enumerated() { position[v] = p }
        // cross[p]: edges from a position < p to a position >= p (difference array).
        var delta = [Int](repeating: 0, count: n + 1)
        for (p, v) in nodes.enumerated() {
            for e in problem.outgoing[v] {
                guard let q = position[problem.edges[e].to] else { continue }
                delta[p + 1] += 1
                delta[q + 1] -= 1
            }
        }
        var cross = [Int](repeating: 0, count: n + 1)
        for p in 1...n { cross[p] = cross[p - 1] + delta[p] }
        let lower = max(1, (maxSize + 2) / 3)
        var best = [Int](repeating: Int.max, count: n + 1)
        var from = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        for p in 1...n {
            for q in max(0, p - maxSize)...max(0, p - lower) where best[q] != Int.max && p - q >= min(lower, p) {
                let cost = best[q] + (q == 0 ? 0 : cross[q])
                if cost < best[p] { best[p] = cost; from[p] = q }
            }
        }
        var cuts: [Int] = []
        var p = n
        while p > 0 {
            // A position the sizes cannot reach falls back to an even split.
            guard from[p] >= 0 else { return evenPieces(nodes, maxSize: maxSize) }
            cuts.append(from[p])
            p = from[p]
        }
        let bounds = cuts.reversed() + [n]
        return zip(bounds, bounds.dropFirst()).map { Array(nodes[$0..<$1]) }
    }

    /// `ceil(n / maxSize)` pieces of nearly equal size.
    static func evenPieces(_ nodes: [Int], maxSize: Int) -> [[Int]] {
        let count = (nodes.count + maxSize - 1) / maxSize
        return (0..<count).map { i in Array(nodes[(i * nodes.count / count)..<((i + 1) * nodes.count / count)]) }
    }
}
