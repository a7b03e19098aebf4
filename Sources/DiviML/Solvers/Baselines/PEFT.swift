/// Predict Earliest Finish Time (Arabnejad, Barbosa, "List Scheduling Algorithm for
/// Heterogeneous Systems by an Optimistic Cost Table", IEEE TPDS 25(3), 2014), written from
/// the paper, with a memory look-ahead.
///
/// The optimistic cost table `OCT(v, k)`, the least time from `v`'s finish on `k` to the end
/// of the graph when every later node may take any device at once:
/// `OCT(v, k) = max over successors w of min over devices k' of (OCT(w, k') + cost(w, k') + transfer(v → w, k → k'))`,
/// 0 at exit nodes. Nodes are taken in decreasing mean OCT over their allowed devices
/// (ready nodes only, ties: lower index), and each goes to the device that minimises
/// `EFT(v, k) + OCT(v, k)` (insertion policy), where HEFT minimises the finish alone. This
/// is what keeps a chain off a slow device: HEFT moves a node to the CPU when one transfer
/// back to an accelerator costs more than the node there, and then every successor stays
/// there too, because each one alone is cheaper where its input already is; the table
/// charges the CPU for the whole chain still to come.
///
/// A node goes only where it fits (`PlacementState.fits`: memory, colocation groups, allowed
/// devices); the table itself ignores memory (optimistic, as its name says). Where memory
/// binds, `MemoryFillSolver` and `ContiguousSplitSolver` look ahead at what still has to fit.
/// - Complexity: O(|E|·|K|²) for the table, plus HEFT's list scheduling; above `tableCap`
///   steps (a thousand devices and hundreds of edges) the table is skipped and HEFT's schedule returned.
public struct PEFTSolver: LatencySolver {
    public let name = "peft"
    public init() {}

    /// The most edge × device² steps the table may take; beyond (a thousand devices), HEFT.
    static let tableCap = 400_000_000

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        let (steps, overflow) = problem.edges.count.multipliedReportingOverflow(by: problem.deviceCount * problem.deviceCount)
        guard !overflow, steps <= Self.tableCap else {
            var result = try HEFTSolver().solve(problem, options: options)
            result.solver = name
            result.notes.append("\(problem.deviceCount) devices: too many for the optimistic cost table, HEFT's schedule")
            return result
        }
        let oct = Self.optimisticCostTable(problem)
        let rank = problem.nodes.indices.map { v in
            let allowed = problem.allowedDevices(v)
            return allowed.reduce(0.0) { $0 + oct[v][$1] } / Double(max(1, allowed.count))
        }
        var state = PlacementState(problem)
        for v in HEFTSolver.priorityOrder(problem, rank: rank) {
            var best: (device: Int, start: Double, score: Double)?
            for k in state.candidates(v) {
                let start = state.earliestStart(v, on: k, ready: state.dataReady(v, on: k), insertion: true)
                let score = start + problem.cost(v, on: k) + oct[v][k]
                if best.map({ score < $0.score }) ?? true { best = (k, start, score) }
            }
            guard let best else { throw HeuristicDeadEnd(solver: name, node: problem.nodes[v].name) }
            state.assign(v, to: best.device, start: best.start)
        }
        return SolverResult(solver: name, schedule: state.schedule, status: .heuristic, solveSeconds: clock.secondsElapsed)
    }

    /// `OCT(v, k)` for every node and device (`.infinity` where no completion is possible).
    /// - Complexity: O(|E|·|K|²).
    static func optimisticCostTable(_ problem: SchedulingProblem) -> [[Double]] {
        let devices = problem.deviceCount
        var oct = [[Double]](repeating: [Double](repeating: 0, count: devices), count: problem.nodes.count)
        for v in problem.topologicalOrder.reversed() {
            var row = [Double](repeating: 0, count: devices)
            for e in problem.outgoing[v] {
                let w = problem.edges[e].to
                let allowed = problem.allowedDevices(w)
                for k in 0..<devices {
                    var least = Double.infinity
                    for j in allowed { least = min(least, oct[w][j] + problem.cost(w, on: j) + problem.transferTime(edge: e, from: k, to: j)) }
                    row[k] = max(row[k], least)
                }
            }
            oct[v] = row
        }
        return oct
    }
}
