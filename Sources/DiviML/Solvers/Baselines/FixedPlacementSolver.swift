/// A placement given from outside (a split file of another tool), scheduled in our model:
/// nodes with a device stay there; the others are list-scheduled (HEFT's priority order,
/// insertion) onto the non-accelerator devices, each to its earliest finish.
/// - Complexity: that of HEFT's list scheduling.
public struct FixedPlacementSolver: LatencySolver {
    public let name: String
    public let placement: [Int?]

    public init(name: String, placement: [Int?]) {
        self.name = name
        self.placement = placement
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        let listed = try MemoryFillSolver.listSchedule(problem, order: HEFTSolver.priorityOrder(problem), fixed: placement, solver: name,
                                                       free: { problem.devices[$0].kind != .accelerator })
        let free = placement.filter { $0 == nil }.count
        return SolverResult(solver: name, schedule: try SplittingSolver.simulate(problem, listed), status: .heuristic,
                            solveSeconds: clock.secondsElapsed,
                            notes: ["placement given: \(placement.count - free) nodes fixed, \(free) list-scheduled onto the CPU cores"])
    }
}
