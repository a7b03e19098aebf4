import Foundation

/// Greedy earliest-finish list scheduling: at every step, among all ready nodes and all
/// their candidate devices, commit the pair that finishes first (appending, no insertion).
/// A dynamic-priority scheduler in the family of ETF (Hwang, Chow, Anger, Lee, SIAM J.
/// Comput. 18(2), 1989), choosing by finish rather than start time so that device speed
/// counts.
/// - Complexity: O(|V|·R·|K|) with R the largest ready set, plus O(|E|·|K|).
public struct GreedySolver: LatencySolver {
    public let name = "greedy"
    public init() {}

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        var state = PlacementState(problem)
        var waiting = problem.incoming.map(\.count)
        var ready = Set(problem.nodes.indices.filter { waiting[$0] == 0 })
        while !ready.isEmpty {
            var best: (v: Int, k: Int, start: Double, finish: Double)?
            for v in ready.sorted() {
                guard let (k, start) = state.bestFinish(v, insertion: false) else {
                    throw HeuristicDeadEnd(solver: name, node: problem.nodes[v].name)
                }
                let finish = start + problem.cost(v, on: k)
                if best == nil || finish < best!.finish { best = (v, k, start, finish) }
            }
            let pick = best!
            state.assign(pick.v, to: pick.k, start: pick.start)
            ready.remove(pick.v)
            for w in problem.successors(pick.v) {
                waiting[w] -= 1
                if waiting[w] == 0 { ready.insert(w) }
            }
        }
        return SolverResult(solver: name, schedule: state.schedule, status: .heuristic, solveSeconds: clock.secondsElapsed)
    }
}
