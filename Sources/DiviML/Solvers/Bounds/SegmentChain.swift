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
        guard let exits = exitDevices(relaxation) else { return nil }
        let shareSeconds = budgetSeconds / Double(max(1, pairCount(exits)))
        var pairBounds: [Pair: Double] = [:]
        var solves = 0, proved = 0, mayVary = false
        let plan = leastChain(exits) { i, entry, exit -> (cost: Double, item: Schedule)? in
            // No sub-problem to bound: this pair adds nothing to the bound and gives no plan.
            guard let sub = relaxation.subproblem(i, pinnedEntry: entry, pinnedExit: exit) else { return nil }
            // Chunk i's relaxation (entry free, exit free) bounds every pinned pair.
            let relaxed = i < chunkBounds.count ? chunkBounds[i] : 0
            let closed = max(relaxed, LowerBounds.latency(sub, relaxations: false).first?.seconds ?? 0)
            var o = options
            o.timeLimit = min(o.timeLimit, secondsLeft())
            let solved = solve(sub, engine: o.timeLimit > 0 ? engine : nil, options: o, shareSeconds: shareSeconds, closing: closed)
            mayVary = mayVary || (solved.open && engine != nil && shareSeconds > 0 && o.timeLimit <= 0)
            solves += solved.ranEngine ? 1 : 0
            proved += solved.optimal ? 1 : 0
            pairBounds[Pair(chunk: i, entry: entry, exit: exit)] = max(closed, solved.bound ?? 0)
            return solved.schedule.map { ($0.makespan, $0) }
        }
        let bound = leastChain(exits) { i, entry, exit in (pairBounds[Pair(chunk: i, entry: entry, exit: exit)] ?? 0, ()) }
        return ChainOutcome(schedule: plan.flatMap { join(relaxation, $0.items) }, bound: bound?.total ?? 0,
                            solves: solves, proved: proved, mayVary: mayVary)
    }

    /// A chunk with its entry's and its exit's devices (nil: none, at the ends).
    struct Pair: Hashable {
        var chunk: Int
        var entry: Int?
        var exit: Int?
    }

    /// The chain of (entry, exit) pairs, one a chunk, whose costs sum least: chunk i's entry
    /// is chunk i−1's exit, the first chunk's entry nil, and `exits[i]` the devices chunk i's
    /// exit may take (`[nil]` for the last chunk). `cost` is asked once for every pair, chunk
    /// by chunk, exit by exit, entry by entry, reachable or not; nil leaves the pair out. Ties
    /// go to the earlier entry and the earlier exit.
    /// - Returns: each chunk's item along the least chain, and its sum; nil when no chain of
    ///   pairs reaches the last chunk.
    /// - Complexity: Σ_i |exits[i−1]|·|exits[i]| calls of `cost`, O(1) work each beyond it.
    static func leastChain<Item>(_ exits: [[Int?]], cost: (_ chunk: Int, _ entry: Int?, _ exit: Int?) -> (cost: Double, item: Item)?)
        -> (items: [Item], total: Double)? {
        typealias Cell = (total: Double, from: Int, item: Item)
        var rows: [[Cell?]] = []
        for i in exits.indices {
            let entries: [Int?] = i == 0 ? [nil] : exits[i - 1]
            rows.append(exits[i].map { exit in
                var cell: Cell?
                for (e, entry) in entries.enumerated() {
                    guard let pair = cost(i, entry, exit), let before = i == 0 ? 0 : rows[i - 1][e]?.total else { continue }
                    if before + pair.cost < cell?.total ?? .infinity { cell = (before + pair.cost, e, pair.item) }
                }
                return cell
            })
        }
        guard let last = rows.last, var x = last.indices.filter({ last[$0] != nil }).min(by: { last[$0]!.total < last[$1]!.total }) else {
            return nil
        }
        let total = last[x]!.total
        var items: [Item] = []
        for i in exits.indices.reversed() {
            let cell = rows[i][x]!  // every cell on the way back was reached from the one after it
            items.append(cell.item)
            x = cell.from
        }
        return (items.reversed(), total)
    }

    /// The devices of each chunk's split point s_{i+1} (one free choice, nil, for the last
    /// chunk), or nil without two chunks or with more than `maxPairs` (entry, exit) pairs.
    static func exitDevices(_ relaxation: SegmentRelaxation) -> [[Int?]]? {
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
        return leastChain(exits) { i, entry, exit in
            (relaxation.subproblem(i, pinnedEntry: entry, pinnedExit: exit).map { LowerBounds.latency($0, relaxations: false).first?.seconds ?? 0 } ?? 0, ())
        }?.total
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
