import Foundation

/// What the driver hands an exact engine before it builds its model.
struct ExactRequest<Answer> {
    /// The best heuristic answer that meets the service level (nil: none), to hint the model with.
    var warmStart: Answer?
    /// The warm start's objective value in seconds, for the progress line.
    var warmValue: Double?
    /// The constraint to name when the engine proves infeasibility (`SolveStatus.infeasible`).
    var infeasible: String
}

/// What one engine run produced, in engine-neutral terms: the engine (CP-SAT, HiGHS) builds
/// and solves its model, maps its status and decodes its answer; `ExactDriver` does the rest.
struct ExactRun<Answer> {
    /// The engine's status mapped to DiviML's, before any fallback or gap check.
    var status: SolveStatus
    /// The decoded answer: a re-simulated schedule, or a placement; nil when the engine holds none.
    var answer: Answer?
    /// A proven lower bound on the objective in seconds, valid for the exact problem (tick
    /// rounding, feasibility tolerance accounted for); nil when the engine proved none.
    var bound: Double?
    /// Why the engine stopped, when the user should know, and whether another run may differ.
    var stop: (note: String?, mayVary: Bool)
    /// The engine's own remarks (model size, search statistics), reported after the driver's.
    var notes: [String] = []
    /// The deterministic work the engine used, in its units (CP-SAT's deterministic time).
    var workUnits: Double?
}

/// The part of an exact solve that does not depend on the engine, written once for CP-SAT
/// and the MILP: the clock, the warm start (filtered by the service level), re-checking the
/// engine's answer against the service level, falling back to the warm start, clamping the
/// bound to the answer, demoting `optimal` when a gap remains, the stopping note and
/// `mayVary`, and the result.
///
/// Guarantees, whatever the engine returned: the answer reported meets the service level
/// (the engine's is re-checked; the warm start was filtered); it is never worse than the
/// warm start under the latency objectives; the bound never exceeds the answer's value;
/// `optimal` is reported only when the bound meets the value (`SolveStatus.demotedIfGap`);
/// `solveSeconds` counts from the driver's creation to the end of the engine run.
struct ExactDriver {
    /// The engine's name in notes ("CP-SAT", "HiGHS").
    let engine: String
    /// The solver's name in results ("exact", "milp").
    let solver: String
    let problem: SchedulingProblem
    let options: SolveOptions
    let started = Date()

    /// Minimises the makespan, under a period limit (a throughput floor) when `maxPeriod`
    /// is set. The engine runs once, from the best valid heuristic schedule that meets the limit.
    func latency(maxPeriod: Double?, _ run: (ExactRequest<Schedule>) throws -> ExactRun<Schedule>) throws -> SolverResult {
        let limit = maxPeriod.map { m in ScheduleGoal.Limit(name: "period limit") { period($0.device) <= m } }
        let goal = ScheduleGoal(value: \.makespan, limit: limit,
                                infeasible: maxPeriod.map(Self.periodReason) ?? Self.memoryReason(problem))
        let (r, elapsed) = try settle(goal, run)
        var result = SolverResult(solver: solver, schedule: r.answer, status: r.status, lowerBound: r.bound, solveSeconds: elapsed,
                                  notes: r.notes + [r.stop.note].compactMap { $0 }, mayVary: r.stop.mayVary)
        result.workUnits = r.workUnits
        return result
    }

    /// Minimises the period among schedules whose single-pass makespan is at most
    /// `maxLatency`. - Returns: the result (the schedule's placement) and the pass schedule.
    func throughput(
        maxLatency: Double, _ run: (ExactRequest<Schedule>) throws -> ExactRun<Schedule>
    ) throws -> (result: ThroughputResult, schedule: Schedule?) {
        let limit = ScheduleGoal.Limit(name: "latency ceiling") { $0.makespan <= maxLatency }
        let goal = ScheduleGoal(value: { period($0.device) }, limit: limit, infeasible: Self.latencyReason(maxLatency))
        let (settled, elapsed) = try settle(goal, run)
        var r = settled
        if let s = r.answer { r.notes.append("one pass takes \(String(format: "%.4g", s.makespan)) s (ceiling \(String(format: "%.4g", maxLatency)) s)") }
        var result = throughputResult(r, placement: r.answer?.device, elapsed)
        result.passSchedule = r.answer
        return (result, r.answer)
    }

    /// Minimises the period (largest device or directed-link load). The engine runs once,
    /// from the better of the greedy placements; it is returned only when the engine found none.
    func throughput(_ run: (ExactRequest<[Int]>) throws -> ExactRun<[Int]>) throws -> ThroughputResult {
        let warm = ExactModelFacts.startingPlacement(problem)
        var r = try run(ExactRequest(warmStart: warm, warmValue: warm.map(period), infeasible: Self.memoryReason(problem)))
        let elapsed = Date().timeIntervalSince(started)
        var notes: [String] = []
        if r.answer == nil, let warm, !r.status.isInfeasible {
            r.answer = warm
            notes.append("\(engine) found no placement within the limit; returning the greedy warm start")
        }
        r.bound = r.answer.flatMap { pl in r.bound.map { min($0, period(pl)) } }
        r.status = r.status.demotedIfGap(value: r.answer.map(period), bound: r.bound)
        r.notes = notes + r.notes
        return throughputResult(r, placement: r.answer, elapsed)
    }

    /// The pipeline period of a placement (`PipelineLoad`).
    private func period(_ placement: [Int]) -> Double { PipelineLoad(problem: problem, placement: placement).period }

    /// Runs the engine from the best heuristic schedule that meets the goal's limit, then
    /// settles its answer: a schedule missing the limit is discarded (with a note); the warm
    /// start replaces a missing or worse answer (when a limit is set, also after a proof of
    /// infeasibility, which the valid warm start contradicts), demoting `optimal` and
    /// `infeasible` to `feasible`; the bound is clamped to the answer's value.
    /// - Returns: the settled run and the seconds from `started` to the end of the engine run.
    private func settle(
        _ goal: ScheduleGoal, _ run: (ExactRequest<Schedule>) throws -> ExactRun<Schedule>
    ) throws -> (ExactRun<Schedule>, Double) {
        let warm = ExactModelFacts.startingSchedule(problem, hint: options.hint).flatMap { goal.meets($0) ? $0 : nil }
        var r = try run(ExactRequest(warmStart: warm, warmValue: warm.map(goal.value), infeasible: goal.infeasible))
        let elapsed = Date().timeIntervalSince(started)
        var notes: [String] = []
        if let s = r.answer, let limit = goal.limit, !limit.meets(s) {
            r.answer = nil
            notes.append("\(engine)'s schedule missed the \(limit.name) when re-simulated; discarded")
        }
        if let w = warm, r.answer.map({ goal.value(w) < goal.value($0) }) ?? true, !r.status.isInfeasible || goal.limit != nil {
            if r.answer == nil { notes.append("\(engine) found no schedule within the limit; returning the warm start") }
            r.answer = w
            if r.status == .optimal || r.status.isInfeasible { r.status = .feasible }
        }
        r.bound = r.answer.flatMap { s in r.bound.map { min($0, goal.value(s)) } }
        r.status = r.status.demotedIfGap(value: r.answer.map(goal.value), bound: r.bound)
        r.notes = notes + r.notes
        return (r, elapsed)
    }

    private func throughputResult(_ r: ExactRun<some Any>, placement: [Int]?, _ elapsed: Double) -> ThroughputResult {
        var result = ThroughputResult(solver: solver, placement: placement, status: r.status, lowerBound: r.bound,
                                      solveSeconds: elapsed, notes: r.notes + [r.stop.note].compactMap { $0 })
        result.mayVary = r.stop.mayVary
        return result
    }
}

/// How the driver judges a schedule: its objective value and the service level it must meet.
private struct ScheduleGoal {
    struct Limit {
        /// The limit's name in notes ("period limit", "latency ceiling").
        let name: String
        let meets: (Schedule) -> Bool
    }

    let value: (Schedule) -> Double
    let limit: Limit?
    /// The constraint named when no schedule exists.
    let infeasible: String

    func meets(_ s: Schedule) -> Bool { limit?.meets(s) ?? true }
}

extension ExactDriver {
    /// Names the constraint that makes a problem infeasible (every node and group fits
    /// alone, which problem validation checked, so it is the memory of the devices together).
    static func memoryReason(_ p: SchedulingProblem) -> String {
        p.groups.isEmpty
            ? "the devices' memory cannot hold all the weights at once under the allowed placements"
            : "the devices' memory cannot hold all the weights at once with the colocation groups kept together"
    }

    /// Why a period limit cannot be met (memory may also be the cause).
    static func periodReason(_ maxPeriod: Double) -> String {
        "no placement has a pipeline period of at most \(String(format: "%.4g", maxPeriod)) s (throughput floor) with the weights fitting in memory"
    }

    /// Why a latency ceiling cannot be met (memory may also be the cause).
    static func latencyReason(_ maxLatency: Double) -> String {
        "no schedule finishes one pass within \(String(format: "%.4g", maxLatency)) s (latency ceiling) with the weights fitting in memory"
    }
}

extension SolveStatus {
    var isInfeasible: Bool { if case .infeasible = self { true } else { false } }

    /// `optimal` only when the reported bound meets the reported value (to 1e-5 relative,
    /// above the rounding margins); an engine stopped by a gap limit says `feasible`.
    func demotedIfGap(value: Double?, bound: Double?) -> SolveStatus {
        guard self == .optimal, let value, let bound else { return self }
        return value - bound <= 1e-5 * max(bound, 1e-12) ? self : .feasible
    }
}
