/// What limits a throughput plan's period: each replica's period and bottleneck (the
/// device or link with the largest load per period, `PipelineLoad`), the replica with the
/// longest period, its bottleneck stage (the nodes on that device, or the transfers on
/// that link), and the next busiest resource, which bounds what rebalancing could gain.
public struct PeriodLimit: Sendable, Equatable, Codable {
    public struct Replica: Sendable, Equatable, Codable {
        public var index: Int
        public var period: Double
        /// A device name or `link a->b`.
        public var bottleneck: String
        /// Nodes (device bottleneck) or transfers (link bottleneck) that make up the load.
        public var stageSteps: Int
        /// The stage's op types by load, largest first (device bottleneck).
        public var stageOps: [OpLoad]
        /// The second largest load of the replica, and where (nil when nothing else carries load).
        public var runnerUp: String?
        public var runnerUpLoad: Double?
    }

    public struct OpLoad: Sendable, Equatable, Codable {
        public var op: String
        public var seconds: Double
        public var count: Int
    }

    public var replicas: [Replica]
    /// Index into `replicas` of the one with the longest period (ties: the first).
    public var limiting: Int

    /// The limits of each replica's placement.
    /// - Complexity: O(R·(|V| + |E| + |K|²)).
    public init(problem: SchedulingProblem, placements: [[Int]]) {
        let replicas = placements.enumerated().map { r, placement in Self.replica(r, problem, placement) }
        self.replicas = replicas
        limiting = replicas.indices.max { (replicas[$0].period, $1) < (replicas[$1].period, $0) } ?? 0
    }

    private static func replica(_ r: Int, _ problem: SchedulingProblem, _ placement: [Int]) -> Replica {
        let load = PipelineLoad(problem: problem, placement: placement)
        let names = problem.devices.map(\.name)
        var resources: [(String, Double)] = load.deviceLoad.indices.map { (names[$0], load.deviceLoad[$0]) }
        for a in load.linkLoad.indices { for b in load.linkLoad[a].indices where a != b { resources.append(("link \(names[a])->\(names[b])", load.linkLoad[a][b])) } }
        let bottleneck = load.bottleneck.describe(names)
        let second = resources.filter { $0.0 != bottleneck && $0.1 > 0 }.max { ($0.1, $1.0) < ($1.1, $0.0) }
        var replica = Replica(index: r, period: load.period, bottleneck: bottleneck, stageSteps: 0, stageOps: [],
                              runnerUp: second?.0, runnerUpLoad: second?.1)
        switch load.bottleneck {
        case let .device(k):
            var ops: [String: OpLoad] = [:]
            for v in placement.indices where placement[v] == k {
                let op = problem.nodes[v].op
                var entry = ops[op] ?? OpLoad(op: op, seconds: 0, count: 0)
                entry.seconds += problem.cost(v, on: k)
                entry.count += 1
                ops[op] = entry
                replica.stageSteps += 1
            }
            replica.stageOps = ops.values.sorted { ($1.seconds, $0.op) < ($0.seconds, $1.op) }
        case let .link(a, b):
            replica.stageSteps = problem.edges.filter { placement[$0.from] == a && placement[$0.to] == b }.count
        }
        return replica
    }
}
