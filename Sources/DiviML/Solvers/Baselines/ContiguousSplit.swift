/// Contiguous placement where memory binds, with the cuts chosen by dynamic programming:
/// the inseparable blocks (`InseparableBlocks`) in their depth-first topological order are
/// cut into consecutive stretches, each on one device, so that the weights on every device
/// fit its memory and the estimated latency, the compute of every stretch on its device
/// plus the transfers at every cut, is least.
///
/// The latency greedy of Tarnawski et al. (NeurIPS 2020, Appendix F; `PeerLatencyGreedy`)
/// and `MemoryFillSolver` fill each device as far as it goes, so their cuts fall wherever
/// memory runs out, often across the largest tensors, and never use a slower device with
/// room to spare; on a chain of layers where one cut costs as much as a hundred layers'
/// compute, where the cuts fall and which device takes a stretch decide the latency. The
/// estimate is exact for a chain: one device runs its stretch one node after another, and
/// the next stretch waits for the tensors that cross the cut.
///
/// Devices are taken by class (`DeviceClass`: same cost of every node, same memory). A
/// class whose memory cannot hold all the weights gives each stretch a device of its own,
/// at most its size of them; a class that can hold them all runs every stretch sent to it
/// on its first device. The program's state is the cut's position, the class of the
/// stretch after it and how many devices of each memory-bound class are used. Two
/// estimates of a cut's transfers are tried, the largest crossing tensor (transfers in
/// parallel) and their sum (one after another), each timed on the link between the two
/// classes. Each placement is list-scheduled (HEFT's priority order, insertion) and
/// simulated, and its cuts are then moved a few blocks while the simulated schedule
/// shortens (`shiftCuts`: the estimate is exact only for a chain); the schedule that
/// finishes first is returned. Blocks no device can run whole are list-scheduled freely, as
/// every block is when no device is short of memory (HEFT).
/// - Complexity: O(S·C·B·L) for B blocks, stretches of at most L blocks and S = C·Π(n_c + 1)
///   states per position (C classes, n_c devices in a memory-bound class); L is capped so
///   that S·C·B·L stays below `workCap`, and S below `stateCap`, S·B below `tableCap` and C
///   at most `classCap` (by leaving out the slowest memory-bound classes, then the slowest
///   others). Plus at most 4 + 4·`evaluations` list schedules (two block orders, two estimates).
public struct ContiguousSplitSolver: LatencySolver {
    public let name = "contiguous-dp"
    public init() {}

    /// The most (state, start, end) triples the dynamic program examines.
    static let workCap = 30_000_000
    /// The most states per position, and in all.
    static let stateCap = 4_096
    static let tableCap = 4_000_000
    /// The most device classes (the cut estimates are kept for every pair of them).
    static let classCap = 16

    /// How the transfers at one cut add up.
    enum CutEstimate: String, CaseIterable { case largest, sum }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        guard !MemoryFillSolver.fillDevices(problem).isEmpty else {
            var heft = try HEFTSolver().solve(problem, options: options)
            heft.solver = name
            heft.notes = ["no device short of memory: HEFT"]
            return heft
        }
        let rank = HEFTSolver.upwardRank(problem)
        let order = HEFTSolver.priorityOrder(problem, rank: rank)
        var best: Variant?
        var failure: Error?
        for (blockOrder, blockRank) in [("depth-first", nil), ("upward-rank", rank)] as [(String, [Double]?)] {
            let program = StretchProgram(problem, rank: blockRank)
            for estimate in CutEstimate.allCases {
                do {
                    guard let variant = try variant(program, order: order, estimate: estimate, blockOrder: blockOrder) else { continue }
                    if best.map({ variant.schedule.makespan < $0.schedule.makespan }) ?? true { best = variant }
                } catch {
                    failure = error
                }
            }
        }
        guard let best else {
            if let failure { throw failure }
            throw HeuristicDeadEnd(solver: name, node: problem.nodes[order[0]].name)
        }
        return SolverResult(solver: name, schedule: best.schedule, status: .heuristic, solveSeconds: clock.secondsElapsed,
                            notes: ["\(best.stretches) contiguous stretches of the \(best.blockOrder) block order, cut where the "
                                    + "\(best.estimate) crossing transfer costs least, \(best.shifted) cuts moved by simulation"])
    }

    /// One block order and cut estimate's schedule.
    private struct Variant {
        var schedule: Schedule
        var stretches: Int
        var estimate: CutEstimate
        var shifted: Int
        var blockOrder: String
    }

    /// The program's stretches under `estimate`, list-scheduled in `order`, simulated and
    /// shifted. - Returns: nil when no cut fits the weights.
    private func variant(_ program: StretchProgram, order: [Int], estimate: CutEstimate, blockOrder: String) throws -> Variant? {
        guard var stretches = program.stretches(estimate: estimate) else { return nil }
        let problem = program.problem
        let evaluate = { (stretches: [StretchProgram.Stretch]) throws -> Schedule in
            let listed = try MemoryFillSolver.listSchedule(problem, order: order, fixed: program.placement(stretches), solver: self.name)
            return try SplittingSolver.simulate(problem, listed)
        }
        var schedule = try evaluate(stretches)
        let shifted = Self.shiftCuts(&stretches, &schedule, program: program, evaluations: Self.evaluations(problem), evaluate: evaluate)
        return Variant(schedule: schedule, stretches: stretches.count, estimate: estimate, shifted: shifted, blockOrder: blockOrder)
    }

    /// Simulated schedules the cut shifting may try: 300, fewer on graphs of more than
    /// 10,000 nodes (about 3 million node placements in all).
    static func evaluations(_ problem: SchedulingProblem) -> Int {
        min(300, 3_000_000 / max(1, problem.nodes.count))
    }

    /// Moves single cuts by up to three blocks either way while that shortens the simulated
    /// schedule (first improvement, cuts in order, sweeps until none helps or `evaluations`
    /// schedules were simulated): the program's estimate is exact for a chain only.
    /// Deterministic. - Returns: how many moves were kept.
    static func shiftCuts(_ stretches: inout [StretchProgram.Stretch], _ schedule: inout Schedule, program: StretchProgram,
                          evaluations: Int, evaluate: ([StretchProgram.Stretch]) throws -> Schedule) -> Int {
        var left = evaluations, kept = 0, improved = true
        while improved, left > 0 {
            improved = false
            for j in 0..<max(0, stretches.count - 1) {
                for delta in [-1, 1, -2, 2, -3, 3] {
                    var moved = stretches
                    moved[j].end += delta
                    moved[j + 1].start += delta
                    guard left > 0, program.fits(moved) else { continue }
                    left -= 1
                    guard let candidate = try? evaluate(moved), candidate.makespan < schedule.makespan * (1 - 1e-12) else { continue }
                    stretches = moved
                    schedule = candidate
                    kept += 1
                    improved = true
                    break
                }
            }
        }
        return kept
    }
}

/// Devices that are interchangeable for placement: the same cost of every node and the same memory.
struct DeviceClass {
    /// Device indices, ascending.
    var members: [Int]
    /// Whether the class's memory cannot hold all the weights (each stretch needs a device of its own).
    var bounded: Bool

    /// The classes of `problem`'s devices, in order of their first member.
    /// - Complexity: O(|V|·|K|) (each device's cost column hashed once).
    static func classes(_ problem: SchedulingProblem) -> [DeviceClass] {
        struct Key: Hashable {
            var costs: [Double?]
            var memory: Int64
        }
        let total = problem.nodes.reduce(Int64(0)) { $0 &+ $1.paramBytes }
        var classes: [DeviceClass] = []
        var index: [Key: Int] = [:]
        for k in problem.devices.indices {
            let key = Key(costs: problem.nodes.map { $0.cost[k] }, memory: problem.devices[k].memoryBytes)
            if let i = index[key] { classes[i].members.append(k); continue }
            index[key] = classes.count
            classes.append(DeviceClass(members: [k], bounded: problem.devices[k].memoryBytes < total))
        }
        return classes
    }
}

/// The dynamic program of `ContiguousSplitSolver` over one problem's blocks and device classes.
struct StretchProgram {
    let problem: SchedulingProblem
    /// All inseparable blocks in one topological order (`InseparableBlocks`).
    let blocks: [[Int]]
    /// The blocks some class can run whole (indices into `blocks`), in order.
    let runnable: [Int]
    let classes: [DeviceClass]
    /// Mixed-radix place value of each class in a state's used-device counts (0: not counted).
    let radix: [Int]
    let usageStates: Int
    /// By class and position in `runnable`: whether the class runs the block, and its compute there.
    let runs: [[Bool]]
    let compute: [[Double]]
    /// The weights of each runnable block.
    let bytes: [Int64]
    /// Each node's position in `runnable` (-1: in no runnable block).
    let position: [Int]

    /// - Parameter rank: the order of the blocks (`InseparableBlocks`): depth first when nil.
    init(_ problem: SchedulingProblem, rank: [Double]? = nil) {
        self.problem = problem
        let blocks = InseparableBlocks(problem, rank: rank).blocks
        self.blocks = blocks
        var classes = DeviceClass.classes(problem)
        // Keep the state space small: drop the slowest memory-bound classes beyond the cap
        // (then the slowest others, keeping one).
        let states = { (cs: [DeviceClass]) -> Int in
            // Saturating: thousands of classes must not overflow the product.
            cs.filter(\.bounded).reduce(cs.count) { p, c in
                let (q, overflow) = p.multipliedReportingOverflow(by: c.members.count + 1)
                return overflow ? Int.max : q
            }
        }
        let cap = min(ContiguousSplitSolver.stateCap, ContiguousSplitSolver.tableCap / (blocks.count + 1))
        if states(classes) > cap || classes.count > ContiguousSplitSolver.classCap {
            let speed = classes.map { c in problem.nodes.reduce(0.0) { $0 + ($1.cost[c.members[0]] ?? .infinity) } }
            // Memory-bound classes go first, then (with thousands of classes) the others.
            var slowestFirst = classes.indices.sorted { (classes[$0].bounded ? 0 : 1, -speed[$0], $0) < (classes[$1].bounded ? 0 : 1, -speed[$1], $1) }
            var kept = Set(classes.indices)
            while kept.count > 1, states(kept.sorted().map { classes[$0] }) > cap || kept.count > ContiguousSplitSolver.classCap,
                  !slowestFirst.isEmpty {
                kept.remove(slowestFirst.removeFirst())
            }
            classes = kept.sorted().map { classes[$0] }
        }
        self.classes = classes
        var radix = [Int](repeating: 0, count: classes.count), place = 1
        for (c, cls) in classes.enumerated() where cls.bounded { radix[c] = place; place *= cls.members.count + 1 }
        self.radix = radix
        usageStates = place
        let runsAll = classes.map { c in blocks.map { $0.allSatisfy { problem.isAllowed($0, on: c.members[0]) } } }
        let runnable = blocks.indices.filter { b in runsAll.contains { $0[b] } }
        self.runnable = runnable
        runs = runsAll.map { row in runnable.map { row[$0] } }
        compute = classes.indices.map { c in
            runnable.indices.map { i in runsAll[c][runnable[i]] ? blocks[runnable[i]].reduce(0.0) { $0 + problem.cost($1, on: classes[c].members[0]) } : 0 }
        }
        bytes = runnable.map { blocks[$0].reduce(Int64(0)) { $0 &+ problem.nodes[$1].paramBytes } }
        var position = [Int](repeating: -1, count: problem.nodes.count)
        for (i, block) in runnable.enumerated() { for v in blocks[block] { position[v] = i } }
        self.position = position
    }

    /// One stretch: the runnable blocks `start..<end` (positions in `runnable`) on `device`.
    struct Stretch: Equatable {
        var start: Int
        var end: Int
        var device: Int
    }

    /// The stretches of the least estimated latency under `estimate`, in order, covering
    /// every runnable block. - Returns: nil when the weights fit no cut.
    func stretches(estimate: ContiguousSplitSolver.CutEstimate) -> [Stretch]? {
        let count = runnable.count
        guard count > 0 else { return [] }
        let C = classes.count, U = usageStates
        let index = { (c: Int, u: Int, p: Int) in (p * U + u) * C + c }
        let cut = (0..<C).map { a in (0..<C).map { b in cutCosts(from: a, to: b, estimate: estimate) } }
        let longest = max(1, ContiguousSplitSolver.workCap / max(1, C * C * U * count))
        let used = { (u: Int, c: Int) in self.radix[c] == 0 ? 0 : (u / self.radix[c]) % (self.classes[c].members.count + 1) }
        // time[(c, u, p)]: least time for blocks p... when a stretch on class c starts at p and
        // u counts the devices in use, this stretch's included; next: its end and the class after it.
        var time = [Double](repeating: .infinity, count: (count + 1) * U * C)
        var next = [(end: Int, cls: Int)](repeating: (-1, -1), count: (count + 1) * U * C)
        for p in stride(from: count - 1, through: 0, by: -1) {
            for u in 0..<U {
                for c in 0..<C where !classes[c].bounded || used(u, c) > 0 {
                    let k = classes[c].members[0]
                    var bestTime = Double.infinity, best = (end: -1, cls: -1)
                    var weights: Int64 = 0, work = 0.0, q = p
                    while q < count, q - p < longest, runs[c][q] {
                        weights &+= bytes[q]
                        guard !classes[c].bounded || weights <= problem.devices[k].memoryBytes else { break }
                        work += compute[c][q]
                        q += 1
                        if q == count {
                            if work < bestTime { bestTime = work; best = (q, -1) }
                            continue
                        }
                        for d in 0..<C where d != c || classes[c].bounded {
                            var v = u
                            if classes[d].bounded {
                                guard used(u, d) < classes[d].members.count else { continue }
                                v += radix[d]
                            }
                            let t = work + cut[c][d][q] + time[index(d, v, q)]
                            if t < bestTime { bestTime = t; best = (q, d) }
                        }
                    }
                    time[index(c, u, p)] = bestTime
                    next[index(c, u, p)] = best
                }
            }
        }
        var start: (time: Double, cls: Int, u: Int)?
        for c in 0..<C {
            let u = classes[c].bounded ? radix[c] : 0
            let t = time[index(c, u, 0)]
            if t < (start?.time ?? .infinity) { start = (t, c, u) }
        }
        guard var (_, c, u) = start else { return nil }
        var p = 0, stretches: [Stretch] = []
        while p < count {
            let step = next[index(c, u, p)]
            let k = classes[c].bounded ? classes[c].members[used(u, c) - 1] : classes[c].members[0]
            stretches.append(Stretch(start: p, end: step.end, device: k))
            p = step.end
            guard step.cls >= 0 else { break }
            c = step.cls
            if classes[c].bounded { u += radix[c] }
        }
        return stretches
    }

    /// The device of every node under `stretches` (nil: list-scheduled freely).
    func placement(_ stretches: [Stretch]) -> [Int?] {
        var device = [Int?](repeating: nil, count: problem.nodes.count)
        for s in stretches { for i in s.start..<s.end { for v in blocks[runnable[i]] { device[v] = s.device } } }
        return device
    }

    /// Whether every stretch is non-empty, runnable on its device and, with the others on
    /// the same device, within its memory.
    func fits(_ stretches: [Stretch]) -> Bool {
        var used = [Int64](repeating: 0, count: problem.deviceCount)
        for s in stretches {
            guard 0 <= s.start, s.start < s.end, s.end <= runnable.count else { return false }
            for i in s.start..<s.end {
                guard blocks[runnable[i]].allSatisfy({ problem.isAllowed($0, on: s.device) }) else { return false }
                used[s.device] &+= bytes[i]
            }
        }
        return problem.devices.indices.allSatisfy { used[$0] <= problem.devices[$0].memoryBytes }
    }

    /// The estimated transfer time of a cut before each position q (1..<count) of the
    /// runnable blocks, from a stretch on class `a` to one on class `b`: over the edges from a
    /// block before q to one at or after it, the largest transfer or their sum, each timed
    /// between a device of `a` and another of `b`.
    /// - Complexity: O(|E| log |E|) for the largest (edges painted in decreasing order over a
    ///   union-find of unpainted cuts), O(|E| + B) for the sum.
    func cutCosts(from a: Int, to b: Int, estimate: ContiguousSplitSolver.CutEstimate) -> [Double] {
        let count = runnable.count
        let source = classes[a].members[0]
        let target = classes[b].members.first { $0 != source } ?? source
        var spans: [(from: Int, to: Int, time: Double)] = []
        for e in problem.edges.indices {
            let (p, q) = (position[problem.edges[e].from], position[problem.edges[e].to])
            guard p >= 0, q > p else { continue }
            spans.append((p + 1, q, problem.transferTime(edge: e, from: source, to: target)))  // crosses the cuts p+1...q
        }
        var cost = [Double](repeating: 0, count: count + 1)
        switch estimate {
        case .sum:
            var delta = [Double](repeating: 0, count: count + 2)
            for s in spans { delta[s.from] += s.time; delta[s.to + 1] -= s.time }
            var running = 0.0
            for q in 0...count { running += delta[q]; cost[q] = running }
        case .largest:
            var unpainted = Array(0...(count + 1))  // the first unpainted cut at or after q
            func find(_ q: Int) -> Int {
                var r = q
                while unpainted[r] != r { r = unpainted[r] }
                var c = q
                while unpainted[c] != r { let n = unpainted[c]; unpainted[c] = r; c = n }
                return r
            }
            for s in spans.sorted(by: { ($0.time, $0.from, $0.to) > ($1.time, $1.from, $1.to) }) {
                var q = find(s.from)
                while q <= s.to {
                    cost[q] = s.time
                    unpainted[q] = q + 1
                    q = find(q + 1)
                }
            }
        }
        return cost
    }
}
