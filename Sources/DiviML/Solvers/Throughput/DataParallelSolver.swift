import Foundation

/// What a replicated throughput solve returns: one placement per replica (each on its own
/// device group; host I/O pseudo-nodes on the host), and how it went.
public struct ReplicatedThroughputResult: Sendable {
    public var solver: String
    public var replicas: [[Int]]
    public var groups: [[Int]]
    public var status: SolveStatus
    public var lowerBound: Double?
    public var solveSeconds: Double
    public var notes: [String]
    /// Whether another run on the same input may return different replicas (some engine
    /// solve was stopped by the wall clock; the notes say so).
    public var mayVary = false
}

/// Data parallelism over model-parallel pipelines (docs/design.md §2, throughput; issue 4): split
/// the devices into disjoint replica groups, run one pipeline per group, and keep the
/// partition with the highest total throughput Σ_g 1/period_g.
///
/// Each group's pipeline comes from `pipeline` on the problem restricted to the group
/// (`SchedulingProblem.restricted(to:)`), solved once per distinct group and cached. Up
/// to `exhaustiveLimit` devices every set partition is tried (Bell(6) = 203). Above it a
/// branch and bound over restricted growth strings prunes a partial partition when its
/// throughput plus the fluid bound's rate of the devices still unassigned cannot beat the
/// best: the fluid rate is superadditive (fractional plans of two disjoint groups combine
/// into one of their union), so it bounds every way to finish the partition.
///
/// `maxLatency` (a serving SLO) keeps only pipelines whose single-sample pass, simulated as
/// the plan reports it, finishes within it; each group then also offers the splitting
/// heuristic's latency placement as a candidate.
/// - Complexity: at most 2^K − 1 pipeline solves (fewer above the limit), plus O(Bell(K)·K)
///   for the enumeration up to the limit.
public struct DataParallelSolver: Sendable {
    public let name: String
    public var pipeline: any ThroughputSolver
    public var latency: any LatencySolver
    public var maxLatency: Double?
    public var exhaustiveLimit = 6
    /// An exact engine that re-solves the groups of the best partition (then the partition
    /// is chosen again), under `refineTimeLimit` per group.
    public var refine: (any ThroughputSolver)?
    public var refineTimeLimit = 5.0
    /// The work budget of each re-solve (`WorkBudget` units; the wall cap stays
    /// `refineTimeLimit` × `WorkBudget.subSolveCapFactor`). 1 unit: GoogLeNet's whole
    /// throughput model, 2 workers, spent it in about 2.3 s on the development machine
    /// (0.44 units/s); the budget of a 5 s limit (0.1 units) left its period 7% higher.
    public var refineWorkLimit = 1.0

    public init(name: String = "split", pipeline: any ThroughputSolver = ModelParallelSolver(),
                latency: any LatencySolver = SplittingSolver(), maxLatency: Double? = nil, refine: (any ThroughputSolver)? = nil) {
        self.name = name
        self.refine = refine
        self.pipeline = pipeline
        self.latency = latency
        self.maxLatency = maxLatency
    }

    /// The best replica partition.
    /// - Throws: `ServiceLevelUnreachable` when no pipeline meets `maxLatency`.
    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> ReplicatedThroughputResult {
        let clock = ContinuousClock.now
        var cache = GroupCache(problem: problem, solver: self, options: options)
        let k = problem.deviceCount
        var best = bestPartition(k, &cache)
        var refined: Set<Int> = []
        if let refine {
            // Re-solve the chosen groups exactly until the choice settles (each group once).
            while let group = best.groups.first(where: { !refined.contains(DeviceGroups.mask($0)) }) {
                refined.insert(DeviceGroups.mask(group))
                if cache.improve(group, with: refine, timeLimit: refineTimeLimit, work: refineWorkLimit) { best = bestPartition(k, &cache) }
            }
        }
        guard best.rate > 0 else {
            if let m = maxLatency, let fastest = cache.fastestPass {
                throw ServiceLevelUnreachable(target: "--max-latency \(formatSeconds(m))", best: "the lowest single-sample latency found is \(formatSeconds(fastest))")
            }
            return ReplicatedThroughputResult(solver: name, replicas: [], groups: [], status: .infeasible("no device group can run the model"),
                                              lowerBound: nil, solveSeconds: clock.secondsElapsed, notes: [])
        }
        let replicas = best.groups.map { cache.placement($0)! }
        let names = problem.devices.map(\.name)
        var notes = ["\(best.groups.count) replica(s): " + best.groups.map { "{\($0.map { names[$0] }.joined(separator: ", "))}" }.joined(separator: " ")
            + "; \(cache.solved) device groups solved" + (k > exhaustiveLimit ? " (branch and bound)" : " (all \(DeviceGroups.allPartitions(k).count) partitions)")
            + (refine.map { "; \(refined.count) re-solved by \($0.name)" } ?? "")]
        if let m = maxLatency { notes.append("every replica's single-sample latency within \(formatSeconds(m))") }
        if cache.mayVary > 0 {
            notes.append("\(cache.mayVary) pipeline solve(s) were stopped by the wall clock before their work budget: the plan may vary between runs")
        }
        return ReplicatedThroughputResult(solver: name, replicas: replicas, groups: best.groups, status: .heuristic,
                                          lowerBound: nil, solveSeconds: clock.secondsElapsed, notes: notes, mayVary: cache.mayVary > 0)
    }

    /// The partition with the highest total rate under the cache's current pipelines.
    private func bestPartition(_ k: Int, _ cache: inout GroupCache) -> (rate: Double, groups: [[Int]]) {
        guard k <= exhaustiveLimit else { return branchAndBound(k, &cache) }
        var best: (rate: Double, groups: [[Int]]) = (0, [])
        for partition in DeviceGroups.allPartitions(k) {
            let rate = partition.reduce(0.0) { $0 + cache.rate($1) }
            let better = rate > best.rate * (1 + 1e-9)
            let asGoodButSimpler = rate > 0 && rate >= best.rate * (1 - 1e-9) && partition.count < best.groups.count
            if better || asGoodButSimpler { best = (rate, partition) }
        }
        return best
    }

    /// Branch and bound: the group holding the smallest unassigned device is chosen among
    /// the subsets of the unassigned devices, then the rest is partitioned; a branch is cut
    /// when its closed groups' rate plus the fluid rate of the unassigned devices cannot
    /// beat the best found.
    private func branchAndBound(_ k: Int, _ cache: inout GroupCache) -> (rate: Double, groups: [[Int]]) {
        var best: (rate: Double, groups: [[Int]]) = (0, [])
        var groups: [[Int]] = []
        func extend(_ remaining: [Int], _ rate: Double) {
            guard let first = remaining.first else {
                if rate > best.rate * (1 + 1e-9) { best = (rate, groups) }
                return
            }
            guard rate + cache.fluidRate(remaining) > best.rate * (1 + 1e-9) else { return }
            let rest = Array(remaining.dropFirst())
            for bits in 0..<(1 << rest.count) {
                let group = [first] + rest.indices.filter { bits >> $0 & 1 == 1 }.map { rest[$0] }
                groups.append(group)
                extend(rest.indices.filter { bits >> $0 & 1 == 0 }.map { rest[$0] }, rate + cache.rate(group))
                groups.removeLast()
            }
        }
        extend(Array(0..<k), 0)
        return best
    }
}

/// No plan meets a service-level target; says the best value reached (worded in
/// `Errors/SolveError+Description.swift`).
public struct ServiceLevelUnreachable: Error, Sendable {
    /// The user's target with its unit, e.g. `--max-latency 1 ms`.
    public var target: String
    /// The best value reached, with its unit and how it is known.
    public var best: String
}
