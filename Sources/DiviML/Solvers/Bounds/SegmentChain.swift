/// A plan joined from the segment relaxations' sub-schedules (docs/splitting-and-bounds.md,
/// "Segment chain plan").
///
/// Chunk i's sub-schedule (`SegmentRelaxation.Outcome.schedules`) puts its entry — s_i —
/// on some device. Where that is the device chunk i−1's schedule gives s_i, the two join as
/// they are; elsewhere chunk i is solved again with its entry pinned to that device (HEFT,
/// and the engine under `shareSeconds` of work, the better kept). The joined placement,
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
            if i > 0, let s = relaxation.chunks[i - 1].last, schedule.device[members.count] != placement[s] {
                guard let pinned = relaxation.subproblem(i, pinnedEntry: placement[s]),
                      let again = solve(pinned, engine: engine, options: options, shareSeconds: shareSeconds) else { return nil }
                schedule = again
                resolved += 1
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
