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
        let clock = Date()
        let library = try HighsLibrary(environment: environment)
        let period = { (s: Schedule) in PipelineLoad(problem: problem, placement: s.device).period }
        let warm = ExactModelFacts.startingSchedule(problem, hint: options.hint).flatMap { $0.makespan <= maxLatency ? $0 : nil }
        let model = MILPLatencyModel(problem, warmStart: warm, maxLatency: maxLatency)
        let outcome = try runner(library, options, unit: model.unit, label: "milp throughput").solve(model.lp, start: model.start)
        let elapsed = Date().timeIntervalSince(clock)
        var status = Self.status(outcome, infeasible: CPSATSolver.latencyReason(maxLatency, problem))
        var notes: [String] = []
        var schedule = try outcome.values.map { try model.schedule(from: $0) }
        if let s = schedule, s.makespan > maxLatency {
            schedule = nil
            notes.append("HiGHS's schedule missed the latency ceiling when re-simulated; discarded")
        }
        if let w = warm, schedule.map({ period(w) < period($0) }) ?? true {
            if schedule == nil { notes.append("HiGHS found no schedule within the limit; returning the warm start") }
            schedule = w
            if status == .optimal || status.isInfeasible { status = .feasible }
        }
        let bound = schedule.flatMap { s in Self.bound(outcome.dualBound, unit: model.unit, chainRows: 2).map { min($0, period(s)) } }
        status = status.demotedIfGap(value: schedule.map(period), bound: bound)
        if let s = schedule { notes.append("one pass takes \(String(format: "%.4g", s.makespan)) s (ceiling \(String(format: "%.4g", maxLatency)) s)") }
        var result = ThroughputResult(solver: name, placement: schedule?.device, status: status, lowerBound: bound,
                                      solveSeconds: elapsed, notes: notes)
        result.passSchedule = schedule
        let stop = Self.stopping(outcome, options)
        if let note = stop.note { result.notes.append(note) }
        result.mayVary = stop.mayVary
        return (result, schedule)
    }
}
