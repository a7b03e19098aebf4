/// A small dense primal simplex for `maximise c·x subject to A x <= b, x >= 0` with
/// `b >= 0` (the origin is feasible), in Tucker's condensed tableau (one column per
/// non-basic variable, Jordan exchange pivots), with Bland's smallest-index rule so that
/// degenerate problems terminate (Bland, "New finite pivoting rules for the simplex
/// method", Math. Oper. Res. 2(2), 1977).
///
/// Meant for the master problems of the cutting-plane bounds (a few dozen columns, up to
/// a few thousand rows), where it is exact up to floating-point rounding.
/// - Complexity: O(m·n) per pivot for m rows and n columns; the number of pivots is
///   finite under Bland's rule (exponential in the worst case, a few times n in practice).
struct DenseSimplex {
    /// An optimal solution: the variables, the objective value, and the dual price of
    /// every row (the optimal `y >= 0` of `minimise b·y subject to Aᵀy >= c`).
    struct Solution {
        var x: [Double]
        var value: Double
        var duals: [Double]
    }

    /// Why no optimum was found.
    enum Outcome {
        case optimal(Solution)
        case unbounded
        case pivotLimit
    }

    /// Solves the problem; `eps` is the tolerance on reduced costs and pivot elements.
    /// - Precondition: every row of `a` has `c.count` entries and `b` is non-negative.
    static func maximise(c: [Double], a: [[Double]], b: [Double], eps: Double = 1e-12, maxPivots: Int = 100_000) -> Outcome {
        precondition(a.count == b.count && a.allSatisfy { $0.count == c.count } && b.allSatisfy { $0 >= 0 })
        let (m, n) = (b.count, c.count)
        // Labels: 0..<n are the structural variables, n..<n+m the slacks of the rows.
        var rowLabel = Array(n..<(n + m))
        var colLabel = Array(0..<n)
        var t = a
        var rhs = b
        var cbar = c
        var objective = 0.0
        for _ in 0..<maxPivots {
            // Bland: the eligible column whose variable has the smallest label.
            var q = -1
            for j in 0..<n where cbar[j] > eps && (q < 0 || colLabel[j] < colLabel[q]) { q = j }
            if q < 0 {
                var x = [Double](repeating: 0, count: n)
                for i in 0..<m where rowLabel[i] < n { x[rowLabel[i]] = rhs[i] }
                var duals = [Double](repeating: 0, count: m)
                for j in 0..<n where colLabel[j] >= n { duals[colLabel[j] - n] = -cbar[j] }
                return .optimal(Solution(x: x, value: objective, duals: duals))
            }
            // Ratio test; among the rows within rounding of the least ratio, the smallest basic label.
            var least = Double.infinity
            for i in 0..<m where t[i][q] > eps { least = min(least, rhs[i] / t[i][q]) }
            var p = -1
            for i in 0..<m where t[i][q] > eps && rhs[i] / t[i][q] <= least + eps * max(1, least)
                && (p < 0 || rowLabel[i] < rowLabel[p]) { p = i }
            guard p >= 0 else { return .unbounded }
            exchange(p, q, &t, &rhs, &cbar, &objective)
            swap(&rowLabel[p], &colLabel[q])
        }
        return .pivotLimit
    }

    /// The Jordan exchange of basic row `p` and non-basic column `q`.
    private static func exchange(_ p: Int, _ q: Int, _ t: inout [[Double]], _ rhs: inout [Double],
                                 _ cbar: inout [Double], _ objective: inout Double) {
        let pivot = t[p][q]
        let n = cbar.count
        var row = t[p]
        for j in 0..<n { row[j] /= pivot }
        row[q] = 1 / pivot
        let r = rhs[p] / pivot
        for i in t.indices where i != p {
            let f = t[i][q]
            guard f != 0 else { continue }
            for j in 0..<n where j != q { t[i][j] -= f * row[j] }
            t[i][q] = -f / pivot
            rhs[i] = max(0, rhs[i] - f * r)
        }
        let f = cbar[q]
        for j in 0..<n where j != q { cbar[j] -= f * row[j] }
        cbar[q] = -f / pivot
        objective += f * r
        t[p] = row
        rhs[p] = r
    }
}
