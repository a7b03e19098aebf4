import Foundation

/// Runs several solvers and keeps the schedule with the smallest makespan (ties: the
/// first listed); its solve time is the sum.
public struct BestOfSolver: LatencySolver {
    public let name: String
    public let members: [any LatencySolver]

    public init(name: String, members: [any LatencySolver]) {
        self.name = name
        self.members = members
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let results = try members.map { try $0.solve(problem, options: options) }
        let feasible = results.filter { $0.schedule != nil }
        guard var best = feasible.min(by: { $0.schedule!.makespan < $1.schedule!.makespan }) ?? results.first else {
            return SolverResult(solver: name, schedule: nil, status: .unknown("no solver ran"), solveSeconds: 0)
        }
        best.notes.insert("best of \(members.map(\.name).joined(separator: ", ")): \(best.solver)", at: 0)
        best.solver = name
        best.solveSeconds = results.reduce(0) { $0 + $1.solveSeconds }
        best.lowerBound = results.compactMap(\.lowerBound).max()
        best.mayVary = results.contains(where: \.mayVary)
        return best
    }
}
