/// Why the heaviest nodes sit where they are: for each, the makespan (and for throughput
/// plans the period) the simulator gives when that node alone moves to each other
/// device, the rest of the placement and every device's order kept.
///
/// The moved node joins its new device's order where its old start time falls; ties
/// between equal start times follow the topological order, so the orders stay consistent
/// with the graph and the simulation cannot deadlock. A node in a colocation group moves
/// with its whole group.
public struct NodeMove: Sendable, Equatable, Codable {
    /// One device the node could move to.
    public struct Option: Sendable, Equatable, Codable {
        public var device: String
        /// The node's cost there; nil where it may not run.
        public var cost: Double?
        /// The makespan (of the pass) with the node moved there.
        public var makespan: Double?
        /// The pass's pipeline period with the node moved there (throughput plans).
        public var period: Double?
        /// Whether the device's memory still holds its weights after the move.
        public var fitsMemory: Bool
        /// Other nodes of the node's colocation group that move with it.
        public var groupMoves: Int
    }

    public var node: Int
    public var name: String
    public var op: String
    public var device: String
    /// The node's duration where it is.
    public var seconds: Double
    /// The pass's makespan and period as planned (re-simulated with the same orders).
    public var makespan: Double
    public var period: Double?
    public var options: [Option]
}

public enum MoveAnalysis {
    /// The `count` nodes of `schedule` that take longest (ties by index), each tried on
    /// every other device of `targets` (all when nil). `throughput` adds the period of
    /// each alternative.
    /// - Complexity: O(count·|K|·(|V| log |V| + |E|)).
    public static func heaviest(problem: SchedulingProblem, schedule: Schedule, count: Int, throughput: Bool = false,
                                targets: [Int]? = nil) -> [NodeMove] {
        let nodes = problem.nodes.indices.filter { schedule.finish[$0] > schedule.start[$0] }
            .sorted { (schedule.finish[$1] - schedule.start[$1], $0) < (schedule.finish[$0] - schedule.start[$0], $1) }
        let rank = topologicalRank(problem)
        let base = simulate(problem, schedule, moving: [], to: 0, rank: rank)
        return nodes.prefix(count).map { v in
            let group = problem.nodes[v].group.flatMap { problem.groups[$0] } ?? [v]
            let options = (targets ?? Array(problem.devices.indices)).filter { $0 != schedule.device[v] }.map { k in
                option(problem, schedule, group: group, node: v, to: k, rank: rank, throughput: throughput)
            }
            return NodeMove(node: v, name: problem.nodes[v].name, op: problem.nodes[v].op, device: problem.devices[schedule.device[v]].name,
                            seconds: schedule.finish[v] - schedule.start[v], makespan: base.makespan,
                            period: throughput ? PipelineLoad(problem: problem, placement: schedule.device).period : nil, options: options)
        }
    }

    private static func option(_ problem: SchedulingProblem, _ schedule: Schedule, group: [Int], node v: Int, to k: Int,
                               rank: [Int], throughput: Bool) -> NodeMove.Option {
        let name = problem.devices[k].name
        guard group.allSatisfy({ problem.isAllowed($0, on: k) }) else {
            return NodeMove.Option(device: name, cost: nil, makespan: nil, period: nil, fitsMemory: true, groupMoves: group.count - 1)
        }
        let moved = simulate(problem, schedule, moving: group, to: k, rank: rank)
        let used = Validator.memoryUse(placement: moved.device, problem: problem)[k]
        return NodeMove.Option(device: name, cost: problem.cost(v, on: k), makespan: moved.makespan,
                               period: throughput ? PipelineLoad(problem: problem, placement: moved.device).period : nil,
                               fitsMemory: used <= problem.devices[k].memoryBytes, groupMoves: group.count - 1)
    }

    /// The schedule with `moving` on device `k`, every device's order by (start, topological rank).
    static func simulate(_ problem: SchedulingProblem, _ schedule: Schedule, moving: [Int], to k: Int, rank: [Int]) -> Schedule {
        var placement = schedule.device
        for v in moving { placement[v] = k }
        var order = [[Int]](repeating: [], count: problem.deviceCount)
        for v in problem.nodes.indices { order[placement[v]].append(v) }
        for d in order.indices { order[d].sort { (schedule.start[$0], rank[$0]) < (schedule.start[$1], rank[$1]) } }
        do {
            return try Simulator.run(problem, placement: placement, order: order)
        } catch {
            // Orders by (start, topological rank) follow the graph's edges and every moved
            // node is allowed on k, so the simulator has nothing to reject.
            preconditionFailure("moving \(moving) to device \(k): \(error)")
        }
    }

    /// Each node's position in the problem's topological order.
    static func topologicalRank(_ problem: SchedulingProblem) -> [Int] {
        var rank = [Int](repeating: 0, count: problem.nodes.count)
        for (i, v) in problem.topologicalOrder.enumerated() { rank[v] = i }
        return rank
    }
}
