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
enum SegmentChain {
    /// The joined schedule and how many chunks were solved again, or nil when a chunk has
    /// no sub-schedule or the joined placement is not valid.
    static func schedule(_ relaxation: SegmentRelaxation, schedules: [Schedule?], engine: (any LatencySolver)?,
                         options: SolveOptions, shareSeconds: Double) -> (schedule: Schedule, resolved: Int)? {
        let problem = relaxation.problem
        var placement = [Int](repeating: -1, count: problem.nodes.count)
        var rank = [(chunk: Int, start: Double, local: Int)](repeating: (-1, 0, 0), count: problem.nodes.count)
        for v in relaxation.fixedSources { placement[v] = problem.allowedDevices(v)[0] }
        var resolved = 0
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
                        .flatMap { solve($0, engine: engine, options: options, shareSeconds: shareSeconds) }
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
            for (local, v) in members.enumerated() where rank[v].chunk < 0 {
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
        return (joined, resolved)
    }

    /// The better of HEFT and the engine (hinted by HEFT, one worker) on `sub`.
    private static func solve(_ sub: SchedulingProblem, engine: (any LatencySolver)?, options: SolveOptions, shareSeconds: Double) -> Schedule? {
        let heft = try? HEFTSolver().solve(sub, options: SolveOptions()).schedule
        guard let engine, shareSeconds > 0 else { return heft }
        var o = options.limited(to: shareSeconds)
        o.workers = 1
        o.progress = false
        o.hint = heft
        guard let exact = (try? engine.solve(sub, options: o))?.schedule else { return heft }
        return exact.makespan < heft?.makespan ?? .infinity ? exact : heft
    }
}
