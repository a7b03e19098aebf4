import Foundation

/// Sizes of the full (labelled) search space, counted exactly by generating functions rather
/// than enumerated, so they can be reported for instances far too large to enumerate.
///
/// A labelled pipeline is a sequence of S disjoint GPU groups, each inside one server with a
/// size the model can be tensor-split by, plus a split of the L layers into S consecutive
/// non-empty ranges. With a(g, k) the number of sets of k disjoint allowed groups in a server
/// of g labelled GPUs, a(g, k) = a(g−1, k) + Σ_{d ∈ D, d ≤ g} C(g−1, d−1) · a(g−d, k−1), and
/// P(x) = Π_servers Σ_k a(g, k) x^k, the number of pipelines is
/// Σ_S S! · [x^S]P · C(L−1, S−1). A set of replicas is a set of disjoint groups arranged into
/// unordered sequences: with W(x) = Σ_S C(L−1, S−1) x^S, it is Σ_{k≥1} [x^k]P · k! · [x^k]exp(W)
/// (the exponential formula; Flajolet & Sedgewick 2009, "Analytic Combinatorics", II.2).
///
/// - Complexity: O(G² + G·|D|) for G GPUs in the cluster.
package struct SearchSpace {
    let cost: LLMCostModel

    package init(cost: LLMCostModel) { self.cost = cost }

    /// Coefficients of P(x): sets of k disjoint labelled groups over the whole cluster.
    func groupSets() -> [Double] {
        var product: [Double] = [1]
        for type in cost.cluster.serverTypes.indices {
            let g = cost.cluster.serverTypes[type].gpusPerServer
            let degrees = cost.allowedDegrees(type: type)
            var a = [[Double]](repeating: [Double](repeating: 0, count: g + 1), count: g + 1)
            a[0][0] = 1
            for n in 1...max(g, 1) where g >= 1 {
                for k in 0...n {
                    var value = a[n - 1][k]
                    if k > 0 { for d in degrees where d <= n { value += binomial(n - 1, d - 1) * a[n - d][k - 1] } }
                    a[n][k] = value
                }
            }
            for _ in 0..<cost.cluster.serverTypes[type].count { product = multiply(product, a[g]) }
        }
        return product
    }

    /// Labelled single pipelines (latency and prefill objectives).
    package func pipelines() -> Double {
        let p = groupSets(), layers = cost.model.layers
        var total = 0.0
        for s in 1..<p.count where s <= layers { total += factorial(s) * p[s] * binomial(layers - 1, s - 1) }
        return total
    }

    /// Labelled non-empty sets of disjoint pipelines (throughput objective).
    package func replicaSets() -> Double {
        let p = groupSets(), layers = cost.model.layers, k = p.count - 1
        var w = [Double](repeating: 0, count: k + 1)
        for s in 1...max(k, 1) where s <= layers && s <= k { w[s] = binomial(layers - 1, s - 1) }
        var e = [Double](repeating: 0, count: k + 1)
        e[0] = 1
        for n in stride(from: 1, through: k, by: 1) {
            var sum = 0.0
            for i in 1...n { sum += Double(i) * w[i] * e[n - i] }
            e[n] = sum / Double(n)
        }
        var total = 0.0
        for n in stride(from: 1, through: k, by: 1) { total += p[n] * factorial(n) * e[n] }
        return total
    }

    private func multiply(_ x: [Double], _ y: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: x.count + y.count - 1)
        for (i, a) in x.enumerated() where a != 0 { for (j, b) in y.enumerated() { z[i + j] += a * b } }
        return z
    }
}

/// n choose k as a real number (0 outside 0 <= k <= n).
func binomial(_ n: Int, _ k: Int) -> Double {
    guard k >= 0, k <= n else { return 0 }
    var result = 1.0
    for i in 0..<min(k, n - k) { result = result * Double(n - i) / Double(i + 1) }
    return result.rounded()
}

/// n! as a real number.
func factorial(_ n: Int) -> Double { n < 2 ? 1 : (2...n).reduce(1.0) { $0 * Double($1) } }
