/// Which nodes reach which, as one bitset of descendants per node.
///
/// Built once in reverse topological order by OR-ing the successors' bitsets, so a
/// query is O(1). For 10,000 nodes the table takes 12.5 MB.
/// - Complexity: build O(|V| · |E| / 64) time, O(|V|² / 64) words of memory.
package struct Reachability: Sendable {
    private let words: Int
    private var bits: [UInt64]

    /// - Parameters:
    ///   - successors: adjacency lists of a DAG.
    ///   - order: a topological order of it.
    package init(successors: [[Int]], order: [Int]) {
        let n = successors.count
        words = (n + 63) / 64
        bits = [UInt64](repeating: 0, count: n * words)
        for u in order.reversed() {
            let base = u * words
            for v in successors[u] {
                bits[base + v / 64] |= 1 << UInt64(v % 64)
                let vb = v * words
                for w in 0..<words { bits[base + w] |= bits[vb + w] }
            }
        }
    }

    /// Whether a non-empty path leads from `u` to `v`.
    @inlinable
    package func reaches(_ u: Int, _ v: Int) -> Bool {
        bitsWord(u, v / 64) & (1 << UInt64(v % 64)) != 0
    }

    /// Whether neither node reaches the other (they may run in either order).
    package func independent(_ u: Int, _ v: Int) -> Bool {
        u != v && !reaches(u, v) && !reaches(v, u)
    }

    /// Number of descendants of `u`.
    package func descendantCount(_ u: Int) -> Int {
        (0..<words).reduce(0) { $0 + bitsWord(u, $1).nonzeroBitCount }
    }

    @usableFromInline
    func bitsWord(_ u: Int, _ w: Int) -> UInt64 { bits[u * words + w] }
}
