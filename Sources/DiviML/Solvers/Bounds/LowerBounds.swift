/// Lower bounds on the optimal makespan and period (docs/design.md §4, "Lower bounds").
///
/// Each bound is valid for every feasible schedule, so `bound <= makespan` holds for any
/// solver's answer; the plan reports the largest and the gap to it. The exact engines'
/// own proven bounds (d) come with their `SolverResult` and are added by `Planner`.
public enum LowerBounds {
    /// A named bound value.
    public struct Value: Sendable, Hashable {
        public var name: String
        public var seconds: Double
    }

    /// (a) The critical path with every node at its cheapest device and no transfers,
    /// starting from its release time: no schedule can finish a path sooner.
    /// - Complexity: O(|V|·|K| + |E|).
    public static func criticalPath(_ problem: SchedulingProblem) -> Double {
        criticalPath(problem, members: nil, useReleases: true)
    }

    /// The critical path of the subgraph induced by `members` (all nodes when nil), edges
    /// leaving the subset ignored; with `useReleases` false it starts at time 0 with every
    /// device free.
    static func criticalPath(_ problem: SchedulingProblem, members: [Int]?, useReleases: Bool) -> Double {
        var inside = [Bool](repeating: members == nil, count: problem.nodes.count)
        for v in members ?? [] { inside[v] = true }
        var finish = [Double](repeating: 0, count: problem.nodes.count)
        var longest = 0.0
        for v in problem.topologicalOrder where inside[v] {
            var ready = useReleases ? problem.release[v] : 0
            for e in problem.incoming[v] where inside[problem.edges[e].from] { ready = max(ready, finish[problem.edges[e].from]) }
            finish[v] = problem.allowedDevices(v).map { k in
                let c = problem.cost(v, on: k)
                return max(ready, useReleases && c > 0 ? problem.deviceReady[k] : 0) + c
            }.min()!
            longest = max(longest, finish[v])
        }
        return longest
    }

    /// (a') The critical path with transfers and per-device costs (see `TransferCriticalPath`).
    public static func criticalPathWithTransfers(_ problem: SchedulingProblem) -> Double {
        TransferCriticalPath.value(problem)
    }

    /// The average-load bound: all work at its cheapest, spread perfectly over the K
    /// devices, cannot finish before `Σ_v min_k cost[v][k] / K`. Device-ready times are
    /// not added: a device that is ready late may simply get no work. Never above the
    /// fluid bound, kept as a cross-check.
    /// - Complexity: O(|V|·|K|).
    public static func averageLoad(_ problem: SchedulingProblem) -> Double {
        let work = problem.nodes.indices.reduce(0.0) { $0 + problem.cheapestCost($1) }
        return work / Double(problem.deviceCount)
    }

    /// (b) The fluid load bound, the exact LP value (see `FluidBound.latency`).
    public static func fluidLoad(_ problem: SchedulingProblem) -> Double {
        FluidBound.latency(problem)
    }

    /// (c) The sum of per-segment bounds between split points (see `SegmentBound`).
    /// Also on the problem without its long edges (`withoutLongEdges`), when that frees
    /// split points; the larger is returned.
    public static func segments(_ problem: SchedulingProblem) -> Double {
        max(SegmentBound.value(problem), problem.withoutLongEdges().map(SegmentBound.value) ?? 0)
    }

    /// What `segmentRelaxation` found: the bound, the segments given to the engine and
    /// proved, whether the value may vary between runs, and the sub-schedules of the
    /// problem's own chunks (what `SegmentChain` joins into a plan).
    public struct RelaxationReport: Sendable {
        public var value: Value
        public var solves: Int
        public var proved: Int
        public var mayVary: Bool
        let relaxation: SegmentRelaxation
        let schedules: [Schedule?]
        /// The bound of each of the problem's own chunks.
        let chunkBounds: [Double]
        /// Whether the engine went to the finer chunks of the problem without its long edges
        /// (then the problem's own chunks are few and large).
        var finerChunks = false
    }

    /// (e) The per-segment relaxations, each bounded by `engine` within `budgetSeconds` of
    /// work in all (see `SegmentRelaxation`), on the problem and, when that frees split
    /// points, on the problem without its long edges, which then gets the engine (the larger
    /// value is kept). `secondsLeft` is the caller's clock (0 after Ctrl-C).
    public static func segmentRelaxation(_ problem: SchedulingProblem, engine: (any LatencySolver)?, options: SolveOptions,
                                         budgetSeconds: Double, secondsLeft: @escaping @Sendable () -> Double = { .infinity }) -> RelaxationReport {
        // When the long edges hide split points, the engine's budget goes to the finer
        // chunks of the smaller problem; the problem's own chunks keep their closed forms.
        let smaller = problem.withoutLongEdges()
        let relaxation = SegmentRelaxation(problem)
        let own = relaxation.value(engine: smaller == nil ? engine : nil, options: options, budgetSeconds: budgetSeconds, secondsLeft: secondsLeft)
        var report = RelaxationReport(value: Value(name: "segment relaxations", seconds: own.seconds), solves: own.solves, proved: own.proved,
                                      mayVary: own.mayVary, relaxation: relaxation, schedules: own.schedules,
                                      chunkBounds: own.chunkBounds)
        if let smaller {
            report.finerChunks = true
            let other = SegmentRelaxation(smaller).value(engine: engine, options: options, budgetSeconds: budgetSeconds, secondsLeft: secondsLeft)
            report.value.seconds = max(report.value.seconds, other.seconds)
            report.solves += other.solves
            report.proved += other.proved
            report.mayVary = report.mayVary || other.mayVary
        }
        return report
    }

    /// Every latency bound this component computes, largest first; without `relaxations`,
    /// the segment bounds are left out (for sub-problems that are one segment already).
    public static func latency(_ problem: SchedulingProblem, relaxations: Bool = true) -> [Value] {
        var values = [Value(name: "critical path", seconds: criticalPath(problem)),
                      Value(name: "critical path with transfers", seconds: criticalPathWithTransfers(problem)),
                      Value(name: "average load", seconds: averageLoad(problem)),
                      Value(name: "fluid load", seconds: fluidLoad(problem)),
                      Value(name: "fluid load in windows", seconds: WindowedFluidBound.latency(problem))]
        if relaxations {
            values.append(Value(name: "segments", seconds: segments(problem)))
            if let chain = SegmentChain.closedFormBound(SegmentRelaxation(problem)) {
                values.append(Value(name: "split-point device chain (closed forms)", seconds: chain))
            }
        }
        if let memory = MemoryPathBound.value(problem) { values.append(Value(name: "critical path with memory", seconds: memory)) }
        return values.sorted { $0.seconds > $1.seconds }
    }

    /// The fluid period bound, valid for one pipeline and for replicas on disjoint device
    /// groups alike: the larger of `FluidBound.period` (forced link loads only) and, when
    /// HiGHS loads and the LP is not too big, `LinkedFluidBound.period` (every link load).
    public static func fluidPeriod(_ problem: SchedulingProblem) -> Double {
        max(FluidBound.period(problem), LinkedFluidBound.period(problem) ?? 0)
    }

    /// Period bounds for one pipeline (replicated plans use `fluidPeriod`): the
    /// fluid LP with forced link loads (`FluidBound.period`), the fluid LP with every link
    /// load and the devices' memory when HiGHS solves it (`LinkedFluidBound.period`, named
    /// "fluid load with links (HiGHS LP)"; absent without HiGHS or above its size limit),
    /// and the most expensive single node at its cheapest (it runs whole on one device
    /// every period).
    /// - Complexity: O(|V|·|K|) plus two fluid LPs.
    public static func period(_ problem: SchedulingProblem) -> [Value] {
        let biggest = problem.nodes.indices.map { problem.cheapestCost($0) }.max() ?? 0
        let linked = LinkedFluidBound.period(problem, memory: true).map { [Value(name: "fluid load with links (HiGHS LP)", seconds: $0)] } ?? []
        return ([Value(name: "fluid load", seconds: FluidBound.period(problem)),
                 Value(name: "largest node", seconds: biggest)] + linked).sorted { $0.seconds > $1.seconds }
    }
}
