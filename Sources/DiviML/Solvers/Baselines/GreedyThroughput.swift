import Foundation

/// Pipeline placement by greedy load balancing, then local search (min-max load).
///
/// Phase 1 takes nodes in decreasing cheapest cost (the LPT rule of Graham 1969, which
/// places big items while there is room to balance them) and puts each where the
/// partial period (largest device or link load) grows least. Phase 2 moves single nodes
/// (whole groups) to another device while that strictly lowers the period, or keeps it
/// and lowers the sum of loads — a steepest-descent pass bounded by `maxPasses`. Memory
/// and groups hold throughout.
/// - Complexity: O(|V|·|K|·(deg + |K|)) per pass, with deg the node's degree.
public struct GreedyThroughputSolver: ThroughputSolver {
    public let name = "greedy"
    public var maxPasses = 50
    public init() {}

    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        let clock = ContinuousClock.now
        var loads = LoadTracker(problem)
        let order = problem.nodes.indices.sorted { (problem.cheapestCost($0), -$0) > (problem.cheapestCost($1), -$1) }
        for v in order where loads.placement[v] < 0 {
            let unit = loads.unit(of: v)
            let choices = loads.feasibleDevices(for: unit)
            guard let best = choices.min(by: { loads.periodIf(unit, on: $0) < loads.periodIf(unit, on: $1) }) else {
                throw HeuristicDeadEnd(solver: name, node: problem.nodes[v].name)
            }
            loads.move(unit, to: best)
        }
        var passes = 0
        while passes < maxPasses, loads.improveOnce() { passes += 1 }
        return ThroughputResult(solver: name, placement: loads.placement, status: .heuristic,
                                solveSeconds: clock.secondsElapsed, notes: ["\(passes) local-search passes"])
    }
}

/// HEFT's latency placement judged as a pipeline: a reference, not a throughput method.
public struct HEFTThroughputSolver: ThroughputSolver {
    public let name = "heft"
    public init() {}

    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        let result = try HEFTSolver().solve(problem, options: options)
        return ThroughputResult(solver: name, placement: result.schedule?.device, status: .heuristic,
                                solveSeconds: result.solveSeconds)
    }
}

/// The fastest single device as a pipeline (the period is its total load).
public struct SingleDeviceThroughputSolver: ThroughputSolver {
    public let name = "single"
    public init() {}

    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        let clock = ContinuousClock.now
        let best = SingleDevice.all(problem).compactMap { $0.schedule?.device }
            .min { PipelineLoad(problem: problem, placement: $0).period < PipelineLoad(problem: problem, placement: $1).period }
        guard let placement = best else {
            return ThroughputResult(solver: name, placement: nil, status: .infeasible("no device can run the whole model alone"),
                                    solveSeconds: clock.secondsElapsed)
        }
        return ThroughputResult(solver: name, placement: placement, status: .heuristic, solveSeconds: clock.secondsElapsed,
                                notes: ["all on '\(problem.devices[placement.first { $0 != problem.host } ?? problem.host].name)'"])
    }
}
