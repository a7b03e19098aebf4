/// What a plan's gap to its lower bound is made of, as identities over the schedule:
///
/// - latency, a path bound binding: makespan − bound = (makespan − D) + (D − bound), where
///   D is the longest data path at the plan's placement (`CriticalPath.dependencyLength`):
///   the first part is waiting for busy devices, the second what the placement's path costs
///   beyond the bound's ideal one (slower devices, transfers).
/// - latency, a load bound binding: makespan − bound = (makespan − W) + (W − bound), where W
///   is the busiest device's work: the first part is that device idling for its inputs, the
///   second the imbalance against the bound's perfect spread.
/// - throughput: the period is the bottleneck's load; the gap is how far it sits above the
///   bound's fractional spread.
///
/// Either the plan can still improve by up to the gap or the bound is that far from the
/// optimum; the parts and what the bound ignores say which is likelier.
public struct GapAnalysis: Sendable, Equatable, Codable {
    public struct Bound: Sendable, Equatable, Codable {
        public var name: String
        public var seconds: Double
    }

    public struct Part: Sendable, Equatable, Codable {
        public var seconds: Double
        public var meaning: String
    }

    /// The plan's makespan (latency) or period (throughput).
    public var seconds: Double
    /// The binding bound, as the plan records it.
    public var bound: Bound?
    /// `(seconds - bound) / bound`.
    public var gap: Double?
    /// What the binding bound ignores.
    public var ignores: String?
    /// Bounds recomputed from the problem, largest first (the plan's binding bound may be one
    /// computed only with a budget, such as the segment relaxations, or an exact engine's).
    public var bounds: [Bound]
    /// The parts the gap splits into: empty without a bound, and for bounds that are
    /// neither a path nor a load bound (segments, relaxations, an exact engine's).
    public var parts: [Part]
    /// The longest data path at the placement (latency; see `CriticalPath.dependencyLength`).
    public var dependencyPath: Double?
    /// The device with the most work, and that work in seconds (latency).
    public var busiestDevice: String?
    public var busiestWork: Double?

    /// The analysis of a latency plan's `schedule` against the plan's bound.
    /// - Complexity: O(|V| + |E|) plus the bounds `LowerBounds.latency` computes.
    public init(latency schedule: Schedule, problem: SchedulingProblem, bound: Bound?) {
        seconds = schedule.makespan
        self.bound = bound
        gap = bound.map { Plan.gap(upper: schedule.makespan, lower: $0.seconds) }.flatMap { $0.isFinite ? $0 : nil }
        ignores = bound.map { BoundBlindSpots.ignores($0.name) }
        bounds = LowerBounds.latency(problem).map { Bound(name: $0.name, seconds: $0.seconds) }
        let path = CriticalPath.dependencyLength(problem: problem, placement: schedule.device)
        dependencyPath = path
        var work = [Double](repeating: 0, count: problem.deviceCount)
        for v in problem.nodes.indices { work[schedule.device[v]] += schedule.finish[v] - schedule.start[v] }
        let k = work.indices.max { (work[$0], $1) < (work[$1], $0) } ?? 0
        busiestDevice = problem.devices[k].name
        busiestWork = work[k]
        parts = []
        guard let b = bound else { return }
        let name = problem.devices[k].name
        if BoundBlindSpots.isLoadBound(b.name) {
            parts = [Part(seconds: seconds - work[k], meaning: "\(name), the busiest device, idles waiting for its inputs"),
                     Part(seconds: work[k] - b.seconds, meaning: "\(name)'s work is above the bound's perfectly balanced spread")]
        } else if BoundBlindSpots.isPathBound(b.name) {
            parts = [Part(seconds: seconds - path, meaning: "nodes wait for busy devices (the makespan beyond the longest data path of this placement)"),
                     Part(seconds: path - b.seconds, meaning: "this placement's longest data path is above the bound (nodes off their fastest devices, transfers)")]
        }
    }

    /// The analysis of a throughput plan: `period` (the plan's), its bottleneck's load, the bound.
    /// - Complexity: that of `LowerBounds.period`.
    public init(period: Double, problem: SchedulingProblem, bottleneck: String, bound: Bound?) {
        seconds = period
        self.bound = bound
        gap = bound.map { Plan.gap(upper: period, lower: $0.seconds) }.flatMap { $0.isFinite ? $0 : nil }
        ignores = bound.map { BoundBlindSpots.ignores($0.name) }
        bounds = LowerBounds.period(problem).map { Bound(name: $0.name, seconds: $0.seconds) }
        dependencyPath = nil
        parts = bound.map { [Part(seconds: period - $0.seconds, meaning: "\(bottleneck), the bottleneck, carries more than the bound's fractional spread of the work")] } ?? []
    }
}
