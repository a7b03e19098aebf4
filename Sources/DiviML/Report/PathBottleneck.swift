/// Where a latency plan's critical path spends its time: seconds of compute per device
/// and of transfer per directed link along the path. The resource with the most is the
/// bottleneck: speeding it up (or taking work off the path there) shortens the makespan.
public struct PathBottleneck: Sendable, Equatable, Codable {
    public struct Share: Sendable, Equatable, Codable {
        /// A device name or `link a → b`.
        public var resource: String
        public var isLink: Bool
        public var seconds: Double
        /// Nodes (devices) or transfers (links) of the path on it.
        public var steps: Int
        public var bytes: Int64
    }

    /// Shares, largest first (ties by name).
    public var shares: [Share]
    /// The largest share, when the path has a step that takes time.
    public var bottleneck: Share? { shares.first { $0.seconds > 0 } }

    /// The shares of `path`.
    /// - Complexity: O(steps + |K|² log |K|).
    public init(path: CriticalPath, problem: SchedulingProblem) {
        var table: [String: Share] = [:]
        let names = problem.devices.map(\.name)
        for step in path.steps {
            let isLink = step.kind == .transfer
            let key = isLink ? "link \(names[step.device]) → \(names[step.destination!])" : names[step.device]
            var share = table[key] ?? Share(resource: key, isLink: isLink, seconds: 0, steps: 0, bytes: 0)
            share.seconds += step.duration
            share.steps += 1
            if let e = step.edge { share.bytes += problem.edges[e].bytes }
            table[key] = share
        }
        shares = table.values.sorted { ($1.seconds, $0.resource) < ($0.seconds, $1.resource) }
    }
}
