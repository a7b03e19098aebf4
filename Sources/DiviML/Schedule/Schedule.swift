/// A latency schedule: where and when every node runs (docs/design.md §2).
///
/// Transfers are implied: edge (u, v) with `device[u] != device[v]` moves its tensor
/// from `finish[u]` for `transferTime` seconds. `Simulator` builds schedules and
/// `Validator` checks them against every rule of the model.
public struct Schedule: Sendable, Hashable {
    /// Device of each node.
    public var device: [Int]
    /// Start time of each node, seconds.
    public var start: [Double]
    /// Finish time of each node, seconds.
    public var finish: [Double]

    public init(device: [Int], start: [Double], finish: [Double]) {
        self.device = device
        self.start = start
        self.finish = finish
    }

    /// The latest finish time.
    public var makespan: Double { finish.max() ?? 0 }

    /// The nodes of each device ordered by start time (ties by node index).
    public func order(deviceCount: Int) -> [[Int]] {
        var lists = [[Int]](repeating: [], count: deviceCount)
        for v in device.indices { lists[device[v]].append(v) }
        return lists.map { $0.sorted { (start[$0], $0) < (start[$1], $1) } }
    }
}

/// One tensor moving between devices.
public struct Transfer: Sendable, Hashable {
    /// Index into `SchedulingProblem.edges`.
    public var edge: Int
    public var sourceDevice: Int
    public var destinationDevice: Int
    public var start: Double
    public var finish: Double
}

extension SchedulingProblem {
    /// The transfers a schedule implies, each starting when its producer finishes.
    /// - Complexity: O(|E|).
    public func transfers(of schedule: Schedule) -> [Transfer] {
        edges.indices.compactMap { e in
            let (u, v) = (edges[e].from, edges[e].to)
            let (a, b) = (schedule.device[u], schedule.device[v])
            guard a != b else { return nil }
            let t = schedule.finish[u]
            return Transfer(edge: e, sourceDevice: a, destinationDevice: b, start: t,
                            finish: t + transferTime(edge: e, from: a, to: b))
        }
    }

    /// Fraction of the makespan each device spends computing.
    public func busyShare(of schedule: Schedule) -> [Double] {
        let span = schedule.makespan
        var busy = [Double](repeating: 0, count: deviceCount)
        for v in nodes.indices { busy[schedule.device[v]] += schedule.finish[v] - schedule.start[v] }
        return busy.map { span > 0 ? $0 / span : 0 }
    }
}
