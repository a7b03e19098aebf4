/// Splitting's improvement phase between split points (docs/splitting-and-bounds.md, "Chunks
/// solved again"): each chunk between two comparable nodes (`SegmentRelaxation`'s chunks)
/// small enough for the exact engine is solved again on its own, with its entry's and its
/// exit's devices pinned; the chunks' schedules are chained by a dynamic program over the
/// split points' devices, joined (`SegmentChain.join`: each device's nodes by chunk, then by
/// start), simulated and validated, and the result is kept when it finishes sooner.
///
/// **Why a chunk can be solved alone.** Every node of chunk i descends from its entry s_i
/// and is s_{i+1} or an ancestor of it, so nothing else runs between s_i's finish and
/// s_{i+1}'s: the makespan is the sum of the chunks' windows, and a shorter window for one
/// chunk shortens the whole by about as much. What the sub-problem leaves out — edges into
/// the chunk from earlier chunks, memory over the whole graph, groups across chunks,
/// release times after the first chunk — the simulation puts back and the validator
/// checks; a join that breaks a rule or finishes later is dropped. Chunks span many
/// modules, so this re-solves across module boundaries.
///
/// **One solve** (`solve`): half of its work goes to the chunk with its chains merged
/// (`ChainContraction`), whose schedule is expanded and re-ordered by the upward rank; the
/// other half to the chunk itself, hinted by that. Merged, a RandWire stage has about 34
/// nodes instead of 155 and CP-SAT searches it far faster: the first randwire-er seed-3
/// stage spends 626 µs in the split plan; merged, CP-SAT finds 558 µs with 0.1 units and
/// proves 540 µs with 1.3. Unmerged and unhinted it found 686 µs with 1.5 units.
///
/// **Which pairs.** Every open chunk (a gap between its window and its closed-form bound)
/// first gets its incumbent's pair (entry and exit where the best schedule has them),
/// largest gap first, at least `minimumSeconds` each. A budget for more solves than open
/// chunks also tries their other (entry, exit) pairs, round by round in order of the pair's
/// closed-form bound: a third of the work scouts every chosen pair, and the pairs of the
/// cheapest chain get the rest, starting from what the scouting found. A pair no solve
/// reaches takes HEFT's schedule (or the incumbent's part, at its pair). With one pair per
/// chunk the chain is the incumbent's.
///
/// Deterministic: each solve has an equal share of its phase's `seconds` (nominal seconds:
/// CP-SAT's deterministic work, `SolveOptions.limited(to:)`, one worker); the solves run
/// concurrently on `SolveOptions.workers` threads and the result does not depend on their
/// number; the run's time limit and Ctrl-C only cap them (then the plan says it may vary).
/// - Complexity: closed-form bounds of the open chunks' pairs, HEFT on each pair no solve
///   reaches (at most `SegmentChain.maxPairs` pairs), as many engine solves as `seconds`
///   affords at `minimumSeconds` each, and one simulation.
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
        /// Engine solves run (pairs of a chunk's entry and exit devices), and the chunks whose
        /// schedule in the chosen chain is not the best schedule's part.
        var solved: Int
        var shortened: Int
        /// Whether the wall clock, not the work budget, stopped or skipped a solve.
        var mayVary: Bool
    }

    /// `best` improved (or `best` itself when nothing joined shorter), or nil when no chunk
    /// qualifies or the budget is below one solve.
    func improve(_ best: Schedule, seconds: Double, options: SolveOptions, stop: SplitStop) -> Outcome? {
        let relaxation = SegmentRelaxation(problem)
        let chunks = relaxation.chunks
        let parts = chunks.indices.map { part(relaxation, $0, of: best) }
        let open: [(index: Int, sub: SchedulingProblem, gap: Double)] = chunks.indices.compactMap { i in
            guard let sub = pinned(relaxation, i, best), sub.nodes.count > 2,
                  sub.nodes.reduce(0, { $0 + $1.cost.compactMap { $0 }.count }) <= Self.maxPairs,
                  let bound = LowerBounds.latency(sub, relaxations: false).first?.seconds,
                  parts[i].makespan > bound * (1 + 1e-9) else { return nil }
            return (i, sub, parts[i].makespan - bound)
        }
        let affordable = Int(seconds / Self.minimumSeconds)
        guard !open.isEmpty, affordable > 0, !stop.reached else { return nil }
        let wide = affordable > open.count
        let exits = exitDevices(relaxation, best, wide: wide)
        let solves = chosenSolves(relaxation, best, open: open, exits: exits, count: affordable, parts: parts)
        // With more than one pair a chunk, a third of the work scouts every chosen pair and the
        // rest goes to the pairs of the cheapest chain, starting from what the scouting found.
        let scouting = wide && solves.count > open.count ? seconds / 3 : seconds
        var solved = solveAll(solves.map { ($0.pair, $0.sub, nil) }, seconds: scouting, options: options, stop: stop)
        var schedules = solved.schedules.merging(heftSchedules(relaxation, best, exits: exits, solved: Set(solved.schedules.keys))) { s, _ in s }
        if scouting < seconds, let chain = cheapestChain(relaxation, best, exits: exits, parts: parts, solved: schedules) {
            let refine = solves.filter { chain.pairs[$0.pair.chunk] == $0.pair }
            if !refine.isEmpty {
                let refined = solveAll(refine.map { ($0.pair, $0.sub, schedules[$0.pair]) }, seconds: seconds - scouting,
                                       options: options, stop: stop)
                schedules.merge(refined.schedules) { $1 }
                solved.mayVary = solved.mayVary || refined.mayVary
            }
        }
        guard let chain = cheapestChain(relaxation, best, exits: exits, parts: parts, solved: schedules),
              chain.shortened > 0, let joined = SegmentChain.join(relaxation, chain.schedules),
              joined.makespan < best.makespan * (1 - 1e-12) else {
            return Outcome(schedule: best, solved: solves.count, shortened: 0, mayVary: solved.mayVary)
        }
        return Outcome(schedule: joined, solved: solves.count, shortened: chain.shortened, mayVary: solved.mayVary)
    }

    /// Every (pair, sub-problem, known schedule) solved with an equal share of `seconds`, one
    /// engine worker each, concurrently on `options.workers` threads (`solve`).
    private func solveAll(_ jobs: [(pair: Pair, sub: SchedulingProblem, start: Schedule?)], seconds: Double, options: SolveOptions,
                          stop: SplitStop) -> (schedules: [Pair: Schedule], mayVary: Bool) {
        var single = options
        single.workers = 1
        single.progress = false
        let (engine, each, o) = (engine, seconds / Double(max(1, jobs.count)), single)
        let results = concurrentMap(jobs, workers: options.workers) { job in
            Self.solve(job.sub, engine: engine, seconds: each, start: job.start, options: o, stop: stop)
        }
        var schedules: [Pair: Schedule] = [:]
        for (job, result) in zip(jobs, results) { schedules[job.pair] = result.schedule }
        return (schedules, results.contains { $0.mayVary })
    }

    /// One chunk's best schedule within `seconds` of nominal work, never worse than `start`
    /// (a known schedule of it): when chains merge (`ChainContraction`), half of the work
    /// solves the merged chunk, whose schedule is expanded and re-ordered by the upward rank
    /// (`SplittingSolver.resequenced`), and the other half solves the chunk itself hinted by
    /// the best so far; otherwise all of it solves the chunk, hinted by `start` or from the
    /// engine's own warm start. A solve the wall clock stops or that finds nothing leaves the
    /// best so far.
    static func solve(_ sub: SchedulingProblem, engine: any LatencySolver, seconds: Double, start: Schedule? = nil,
                      options: SolveOptions, stop: SplitStop) -> (schedule: Schedule?, mayVary: Bool) {
        func run(_ problem: SchedulingProblem, _ seconds: Double, hint: Schedule?) -> SolverResult? {
            var o = options.limited(to: seconds)
            o.timeLimit = min(o.timeLimit, stop.secondsLeft)
            o.hint = hint
            guard o.timeLimit > 0 else { return nil }
            return try? engine.solve(problem, options: o)
        }
        func shortest(_ schedules: [Schedule?]) -> Schedule? { schedules.compactMap { $0 }.min { $0.makespan < $1.makespan } }
        guard let contraction = ChainContraction(sub) else {
            let result = run(sub, seconds, hint: start)
            return (shortest([start, result?.schedule]), result?.mayVary ?? true)
        }
        let mergedResult = run(contraction.merged, seconds / 2, hint: nil)
        let expanded = mergedResult?.schedule.map { contraction.expand($0, of: sub) }
        let merged = shortest([expanded, expanded.flatMap { SplittingSolver.resequenced(sub, $0) }, start])
        let whole = run(sub, seconds / 2, hint: merged)
        return (shortest([merged, whole?.schedule]), (mergedResult?.mayVary ?? true) || (whole?.mayVary ?? true))
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
