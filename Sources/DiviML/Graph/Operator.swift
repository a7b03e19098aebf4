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

    /// Bytes of all outputs together, saturating at `Int64.max` (importers reject
    /// operators whose totals do not fit: `checkedTensorBytes`).
    public var outputBytes: Int64 { Self.bytes(outputShapes, elementBytes) ?? .max }

    /// Bytes of all data inputs together, saturating at `Int64.max` (see `outputBytes`).
    public var inputBytes: Int64 { Self.bytes(inputShapes, elementBytes) ?? .max }

    /// Bytes of the inputs and of the outputs, each with their sum, or nil when a shape
    /// has a negative dimension or any of these overflows `Int64`.
    public var checkedTensorBytes: (inputs: Int64, outputs: Int64)? {
        guard let i = Self.bytes(inputShapes, elementBytes), let o = Self.bytes(outputShapes, elementBytes),
              !i.addingReportingOverflow(o).overflow else { return nil }
        return (i, o)
    }

    /// Σ elements × `elementBytes` over `shapes` in overflow-checked arithmetic.
    static func bytes(_ shapes: [[Int]], _ elementBytes: Int) -> Int64? {
        var total: Int64 = 0
        for shape in shapes {
            guard let count = checkedElementCount(shape) else { return nil }
            let (bytes, o1) = Int64(count).multipliedReportingOverflow(by: Int64(elementBytes))
            let (sum, o2) = total.addingReportingOverflow(bytes)
            guard !o1, !o2 else { return nil }
            total = sum
        }
        return total
    }

    /// The attribute's single value, or `fallback` when absent.
    public func attribute(_ key: String, default fallback: Int) -> Int {
        attributes[key]?.first ?? fallback
    }
}

/// Number of elements of a tensor with this shape (1 for a scalar), saturating at
/// `Int.max` when the product overflows (`checkedElementCount` tells).
@inlinable
public func elementCount(_ shape: [Int]) -> Int {
    checkedElementCount(shape) ?? .max
}

/// Number of elements of a tensor with this shape, or nil when a dimension is negative or
/// the product overflows `Int`.
@inlinable
public func checkedElementCount(_ shape: [Int]) -> Int? {
    var count = 1
    for d in shape {
        guard d >= 0 else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: d)
        if overflow { return nil }
        count = product
    }
    return count
}
