/// The latency greedy of Tarnawski, Phanishayee, Devanur, Mahajan, Nina Paravecino
/// ("Efficient Algorithms for Device Placement of DNN Graph Operators", NeurIPS 2020,
/// Appendix F; msr-fiddle/dnn-partitioning), written from its description as the
/// published baseline that `diviml bench scale` compares against, in our own model.
///
/// The split: walk the inseparable blocks (`InseparableBlocks`) in topological order;
/// open the next accelerator and put on it as many consecutive blocks as fit in its
/// memory; a block larger than one accelerator, and every block once all accelerators are
/// open, goes to the CPU. Accelerators are the problem's devices of kind `accelerator`, in
/// index order (on a device-placement file: `acc0…`, the file's identical FPGAs); one
/// difference from the paper's greedy, which never looks at `supportedOnFpga`: a block
/// with a node that cannot run on an accelerator goes to the CPU and leaves the open
/// accelerator open (no public input has such a node).
///
/// Evaluated in our model: the split's accelerator nodes are fixed; the CPU's nodes are
/// list-scheduled (HEFT's priority order, insertion) onto the non-accelerator devices
/// (the cores), each to its earliest finish, as one run of the paper's greedy puts all
/// CPU work on one list. The schedule is our simulator's, not the paper's latency formula.
/// - Complexity: O(|V| + |E|) for the split, plus HEFT's list scheduling.
public struct PeerLatencyGreedy: LatencySolver {
    public let name = "peer-greedy"
    public init() {}

    /// A split in the paper's terms: the nodes of each accelerator used, and the CPU's nodes.
    public struct Split: Sendable, Equatable {
        public var accelerators: [[Int]]
        public var cpu: [Int]
    }

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        let split = Self.split(problem)
        let fixed = try FixedPlacementSolver(name: name, placement: Self.placement(problem, split: split)).solve(problem, options: options)
        return SolverResult(solver: name, schedule: fixed.schedule, status: .heuristic, solveSeconds: clock.secondsElapsed,
                            notes: ["\(split.accelerators.count) accelerators filled, \(split.cpu.count) nodes on the CPU"])
    }

    /// The accelerator devices in index order.
    public static func accelerators(_ problem: SchedulingProblem) -> [Int] {
        problem.devices.indices.filter { problem.devices[$0].kind == .accelerator }
    }

    /// The greedy's split of `problem` (see the type's documentation).
    public static func split(_ problem: SchedulingProblem) -> Split {
        let accelerators = accelerators(problem)
        let blocks = InseparableBlocks(problem).blocks
        let bytes = blocks.map { $0.reduce(Int64(0)) { $0 &+ problem.nodes[$1].paramBytes } }
        let fits = { (b: Int, k: Int, used: Int64) in
            used <= problem.devices[k].memoryBytes - bytes[b] && blocks[b].allSatisfy { problem.isAllowed($0, on: k) }
        }
        var split = Split(accelerators: [], cpu: [])
        var b = 0
        while b < blocks.count {
            let opened = split.accelerators.count
            guard opened < accelerators.count, fits(b, accelerators[opened], 0) else {
                split.cpu += blocks[b]
                b += 1
                continue
            }
            var nodes: [Int] = [], used: Int64 = 0
            while b < blocks.count, fits(b, accelerators[opened], used) {
                nodes += blocks[b]
                used += bytes[b]
                b += 1
            }
            split.accelerators.append(nodes)
        }
        return split
    }

    /// `split` as a placement of `problem`: accelerator nodes on their accelerator, CPU nodes nil.
    public static func placement(_ problem: SchedulingProblem, split: Split) -> [Int?] {
        let accelerators = accelerators(problem)
        var fixed = [Int?](repeating: nil, count: problem.nodes.count)
        for (i, nodes) in split.accelerators.enumerated() { for v in nodes { fixed[v] = accelerators[i] } }
        return fixed
    }
}
