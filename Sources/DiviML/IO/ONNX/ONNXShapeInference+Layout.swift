/// Shape rules of the data-movement and shape-computing operators (ONNX operator
/// specification). Values are propagated for 1-D shape vectors so that the
/// `Shape → Gather → Concat → Reshape` chains of PyTorch exports resolve.
extension ONNXShapeInference {
    static func reshape(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) throws -> [TensorFacts]? {
        guard inputs.count >= 2, let facts = inputs[0], let x = facts.shape, let target = inputs[1]?.intValues else { return nil }
        let allowZero = node.int("allowzero") == 1
        var shape = target.enumerated().map { i, d in d == 0 && !allowZero && i < x.count ? x[i] : d }
        guard shape.allSatisfy({ $0 >= -1 }), shape.filter({ $0 == -1 }).count <= 1 else {
            throw ShapeFault(field: "input 1 (shape)", expected: "dimensions >= 0 and at most one -1", found: "\(target)")
        }
        if let hole = shape.firstIndex(of: -1) {
            let known = try shape.enumerated().reduce(1) { $1.offset == hole ? $0 : try product($0, $1.element, "input 1 (shape)") }
            guard known > 0 else { return nil }
            shape[hole] = elementCount(x) / known
        }
        guard let count = checkedElementCount(shape) else {
            throw ShapeFault(field: "input 1 (shape)", expected: "a shape whose element count fits in 64 bits", found: "\(target)")
        }
        guard count == elementCount(x) else { return nil }
        return [TensorFacts(shape: shape, elementType: facts.elementType, values: facts.values)]
    }

    static func flatten(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape else { return nil }
        let a = node.int("axis") ?? 1
        let cut = a < 0 ? a + x.count : a
        guard (0...x.count).contains(cut) else { return nil }
        return [TensorFacts(shape: [elementCount(Array(x[..<cut])), elementCount(Array(x[cut...]))], elementType: facts.elementType)]
    }

    static func transpose(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape else { return nil }
        let perm = node.ints("perm") ?? Array(x.indices.reversed())
        guard perm.count == x.count, Set(perm) == Set(x.indices) else { return nil }
        return [TensorFacts(shape: perm.map { x[$0] }, elementType: facts.elementType)]
    }

    /// Axes from the attribute (older opsets) or from input 1 (opset 13 and later).
    private static func axesInput(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], fromOpset: Int, opset: Int) -> [Int]?? {
        if opset < fromOpset { return .some(node.ints("axes")) }
        guard inputs.count > 1, let given = inputs[1] else { return .some(nil) }
        guard let values = given.intValues else { return .none } // axes given but not known: cannot infer
        return .some(values)
    }

    static func squeeze(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape, let given = axesInput(node, inputs, fromOpset: 13, opset: opset) else { return nil }
        let axes = given.map { $0.compactMap { axis($0, rank: x.count) } } ?? x.indices.filter { x[$0] == 1 }
        let shape = x.indices.filter { !axes.contains($0) }.map { x[$0] }
        return [TensorFacts(shape: shape, elementType: facts.elementType, values: facts.values)]
    }

    static func unsqueeze(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape, let given = axesInput(node, inputs, fromOpset: 13, opset: opset),
              let raw = given else { return nil }
        let rank = x.count + raw.count
        let axes = Set(raw.compactMap { axis($0, rank: rank) })
        guard axes.count == raw.count else { return nil }
        var rest = x.makeIterator()
        let shape = (0..<rank).map { axes.contains($0) ? 1 : rest.next() ?? 1 }
        return [TensorFacts(shape: shape, elementType: facts.elementType, values: facts.values)]
    }

    static func gather(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard inputs.count >= 2, let data = inputs[0], let x = data.shape, !x.isEmpty, let indices = inputs[1]?.shape,
              let axis = axis(node.int("axis") ?? 0, rank: x.count) else { return nil }
        var result = TensorFacts(shape: Array(x[..<axis]) + indices + Array(x[(axis + 1)...]), elementType: data.elementType)
        if x.count == 1, let values = data.values, let picks = inputs[1]?.intValues {
            let resolved = picks.map { $0 < 0 ? $0 + values.count : $0 }
            if resolved.allSatisfy({ values.indices.contains($0) }) { result.values = resolved.map { values[$0] } }
        }
        return [result]
    }

    /// Slice (ONNX operator specification, opsets 1–13): per sliced axis, a negative start
    /// or end counts from the end; both are then clamped to [0, extent] for a positive step
    /// and to [−1, extent − 1] for a negative one; the axis keeps ⌈(end − start) / step⌉
    /// elements (none when that is negative).
    static func slice(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) throws -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape else { return nil }
        let starts, ends: [Int]?
        var axes: [Int]?, steps: [Int]?
        if opset < 10 {
            (starts, ends, axes) = (node.ints("starts"), node.ints("ends"), node.ints("axes"))
        } else {
            func value(_ i: Int) -> [Int]? { inputs.count > i ? inputs[i]?.intValues : nil }
            (starts, ends, axes, steps) = (value(1), value(2), value(3), value(4))
            if inputs.count > 3, inputs[3] != nil, axes == nil { return nil }
            if inputs.count > 4, inputs[4] != nil, steps == nil { return nil }
        }
        guard let starts, let ends, starts.count == ends.count else { return nil }
        let axisList = (axes ?? Array(0..<starts.count)).compactMap { axis($0, rank: x.count) }
        let stepList = steps ?? [Int](repeating: 1, count: starts.count)
        guard axisList.count == starts.count, stepList.count == starts.count else { return nil }
        guard !stepList.contains(0) else { throw ShapeFault(field: "steps", expected: "non-zero steps", found: "\(stepList)") }
        var shape = x
        var first = [Int](repeating: 0, count: x.count)
        for (i, a) in axisList.enumerated() {
            first[a] = clamp(starts[i], x[a], step: stepList[i])
            shape[a] = sliceLength(first[a], clamp(ends[i], x[a], step: stepList[i]), stepList[i])
        }
        var result = TensorFacts(shape: shape, elementType: facts.elementType)
        if x.count == 1, let values = facts.values, values.count == x[0] {
            let step = axisList.isEmpty ? 1 : stepList[0]
            result.values = (0..<shape[0]).map { values[first[0] + $0 * step] }
        }
        return [result]
    }

    /// A start or end index normalised against `extent` (a negative one counts from the end)
    /// and clamped as the specification says for the direction of `step`.
    private static func clamp(_ index: Int, _ extent: Int, step: Int) -> Int {
        let i = index < 0 ? index + extent : index
        return step > 0 ? min(max(i, 0), extent) : min(max(i, -1), extent - 1)
    }

    /// Elements from clamped `start` towards clamped `end` (exclusive) by `step`; both lie in
    /// [−1, extent], so no intermediate value overflows, whatever the step.
    private static func sliceLength(_ start: Int, _ end: Int, _ step: Int) -> Int {
        if step > 0 { return end > start ? (end - start - 1) / step + 1 : 0 }
        let stride = step == .min ? Int.max : -step
        return start > end ? (start - end - 1) / stride + 1 : 0
    }

    static func resize(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) throws -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape else { return nil }
        func value(_ i: Int) -> [Double]? { inputs.count > i ? inputs[i]?.values : nil }
        let scalesIndex = opset >= 11 && node.opType == "Resize" ? 2 : 1
        if opset >= 11, node.opType == "Resize", let sizes = inputs.count > 3 ? inputs[3]?.intValues : nil, !sizes.isEmpty {
            guard sizes.count == x.count else { return nil }
            try requireAtLeast(sizes, 0, "input 3 (sizes)")
            return [TensorFacts(shape: sizes, elementType: facts.elementType)]
        }
        guard let scales = value(scalesIndex) ?? node.floats("scales"), scales.count == x.count else { return nil }
        let shape = try zip(x, scales).map { extent, scale -> Int in
            let scaled = (Double(extent) * scale).rounded(.down)
            guard scale.isFinite, scale >= 0, scaled < 0x1p62 else {
                throw ShapeFault(field: "scales", expected: "finite non-negative scales that keep every axis below 2^62",
                                 found: "\(scales)")
            }
            return Int(scaled)
        }
        return [TensorFacts(shape: shape, elementType: facts.elementType)]
    }

    static func pad(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) throws -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape else { return nil }
        let pads = opset >= 11 ? (inputs.count > 1 ? inputs[1]?.intValues : nil) : (node.ints("pads") ?? node.ints("paddings"))
        guard let pads else { return nil }
        var axes = Array(x.indices)
        if opset >= 18, inputs.count > 3, let given = inputs[3] {
            guard let values = given.intValues else { return nil }
            axes = values.compactMap { axis($0, rank: x.count) }
        }
        guard pads.count == 2 * axes.count else { return nil }
        var shape = x
        for (i, a) in axes.enumerated() { shape[a] = try sum(shape[a], pads[i], pads[i + axes.count], field: "pads") }
        return [TensorFacts(shape: shape, elementType: facts.elementType)]
    }

    static func constant(_ node: Onnx_NodeProto) -> [TensorFacts]? {
        if let a = node.attribute("value"), a.hasT { return [a.t.facts] }
        if let v = node.int("value_int") { return [TensorFacts(shape: [], elementType: ONNXDataType.int64, values: [Double(v)])] }
        if let v = node.ints("value_ints") { return [TensorFacts(shape: [v.count], elementType: ONNXDataType.int64, values: v.map(Double.init))] }
        if let a = node.attribute("value_float"), a.hasF { return [TensorFacts(shape: [], elementType: ONNXDataType.float, values: [Double(a.f)])] }
        if let v = node.floats("value_floats") { return [TensorFacts(shape: [v.count], elementType: ONNXDataType.float, values: v)] }
        return nil
    }

    static func shapeOf(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard let x = inputs.first??.shape else { return nil }
        let lo = max(0, min(x.count, (node.int("start") ?? 0) < 0 ? (node.int("start") ?? 0) + x.count : node.int("start") ?? 0))
        let rawEnd = node.int("end") ?? x.count
        let hi = max(lo, min(x.count, rawEnd < 0 ? rawEnd + x.count : rawEnd))
        let dims = Array(x[lo..<hi])
        return [TensorFacts(shape: [dims.count], elementType: ONNXDataType.int64, values: dims.map(Double.init))]
    }

    static func expand(_ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard inputs.count >= 2, let facts = inputs[0], let x = facts.shape, let target = inputs[1]?.intValues,
              let shape = broadcast(x, target) else { return nil }
        var result = TensorFacts(shape: shape, elementType: facts.elementType)
        // A scalar or one-element value repeated into a small tensor keeps its values.
        if let v = facts.values, v.count == 1, let count = checkedElementCount(shape), count <= TensorFacts.valueLimit {
            result.values = [Double](repeating: v[0], count: count)
        }
        return [result]
    }

    static func constantOfShape(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard let shape = inputs.first??.intValues else { return nil }
        let value = node.attribute("value").map(\.t)
        var result = TensorFacts(shape: shape, elementType: value?.dataType ?? ONNXDataType.float)
        // The fill value (0 when absent) carried into small tensors: shape vectors of ones.
        if shape.allSatisfy({ $0 >= 0 }), let count = checkedElementCount(shape), count <= TensorFacts.valueLimit {
            let fill = value.map { $0.facts.values?.first } ?? 0
            if let fill { result.values = [Double](repeating: fill, count: count) }
        }
        return [result]
    }

    static func tile(_ inputs: [TensorFacts?]) throws -> [TensorFacts]? {
        guard inputs.count >= 2, let facts = inputs[0], let x = facts.shape, let repeats = inputs[1]?.intValues,
              repeats.count == x.count else { return nil }
        try requireAtLeast(repeats, 0, "input 1 (repeats)")
        let shape = try zip(x, repeats).map { try product($0, $1, "input 1 (repeats)") }
        return [TensorFacts(shape: shape, elementType: facts.elementType)]
    }

    /// Reduce* and ArgMax/ArgMin: `axes` from the attribute, or from input 1 for
    /// ReduceSum (opset 13+) and the other reductions (opset 18+).
    static func reduce(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape else { return nil }
        let keep = (node.int("keepdims") ?? 1) == 1
        var raw: [Int]?
        if node.opType.hasPrefix("Arg") {
            raw = [node.int("axis") ?? 0]
        } else {
            let from = node.opType == "ReduceSum" ? 13 : 18
            guard let given = axesInput(node, inputs, fromOpset: from, opset: opset) else { return nil }
            raw = given
        }
        let noop = node.int("noop_with_empty_axes") == 1
        let axes = Set((raw ?? []).compactMap { axis($0, rank: x.count) })
        if axes.isEmpty && noop { return [facts] }
        let reduced = axes.isEmpty ? Set(x.indices) : axes
        let shape = x.indices.compactMap { reduced.contains($0) ? (keep ? 1 : nil) : x[$0] }
        let type = node.opType.hasPrefix("Arg") ? ONNXDataType.int64 : facts.elementType
        return [TensorFacts(shape: shape, elementType: type)]
    }
}
