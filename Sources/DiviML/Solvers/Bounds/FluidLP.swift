/// The fluid min-max load LP and its exact solution by Kelley's cutting-plane method.
///
/// The LP: items (nodes) each choose a convex combination of their options; an option
/// adds fixed amounts to some resources (a device's compute, a link's transfers); every
/// resource also carries a fixed `offset`. Find
///
///     T* = min T  subject to  offset_r + Σ_i Σ_o x_io·a_io,r <= T  for every resource r,
///                             Σ_o x_io = 1, x >= 0.
///
/// **Why the method is exact.** By LP duality (weights λ >= 0 on the resource rows,
/// normalised by the T column to Σλ = 1),
///
///     T* = max over λ in the simplex of f(λ),   f(λ) = λ·offset + Σ_i min_o λ·a_io.
///
/// (Weak duality, the half the bound needs: for any feasible x and λ in the simplex,
/// T >= Σ_r λ_r·(offset_r + Σ_io x_io a_io,r) >= λ·offset + Σ_i min_o λ·a_io = f(λ); so
/// **every** f(λ) is a valid lower bound, even if the loop stops early.) f is concave and
/// piecewise linear: f(λ) = min over assignments σ (one option per item) of λ·L(σ), with
/// L(σ) = offset + Σ_i a_iσ(i). Evaluating f at λ yields the minimising σ, hence a *cut*
/// z <= λ·L(σ) that is tight at λ. The master problem `max z s.t. z <= λ·L(σ_j) for every
/// cut j, λ in the simplex` (K+1 variables, solved by `DenseSimplex`) over-estimates
/// max f, so master value >= T* >= max_j f(λ_j). Each round either closes that gap or
/// adds a cut not yet present (the master point violates it); there are finitely many
/// distinct cuts, so the loop ends with the master value equal to an evaluated f: the
/// exact optimum (Kelley, "The cutting-plane method for solving convex programs",
/// J. SIAM 8(4), 1960; in primal terms this is Dantzig-Wolfe column generation).
///
/// The final master's dual prices μ_j (Σμ = 1) mix the cut assignments into a fractional
/// placement x = Σ_j μ_j·σ_j; its loads give `upper`, the primal value of a feasible
/// point, which certifies the answer independently: `value <= T* <= upper`.
/// - Complexity: O(|items|·|options|·nnz) per round plus the master's simplex
///   (O(rounds·D) per pivot with D resources); rounds are bounded by `maxRounds`.
struct FluidLP {
    /// One option of an item: the amounts it adds to resources.
    struct Option {
        var amounts: [(resource: Int, amount: Double)]
    }

    /// The LP's bound and its certificate.
    struct Solution {
        /// max f(λ) over the weights evaluated: a valid lower bound on T*, equal to T*
        /// when `exact`.
        var value: Double
        /// The primal value of the fractional placement from the master's duals (>= T*).
        var upper: Double
        /// The best weights found (on the simplex).
        var weights: [Double]
        /// For each item, the fraction given to each option.
        var fractions: [[Double]]
        var rounds: Int
        var exact: Bool
    }

    var resources: Int
    var offset: [Double]
    var items: [[Option]]

    /// The same LP over only the resources some option or offset touches (the others
    /// cannot bind), which keeps the master small.
    func compacted() -> FluidLP {
        var used = offset.map { $0 > 0 }
        for options in items { for option in options { for (r, a) in option.amounts where a > 0 { used[r] = true } } }
        var index = [Int](repeating: -1, count: resources)
        var next = 0
        for r in 0..<resources where used[r] { index[r] = next; next += 1 }
        guard next > 0 else { return FluidLP(resources: 1, offset: [0], items: []) }
        let remapped = items.map { $0.map { FluidLP.Option(amounts: $0.amounts.filter { $0.amount > 0 }.map { (index[$0.resource], $0.amount) }) } }
        return FluidLP(resources: next, offset: (0..<resources).filter { used[$0] }.map { offset[$0] }, items: remapped)
    }

    /// f(λ), the minimising option of every item, and the loads L(σ) of that assignment.
    /// Ties go to the option with the least total amount, then the lowest index.
    func evaluate(_ lambda: [Double]) -> (value: Double, choice: [Int], loads: [Double]) {
        var loads = offset
        var choice = [Int](repeating: 0, count: items.count)
        for (i, options) in items.enumerated() {
            var best = (price: Double.infinity, total: Double.infinity, index: 0)
            for (o, option) in options.enumerated() {
                var price = 0.0, total = 0.0
                for (r, a) in option.amounts { price += lambda[r] * a; total += a }
                if price < best.price || (price == best.price && total < best.total) { best = (price, total, o) }
            }
            choice[i] = best.index
            for (r, a) in options[best.index].amounts { loads[r] += a }
        }
        let value = zip(lambda, loads).reduce(0) { $0 + $1.0 * $1.1 }
        return (value, choice, loads)
    }

    /// Runs Kelley's method until the master and the best evaluation agree to a relative
    /// `tolerance`, or `maxRounds` cuts.
    func solve(tolerance: Double = 1e-10, maxRounds: Int = 400) -> Solution {
        let d = resources
        var lambda = [Double](repeating: 1 / Double(d), count: d)
        var cuts: [[Double]] = []
        var choices: [[Int]] = []
        var best = (value: -Double.infinity, weights: lambda)
        var duals: [Double] = []
        var exact = false
        var starts = (0..<d).map { r in (0..<d).map { $0 == r ? 0.5 + 0.5 / Double(d) : 0.5 / Double(d) } }
        while cuts.count < maxRounds {
            let (value, choice, loads) = evaluate(lambda)
            if value > best.value { best = (value, lambda) }
            cuts.append(loads)
            choices.append(choice)
            if let next = starts.popLast() { lambda = next; continue }
            guard case let .optimal(master) = masterProblem(cuts) else { break }
            duals = Array(master.duals.prefix(cuts.count))
            if master.value <= best.value + tolerance * max(master.value, 1e-300) {
                exact = true
                break
            }
            let weights = Array(master.x.dropFirst())
            let sum = weights.reduce(0, +)
            guard sum > 0 else { break }
            lambda = weights.map { $0 / sum }
        }
        return certificate(best: best, exact: exact, duals: duals, choices: choices, rounds: cuts.count)
    }

    /// `max z  s.t.  z - λ·L_j <= 0 for every cut,  Σλ <= 1`, scaled so the largest load is 1.
    private func masterProblem(_ cuts: [[Double]]) -> DenseSimplex.Outcome {
        let scale = cuts.lazy.flatMap { $0 }.max() ?? 1
        let s = scale > 0 ? 1 / scale : 1
        var rows = cuts.map { [1] + $0.map { -$0 * s } }
        rows.append([0] + [Double](repeating: 1, count: resources))
        let rhs = [Double](repeating: 0, count: cuts.count) + [1]
        let outcome = DenseSimplex.maximise(c: [1] + [Double](repeating: 0, count: resources), a: rows, b: rhs)
        guard case var .optimal(solution) = outcome else { return outcome }
        solution.value /= s
        return .optimal(solution)
    }

    /// The fractional placement the master's duals mix, and its primal value.
    private func certificate(best: (value: Double, weights: [Double]), exact: Bool, duals: [Double],
                             choices: [[Int]], rounds: Int) -> Solution {
        var fractions = items.map { [Double](repeating: 0, count: $0.count) }
        let total = duals.reduce(0, +)
        if total > 0 {
            for (j, mu) in duals.enumerated() where mu > 0 {
                for (i, o) in choices[j].enumerated() { fractions[i][o] += mu / total }
            }
        } else if let last = choices.last {
            for (i, o) in last.enumerated() { fractions[i][o] = 1 }
        }
        var loads = offset
        for (i, options) in items.enumerated() {
            for (o, option) in options.enumerated() where fractions[i][o] > 0 {
                for (r, a) in option.amounts { loads[r] += fractions[i][o] * a }
            }
        }
        return Solution(value: max(0, best.value), upper: loads.max() ?? 0, weights: best.weights,
                        fractions: fractions, rounds: rounds, exact: exact)
    }
}
