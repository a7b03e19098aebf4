import Foundation

/// Heterogeneous Earliest Finish Time (Topcuoglu, Hariri, Wu, "Performance-effective and
/// low-complexity task scheduling for heterogeneous computing", IEEE TPDS 13(3), 2002).
///
/// Tasks are taken in decreasing upward rank, `rank_u(i) = w̄_i + max_j (c̄_ij + rank_u(j))`,
/// with `w̄` the mean cost over allowed devices and `c̄` the mean transfer time over ordered
/// pairs of distinct devices; each goes to the device giving the earliest finish time,
/// using the insertion policy (the earliest idle gap long enough). Extended here to the
/// model's rules: allowed devices, colocation groups, memory, release times.
/// - Complexity: O(|V|²·|K|) worst case from insertion scans; O((|V| + |E|)·|K|) otherwise.
public struct HEFTSolver: LatencySolver {
    public let name = "heft"
    public init() {}

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        var state = PlacementState(problem)
        for v in HEFTSolver.priorityOrder(problem) {
            guard let (k, start) = state.bestFinish(v, insertion: true) else {
                throw HeuristicDeadEnd(solver: name, node: problem.nodes[v].name)
            }
            state.assign(v, to: k, start: start)
        }
        return SolverResult(solver: name, schedule: state.schedule, status: .heuristic,
                            solveSeconds: clock.secondsElapsed)
    }

    /// Nodes in decreasing upward rank (`rank`, default `upwardRank`; ties: lower index). With zero-cost nodes and free
    /// transfers a successor can tie its predecessor, so the order is taken from a
    /// max-heap over ready nodes, which equals the sorted order whenever ranks strictly
    /// decrease along edges and stays topological when they do not.
    /// - Complexity: O(|V| log |V| + |E|).
    static func priorityOrder(_ problem: SchedulingProblem, rank: [Double]? = nil) -> [Int] {
        var waiting = problem.incoming.map(\.count)
        var ready = PriorityQueue(rank ?? upwardRank(problem))
        for v in problem.nodes.indices where waiting[v] == 0 { ready.insert(v) }
        var order: [Int] = []
        while let v = ready.popMax() {
            order.append(v)
            for w in problem.successors(v) {
                waiting[w] -= 1
                if waiting[w] == 0 { ready.insert(w) }
            }
        }
        return order
    }

    /// Upward ranks with mean costs (the paper's Eq. 3-4).
    /// - Complexity: O((|V| + |E|)·|K|).
    public static func upwardRank(_ problem: SchedulingProblem) -> [Double] {
        let k = problem.deviceCount
        var meanTransfer = { (bytes: Int64) -> Double in 0 }
        if k > 1 {
            let pairs = (0..<k).flatMap { a in (0..<k).filter { $0 != a }.map { (a, $0) } }
            let meanLatency = pairs.reduce(0.0) { $0 + problem.latency[$1.0][$1.1] } / Double(pairs.count)
            let meanInverseBandwidth = pairs.reduce(0.0) { $0 + 1 / problem.bandwidth[$1.0][$1.1] } / Double(pairs.count)
            meanTransfer = { bytes in meanLatency + Double(bytes) * meanInverseBandwidth }
        }
        var rank = [Double](repeating: 0, count: problem.nodes.count)
        for v in problem.topologicalOrder.reversed() {
            let costs = problem.nodes[v].cost.compactMap { $0 }
            let tail = problem.outgoing[v].map { meanTransfer(problem.edges[$0].bytes) + rank[problem.edges[$0].to] }.max() ?? 0
            rank[v] = costs.reduce(0, +) / Double(costs.count) + tail
        }
        return rank
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant until now.
    var secondsElapsed: Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
