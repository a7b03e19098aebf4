/// The three classical random-graph models that RandWire samples its wirings from
/// (Xie, Kirillov, Girshick, He 2019, "Exploring Randomly Wired Neural Networks for
/// Image Recognition", §3.3), on nodes `0..<n`, as undirected edge lists.
///
/// Every generator is a pure function of its parameters and the generator state:
/// the same seed gives the same edges on every platform (uniform draws use
/// `SeededGenerator` through `uniform(_:_:)`, never the standard library's sampling,
/// whose algorithm is not specified).
package enum RandomGraphs {
    /// An undirected edge, stored with `a < b`.
    package struct Edge: Sendable, Hashable, Comparable {
        package let a: Int
        package let b: Int

        package init(_ u: Int, _ v: Int) {
            precondition(u != v, "self-loop at \(u)")
            (a, b) = u < v ? (u, v) : (v, u)
        }

        package static func < (l: Edge, r: Edge) -> Bool { (l.a, l.b) < (r.a, r.b) }
    }

    /// A random-graph model and its parameters.
    package enum Model: Sendable, Hashable {
        /// Watts–Strogatz (1998): a ring lattice, each node joined to its `k` nearest
        /// neighbours (`k` even), each edge rewired with probability `p`. Exactly `n·k/2` edges.
        case wattsStrogatz(k: Int, p: Double)
        /// Erdős–Rényi (1959), G(n, p): each of the `n(n−1)/2` pairs joined with probability `p`.
        case erdosRenyi(p: Double)
        /// Barabási–Albert (1999): `m` initial nodes without edges; each later node joins
        /// `m` distinct earlier nodes chosen with probability proportional to degree.
        /// Exactly `m·(n−m)` edges.
        case barabasiAlbert(m: Int)

        /// The fewest nodes the model is defined on.
        package var minimumNodes: Int {
            switch self {
            case let .wattsStrogatz(k, _): return k + 1
            case .erdosRenyi: return 2
            case let .barabasiAlbert(m): return m + 1
            }
        }
    }

    /// The edges of one sample of `model` on `n` nodes, sorted.
    /// - Precondition: `n >= model.minimumNodes`.
    /// - Complexity: WS O(n·k·d) with d the expected number of redraws (small while k ≪ n);
    ///   ER O(n²); BA O(n·m) expected draws.
    package static func sample(_ model: Model, nodes n: Int, using rng: inout SeededGenerator) -> [Edge] {
        precondition(n >= model.minimumNodes, "\(model) needs at least \(model.minimumNodes) nodes, got \(n)")
        switch model {
        case let .wattsStrogatz(k, p): return wattsStrogatz(n: n, k: k, p: p, using: &rng)
        case let .erdosRenyi(p): return erdosRenyi(n: n, p: p, using: &rng)
        case let .barabasiAlbert(m): return barabasiAlbert(n: n, m: m, using: &rng)
        }
    }

    /// Ring lattice, then one lap per neighbour distance `j = 1…k/2`: for each node `u`,
    /// with probability `p` the edge `(u, u+j)` moves to `(u, w)`, `w` uniform among the
    /// nodes that are neither `u` nor already adjacent to it (the procedure of NetworkX's
    /// `watts_strogatz_graph`, reimplemented; a node already joined to all others keeps its edge).
    static func wattsStrogatz(n: Int, k: Int, p: Double, using rng: inout SeededGenerator) -> [Edge] {
        precondition(k >= 2 && k % 2 == 0 && k < n, "Watts–Strogatz needs an even k in 2..<n, got k = \(k), n = \(n)")
        var adjacent = [Set<Int>](repeating: [], count: n)
        for u in 0..<n {
            for j in 1...(k / 2) {
                adjacent[u].insert((u + j) % n)
                adjacent[(u + j) % n].insert(u)
            }
        }
        for j in 1...(k / 2) {
            for u in 0..<n where rng.nextUnit() < p {
                let v = (u + j) % n
                guard adjacent[u].contains(v), adjacent[u].count < n - 1 else { continue }
                var w = uniform(n, &rng)
                while w == u || adjacent[u].contains(w) { w = uniform(n, &rng) }
                adjacent[u].remove(v)
                adjacent[v].remove(u)
                adjacent[u].insert(w)
                adjacent[w].insert(u)
            }
        }
        return edges(of: adjacent)
    }

    static func erdosRenyi(n: Int, p: Double, using rng: inout SeededGenerator) -> [Edge] {
        var result: [Edge] = []
        for u in 0..<n {
            for v in (u + 1)..<n where rng.nextUnit() < p {
                result.append(Edge(u, v))
            }
        }
        return result
    }

    /// Preferential attachment by sampling from the list of edge endpoints (each node
    /// appears once per unit of degree); the first new node joins all `m` initial nodes,
    /// which all have degree 0 (Xie et al.'s description).
    static func barabasiAlbert(n: Int, m: Int, using rng: inout SeededGenerator) -> [Edge] {
        precondition(m >= 1 && m < n, "Barabási–Albert needs 1 <= m < n, got m = \(m), n = \(n)")
        var result: [Edge] = []
        var endpoints: [Int] = []
        for v in m..<n {
            var targets: [Int] = []
            if v == m {
                targets = Array(0..<m)
            } else {
                while targets.count < m {
                    let t = endpoints[uniform(endpoints.count, &rng)]
                    if !targets.contains(t) { targets.append(t) }
                }
            }
            for t in targets {
                result.append(Edge(t, v))
                endpoints += [t, v]
            }
        }
        return result.sorted()
    }

    /// A uniform integer in `0..<n` (Lemire's multiply-shift; bias below n / 2⁶⁴).
    static func uniform(_ n: Int, _ rng: inout SeededGenerator) -> Int {
        Int(rng.next().multipliedFullWidth(by: UInt64(n)).high)
    }

    static func edges(of adjacent: [Set<Int>]) -> [Edge] {
        var result: [Edge] = []
        for (u, neighbours) in adjacent.enumerated() {
            for v in neighbours where u < v { result.append(Edge(u, v)) }
        }
        return result.sorted()
    }
}
