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
        let clock = Date()
        let library = try CPSATLibrary(environment: environment)
        let period = { (s: Schedule) in PipelineLoad(problem: problem, placement: s.device).period }
        let warm = ExactModelFacts.startingSchedule(problem, hint: options.hint).flatMap { $0.makespan <= maxLatency ? $0 : nil }
        var model = CPSATLatencyModel(problem, warmStart: warm)
        _ = model.minimizePeriod(latencyAtMost: maxLatency)
        let response = try run(library, model.builder.finished(name: problem.name), options, scale: model.scale,
                               label: "exact throughput", warmStart: warm.map(period))
        let elapsed = Date().timeIntervalSince(clock)
        var status = Self.status(response, infeasible: Self.latencyReason(maxLatency, problem))
        var notes: [String] = []
        var schedule = response.solution.isEmpty ? nil : try model.schedule(from: response.solution)
        if let s = schedule, s.makespan > maxLatency {
            schedule = nil
            notes.append("CP-SAT's schedule missed the latency ceiling when re-simulated; discarded")
        }
        if let w = warm, schedule.map({ period(w) < period($0) }) ?? true {
            if schedule == nil { notes.append("CP-SAT found no schedule within the limit; returning the warm start") }
            schedule = w
            if status == .optimal || status.isInfeasible { status = .feasible }
        }
        var bound: Double?
        if let s = schedule, response.status == .optimal || response.status == .feasible {
            bound = min(model.scale.seconds(bound: response.bestObjectiveBound), period(s))
        }
        status = status.demotedIfGap(value: schedule.map(period), bound: bound)
        if let s = schedule { notes.append("one pass takes \(String(format: "%.4g", s.makespan)) s (ceiling \(String(format: "%.4g", maxLatency)) s)") }
        var result = ThroughputResult(solver: name, placement: schedule?.device, status: status, lowerBound: bound,
                                      solveSeconds: elapsed, notes: notes)
        result.passSchedule = schedule
        let stop = Self.stopping(response, options)
        if let note = stop.note { result.notes.append(note) }
        result.mayVary = stop.mayVary
        return (result, schedule)
    }

    /// Why a period limit cannot be met (memory may also be the cause).
    static func periodReason(_ maxPeriod: Double, _ p: SchedulingProblem) -> String {
        "no placement has a pipeline period of at most \(String(format: "%.4g", maxPeriod)) s (throughput floor) with the weights fitting in memory"
    }

    /// Why a latency ceiling cannot be met (memory may also be the cause).
    static func latencyReason(_ maxLatency: Double, _ p: SchedulingProblem) -> String {
        "no schedule finishes one pass within \(String(format: "%.4g", maxLatency)) s (latency ceiling) with the weights fitting in memory"
    }
}
