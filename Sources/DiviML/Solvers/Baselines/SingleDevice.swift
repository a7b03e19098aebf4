import Foundation

/// Everything on one device (host I/O nodes stay on the host): the "fastest GPU alone"
/// reference every speedup is measured against.
/// - Complexity: O(|K|·(|V| log |V| + |E|)).
public enum SingleDevice {
    /// One device's result: the schedule, or why the model cannot run there alone.
    public struct Outcome: Sendable {
        public var device: Int
        public var schedule: Schedule?
        /// Why the device cannot run the model alone (a node not allowed, memory).
        public var reason: String?
    }

    /// The schedule with every node on `k` (host-pinned nodes on the host), or why not.
    public static func evaluate(_ problem: SchedulingProblem, device k: Int) -> Outcome {
        var placement = [Int](repeating: k, count: problem.nodes.count)
        for v in problem.nodes.indices where !problem.isAllowed(v, on: k) {
            let pinned = problem.allowedDevices(v)
            guard pinned == [problem.host], problem.nodes[v].paramBytes == 0 else {
                return Outcome(device: k, schedule: nil, reason: "node '\(problem.nodes[v].name)' cannot run on it")
            }
            placement[v] = problem.host
        }
        let used = Validator.memoryUse(placement: placement, problem: problem)
        if used[k] > problem.devices[k].memoryBytes {
            return Outcome(device: k, schedule: nil,
                           reason: "weights need \(formatBytes(used[k])), it has \(formatBytes(problem.devices[k].memoryBytes))")
        }
        // One device runs in the problem's topological order.
        var rank = [Double](repeating: 0, count: problem.nodes.count)
        for (i, v) in problem.topologicalOrder.enumerated() { rank[v] = Double(problem.nodes.count - i) }
        return Outcome(device: k, schedule: try? Simulator.run(problem, placement: placement, priority: rank), reason: nil)
    }

    /// Every device's outcome, in device order.
    public static func all(_ problem: SchedulingProblem) -> [Outcome] {
        problem.devices.indices.map { evaluate(problem, device: $0) }
    }

    /// The device alone with the smallest makespan, or nil if none can run the model alone.
    public static func fastest(_ problem: SchedulingProblem) -> Outcome? {
        all(problem).filter { $0.schedule != nil }.min { $0.schedule!.makespan < $1.schedule!.makespan }
    }
}

/// `SingleDevice.fastest` as a solver, for tables and comparisons.
public struct FastestSingleDeviceSolver: LatencySolver {
    public let name = "single"
    public init() {}

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        guard let best = SingleDevice.fastest(problem) else {
            return SolverResult(solver: name, schedule: nil, status: .infeasible("no device can run the whole model alone"),
                                solveSeconds: clock.secondsElapsed)
        }
        return SolverResult(solver: name, schedule: best.schedule, status: .heuristic, solveSeconds: clock.secondsElapsed,
                            notes: ["all on '\(problem.devices[best.device].name)'"])
    }
}
