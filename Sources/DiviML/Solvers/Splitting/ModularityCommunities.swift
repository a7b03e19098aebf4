/// Communities of a module by greedy modularity maximisation (Clauset, Newman, Moore,
/// "Finding community structure in very large networks", Phys. Rev. E 70, 066111, 2004),
/// on the module's edges taken as undirected and unweighted.
///
/// Start with one community per node; repeatedly merge the pair of adjacent communities
/// with the largest modularity gain ΔQ = 2(e_ij − a_i·a_j) (e_ij: fraction of edge ends
/// joining i and j, counted once per direction; a_i: fraction of edge ends in i), while
/// the gain is positive. Ties go to the pair with the smallest indices, so the result is
/// deterministic.
///
/// Communities need not be convex; `CommunityOrder` turns them into a topological order
/// that keeps each together where the edges allow, and the min-crossing cut of that order
/// gives convex pieces.
/// - Complexity: O(n·m) for n nodes and m edges (each merge scans the adjacent pairs).
enum ModularityCommunities {
    /// A community label per node of `nodes` (labels are positions into `nodes`).
    static func detect(_ nodes: [Int], problem: SchedulingProblem) -> [Int] {
        var local = [Int: Int]()
        for (i, v) in nodes.enumerated() { local[v] = i }
        var pairs: [Pair: Double] = [:]
        var degree = [Double](repeating: 0, count: nodes.count)
        var edgeCount = 0.0
        for (i, v) in nodes.enumerated() {
            for e in problem.outgoing[v] {
                guard let j = local[problem.edges[e].to] else { continue }
                pairs[Pair(i, j), default: 0] += 1
                degree[i] += 1
                degree[j] += 1
                edgeCount += 1
            }
        }
        var label = Array(nodes.indices)
        guard edgeCount > 0 else { return label }
        let m2 = 2 * edgeCount
        var e = pairs.mapValues { $0 / m2 }          // e_ij per unordered pair, one direction
        var a = degree.map { $0 / m2 }
        while true {
            var best: (pair: Pair, gain: Double)?
            for (p, eij) in e {
                let gain = 2 * (eij - a[p.low] * a[p.high])
                if gain > 1e-15, best == nil || gain > best!.gain || (gain == best!.gain && p < best!.pair) { best = (p, gain) }
            }
            guard let merge = best?.pair else { break }
            combine(merge.high, into: merge.low, &e, &a, &label)
        }
        return label
    }

    /// Merges community `j` into `i`.
    private static func combine(_ j: Int, into i: Int, _ e: inout [Pair: Double], _ a: inout [Double], _ label: inout [Int]) {
        for (p, value) in e where p.low == j || p.high == j {
            e[p] = nil
            let other = p.low == j ? p.high : p.low
            guard other != i else { continue }
            e[Pair(i, other), default: 0] += value
        }
        a[i] += a[j]
        a[j] = 0
        for v in label.indices where label[v] == j { label[v] = i }
    }

    /// An unordered pair of community indices.
    struct Pair: Hashable, Comparable {
        let low: Int
        let high: Int
        init(_ a: Int, _ b: Int) { (low, high) = a < b ? (a, b) : (b, a) }
        static func < (x: Pair, y: Pair) -> Bool { (x.low, x.high) < (y.low, y.high) }
    }
}

/// A topological order of a module's nodes that keeps communities together: among the
/// nodes whose predecessors inside the module are done, take one of the community of the
/// last node taken if any (lowest index first), else the lowest index.
/// - Complexity: O(n² + m).
enum CommunityOrder {
    static func order(_ nodes: [Int], labels: [Int], problem: SchedulingProblem) -> [Int] {
        var local = [Int: Int]()
        for (i, v) in nodes.enumerated() { local[v] = i }
        var waiting = nodes.map { v in problem.incoming[v].filter { local[problem.edges[$0].from] != nil }.count }
        var ready = Set(nodes.indices.filter { waiting[$0] == 0 })
        var result: [Int] = []
        var current = -1
        while !ready.isEmpty {
            let pick = ready.filter { labels[$0] == current }.min() ?? ready.min()!
            ready.remove(pick)
            result.append(nodes[pick])
            current = labels[pick]
            for e in problem.outgoing[nodes[pick]] {
                guard let j = local[problem.edges[e].to] else { continue }
                waiting[j] -= 1
                if waiting[j] == 0 { ready.insert(j) }
            }
        }
        return result
    }
}
