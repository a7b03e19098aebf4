/// A plan joined from the segment relaxations' sub-schedules (docs/splitting-and-bounds.md,
/// "Segment chain plan").
///
/// Chunk i's sub-schedule (`SegmentRelaxation.Outcome.schedules`) puts its entry — s_i —
/// on some device and its own split point s_{i+1} on another. Chunks are joined in order:
/// when chunk i's entry is not where chunk i−1 put s_i, or its s_{i+1} is not where chunk
/// i+1's sub-schedule wants its entry, chunk i is solved again (HEFT, and the engine under
/// `shareSeconds` of work, the better kept) with its entry pinned, and with its s_{i+1}
/// pinned too, which is kept only when it costs chunk i nothing. The joined placement,
/// with each device's nodes ordered by chunk and then by start in their sub-schedule, is
/// simulated (`Simulator.run(problem, placement:order:)`, which adds what the relaxations
/// dropped: release and ready times after the first chunk, edges from fixed sources) and
/// validated; memory over the whole graph is checked only there, and a placement that
/// breaks it gives no plan. When every chunk's sub-schedule is optimal and the entries
/// agree, the plan's makespan equals the relaxation bound: the plan is optimal.
///
/// `dynamicProgram` joins the chunks instead by a dynamic program over the devices of the
/// split points, solving each chunk once per pair of entry and exit devices.
enum SegmentChain {
    /// The joined schedule and how many chunks were solved again, or nil when a chunk has
    /// no sub-schedule or the joined placement is not valid.
    static func schedule(_ relaxation: SegmentRelaxation, schedules: [Schedule?], engine: (any LatencySolver)?,
                         options: SolveOptions, shareSeconds: Double) -> (schedule: Schedule, resolved: Int)? {
        let problem = relaxation.problem
        var placement = [Int](repeating: -1, count: problem.nodes.count)
        for v in relaxation.fixedSources { placement[v] = problem.allowedDevices(v)[0] }
        var resolved = 0
        var chosen: [Schedule] = []
        for i in relaxation.chunks.indices {
            guard var schedule = schedules[i] else { return nil }
            let members = relaxation.members(i)
            // Where the next chunk's own sub-schedule wants its entry, so that it can stay.
            let wanted = i + 1 < schedules.count ? schedules[i + 1].map { $0.device[relaxation.members(i + 1).count] } : nil
            let exit = members.firstIndex(of: relaxation.chunks[i].last!)!
            let entry = i > 0 ? relaxation.chunks[i - 1].last.map { placement[$0] } : nil
            let entryDiffers = i > 0 && schedule.device[members.count] != entry
            if entryDiffers || (wanted.map { schedule.device[exit] != $0 } ?? false) {
                let solveWith = { (exit: Int?) -> Schedule? in
                    relaxation.subproblem(i, pinnedEntry: entry, pinnedExit: exit)
                        .flatMap { solve($0, engine: engine, options: options, shareSeconds: shareSeconds).schedule }
                }
                // The entry must follow chunk i−1; the exit follows chunk i+1's wish only when
                // that costs chunk i nothing over leaving it free.
                let free = entryDiffers ? solveWith(nil) : schedule
                guard let free else { return nil }
                let both = wanted.flatMap { solveWith($0) }
                let chosen = both.map { $0.makespan <= free.makespan * (1 + 1e-12) ? $0 : free } ?? free
                if entryDiffers || chosen.makespan != schedule.makespan || chosen.device != schedule.device { resolved += 1 }
                schedule = chosen
            }
            for (local, v) in members.enumerated() where placement[v] < 0 { placement[v] = schedule.device[local] }
            chosen.append(schedule)
        }
        return join(relaxation, chosen).map { ($0, resolved) }
    }

    /// The chunks' sub-schedules joined: each node on its chunk's device, each device's
    /// nodes ordered by chunk and then by start in their sub-schedule, simulated and
    /// validated. - Returns: nil when the joined placement breaks a rule (memory over the
    /// whole graph, a group across chunks).
    static func join(_ relaxation: SegmentRelaxation, _ schedules: [Schedule]) -> Schedule? {
        let problem = relaxation.problem
        var placement = [Int](repeating: -1, count: problem.nodes.count)
        var rank = [(chunk: Int, start: Double, local: Int)](repeating: (-1, 0, 0), count: problem.nodes.count)
        for v in relaxation.fixedSources { placement[v] = problem.allowedDevices(v)[0] }
        for (i, schedule) in schedules.enumerated() {
            for (local, v) in relaxation.members(i).enumerated() where rank[v].chunk < 0 {
                placement[v] = schedule.device[local]
                rank[v] = (i, schedule.start[local], local)
            }
        }
        var order = [[Int]](repeating: [], count: problem.deviceCount)
        for v in problem.nodes.indices.sorted(by: { (rank[$0].chunk, rank[$0].start, rank[$0].local) < (rank[$1].chunk, rank[$1].start, rank[$1].local) }) {
            order[placement[v]].append(v)
        }
        guard let joined = try? Simulator.run(problem, placement: placement, order: order),
              Validator.violations(of: joined, for: problem).isEmpty else { return nil }
        return joined
    }

    /// The most (chunk, entry device, exit device) sub-problems the dynamic program builds.
    static let maxPairs = 2_000

    /// What the dynamic program over the split points' devices found.
    struct ChainOutcome {
        /// The joined plan (nil when a pair had no schedule throughout or the join broke a rule).
        var schedule: Schedule?
        /// A lower bound on every schedule's makespan: the least chain of the pairs' bounds.
        var bound: Double
        var solves: Int
        var proved: Int
        /// Whether the clock, not the work budget, left some pairs without a solve.
        var mayVary = false
    }

    /// The chunks joined by a dynamic program over the device of every split point: chunk i
    /// is solved (HEFT and the engine) once for every pair of its entry's device and its
    /// split point's device, and the pairs are chained so that the sum of the chunks'
    /// makespans is least; the same program over the pairs' lower bounds (the largest of the
    /// sub-problem's closed forms, the engine's proven bound and `chunkBounds[i]`, chunk i's
    /// relaxation with entry and exit free, which bounds every pinned pair) is a lower bound.
    ///
    /// **Why.** Every node of chunk i descends from s_i and is s_{i+1} or its ancestor, so
    /// once s_i finishes nothing else runs: in any schedule the makespan is the sum of the
    /// chunks' windows, and window i, shifted to start at 0, is a schedule of chunk i's
    /// sub-problem (`SegmentRelaxation.subproblem`) with its entry pinned to s_i's device and
    /// its exit to s_{i+1}'s — the argument of `SegmentRelaxation`, with the exit pinned as
    /// well. So the makespan is at least the pair bounds summed along that schedule's own
    /// chain of devices, hence at least the least chain. With every sub-solve optimal and no
    /// rule across chunks (memory, a group, release times after the first chunk) the joined
    /// plan is optimal and equals the bound.
    /// - Returns: nil without two chunks or with more than `maxPairs` sub-problems.
    /// - Complexity: P = Σ_i |D(s_i)|·|D(s_{i+1})| sub-problems, each with its closed forms, HEFT
    ///   and, while `secondsLeft` allows, a solve with `budgetSeconds / P` of work.
    static func dynamicProgram(_ relaxation: SegmentRelaxation, chunkBounds: [Double] = [], engine: (any LatencySolver)?,
                               options: SolveOptions, budgetSeconds: Double, secondsLeft: () -> Double) -> ChainOutcome? {
        let chunks = relaxation.chunks
        guard let exits = exitDevices(relaxation) else { return nil }
        let pairs = pairCount(exits)
        let shareSeconds = budgetSeconds / Double(max(1, pairs))
        // plan[i][x], bound[i][x]: least sum over chunks 0...i with s_{i+1} on exits[i][x].
        var plan: [[(time: Double, from: Int, schedule: Schedule)?]] = []
        var bound: [[Double]] = []
        var solves = 0, proved = 0, mayVary = false
        for i in chunks.indices {
            let entries: [Int?] = i == 0 ? [nil] : exits[i - 1]
            var planRow: [(time: Double, from: Int, schedule: Schedule)?] = [], boundRow: [Double] = []
            for exit in exits[i] {
                var cell: (time: Double, from: Int, schedule: Schedule)?
                var least = Double.infinity
                for (e, entry) in entries.enumerated() {
                    let (planBefore, boundBefore) = i == 0 ? (0, 0) : (plan[i - 1][e]?.time, bound[i - 1][e])
                    guard let sub = relaxation.subproblem(i, pinnedEntry: entry, pinnedExit: exit) else {
                        least = min(least, boundBefore)  // no sub-problem to bound: this pair adds nothing
                        continue
                    }
                    // Chunk i's relaxation (entry free, exit free) bounds every pinned pair.
                    let relaxed = i < chunkBounds.count ? chunkBounds[i] : 0
                    let closed = max(relaxed, LowerBounds.latency(sub, relaxations: false).first?.seconds ?? 0)
                    var o = options
                    o.timeLimit = min(o.timeLimit, secondsLeft())
                    let solved = solve(sub, engine: o.timeLimit > 0 ? engine : nil, options: o, shareSeconds: shareSeconds, closing: closed)
                    mayVary = mayVary || (solved.open && engine != nil && shareSeconds > 0 && o.timeLimit <= 0)
                    solves += solved.ranEngine ? 1 : 0
                    proved += solved.optimal ? 1 : 0
                    let schedule = solved.schedule
                    least = min(least, boundBefore + max(closed, solved.bound ?? 0))
                    if let planBefore, let schedule, planBefore + schedule.makespan < cell?.time ?? .infinity {
                        cell = (planBefore + schedule.makespan, e, schedule)
                    }
                }
                planRow.append(cell)
                boundRow.append(least)
            }
            plan.append(planRow)
            bound.append(boundRow)
        }
        var outcome = ChainOutcome(schedule: nil, bound: bound[chunks.count - 1].min() ?? 0, solves: solves, proved: proved, mayVary: mayVary)
        let last = plan[chunks.count - 1]
        guard var x = last.indices.filter({ last[$0] != nil }).min(by: { last[$0]!.time < last[$1]!.time }) else { return outcome }
        var chosen: [Schedule] = []
        for i in chunks.indices.reversed() {
            guard let cell = plan[i][x] else { return outcome }
            chosen.append(cell.schedule)
            x = cell.from
        }
        outcome.schedule = join(relaxation, chosen.reversed())
        return outcome
    }

    /// The devices of each chunk's split point s_{i+1} (one free choice, nil, for the last
    /// chunk), or nil without two chunks or with more than `maxPairs` (entry, exit) pairs.
    private static func exitDevices(_ relaxation: SegmentRelaxation) -> [[Int?]]? {
        let chunks = relaxation.chunks
        guard chunks.count > 1 else { return nil }
        let exits: [[Int?]] = chunks.indices.map { i in
            i + 1 < chunks.count ? relaxation.problem.allowedDevices(chunks[i].last!).map { $0 } : [nil]
        }
        return pairCount(exits) <= maxPairs ? exits : nil
    }

    /// The number of (chunk, entry device, exit device) sub-problems.
    private static func pairCount(_ exits: [[Int?]]) -> Int {
        exits.indices.reduce(0) { $0 + (($1 == 0 ? 1 : exits[$1 - 1].count) * exits[$1].count) }
    }

    /// The most nodes, summed over the (chunk, entry, exit) sub-problems, that
    /// `closedFormBound` bounds: it runs with every plan, so it stays near linear in |V|.
    static let maxClosedFormNodes = 2_000_000

    /// The split-point device chain over closed forms alone, without solves: the least chain
    /// of the (entry, exit) pairs' closed-form bounds (`LowerBounds.latency` of the pinned
    /// sub-problem: critical paths, fluid loads, the fluid load in windows). Valid by the
    /// argument of `dynamicProgram`. Pinning the split points is what gives the windows
    /// something to bite on: with s_i on the V100, the other devices' windows inside chunk i
    /// start a transfer later.
    /// - Returns: nil without two chunks, with more than `maxPairs` sub-problems or more than
    ///   `maxClosedFormNodes` nodes in them.
    /// - Complexity: the closed forms of every pinned sub-problem, O(P·(|C|·|K| + |E_C|·|K|²)) and P·|K| fluid LPs.
    static func closedFormBound(_ relaxation: SegmentRelaxation) -> Double? {
        let chunks = relaxation.chunks
        guard let exits = exitDevices(relaxation) else { return nil }
        let nodes = chunks.indices.reduce(0) { $0 + ($1 == 0 ? 1 : exits[$1 - 1].count) * exits[$1].count * chunks[$1].count }
        guard nodes <= maxClosedFormNodes else { return nil }
        var bound: [Double] = [0]
        for i in chunks.indices {
            let entries: [Int?] = i == 0 ? [nil] : exits[i - 1]
            bound = exits[i].map { exit in
                entries.indices.map { e in
                    let pair = relaxation.subproblem(i, pinnedEntry: entries[e], pinnedExit: exit)
                    return bound[e] + (pair.map { LowerBounds.latency($0, relaxations: false).first?.seconds ?? 0 } ?? 0)
                }.min()!
            }
        }
        return bound.min()
    }

    /// One sub-solve: HEFT's schedule, and unless it already meets `closing` (a bound), the
    /// engine's (hinted by HEFT, one worker, `shareSeconds` of work), the better kept; the
    /// engine's proven bound and whether it proved the optimum.
    private struct SubSolve {
        var schedule: Schedule?
        var bound: Double?
        var optimal = false
        var ranEngine = false
        /// Whether HEFT left a gap to `closing`.
        var open: Bool
    }

    private static func solve(_ sub: SchedulingProblem, engine: (any LatencySolver)?, options: SolveOptions, shareSeconds: Double,
                              closing: Double = 0) -> SubSolve {
        let heft = try? HEFTSolver().solve(sub, options: SolveOptions()).schedule
        var solved = SubSolve(schedule: heft, open: (heft?.makespan ?? .infinity) > closing * (1 + 1e-9))
        guard solved.open, let engine, shareSeconds > 0 else { return solved }
        var o = options.limited(to: shareSeconds)
        o.workers = 1
        o.progress = false
        o.hint = heft
        solved.ranEngine = true
        guard let r = try? engine.solve(sub, options: o) else { return solved }
        solved.bound = r.lowerBound
        solved.optimal = r.status == .optimal
        if let found = r.schedule, found.makespan < heft?.makespan ?? .infinity { solved.schedule = found }
        return solved
    }
}
