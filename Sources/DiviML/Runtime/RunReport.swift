/// What `diviml run` measured (`run.json`, `"format": "diviml-run/1"`; docs/formats.md):
/// the plan's prediction beside ONNX Runtime's end-to-end times and each sub-model's
/// measured start and finish, and how far the outputs are from the whole model's.
public struct RunReport: Sendable, Codable, Equatable {
    /// One sub-model of the export, planned and measured (medians over the measured runs).
    public struct Submodel: Sendable, Codable, Equatable {
        public var file: String
        public var device: String
        public var nodes: Int
        public var plannedStart: Double
        public var plannedFinish: Double
        public var measuredStart: Double
        public var measuredFinish: Double
    }

    /// One graph input as it was fed.
    public struct InputEntry: Sendable, Codable, Equatable {
        public var shape: [Int]
        public var dtype: String
    }

    public var format = "diviml-run/1"
    public var model: String
    public var plan: String
    /// `onnxruntime` (one process, a thread per device) or `ray` (a Ray actor per device).
    public var engine: String
    public var ortVersion: String
    /// Device → execution provider (`EP` or `EP:id`).
    public var providers: [String: String]
    public var optLevel: String
    public var intraOpThreads: Int
    public var warmupRuns: Int
    /// The plan's makespan.
    public var predictedSeconds: Double
    /// Median end-to-end time over the measured runs (first sub-model start to last finish).
    public var measuredSeconds: Double
    /// (predicted - measured) / measured.
    public var relativeError: Double
    /// Every measured run's end-to-end time, in order.
    public var runSeconds: [Double]
    /// Median time of the whole model in one session (same options, same inputs).
    public var wholeModelSeconds: Double
    /// Largest |difference| between the plan's outputs and the whole model's, over every output element.
    public var maxAbsDifference: Double
    public var submodels: [Submodel]
    public var inputs: [String: InputEntry]
    /// `ray` engine: sub-model file → the id of the Ray node whose actor ran it.
    public var rayNodes: [String: String]?
}

/// The median of a non-empty list (the mean of the two middle values for an even count).
/// - Complexity: O(n log n).
func median(_ values: [Double]) -> Double {
    precondition(!values.isEmpty, "median of no values")
    let sorted = values.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}
