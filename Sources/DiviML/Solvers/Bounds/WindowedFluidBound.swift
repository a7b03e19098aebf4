/// The fluid load in windows: the fluid LP (`FluidBound.latency`) where each device's work
/// must fit between the earliest moment any node can start there and the latest moment any
/// node can finish there and still leave time for what must follow it; and, below a size,
/// the same test *shaved*: the least makespan T for which it does not fail once every
/// (node, device) that cannot fit in T is closed.
///
/// For a device k let
///
///     h_k = min over nodes v with cost[v][k] > 0 of (EF[v][k] − cost[v][k]),
///     q_k = min over the same nodes of Q[v][k],
///
/// where EF is the critical path with transfers (`TransferCriticalPath.earliestFinish`: v
/// cannot finish on k before EF[v][k]) and Q[v][k] its mirror image
/// (`TransferCriticalPath.tails`: once v finishes on k, at least Q[v][k] passes before the
/// last node finishes).
///
/// **Validity of the windows.** In any schedule with makespan T, every node v that runs on
/// k with positive cost starts no earlier than EF[v][k] − cost[v][k] >= h_k and finishes no
/// later than T − Q[v][k] <= T − q_k, so k's positive-cost work lies inside
/// [h_k, T − q_k]: `h_k + q_k + load_k <= T`. That is the fluid LP with the offset
/// h_k + q_k in place of the device-ready time, and the prefix argument of
/// `FluidBound.latency` (the devices that do any work form a prefix of the devices sorted
/// by offset) makes the least LP over the prefixes a bound. h_k is at least the device's
/// ready time, so the value is never below the fluid load with ready times.
///
/// **Validity of the shaving.** `admits(T)` closes every (v, k) with EF[v][k] + Q[v][k] > T
/// and recomputes EF and Q over what is left, until nothing more closes; then it runs the
/// windowed LP over what is left. Take a schedule with makespan at most T: by induction
/// over the rounds, its own (node, device) pairs are never closed (EF and Q over a set
/// that holds them are at most its own finish and its own time after it, whose sum is at
/// most T), so its placement is a point of the last LP with value at most T. Hence a T
/// that `admits` refuses is below every makespan, and the bound is the largest refused T
/// found by bisection (12 halvings past the closed form, so within 1/4096 of the interval
/// searched). Each refusal is checked with a relative slack of 1e-9 in the schedule's favour.
///
/// What it adds: a device that no input reaches for free (the entry of a segment pinned to
/// one GPU, host inputs on the CPU) starts late by the transfer of the first tensor, and
/// one that cannot hold the exit stops early by a transfer and the exit's cost, which the
/// plain fluid LP spends as compute; shaving then keeps the nodes of a long path off the
/// devices they could only reach by transfers that the path has no time for. Precedence
/// inside the windows, memory and groups are ignored (relaxations).
/// - Complexity: O(|V|·|K| + |E|·|K|²) plus up to |K| fluid LPs; shaved, that times the
///   closing rounds, for about 15 values of T.
enum WindowedFluidBound {
    /// The largest problem, in (node, device) pairs, that `latency` shaves by default.
    static let maxShavedPairs = 6_000

    /// The windowed bound, shaved when the problem has at most `maxShavedPairs` (node,
    /// device) pairs.
    static func latency(_ problem: SchedulingProblem) -> Double {
        let costs = problem.nodes.map(\.cost)
        let windowed = value(problem, costs: costs)
        let pairs = costs.reduce(0) { $0 + $1.compactMap { $0 }.count }
        return pairs <= maxShavedPairs ? shaved(problem, from: windowed) : windowed
    }

    /// The windowed LP over `costs` (nil: closed), with offsets h_k + q_k.
    private static func value(_ problem: SchedulingProblem, costs: [[Double?]]) -> Double {
        let (finish, tails) = (TransferCriticalPath.earliestFinish(problem, costs: costs), TransferCriticalPath.tails(problem, costs: costs))
        return FluidBound.latency(problem, offsets: offsets(problem, costs: costs, finish: finish, tails: tails), costs: costs)
    }

    /// h_k + q_k of every device (∞ where no positive-cost node may run).
    private static func offsets(_ problem: SchedulingProblem, costs: [[Double?]], finish: [[Double]], tails: [[Double]]) -> [Double] {
        var head = [Double](repeating: .infinity, count: problem.deviceCount), tail = head
        for v in problem.nodes.indices {
            for k in head.indices {
                guard let c = costs[v][k], c > 0 else { continue }
                head[k] = min(head[k], finish[v][k] - c)
                tail[k] = min(tail[k], tails[v][k])
            }
        }
        return zip(head, tail).map { $0 + $1 }
    }

    /// The least T that `admits` accepts, from below: a valid bound at least `lower` (a
    /// bound already known).
    static func shaved(_ problem: SchedulingProblem, from lower: Double) -> Double {
        guard lower > 0, !admits(problem, makespan: lower * (1 + 1e-6)) else { return lower }
        var low = lower * (1 + 1e-6), high = low * 1.25
        var widenings = 0
        while widenings < 40, !admits(problem, makespan: high) {
            (low, high) = (high, high * 1.5)
            widenings += 1
        }
        for _ in 0..<12 {
            let middle = (low + high) / 2
            if admits(problem, makespan: middle) { high = middle } else { low = middle }
        }
        return low
    }

    /// Whether the windowed LP, after closing every (node, device) that cannot fit in
    /// `makespan`, allows a makespan of `makespan`; false proves that no schedule finishes
    /// by then.
    static func admits(_ problem: SchedulingProblem, makespan: Double) -> Bool {
        let limit = makespan * (1 + 1e-9)
        var costs = problem.nodes.map(\.cost)
        while true {
            let finish = TransferCriticalPath.earliestFinish(problem, costs: costs)
            let tails = TransferCriticalPath.tails(problem, costs: costs)
            var closed = false
            for v in problem.nodes.indices {
                for k in costs[v].indices where costs[v][k] != nil && finish[v][k] + tails[v][k] > limit {
                    costs[v][k] = nil
                    closed = true
                }
                if costs[v].allSatisfy({ $0 == nil }) { return false }
            }
            if !closed {
                let offsets = offsets(problem, costs: costs, finish: finish, tails: tails)
                return FluidBound.latency(problem, offsets: offsets, costs: costs) <= limit
            }
        }
    }
}
