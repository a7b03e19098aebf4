/// (e) The per-segment relaxations, each bounded by an exact engine (docs/splitting-and-bounds.md,
/// "Lower bounds" (e)).
///
/// Chunks C_0, …, C_m as in `SegmentBound`: C_i runs inside `[finish(s_i), finish(s_{i+1})]`,
/// the windows are consecutive, so the makespan is at least the sum over chunks of a lower
/// bound on each window's length. Here that bound comes from solving the chunk on its own:
///
/// - C_0 is the sub-problem of its nodes and of the fixed sources that feed it, with the
///   problem's release and device-ready times;
/// - C_i (i >= 1) is the sub-problem of its nodes plus an *entry* node standing for s_i:
///   zero cost, pinned to a device d, with s_i's edges into C_i; every release and
///   device-ready time 0, edges from fixed sources dropped.
///
/// **Validity.** In any schedule, s_i runs on some device d and finishes at f; every node
/// of C_i descends from s_i (so starts after f) and is s_{i+1} or one of its ancestors
/// (so finishes by s_{i+1}'s finish). Edges into C_i from fixed sources and from earlier
/// chunks (an edge may jump over a comparable node, `comparableSplitPoints`) are left out
/// of the sub-problem, which only relaxes it. Shifting the schedule's C_i part by −f gives a schedule of the sub-problem with entry
/// on d: each device runs one node at a time, s_i's tensors leave at 0, every release and
/// ready time 0 is met, the weights of C_i alone fit where all weights fit, and a
/// colocation group restricted to C_i is still on one device. Its makespan is the
/// window's length, so `min_d LB(C_i | entry on d)` bounds the window, for any valid lower
/// bound LB of the sub-problem. C_0 is the same argument without the shift.
///
/// LB is the largest of the sub-problem's own closed-form bounds (critical path with
/// transfers, which now sees the entry's transfers, and the fluid load) and, when an exact
/// engine is given, the bound it proves within its work budget (CP-SAT's bound corrected
/// for its rounding to ticks, see `TickScale`). Every sub-solve has the same deterministic budget, so the value does not
/// depend on timing or on the number of workers.
struct SegmentRelaxation: Sendable {
    /// The bound and what it took.
    struct Outcome: Sendable {
        var seconds: Double
        /// Segments given to the exact engine, and those whose optimum it proved.
        var solves: Int
        var proved: Int
        /// Whether a sub-solve was skipped (the caller stopped it) or stopped by the wall
        /// clock rather than its work budget: another run may then give another value.
        var mayVary: Bool
        /// The best schedule found of each chunk's sub-problem (HEFT's or the engine's), when
        /// an engine was given: what `SegmentChain` joins into a plan.
        var schedules: [Schedule?] = []
        /// Each chunk's bound (they sum to `seconds`).
        var chunkBounds: [Double] = []
    }

    let problem: SchedulingProblem
    let chunks: [[Int]]
    let fixedSources: [Int]

    init(_ problem: SchedulingProblem) {
        self.problem = problem
        (chunks, fixedSources) = problem.chunksAtComparableNodes()
    }

    /// The problem's nodes of chunk `index`'s sub-problem, in its order: for the first chunk
    /// the fixed sources feeding it, then the chunk's nodes (the entry, when there is one,
    /// comes after them).
    func members(_ index: Int) -> [Int] {
        guard index == 0 else { return chunks[index] }
        let inChunk = Set(chunks[0])
        return fixedSources.filter { u in problem.outgoing[u].contains { inChunk.contains(problem.edges[$0].to) } } + chunks[0]
    }

    /// The sub-problem of chunk `index`; for index >= 1 with the entry node last, zero cost
    /// on every device s_i may use (so that one solve bounds `min over d` at once), or only
    /// on `pinnedEntry`; with `pinnedExit`, the chunk's split point s_{i+1} only there.
    func subproblem(_ index: Int, pinnedEntry: Int? = nil, pinnedExit: Int? = nil) -> SchedulingProblem? {
        let members = members(index)
        var local = [Int: Int]()
        for (i, v) in members.enumerated() { local[v] = i }
        var nodes = members.map { problem.nodes[$0] }
        if let d = pinnedExit, index + 1 < chunks.count, let exit = local[chunks[index].last!] {
            guard nodes[exit].cost[d] != nil else { return nil }
            nodes[exit].cost = nodes[exit].cost.indices.map { $0 == d ? nodes[exit].cost[d] : nil }
        }
        var edges: [SchedulingProblem.Edge] = []
        for (i, v) in members.enumerated() {
            for e in problem.incoming[v] {
                if let j = local[problem.edges[e].from] { edges.append(.init(from: j, to: i, bytes: problem.edges[e].bytes)) }
            }
        }
        if index > 0, let s = chunks[index - 1].last {
            let entry = nodes.count
            nodes.append(.init(name: "entry#\(s):\(problem.nodes[s].name)", op: "Entry",
                               cost: problem.nodes[s].cost.indices.map { k in
                                   problem.nodes[s].cost[k] == nil || pinnedEntry.map({ $0 != k }) == true ? nil : 0
                               }))
            for e in problem.outgoing[s] {
                if let i = local[problem.edges[e].to] { edges.append(.init(from: entry, to: i, bytes: problem.edges[e].bytes)) }
            }
        }
        let first = index == 0
        return try? problem.replacing(nodes: nodes, edges: edges, io: .free,
                                      release: first ? members.map { problem.release[$0] } : [Double](repeating: 0, count: nodes.count),
                                      deviceReady: first ? problem.deviceReady : [Double](repeating: 0, count: problem.deviceCount))
    }

    /// The sum over chunks of each sub-problem's best bound (never below `SegmentBound`'s).
    /// - Parameters:
    ///   - engine: the exact engine bounding each sub-problem (nil: closed forms only).
    ///   - options: its options; `budgetSeconds` of work is shared by the sub-problems that
    ///     list scheduling does not already close (equal shares of what is left, two passes).
    ///   - secondsLeft: the caller's clock (0 after Ctrl-C): no sub-solve starts without time
    ///     left or runs past it; the sub-problems not solved keep their closed-form bounds.
    /// - Complexity: the closed-form bounds of every sub-problem (and one HEFT run each when
    ///   an engine is given), plus the exact sub-solves.
    func value(engine: (any LatencySolver)?, options: SolveOptions, budgetSeconds: Double,
               secondsLeft: @escaping @Sendable () -> Double = { .infinity }) -> Outcome {
        let solving = engine != nil && budgetSeconds > 0
        let subs = chunks.indices.map { subproblem($0) }
        var bounds = zip(SegmentBound.chunkBounds(problem), subs).map { closed, sub in
            max(closed, sub.map { LowerBounds.latency($0, relaxations: false).first?.seconds ?? 0 } ?? 0)
        }
        let uppers = subs.map { sub in solving ? sub.flatMap { try? HEFTSolver().solve($0, options: SolveOptions()).schedule } : nil }
        var schedules = uppers
        let open = chunks.indices.filter { i in
            guard solving, let sub = subs[i], sub.nodes.count > 2 else { return false }
            return (uppers[i]?.makespan ?? .infinity) > bounds[i] * (1 + 1e-9)
        }
        var solves = 0, proved = 0, mayVary = false
        if let engine, !open.isEmpty {
            // Two passes over the segments left open, in batches of `workers`; each solve gets
            // an equal share of the work left, and what a solve does not use (CP-SAT reports
            // its deterministic work) goes to the later ones, so the value depends on the
            // budget, not on timing or on the number of workers.
            var units = WorkBudget.units(forSeconds: budgetSeconds)
            var pending = open
            for _ in 0..<2 where !pending.isEmpty && units > WorkBudget.minimumUnits {
                var unproven: [Int] = []
                var next = 0
                while next < pending.count, units > WorkBudget.minimumUnits {
                    let batch = Array(pending[next..<min(pending.count, next + max(1, options.workers))])
                    let share = units / Double(pending.count - next)
                    next += batch.count
                    var limited = options.limited(to: share / WorkBudget.unitsPerSecond)
                    limited.workers = 1
                    limited.progress = false
                    let (o, subs, uppers) = (limited, subs, uppers)
                    let results = concurrentMap(batch, workers: options.workers) { i -> SolverResult? in
                        let left = secondsLeft()
                        guard left > 0, let sub = subs[i] else { return nil }
                        var oi = o
                        oi.timeLimit = min(oi.timeLimit, left)
                        oi.hint = uppers[i]
                        return try? engine.solve(sub, options: oi)
                    }
                    for (i, r) in zip(batch, results) {
                        guard let r else { mayVary = true; unproven.append(i); continue }
                        units -= min(share, r.workUnits ?? share)
                        mayVary = mayVary || r.mayVary
                        if let b = r.lowerBound { bounds[i] = max(bounds[i], b) }
                        if let found = r.schedule, found.makespan < schedules[i]?.makespan ?? .infinity { schedules[i] = found }
                        if r.status == .optimal { proved += 1 } else { unproven.append(i) }
                    }
                }
                pending = unproven + pending[next...]
            }
            solves = open.count
        }
        return Outcome(seconds: bounds.reduce(0, +), solves: solves, proved: proved, mayVary: mayVary, schedules: schedules,
                       chunkBounds: bounds)
    }
}
