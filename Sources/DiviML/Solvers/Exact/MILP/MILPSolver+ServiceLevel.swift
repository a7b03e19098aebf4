import Foundation

extension MILPSolver {
    /// Minimises the pipeline period among schedules whose single-pass makespan is at most
    /// `maxLatency` seconds (issue 4; docs/formulations.md, "Service levels"): the paper's
    /// latency MILP with the makespan column capped at the ceiling and a period column above
    /// every device and directed-link load as the objective. The schedule returned was
    /// re-simulated and meets the ceiling.
    /// - Returns: the throughput result (its placement) and the schedule of one pass.
    /// - Throws: `SolverLibraryError`, `MILPExportError`.
    /// - Complexity: the latency MILP plus |K| + |K|² rows; NP-hard, bounded by the time limit.
    public func solveThroughput(
        _ problem: SchedulingProblem, maxLatency: Double, options: SolveOptions
    ) throws -> (result: ThroughputResult, schedule: Schedule?) {
        let driver = ExactDriver(engine: "HiGHS", solver: name, problem: problem, options: options)
        let library = try HighsLibrary(environment: environment)
        return try driver.throughput(maxLatency: maxLatency) { request in
            let model = MILPLatencyModel(problem, warmStart: request.warmStart, maxLatency: maxLatency)
            let outcome = try runner(library, options, unit: model.unit, label: "milp throughput").solve(model.lp, start: model.start)
            return try Self.exactRun(outcome, options, infeasible: request.infeasible, unit: model.unit, chainRows: 2) {
                try model.schedule(from: $0)
            }
        }
    }
}
