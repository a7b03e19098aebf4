/// Output shapes, element types and (for shape-like tensors) values of one ONNX node,
/// computed from its inputs by the operator's definition in the ONNX operator
/// specification (opsets 7–23); used where the file's `value_info` says nothing.
///
/// Covers the operators of docs/design.md §6 and the issue: Conv, ConvTranspose, Gemm, MatMul,
/// the normalisations, elementwise and broadcasting ops, pooling, Concat, Split,
/// Reshape, Flatten, Transpose, Squeeze/Unsqueeze, Softmax, Gather, Slice, Resize, Pad,
/// Reduce*, Constant, Shape, Cast, Where, Expand (plus ConstantOfShape, Tile, Range-free
/// helpers). Returns nil when an input it needs is unknown or the op is not covered.
enum ONNXShapeInference {
    /// Ops whose single output has the shape and type of their first input.
    static let sameShape: Set<String> = [
        "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Gelu", "Erf", "Exp", "Log", "Sqrt", "Reciprocal", "Neg",
        "Abs", "Floor", "Ceil", "Round", "Sin", "Cos", "Clip", "HardSigmoid", "HardSwish", "Softplus",
        "Softsign", "Elu", "Selu", "Celu", "Mish", "Identity", "Dropout", "Softmax", "LogSoftmax", "Hardmax",
        "BatchNormalization", "LayerNormalization", "InstanceNormalization", "GroupNormalization",
        "LpNormalization", "Not", "Sign", "CumSum", "Trilu", "Shrink", "ThresholdedRelu",
        "QuantizeLinear", "DequantizeLinear", "CastLike", "Cast", "IsNaN", "IsInf", "MeanVarianceNormalization",
    ]
    /// Broadcasting ops (numpy rules) over all their inputs.
    static let broadcasting: Set<String> = [
        "Add", "Sub", "Mul", "Div", "Pow", "Mod", "PRelu", "Max", "Min", "Sum", "Mean", "BitShift",
        "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor", "Where",
    ]
    static let comparisons: Set<String> = ["Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor", "Not", "IsNaN", "IsInf"]

    /// Output facts, one per `node.output`, or nil when they cannot be inferred.
    /// - Throws: `ShapeFault` when an attribute or input value is malformed or makes the
    ///   shape arithmetic overflow.
    /// - Complexity: O(rank of the tensors involved) per node.
    static func outputs(of node: Onnx_NodeProto, inputs: [TensorFacts?], opset: Int) throws -> [TensorFacts]? {
        let type = inputs.first??.elementType ?? ONNXDataType.float
        let op = node.opType
        if sameShape.contains(op) { return sameShapeOutputs(node, inputs, type) }
        if broadcasting.contains(op) { return broadcastOutputs(node, inputs) }
        let rule = rules[op]
        guard let shapes = try rule?(node, inputs.map { $0 }, opset) else { return nil }
        return shapes
    }

    private static func sameShapeOutputs(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], _ type: Int32) -> [TensorFacts]? {
        guard let x = inputs.first??.shape else { return nil }
        var outType = type
        if node.opType == "Cast", let to = node.int("to") { outType = Int32(to) }
        if node.opType == "CastLike", inputs.count > 1, let like = inputs[1] { outType = like.elementType }
        if node.opType == "DequantizeLinear" { outType = ONNXDataType.float }
        if comparisons.contains(node.opType) { outType = ONNXDataType.bool }
        var first = TensorFacts(shape: x, elementType: outType)
        if node.opType == "Cast" || node.opType == "Identity" { first.values = inputs.first??.values }
        if node.opType == "Neg" { first.values = inputs.first??.values?.map { -$0 } }
        if let f = valueFunctions[node.opType] { first.values = inputs.first??.values?.map(f) }
        // Secondary outputs (Dropout mask, LayerNormalization mean/inv-std) are small or same-shaped.
        return node.output.indices.map { $0 == 0 ? first : TensorFacts(shape: x, elementType: type) }
    }

    private static func broadcastOutputs(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        let present = inputs.compactMap { $0 }
        guard present.count == inputs.count, !present.isEmpty else { return nil }
        var shape: [Int] = []
        for facts in present {
            guard let s = facts.shape, let b = broadcast(shape, s) else { return nil }
            shape = b
        }
        let op = node.opType
        let type = comparisons.contains(op) ? ONNXDataType.bool : (op == "Where" ? present[1].elementType : present[0].elementType)
        var result = TensorFacts(shape: shape, elementType: type)
        if present.count == 2, let a = present[0].values, let b = present[1].values {
            result.values = combine(a, b, op, integer: type != ONNXDataType.float && type != 11 && type != 10)
        }
        if op == "Where", present.count == 3, let c = present[0].values, let a = present[1].values, let b = present[2].values {
            result.values = select(c, a, b)
        }
        if let values = result.values, values.count != (checkedElementCount(shape) ?? -1) { result.values = nil }
        return [result]
    }

    /// Unary functions carried through on small constant tensors (legacy PyTorch exports
    /// compute attention scales and head sizes from shapes at run time: Sqrt, Floor, Ceil).
    static let valueFunctions: [String: @Sendable (Double) -> Double] = [
        "Sqrt": { $0 >= 0 ? $0.squareRoot() : .nan }, "Floor": { $0.rounded(.down) }, "Ceil": { $0.rounded(.up) },
        "Abs": { Swift.abs($0) },
    ]

    /// Elementwise arithmetic on small constant vectors (scalar broadcast or equal length).
    private static func combine(_ a: [Double], _ b: [Double], _ op: String, integer: Bool) -> [Double]? {
        let n = max(a.count, b.count)
        guard a.count == n || a.count == 1, b.count == n || b.count == 1 else { return nil }
        let f: (Double, Double) -> Double
        switch op {
        case "Add": f = (+)
        case "Sub": f = (-)
        case "Mul": f = (*)
        case "Div": f = { y, z in z == 0 ? .nan : integer ? (y / z).rounded(.towardZero) : y / z }
        case "Max": f = { max($0, $1) }
        case "Min": f = { min($0, $1) }
        case "Mod": f = { y, z in z == 0 ? .nan : y - z * (y / z).rounded(.down) } // fmod = 0: the divisor's sign
        case "Equal": f = { $0 == $1 ? 1 : 0 }
        case "Less": f = { $0 < $1 ? 1 : 0 }
        case "Greater": f = { $0 > $1 ? 1 : 0 }
        case "LessOrEqual": f = { $0 <= $1 ? 1 : 0 }
        case "GreaterOrEqual": f = { $0 >= $1 ? 1 : 0 }
        default: return nil
        }
        return (0..<n).map { f(a[a.count == 1 ? 0 : $0], b[b.count == 1 ? 0 : $0]) }
    }

    /// `Where` on small constant vectors (scalar broadcast or equal length): the legacy
    /// PyTorch exporter writes `Expand(x, Where(Equal(shape, -1), 1, shape))`.
    private static func select(_ c: [Double], _ a: [Double], _ b: [Double]) -> [Double]? {
        let n = max(c.count, a.count, b.count)
        guard [c, a, b].allSatisfy({ $0.count == n || $0.count == 1 }) else { return nil }
        func at(_ v: [Double], _ i: Int) -> Double { v[v.count == 1 ? 0 : i] }
        return (0..<n).map { at(c, $0) != 0 ? at(a, $0) : at(b, $0) }
    }

    /// Numpy broadcasting of two shapes, or nil when they are incompatible.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let n = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: n - a.count) + a
        let pb = [Int](repeating: 1, count: n - b.count) + b
        var result: [Int] = []
        for (x, y) in zip(pa, pb) {
            guard x == y || x == 1 || y == 1 else { return nil }
            result.append(x == 1 ? y : x)
        }
        return result
    }

    /// Normalises a possibly negative axis against `rank`; nil when out of range (a scalar
    /// has no axis).
    static func axis(_ a: Int, rank: Int) -> Int? {
        let r = a < 0 ? a + rank : a
        return (0..<rank).contains(r) ? r : nil
    }

    typealias Rule = @Sendable (Onnx_NodeProto, [TensorFacts?], Int) throws -> [TensorFacts]?

    /// Per-operator rules for everything that is not same-shape or broadcasting.
    static let rules: [String: Rule] = [
        "Conv": { n, i, _ in try conv(n, i) }, "ConvTranspose": { n, i, _ in try convTranspose(n, i) },
        "MaxPool": { n, i, _ in try pool(n, i) }, "AveragePool": { n, i, _ in try pool(n, i) }, "LpPool": { n, i, _ in try pool(n, i) },
        "GlobalAveragePool": { n, i, _ in globalPool(i) }, "GlobalMaxPool": { n, i, _ in globalPool(i) },
        "Gemm": { n, i, _ in gemm(n, i) }, "MatMul": { n, i, _ in matmul(i) },
        "FusedMatMul": { n, i, _ in fusedMatmul(n, i) },
        "Concat": { n, i, _ in try concat(n, i) }, "Split": { n, i, o in try split(n, i, opset: o) },
        "Reshape": { n, i, _ in try reshape(n, i) }, "Flatten": { n, i, _ in flatten(n, i) },
        "Transpose": { n, i, _ in transpose(n, i) }, "Squeeze": { n, i, o in squeeze(n, i, opset: o) },
        "Unsqueeze": { n, i, o in unsqueeze(n, i, opset: o) }, "Gather": { n, i, _ in gather(n, i) },
        "Slice": { n, i, o in try slice(n, i, opset: o) }, "Resize": { n, i, o in try resize(n, i, opset: o) },
        "Upsample": { n, i, o in try resize(n, i, opset: o) }, "Pad": { n, i, o in try pad(n, i, opset: o) },
        "Constant": { n, _, _ in constant(n) }, "Shape": { n, i, _ in shapeOf(n, i) },
        "Expand": { n, i, _ in expand(i) }, "ConstantOfShape": { n, i, _ in constantOfShape(n, i) },
        "Tile": { n, i, _ in try tile(i) }, "If": { n, _, _ in ifOutputs(n) },
        "ReduceMean": { n, i, o in reduce(n, i, opset: o) }, "ReduceSum": { n, i, o in reduce(n, i, opset: o) },
        "ReduceMax": { n, i, o in reduce(n, i, opset: o) }, "ReduceMin": { n, i, o in reduce(n, i, opset: o) },
        "ReduceProd": { n, i, o in reduce(n, i, opset: o) }, "ReduceL1": { n, i, o in reduce(n, i, opset: o) },
        "ReduceL2": { n, i, o in reduce(n, i, opset: o) }, "ReduceLogSum": { n, i, o in reduce(n, i, opset: o) },
        "ReduceLogSumExp": { n, i, o in reduce(n, i, opset: o) }, "ReduceSumSquare": { n, i, o in reduce(n, i, opset: o) },
        "ArgMax": { n, i, o in reduce(n, i, opset: o) }, "ArgMin": { n, i, o in reduce(n, i, opset: o) },
    ]
}
