/// From a problem and a solver to a plan: runs the solver, re-checks its answer, and
/// attaches the lower bound and the fastest-single-device reference.
public enum Planner {
    /// Why no plan came out.
    public struct NoPlan: Error, Sendable, CustomStringConvertible {
        public var solver: String
        public var status: SolveStatus
        public var description: String { "\(solver) found no schedule (\(status))" }
    }

    /// A latency plan and its schedule.
    /// - Throws: `NoPlan` when the solver returns no schedule; a solver's own errors.
    public static func latency(_ problem: SchedulingProblem, solver: any LatencySolver, options: SolveOptions,
                               platform: String?) throws -> (plan: Plan, schedule: Schedule, result: SolverResult) {
        let result = try solver.solve(problem, options: options)
        guard let schedule = result.schedule else { throw NoPlan(solver: result.solver, status: result.status) }
        let violations = Validator.violations(of: schedule, for: problem)
        precondition(violations.isEmpty, "\(result.solver) returned an invalid schedule: \(violations.prefix(3))")
        let bounds = LowerBounds.latency(problem).map(\.seconds) + [result.lowerBound].compactMap { $0 }
        let reference = SingleDevice.fastest(problem).map { (problem.devices[$0.device].name, $0.schedule!.makespan) }
        let plan = Plan(latency: schedule, problem: problem, result: result, platform: platform,
                        lowerBound: bounds.max(), reference: reference)
        return (plan, schedule, result)
    }

    /// A throughput plan (one pipeline) and its placement.
    /// - Parameter batch: samples per pass through the pipeline.
    public static func throughput(_ problem: SchedulingProblem, solver: any ThroughputSolver, options: SolveOptions,
                                  platform: String?, batch: Int) throws -> (plan: Plan, placement: [Int], result: ThroughputResult) {
        let result = try solver.solveThroughput(problem, options: options)
        guard let placement = result.placement else { throw NoPlan(solver: result.solver, status: result.status) }
        let bounds = LowerBounds.period(problem).map(\.seconds) + [result.lowerBound].compactMap { $0 }
        let reference = try SingleDeviceThroughputSolver().solveThroughput(problem, options: options).placement.map { p in
            let load = PipelineLoad(problem: problem, placement: p)
            return (device: load.bottleneck.describe(problem.devices.map(\.name)), period: load.period)
        }
        let plan = try Plan(throughput: [placement], problem: problem, result: result, platform: platform, batch: batch,
                            lowerBound: bounds.max(), reference: reference)
        return (plan, placement, result)
    }
}
