/// The chain of `SegmentResolve`: which (entry, exit) pairs of the chunks are solved, and
/// the dynamic program over the split points' devices that picks one pair a chunk.
extension SegmentResolve {
    typealias Pair = SegmentChain.Pair

    /// The devices each chunk's exit may take in the chain (`[nil]` for the last chunk): with
    /// `wide` (a budget for more solves than there are open chunks) every device the split
    /// point allows, as `SegmentChain.exitDevices` gives them (at most `SegmentChain.maxPairs`
    /// pairs); otherwise the one `best` gives it.
    func exitDevices(_ relaxation: SegmentRelaxation, _ best: Schedule, wide: Bool) -> [[Int?]] {
        let chunks = relaxation.chunks
        if wide, let all = SegmentChain.exitDevices(relaxation) { return all }
        return chunks.indices.map { i in i + 1 < chunks.count ? [best.device[chunks[i].last!]] : [nil] }
    }

    func entries(_ i: Int, _ exits: [[Int?]]) -> [Int?] { i == 0 ? [nil] : exits[i - 1] }

    /// The incumbent's pair of chunk i.
    func incumbentPair(_ relaxation: SegmentRelaxation, _ i: Int, _ best: Schedule) -> Pair {
        let chunks = relaxation.chunks
        return Pair(chunk: i, entry: i > 0 ? best.device[chunks[i - 1].last!] : nil,
                    exit: i + 1 < chunks.count ? best.device[chunks[i].last!] : nil)
    }

    /// The `count` (pair, sub-problem) solves: first every open chunk's incumbent pair,
    /// largest gap first; then, round by round, each open chunk's next pair by its
    /// closed-form bound, those bounded at or above the incumbent's window left out.
    func chosenSolves(_ relaxation: SegmentRelaxation, _ best: Schedule, open: [(index: Int, sub: SchedulingProblem, gap: Double)],
                      exits: [[Int?]], count: Int, parts: [Schedule]) -> [(pair: Pair, sub: SchedulingProblem)] {
        let queues: [[(pair: Pair, sub: SchedulingProblem)]] = open.sorted { ($0.gap, -$0.index) > ($1.gap, -$1.index) }.map { chunk in
            let i = chunk.index
            let incumbent = incumbentPair(relaxation, i, best)
            let others = entries(i, exits).flatMap { e in exits[i].map { Pair(chunk: i, entry: e, exit: $0) } }
                .filter { $0 != incumbent }
                .compactMap { pair -> (pair: Pair, sub: SchedulingProblem, bound: Double)? in
                    guard let sub = relaxation.subproblem(i, pinnedEntry: pair.entry, pinnedExit: pair.exit),
                          let bound = LowerBounds.latency(sub, relaxations: false).first?.seconds,
                          bound < parts[i].makespan * (1 - 1e-9) else { return nil }
                    return (pair, sub, bound)
                }
                .sorted { ($0.bound, $0.pair.entry ?? -1, $0.pair.exit ?? -1) < ($1.bound, $1.pair.entry ?? -1, $1.pair.exit ?? -1) }
            return [(incumbent, chunk.sub)] + others.map { ($0.pair, $0.sub) }
        }
        var chosen: [(pair: Pair, sub: SchedulingProblem)] = []
        for round in 0..<(queues.map(\.count).max() ?? 0) {
            for queue in queues where round < queue.count && chosen.count < count { chosen.append(queue[round]) }
        }
        return chosen.sorted { ($0.pair.chunk, $0.pair.entry ?? -1, $0.pair.exit ?? -1) < ($1.pair.chunk, $1.pair.entry ?? -1, $1.pair.exit ?? -1) }
    }

    /// HEFT's schedule of every pair that has neither a solve nor the incumbent's part (at the
    /// incumbent's devices there are no such pairs).
    func heftSchedules(_ relaxation: SegmentRelaxation, _ best: Schedule, exits: [[Int?]], solved: Set<Pair>) -> [Pair: Schedule] {
        var schedules: [Pair: Schedule] = [:]
        for i in relaxation.chunks.indices {
            let incumbent = incumbentPair(relaxation, i, best)
            for entry in entries(i, exits) {
                for exit in exits[i] {
                    let pair = Pair(chunk: i, entry: entry, exit: exit)
                    guard pair != incumbent, !solved.contains(pair),
                          let sub = relaxation.subproblem(i, pinnedEntry: entry, pinnedExit: exit),
                          let heft = try? HEFTSolver().solve(sub, options: SolveOptions()).schedule else { continue }
                    schedules[pair] = heft
                }
            }
        }
        return schedules
    }

    /// The chunks' schedules chained by a dynamic program over the split points' devices
    /// (`SegmentChain.leastChain`): at each pair the shorter of the incumbent's part (at its
    /// own pair) and the engine's or HEFT's schedule; the chain with the least sum of
    /// windows, its pairs, and how many of its chunks differ from `best`.
    func cheapestChain(_ relaxation: SegmentRelaxation, _ best: Schedule, exits: [[Int?]], parts: [Schedule],
                       solved: [Pair: Schedule]) -> (schedules: [Schedule], pairs: [Pair], shortened: Int)? {
        let chain = SegmentChain.leastChain(exits) { i, entry, exit -> (cost: Double, item: (Schedule, Pair, Bool))? in
            let pair = Pair(chunk: i, entry: entry, exit: exit)
            let own = pair == incumbentPair(relaxation, i, best) ? parts[i] : nil
            guard let schedule = [own, solved[pair]].compactMap({ $0 }).min(by: { $0.makespan < $1.makespan * (1 - 1e-12) }) else { return nil }
            return (schedule.makespan, (schedule, pair, schedule != own))
        }
        guard let items = chain?.items else { return nil }
        return (items.map(\.0), items.map(\.1), items.filter(\.2).count)
    }
}
