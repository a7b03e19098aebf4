import Foundation

extension CPSATSolver {
    /// Minimises the pipeline period among schedules whose single-pass makespan is at most
    /// `maxLatency` seconds (issue 4; docs/formulations.md, "Service levels"): the latency
    /// model's variables, makespan ≤ ⌊X · ticks/s⌋, and a period variable above every device
    /// and directed-link load. The schedule returned was re-simulated and meets the ceiling.
    /// - Returns: the throughput result (its placement) and the schedule of one pass.
    /// - Throws: `SolverLibraryError` when libortools cannot be loaded.
    /// - Complexity: the latency model plus O(|E|·|K|²) link literals; NP-hard, bounded by
    ///   `SolveOptions.timeLimit`.
    public func solveThroughput(
        _ problem: SchedulingProblem, maxLatency: Double, options: SolveOptions
    ) throws -> (result: ThroughputResult, schedule: Schedule?) {
        let driver = ExactDriver(engine: "CP-SAT", solver: name, problem: problem, options: options)
        let library = try CPSATLibrary(environment: environment)
        return try driver.throughput(maxLatency: maxLatency) { request in
            var model = CPSATLatencyModel(problem, warmStart: request.warmStart)
            _ = model.minimizePeriod(latencyAtMost: maxLatency)
            let response = try run(library, model.builder.finished(name: problem.name), options, scale: model.scale,
                                   label: "exact throughput", warmStart: request.warmValue)
            return try Self.exactRun(response, options, infeasible: request.infeasible, scale: model.scale) {
                try model.schedule(from: $0)
            }
        }
    }
}
