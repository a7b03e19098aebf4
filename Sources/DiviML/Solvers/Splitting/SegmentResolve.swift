/// Splitting's improvement phase between split points: each chunk between two comparable
/// nodes (`SegmentRelaxation`'s chunks) small enough for the exact engine is solved again on
/// its own, its entry and its exit pinned to the devices the best schedule gives them; the
/// chunks' schedules — the engine's where it shortened the chunk's window, the best
/// schedule's part elsewhere — are joined (`SegmentChain.join`: each device's nodes by
/// chunk, then by start), simulated and validated, and the result is kept when it finishes
/// sooner.
///
/// **Why a chunk can be solved alone.** Every node of chunk i descends from its entry s_i
/// and is s_{i+1} or an ancestor of it, so nothing else runs between s_i's finish and
/// s_{i+1}'s: the makespan is the sum of the chunks' windows, and with the split points'
/// devices kept, a shorter window for one chunk shortens the whole by about as much. What
/// the sub-problem leaves out — edges into the chunk from earlier chunks, memory over the
/// whole graph, groups across chunks, release times after the first chunk — the simulation
/// puts back and the validator checks; a join that breaks a rule or finishes later is
/// dropped. Chunks span many modules, so this re-solves across module boundaries.
///
/// The engine starts from its own warm start (the better of HEFT and greedy on the chunk),
/// not from the best schedule's part: hinted with a good schedule, CP-SAT's search stays
/// near it (a 157-operator RandWire-BA stage: 689.7 → 685.9 µs with 1.2 units of work),
/// while from HEFT it finds far better ones (the first randwire-ws stage: 549 µs in the
/// split plan, 508 µs with 0.08 units, 465 µs with 2).
///
/// Deterministic: each solve has an equal share of `seconds` (nominal seconds: CP-SAT's
/// deterministic work, `SolveOptions.limited(to:)`, one worker); the solves run concurrently
/// on `SolveOptions.workers` threads and the result does not depend on their number; the
/// run's time limit and Ctrl-C only cap them (then the plan says it may vary).
/// - Complexity: one closed-form bound per chunk of 3 to `maxPairs` node-device pairs, an
///   engine solve for as many of them as `seconds` affords at `minimumSeconds` each, and
///   one simulation.
struct SegmentResolve {
    /// The largest chunk sent to the engine, in node-device pairs of its sub-problem.
    static let maxPairs = 600
    /// The least work a chunk's solve gets, in nominal seconds (0.1 CP-SAT units): below it
    /// CP-SAT rarely beats HEFT on a RandWire stage (0.06 units: 532 µs against HEFT's 536;
    /// 0.12: 507 µs). When the budget cannot give every chunk that much, the chunks with the
    /// largest gap between their window and their bound go first.
    static let minimumSeconds = 5.0
    let problem: SchedulingProblem
    let engine: any LatencySolver

    /// What the phase did.
    struct Outcome {
        var schedule: Schedule
        /// Chunks solved, and those whose window the engine shortened.
        var solved: Int
        var shortened: Int
        /// Whether the wall clock, not the work budget, stopped or skipped a solve.
        var mayVary: Bool
    }

    /// `best` improved (or `best` itself when nothing joined shorter), or nil when no chunk
    /// qualifies or the budget is below one solve.
    func improve(_ best: Schedule, seconds: Double, options: SolveOptions, stop: SplitStop) -> Outcome? {
        let relaxation = SegmentRelaxation(problem)
        let parts = relaxation.chunks.indices.map { part(relaxation, $0, of: best) }
        let open: [(index: Int, sub: SchedulingProblem, gap: Double)] = relaxation.chunks.indices.compactMap { i in
            guard let sub = pinned(relaxation, i, best), sub.nodes.count > 2,
                  sub.nodes.reduce(0, { $0 + $1.cost.compactMap { $0 }.count }) <= Self.maxPairs,
                  let bound = LowerBounds.latency(sub, relaxations: false).first?.seconds,
                  parts[i].makespan > bound * (1 + 1e-9) else { return nil }
            return (i, sub, parts[i].makespan - bound)
        }
        let affordable = min(open.count, Int(seconds / Self.minimumSeconds))
        guard affordable > 0, !stop.reached else { return nil }
        let candidates = open.sorted { ($0.gap, -$0.index) > ($1.gap, -$1.index) }.prefix(affordable).sorted { $0.index < $1.index }
        var limited = options.limited(to: seconds / Double(candidates.count))
        limited.workers = 1
        limited.progress = false
        limited.hint = nil
        let (o, engine) = (limited, engine)
        let results = concurrentMap(Array(candidates), workers: options.workers) { c -> SolverResult? in
            var oi = o
            oi.timeLimit = min(oi.timeLimit, stop.secondsLeft)
            guard oi.timeLimit > 0 else { return nil }
            return try? engine.solve(c.sub, options: oi)
        }
        var chosen = parts
        var shortened = 0
        let mayVary = results.contains { $0?.mayVary ?? true }
        for (c, result) in zip(candidates, results) {
            guard let schedule = result?.schedule, schedule.makespan < parts[c.index].makespan * (1 - 1e-12) else { continue }
            chosen[c.index] = schedule
            shortened += 1
        }
        guard shortened > 0, let joined = SegmentChain.join(relaxation, chosen), joined.makespan < best.makespan * (1 - 1e-12) else {
            return Outcome(schedule: best, solved: candidates.count, shortened: 0, mayVary: mayVary)
        }
        return Outcome(schedule: joined, solved: candidates.count, shortened: shortened, mayVary: mayVary)
    }

    /// Chunk i's sub-problem with its entry and exit on `schedule`'s devices.
    private func pinned(_ relaxation: SegmentRelaxation, _ i: Int, _ schedule: Schedule) -> SchedulingProblem? {
        let chunks = relaxation.chunks
        return relaxation.subproblem(i, pinnedEntry: i > 0 ? schedule.device[chunks[i - 1].last!] : nil,
                                     pinnedExit: i + 1 < chunks.count ? schedule.device[chunks[i].last!] : nil)
    }

    /// `schedule`'s part in chunk i's sub-problem: its members (and the entry, last, at 0 on
    /// s_i's device), shifted to start at s_i's finish: every member starts after it.
    private func part(_ relaxation: SegmentRelaxation, _ i: Int, of schedule: Schedule) -> Schedule {
        let members = relaxation.members(i)
        let entry = i > 0 ? relaxation.chunks[i - 1].last : nil
        let shift = entry.map { schedule.finish[$0] } ?? 0
        var part = Schedule(device: members.map { schedule.device[$0] }, start: members.map { schedule.start[$0] - shift },
                            finish: members.map { schedule.finish[$0] - shift })
        if let entry {
            part.device.append(schedule.device[entry])
            part.start.append(0)
            part.finish.append(0)
        }
        return part
    }
}
