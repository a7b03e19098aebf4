/// The chain of `SegmentResolve`: which (entry, exit) pairs of the chunks are solved, and
/// the dynamic program over the split points' devices that picks one pair a chunk.
extension SegmentResolve {
    /// A chunk with its entry's and its exit's devices (nil: none, at the ends).
    struct Pair: Hashable {
        var chunk: Int
        var entry: Int?
        var exit: Int?
    }

    /// The devices each split point may take in the chain: with `wide` (a budget for more
    /// solves than there are open chunks) and at most `SegmentChain.maxPairs` pairs in all,
    /// every device the split point allows; otherwise the one `best` gives it.
    func boundaryDevices(_ relaxation: SegmentRelaxation, _ best: Schedule, wide: Bool) -> [[Int]] {
        let points = relaxation.chunks.dropLast().map { $0.last! }
        let all = points.map { problem.allowedDevices($0) }
        let pairs = relaxation.chunks.indices.reduce(0) { $0 + entries($1, all).count * exits($1, all).count }
        return wide && pairs <= SegmentChain.maxPairs ? all : points.map { [best.device[$0]] }
    }

    func entries(_ i: Int, _ boundaries: [[Int]]) -> [Int?] { i == 0 ? [nil] : boundaries[i - 1] }
    func exits(_ i: Int, _ boundaries: [[Int]]) -> [Int?] { i < boundaries.count ? boundaries[i] : [nil] }

    /// The incumbent's pair of chunk i.
    func incumbentPair(_ relaxation: SegmentRelaxation, _ i: Int, _ best: Schedule) -> Pair {
        let chunks = relaxation.chunks
        return Pair(chunk: i, entry: i > 0 ? best.device[chunks[i - 1].last!] : nil,
                    exit: i + 1 < chunks.count ? best.device[chunks[i].last!] : nil)
    }

    /// The `count` (pair, sub-problem) solves: first every open chunk's incumbent pair,
    /// largest gap first; then, round by round, each open chunk's next pair by its
    /// closed-form bound, those bounded at or above the incumbent's window left out.
    func chosenSolves(_ relaxation: SegmentRelaxation, _ best: Schedule, open: [(index: Int, gap: Double)],
                      boundaries: [[Int]], count: Int, parts: [Schedule]) -> [(pair: Pair, sub: SchedulingProblem)] {
        let queues: [[(pair: Pair, sub: SchedulingProblem)]] = open.sorted { ($0.gap, -$0.index) > ($1.gap, -$1.index) }.map { chunk in
            let i = chunk.index
            let incumbent = incumbentPair(relaxation, i, best)
            let others = entries(i, boundaries).flatMap { e in exits(i, boundaries).map { Pair(chunk: i, entry: e, exit: $0) } }
                .filter { $0 != incumbent }
                .compactMap { pair -> (pair: Pair, sub: SchedulingProblem, bound: Double)? in
                    guard let sub = relaxation.subproblem(i, pinnedEntry: pair.entry, pinnedExit: pair.exit),
                          let bound = LowerBounds.latency(sub, relaxations: false).first?.seconds,
                          bound < parts[i].makespan * (1 - 1e-9) else { return nil }
                    return (pair, sub, bound)
                }
                .sorted { ($0.bound, $0.pair.entry ?? -1, $0.pair.exit ?? -1) < ($1.bound, $1.pair.entry ?? -1, $1.pair.exit ?? -1) }
            return [(incumbent, pinned(relaxation, i, best)!)] + others.map { ($0.pair, $0.sub) }
        }
        var chosen: [(pair: Pair, sub: SchedulingProblem)] = []
        for round in 0..<(queues.map(\.count).max() ?? 0) {
            for queue in queues where round < queue.count && chosen.count < count { chosen.append(queue[round]) }
        }
        return chosen.sorted { ($0.pair.chunk, $0.pair.entry ?? -1, $0.pair.exit ?? -1) < ($1.pair.chunk, $1.pair.entry ?? -1, $1.pair.exit ?? -1) }
    }

    /// The chunks' schedules chained by a dynamic program over the split points' devices
    /// (`SegmentChain.dynamicProgram`'s argument): for each pair, the shortest of the
    /// engine's schedule, HEFT's and, at the incumbent's pair, the incumbent's part; the
    /// chain with the least sum of windows, and how many of its chunks differ from `best`.
    func cheapestChain(_ relaxation: SegmentRelaxation, _ best: Schedule, boundaries: [[Int]], parts: [Schedule],
                       solved: [Pair: Schedule]) -> (schedules: [Schedule], pairs: [Pair], shortened: Int)? {
        typealias Cell = (time: Double, from: Int, schedule: Schedule, changed: Bool)
        var rows: [[Cell?]] = []
        for i in relaxation.chunks.indices {
            let incumbent = incumbentPair(relaxation, i, best)
            let row: [Cell?] = exits(i, boundaries).map { exit in
                var cell: Cell?
                for (e, entry) in entries(i, boundaries).enumerated() {
                    let before = i == 0 ? 0 : rows[i - 1][e]?.time
                    guard let before else { continue }
                    let pair = Pair(chunk: i, entry: entry, exit: exit)
                    var options: [(Schedule, Bool)] = []
                    if pair == incumbent { options.append((parts[i], false)) }
                    if let s = solved[pair] { options.append((s, true)) }
                    if solved[pair] == nil, pair != incumbent,
                       let sub = relaxation.subproblem(i, pinnedEntry: entry, pinnedExit: exit),
                       let heft = try? HEFTSolver().solve(sub, options: SolveOptions()).schedule { options.append((heft, true)) }
                    guard let (schedule, changed) = options.min(by: { $0.0.makespan < $1.0.makespan * (1 - 1e-12) }) else { continue }
                    if before + schedule.makespan < (cell?.time ?? .infinity) * (1 - 1e-12) {
                        cell = (before + schedule.makespan, e, schedule, changed)
                    }
                }
                return cell
            }
            rows.append(row)
        }
        guard let last = rows.last, var x = last.indices.filter({ last[$0] != nil }).min(by: { last[$0]!.time < last[$1]!.time }) else {
            return nil
        }
        var chosen: [Schedule] = []
        var pairs: [Pair] = []
        var shortened = 0
        for i in relaxation.chunks.indices.reversed() {
            guard let cell = rows[i][x] else { return nil }
            chosen.append(cell.schedule)
            pairs.append(Pair(chunk: i, entry: entries(i, boundaries)[cell.from], exit: exits(i, boundaries)[x]))
            shortened += cell.changed ? 1 : 0
            x = cell.from
        }
        return (chosen.reversed(), pairs.reversed(), shortened)
    }
}
