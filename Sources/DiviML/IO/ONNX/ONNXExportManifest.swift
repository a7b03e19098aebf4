/// `DIR/manifest.json` of `diviml export-onnx` (`"format": "diviml-onnx-partition/1"`):
/// the sub-models in the order to run them, and every tensor passed between them.
/// docs/deploy.md shows a runtime executing it.
public struct ONNXExportManifest: Sendable, Codable, Equatable {
    /// One sub-model file.
    public struct Submodel: Sendable, Codable, Equatable {
        /// File name inside the output directory.
        public var file: String
        public var device: String
        /// 0 for a device's first sub-model; more only when a path returns to the device.
        public var stage: Int
        /// ONNX node names it holds, in topological order.
        public var nodes: [String]
        /// Tensors to feed: graph inputs and tensors from earlier sub-models.
        public var inputs: [String]
        /// Tensors it produces for later sub-models or as graph outputs.
        public var outputs: [String]
        /// Earliest start the plan gives its nodes, seconds.
        public var plannedStart: Double
    }

    /// A tensor produced by one sub-model and consumed by others.
    public struct BoundaryTensor: Sendable, Codable, Equatable {
        public var name: String
        public var bytes: Int64
        public var from: String
        public var to: [String]
        public var fromDevice: String
        public var toDevices: [String]
        /// Whether some consumer runs on another device (false only between stages of one device).
        public var crossesDevice: Bool
    }

    public var format = "diviml-onnx-partition/1"
    /// The model file exported.
    public var model: String
    public var devices: [String]
    /// Sub-models in execution order: each needs only graph inputs and earlier outputs.
    public var submodels: [Submodel]
    /// `submodels` file names, in order.
    public var executionOrder: [String]
    /// Graph inputs and the sub-models that read them.
    public var graphInputs: [String: [String]]
    /// Graph outputs and the sub-model that writes each.
    public var graphOutputs: [String: String]
    /// Tensors passed between sub-models.
    public var boundaryTensors: [BoundaryTensor]
}
