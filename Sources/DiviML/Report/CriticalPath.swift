/// The chain of work that sets a schedule's makespan: from the node that finishes last,
/// back through whatever made each step start when it did (an input's arrival, which may
/// be a transfer, or the device finishing the node before it), to time 0.
///
/// For a schedule the simulator built (every node starts as soon as its device is free
/// and its inputs have arrived) every step starts exactly when the step before it ends,
/// so `length == makespan` and `waiting == 0`; release times or device-ready times leave
/// `waiting > 0` before the first step. A schedule with idle time inserted by hand shows
/// it as `waiting` too.
public struct CriticalPath: Sendable, Equatable, Codable {
    /// What a step is.
    public enum Kind: String, Sendable, Codable { case node, transfer }
    /// Why a step starts when it does.
    public enum Cause: String, Sendable, Codable {
        /// First step: nothing earlier holds it (time 0, a release time, a device ready time).
        case start
        /// The step before is this node's input (or the transfer carrying it).
        case data
        /// The step before is the previous node on the same device, which had to finish first.
        case device
    }

    public struct Step: Sendable, Equatable, Codable {
        public var kind: Kind
        /// The node (kind `node`), or the consumer of the transfer.
        public var node: Int
        /// The edge (kind `transfer`).
        public var edge: Int?
        /// The device the node runs on, or the transfer's source device.
        public var device: Int
        /// The transfer's destination device.
        public var destination: Int?
        public var start: Double
        public var finish: Double
        public var cause: Cause
        public var duration: Double { finish - start }
    }

    /// Steps in time order; empty for a problem without nodes.
    public var steps: [Step]
    /// The schedule's makespan.
    public var makespan: Double

    /// Total duration of the steps.
    public var length: Double { steps.reduce(0) { $0 + $1.duration } }
    /// Time on the chain when nothing of it runs: `makespan - length`.
    public var waiting: Double { makespan - length }

    /// The critical path of `schedule`. Ties go to the input with the lowest edge index,
    /// then to the device predecessor, so the path is deterministic.
    /// - Complexity: O(|V| log |V| + |E|).
    public init(problem: SchedulingProblem, schedule: Schedule) {
        makespan = schedule.makespan
        steps = []
        guard var v = schedule.finish.indices.max(by: { (schedule.finish[$0], $1) < (schedule.finish[$1], $0) }) else { return }
        let tolerance = 1e-9 * max(makespan, 1e-12)
        let previous = Self.devicePredecessors(problem, schedule)
        var reversed: [Step] = []
        while true {
            let k = schedule.device[v]
            var step = Step(kind: .node, node: v, edge: nil, device: k, destination: nil,
                            start: schedule.start[v], finish: schedule.finish[v], cause: .start)
            let input = problem.incoming[v].first { e in
                let u = problem.edges[e].from
                return abs(schedule.finish[u] + problem.transferTime(edge: e, from: schedule.device[u], to: k) - step.start) <= tolerance
            }
            if let e = input {
                step.cause = .data
                reversed.append(step)
                let u = problem.edges[e].from
                if schedule.device[u] != k {
                    reversed.append(Step(kind: .transfer, node: v, edge: e, device: schedule.device[u], destination: k,
                                         start: schedule.finish[u], finish: step.start, cause: .data))
                }
                v = u
            } else if let p = previous[v], abs(schedule.finish[p] - step.start) <= tolerance, step.start > tolerance {
                step.cause = .device
                reversed.append(step)
                v = p
            } else {
                reversed.append(step)
                break
            }
        }
        steps = reversed.reversed()
    }

    /// For each node with a cost, the node with a cost that runs before it on its device.
    private static func devicePredecessors(_ problem: SchedulingProblem, _ schedule: Schedule) -> [Int?] {
        var previous = [Int?](repeating: nil, count: schedule.device.count)
        for list in schedule.order(deviceCount: problem.deviceCount) {
            let busy = list.filter { schedule.finish[$0] > schedule.start[$0] }
            for (a, b) in zip(busy, busy.dropFirst()) { previous[b] = a }
        }
        return previous
    }

    /// The longest path through the graph at the schedule's placement (node costs on their
    /// devices, the transfers the placement implies, release times), ignoring that a device
    /// runs one node at a time: no order of this placement finishes sooner.
    /// - Complexity: O(|V| + |E|).
    public static func dependencyLength(problem: SchedulingProblem, placement: [Int]) -> Double {
        var finish = [Double](repeating: 0, count: placement.count)
        for v in problem.topologicalOrder {
            var ready = problem.release[v]
            for e in problem.incoming[v] {
                let u = problem.edges[e].from
                ready = max(ready, finish[u] + problem.transferTime(edge: e, from: placement[u], to: placement[v]))
            }
            finish[v] = ready + problem.cost(v, on: placement[v])
        }
        return finish.max() ?? 0
    }
}
