import Foundation

/// Every node on one device where it may run (a node allowed elsewhere only, such as a
/// context pseudo-node or a pinned group, stays on its cheapest allowed device), in
/// topological order; the best device is kept. Unlike `FastestSingleDeviceSolver` it
/// accepts nodes pinned to any device, so it works on module sub-problems, where "the
/// whole module on the fastest GPU" is often the right answer for a chain of layers.
/// - Complexity: O(|K|·(|V| log |V| + |E|)).
public struct WholeOnOneDeviceSolver: LatencySolver {
    public let name = "one-device"
    public init() {}

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        var rank = [Double](repeating: 0, count: problem.nodes.count)
        for (i, v) in problem.topologicalOrder.enumerated() { rank[v] = Double(problem.nodes.count - i) }
        var best: Schedule?
        for k in problem.devices.indices {
            let placement = problem.nodes.indices.map { v in
                problem.isAllowed(v, on: k) ? k : problem.allowedDevices(v).min { problem.cost(v, on: $0) < problem.cost(v, on: $1) }!
            }
            let used = Validator.memoryUse(placement: placement, problem: problem)
            guard problem.devices.indices.allSatisfy({ used[$0] <= problem.devices[$0].memoryBytes }),
                  problem.groups.values.allSatisfy({ Set($0.map { placement[$0] }).count == 1 }),
                  let schedule = try? Simulator.run(problem, placement: placement, priority: rank) else { continue }
            if best == nil || schedule.makespan < best!.makespan { best = schedule }
        }
        return SolverResult(solver: name, schedule: best, status: best == nil ? .infeasible("no device holds every node") : .heuristic,
                            solveSeconds: clock.secondsElapsed)
    }
}
