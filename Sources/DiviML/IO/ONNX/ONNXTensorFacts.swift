import Foundation

/// What the importer knows about one tensor: its shape once concrete, its ONNX element
/// type, and for small integer or float tensors (shape vectors, axes, scales) the values,
/// so that `Reshape`, `Slice`, `Resize` and friends can be shaped.
struct TensorFacts: Sendable, Hashable {
    var shape: [Int]?
    /// `TensorProto.DataType` raw value (1 = float).
    var elementType: Int32
    /// Contents, row-major, when known and small (at most `valueLimit` elements).
    var values: [Double]?

    init(shape: [Int]?, elementType: Int32, values: [Double]? = nil) {
        self.shape = shape
        self.elementType = elementType
        self.values = values
    }

    /// Tensors larger than this do not carry values (only shape-like tensors need them).
    static let valueLimit = 64

    /// Bytes of the tensor, or nil while its shape is unknown; saturating at `Int64.max`
    /// (the importer rejects tensors above `ONNXShapeInference.maximumTensorBytes`).
    var bytes: Int64? { shape.map { Operator.bytes([$0], ONNXDataType.bytes(elementType)) ?? .max } }

    /// The values as integers (ONNX shape and axis vectors are int64).
    var intValues: [Int]? {
        values.map { $0.map { $0.isFinite ? Int(max(min($0, 9e18), -9e18)) : Int.max } }
    }
}

/// Element sizes of ONNX `TensorProto.DataType`.
enum ONNXDataType {
    static let float: Int32 = 1, int32: Int32 = 6, int64: Int32 = 7, bool: Int32 = 9

    /// Bytes per element; sub-byte types (int4, float4) round up to 1, strings count 8
    /// (a pointer), unknown types 4.
    static func bytes(_ type: Int32) -> Int {
        switch type {
        case 2, 3, 9, 17, 18, 19, 20, 21, 22, 23, 24: 1 // uint8, int8, bool, float8 variants, int4, uint4, float4
        case 4, 5, 10, 16: 2 // uint16, int16, float16, bfloat16
        case 1, 6, 12: 4 // float, int32, uint32
        case 7, 11, 13, 14, 8: 8 // int64, double, uint64, complex64, string
        case 15: 16 // complex128
        default: 4
        }
    }
}

extension Onnx_TensorProto {
    /// Facts of an initializer or a `Constant`'s tensor: dims always, values when the
    /// tensor is small and its data is inline (external data is referenced, never read).
    /// Dims with a negative entry, or whose product overflows, carry no values (the
    /// importer rejects such tensors by their shape).
    var facts: TensorFacts {
        let shape = dims.map { Int($0) }
        var facts = TensorFacts(shape: shape, elementType: dataType)
        if let count = checkedElementCount(shape), count <= TensorFacts.valueLimit, dataLocation != .external {
            facts.values = inlineValues(count)
        }
        return facts
    }

    /// Bytes the tensor occupies (from its dims, so also for external data); saturating at
    /// `Int64.max` for dims the importer rejects.
    var byteCount: Int64 { Operator.bytes([dims.map { Int($0) }], ONNXDataType.bytes(dataType)) ?? .max }

    /// Whether the tensor has elements but neither inline nor external data: a weight of a
    /// weights-free graph (docs/formats.md, "Weights-free ONNX graphs"). Its bytes still
    /// come from its dims (`byteCount`); only an export needs the data.
    var carriesNoData: Bool {
        guard dataLocation != .external, (checkedElementCount(dims.map { Int($0) }) ?? 1) > 0 else { return false }
        return rawData.isEmpty && floatData.isEmpty && int32Data.isEmpty && int64Data.isEmpty && doubleData.isEmpty
            && uint64Data.isEmpty && stringData.isEmpty
    }

    /// The `count` values of a float, double, int32 or int64 tensor stored inline, else nil.
    private func inlineValues(_ count: Int) -> [Double]? {
        switch dataType {
        case 1: return floatData.isEmpty ? raw(Float.self, count).map { $0.map(Double.init) } : floatData.map(Double.init)
        case 11: return doubleData.isEmpty ? raw(Double.self, count) : doubleData
        case 7: return int64Data.isEmpty ? raw(Int64.self, count).map { $0.map(Double.init) } : int64Data.map(Double.init)
        case 6: return int32Data.isEmpty ? raw(Int32.self, count).map { $0.map(Double.init) } : int32Data.map(Double.init)
        default: return nil
        }
    }

    /// Little-endian raw data read as `count` values of `T`, or nil when the size is off.
    private func raw<T: FixedWidthInteger & Sendable>(_: T.Type, _ count: Int) -> [T]? {
        guard rawData.count == count * MemoryLayout<T>.size else { return nil }
        return rawData.withUnsafeBytes { buffer in
            (0..<count).map { T(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
        }
    }

    private func raw<T: BinaryFloatingPoint & Sendable>(_: T.Type, _ count: Int) -> [T]? {
        guard rawData.count == count * MemoryLayout<T>.size else { return nil }
        return rawData.withUnsafeBytes { buffer in
            (0..<count).map { buffer.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) }
        }
    }
}

/// Turns symbolic dimensions (`dim_param`, or a dimension with no value) into numbers:
/// the batch dimension (axis 0 of a graph input, and every dimension sharing its name)
/// takes `batch`; any other symbolic dimension takes 1 and is reported.
struct SymbolicDimensions {
    let batch: Int
    private(set) var bound: [String: Int] = [:]
    private(set) var unresolved: [String] = []
    /// Whether some graph input has a symbolic axis 0, which `batch` set.
    private(set) var batchIsSymbolic = false
    /// The numbers graph inputs give their axis 0 (a static batch, when they agree).
    private(set) var fixedBatches: Set<Int> = []

    init(batch: Int) { self.batch = batch }

    /// The concrete shape of `type`, or nil when it has no shape at all.
    /// - Parameter isGraphInput: axis 0 of a graph input is the batch.
    mutating func shape(of type: Onnx_TypeProto, isGraphInput: Bool) -> [Int]? {
        guard case let .tensorType(tensor)? = type.value, tensor.hasShape else { return nil }
        return tensor.shape.dim.enumerated().map { axis, dim in
            if case let .dimValue(v)? = dim.value, v >= 0 {
                if axis == 0 && isGraphInput { fixedBatches.insert(Int(v)) }
                return Int(v)
            }
            let name = dim.dimParam
            if axis == 0 && isGraphInput { batchIsSymbolic = true }
            if let value = bound[name], !name.isEmpty { return value }
            if axis == 0 && isGraphInput {
                if !name.isEmpty { bound[name] = batch }
                return batch
            }
            let label = name.isEmpty ? "an unnamed dimension" : "'\(name)'"
            if !unresolved.contains(label) { unresolved.append(label) }
            return 1
        }
    }

    /// Whether `type` has a symbolic dimension that is not already bound to a number.
    func hasUnboundSymbol(_ type: Onnx_TypeProto) -> Bool {
        guard case let .tensorType(tensor)? = type.value, tensor.hasShape else { return false }
        return tensor.shape.dim.contains { dim in
            if case let .dimValue(v)? = dim.value, v >= 0 { return false }
            return bound[dim.dimParam] == nil
        }
    }
}
