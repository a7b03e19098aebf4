/// Steady-state pipelined throughput of a placement (docs/design.md §2, throughput semantics).
///
/// Each device's load is the sum of its nodes' costs; each directed link's load is the
/// sum of the transfer times it carries; the period is the largest load and one input
/// batch completes every period.
public struct PipelineLoad: Sendable, Hashable {
    /// What limits the period.
    public enum Bottleneck: Sendable, Hashable {
        case device(Int)
        case link(from: Int, to: Int)
    }

    /// Compute seconds per period on each device.
    public var deviceLoad: [Double]
    /// Transfer seconds per period on each directed link, `[from][to]`.
    public var linkLoad: [[Double]]

    /// The period: the largest device or link load.
    public var period: Double {
        max(deviceLoad.max() ?? 0, linkLoad.lazy.flatMap { $0 }.max() ?? 0)
    }

    /// The device or link whose load equals the period (devices win ties).
    public var bottleneck: Bottleneck {
        let p = period
        if let k = deviceLoad.firstIndex(of: p) { return .device(k) }
        for a in linkLoad.indices { for b in linkLoad[a].indices where linkLoad[a][b] == p { return .link(from: a, to: b) } }
        return .device(0)
    }

    /// Loads of `placement` for `problem`.
    /// - Complexity: O(|V| + |E| + |K|²).
    public init(problem: SchedulingProblem, placement: [Int]) {
        let k = problem.deviceCount
        deviceLoad = .init(repeating: 0, count: k)
        linkLoad = .init(repeating: .init(repeating: 0, count: k), count: k)
        for v in placement.indices { deviceLoad[placement[v]] += problem.cost(v, on: placement[v]) }
        for (e, edge) in problem.edges.enumerated() {
            let (a, b) = (placement[edge.from], placement[edge.to])
            if a != b { linkLoad[a][b] += problem.transferTime(edge: e, from: a, to: b) }
        }
    }
}
