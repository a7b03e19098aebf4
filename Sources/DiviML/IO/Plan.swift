/// A plan: the answer DiviML hands to deployment tools (docs/design.md §6, `diviml-plan/1`).
///
/// Built from a problem and a solver's answer; every time in it comes from the
/// simulator, never from a solver's own arithmetic.
public struct Plan: Sendable, Codable, Equatable {
    public enum Objective: String, Sendable, Codable, CaseIterable { case latency, throughput }

    public struct NodeEntry: Sendable, Codable, Equatable {
        public var name: String
        public var device: String
        public var start: Double
        public var finish: Double
        /// Replica index (throughput plans only).
        public var replica: Int?
        /// Whether the cost on this device was measured (present only when measurements were given).
        public var costSource: CostSource?
    }

    public struct TransferEntry: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        public var srcDevice: String
        public var dstDevice: String
        public var start: Double
        public var finish: Double
        public var bytes: Int64
        public var replica: Int?
    }

    public struct ReplicaEntry: Sendable, Codable, Equatable {
        public var devices: [String]
        public var periodSeconds: Double
        /// What limits the period: a device name or `link a->b`.
        public var bottleneck: String
    }

    public var format = "diviml-plan/1"
    public var model: String
    public var platform: String?
    public var objective: Objective
    public var solver: String
    public var status: String
    public var solveSeconds: Double
    public var makespanSeconds: Double?
    public var periodSeconds: Double?
    public var throughputPerSecond: Double?
    /// Samples per pass (batch B) for throughput.
    public var batch: Int?
    public var lowerBoundSeconds: Double?
    /// Which bound `lowerBoundSeconds` is (the largest of those computed), e.g. "fluid load".
    public var lowerBoundSource: String?
    /// Seconds spent computing the lower bounds (all of them, the strongest included; with
    /// `--bound-time-limit`, also joining the segments' sub-schedules into a plan).
    public var lowerBoundComputeSeconds: Double?
    public var gap: Double?
    public var fastestSingleDevice: String?
    public var speedupOverFastestSingleDevice: Double?
    public var devices: [String]
    /// Device → the ONNX Runtime execution provider that runs it in `diviml run` (`EP[:id]`),
    /// for the devices whose platform names one (a GPU of `local-cpu:N`); nil when none does.
    public var providers: [String: String]?
    public var nodes: [NodeEntry]
    public var transfers: [TransferEntry]
    public var replicas: [ReplicaEntry]?
    public var notes: [String]?
}
