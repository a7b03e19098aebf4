/// Everything the HTML report shows, as one value: the plan's headline numbers, a timeline
/// per run (the planned one; a measured one can join it), per-device utilisation and
/// memory, the op palette, the explanation, and for `compare` every solver's result.
/// It is what the page embeds as JSON.
public struct PlanReport: Sendable, Equatable, Codable {
    public struct DeviceUse: Sendable, Equatable, Codable {
        public var name: String
        public var kind: String
        /// Seconds computing (latency: in the pass; throughput: per period, all replicas).
        public var busySeconds: Double
        /// `busySeconds` over the makespan (latency) or the period (throughput).
        public var utilisation: Double
        public var nodes: Int
        /// Weights resident on the device under the placement (all replicas).
        public var weightBytes: Int64
        public var memoryBytes: Int64
    }

    public struct PaletteEntry: Sendable, Equatable, Codable {
        public var op: String
        public var colour: String
        public var count: Int
    }

    /// One solver's result in `compare`.
    public struct ComparisonRow: Sendable, Equatable, Codable {
        public var solver: String
        /// Makespan (latency) or effective period (throughput); nil when the solver gave no plan.
        public var seconds: Double?
        public var status: String
        public var solveSeconds: Double?
        public var gap: Double?
        public init(solver: String, seconds: Double?, status: String, solveSeconds: Double?, gap: Double?) {
            self.solver = solver
            self.seconds = seconds
            self.status = status
            self.solveSeconds = solveSeconds
            self.gap = gap.flatMap { $0.isFinite ? $0 : nil }
        }
    }

    public struct Comparison: Sendable, Equatable, Codable {
        public var rows: [ComparisonRow]
        /// The largest bound over the rows, and its name.
        public var bound: Double?
        public var boundSource: String?
        /// The solver whose plan the report's timeline shows.
        public var shown: String
        public init(rows: [ComparisonRow], bound: Double?, boundSource: String?, shown: String) {
            self.rows = rows
            self.bound = bound
            self.boundSource = boundSource
            self.shown = shown
        }
    }

    public var title: String
    public var model: String
    public var platform: String?
    public var objective: Plan.Objective
    public var solver: String
    public var status: String
    public var solveSeconds: Double
    public var makespan: Double?
    public var period: Double?
    public var throughput: Double?
    public var lowerBound: Double?
    public var boundSource: String?
    public var gap: Double?
    public var notes: [String]
    public var devices: [DeviceUse]
    public var palette: [PaletteEntry]
    public var timelines: [Timeline]
    public var explanation: PlanExplanation
    public var comparison: Comparison?
}
