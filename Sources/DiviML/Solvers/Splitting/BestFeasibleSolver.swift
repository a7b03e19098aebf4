import Foundation

/// The best schedule among several solvers, skipping those that throw (a list scheduler's
/// memory dead end) — unlike `BestOfSolver`, one member's dead end does not sink the rest.
/// Used for splitting's starting schedule, where one list scheduler may hit a memory dead end.
/// - Complexity: the members' solves.
public struct BestFeasibleSolver: LatencySolver {
    public let name: String
    public let members: [any LatencySolver]

    public init(name: String, members: [any LatencySolver]) {
        self.name = name
        self.members = members
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        var failures: [String] = []
        var best: SolverResult?
        for member in members {
            do {
                let result = try member.solve(problem, options: options)
                if let s = result.schedule, best?.schedule.map({ s.makespan < $0.makespan }) ?? true { best = result }
            } catch {
                failures.append("\(member.name): \(error)")
            }
        }
        guard var result = best else {
            return SolverResult(solver: name, schedule: nil, status: .infeasible(failures.first ?? "no member found a schedule"),
                                solveSeconds: clock.secondsElapsed, notes: failures)
        }
        result.notes.insert("best of \(members.map(\.name).joined(separator: ", ")): \(result.solver)", at: 0)
        result.solver = name
        result.solveSeconds = clock.secondsElapsed
        return result
    }
}
