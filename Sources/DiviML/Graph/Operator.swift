/// One operator of a network: what it computes, on which tensor shapes.
///
/// Op types use ONNX names (`Conv`, `Gemm`, `MatMul`, `MaxPool`, `Relu`, …) so the
/// built-in zoo, the ONNX importer and the roofline cost model speak one vocabulary.
/// Shapes are concrete (batch included). Integer attributes follow ONNX names too:
/// `kernel_shape`, `strides`, `pads`, `dilations`, `group`, `axis`.
public struct Operator: Sendable, Hashable, Codable {
    /// Unique name within its graph.
    public var name: String
    /// ONNX-style op type, e.g. `Conv`.
    public var type: String
    /// Shapes of the data inputs (weights excluded; they are `paramBytes`).
    public var inputShapes: [[Int]]
    /// Shapes of the outputs.
    public var outputShapes: [[Int]]
    /// Integer attributes by ONNX name.
    public var attributes: [String: [Int]]
    /// Bytes of weights resident on the device that runs this operator.
    public var paramBytes: Int64
    /// Bytes per tensor element (4 for fp32, 2 for fp16).
    public var elementBytes: Int

    public init(
        name: String, type: String, inputShapes: [[Int]], outputShapes: [[Int]],
        attributes: [String: [Int]] = [:], paramBytes: Int64 = 0, elementBytes: Int = 4
    ) {
        self.name = name
        self.type = type
        self.inputShapes = inputShapes
        self.outputShapes = outputShapes
        self.attributes = attributes
        self.paramBytes = paramBytes
        self.elementBytes = elementBytes
    }

    /// Bytes of all outputs together.
    public var outputBytes: Int64 {
        outputShapes.reduce(0) { $0 + Int64(elementCount($1) * elementBytes) }
    }

    /// Bytes of all data inputs together.
    public var inputBytes: Int64 {
        inputShapes.reduce(0) { $0 + Int64(elementCount($1) * elementBytes) }
    }

    /// The attribute's single value, or `fallback` when absent.
    public func attribute(_ key: String, default fallback: Int) -> Int {
        attributes[key]?.first ?? fallback
    }
}

/// Number of elements of a tensor with this shape (1 for a scalar).
@inlinable
public func elementCount(_ shape: [Int]) -> Int {
    shape.reduce(1, *)
}
