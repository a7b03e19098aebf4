/// Shape rules of the compute-heavy operators (ONNX operator specification).
extension ONNXShapeInference {
    /// Spatial geometry shared by Conv and the pools: kernel, strides, dilations, pads.
    struct Window {
        var kernel: [Int], strides: [Int], dilations: [Int], pads: [Int], autoPad: String, ceilMode: Bool

        init(_ node: Onnx_NodeProto, kernel: [Int]) {
            let n = kernel.count
            self.kernel = kernel
            strides = node.ints("strides") ?? [Int](repeating: 1, count: n)
            dilations = node.ints("dilations") ?? [Int](repeating: 1, count: n)
            pads = node.ints("pads") ?? [Int](repeating: 0, count: 2 * n)
            autoPad = node.string("auto_pad") ?? "NOTSET"
            ceilMode = node.int("ceil_mode") == 1
        }

        /// Output extent of each spatial axis for input extents `input`.
        func output(_ input: [Int]) -> [Int]? {
            guard input.count == kernel.count, strides.count == kernel.count, dilations.count == kernel.count,
                  pads.count == 2 * kernel.count, strides.allSatisfy({ $0 > 0 }) else { return nil }
            return input.indices.map { i in
                let extent = dilations[i] * (kernel[i] - 1) + 1
                switch autoPad {
                case "SAME_UPPER", "SAME_LOWER": return (input[i] + strides[i] - 1) / strides[i]
                case "VALID": return max(0, (input[i] - extent) / strides[i] + 1)
                default:
                    let span = input[i] + pads[i] + pads[i + kernel.count] - extent
                    let steps = ceilMode ? (span + strides[i] - 1) / strides[i] : span / strides[i]
                    return max(0, steps + 1)
                }
            }
        }
    }

    static func conv(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard inputs.count >= 2, let x = inputs[0]?.shape, let w = inputs[1]?.shape, x.count >= 3, w.count == x.count else { return nil }
        let window = Window(node, kernel: node.ints("kernel_shape") ?? Array(w.dropFirst(2)))
        guard let spatial = window.output(Array(x.dropFirst(2))) else { return nil }
        return [TensorFacts(shape: [x[0], w[0]] + spatial, elementType: inputs[0]!.elementType)]
    }

    static func convTranspose(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard inputs.count >= 2, let x = inputs[0]?.shape, let w = inputs[1]?.shape, x.count >= 3, w.count == x.count else { return nil }
        let group = node.int("group") ?? 1
        let channels = w[1] * group
        if let explicit = node.ints("output_shape"), explicit.count == x.count - 2 {
            return [TensorFacts(shape: [x[0], channels] + explicit, elementType: inputs[0]!.elementType)]
        }
        let window = Window(node, kernel: node.ints("kernel_shape") ?? Array(w.dropFirst(2)))
        let n = window.kernel.count
        let outputPadding = node.ints("output_padding") ?? [Int](repeating: 0, count: n)
        guard x.count - 2 == n, outputPadding.count == n, window.pads.count == 2 * n else { return nil }
        let spatial = (0..<n).map { i -> Int in
            let full = window.strides[i] * (x[i + 2] - 1) + outputPadding[i] + window.dilations[i] * (window.kernel[i] - 1) + 1
            if window.autoPad.hasPrefix("SAME") { return x[i + 2] * window.strides[i] }
            return full - window.pads[i] - window.pads[i + n]
        }
        return [TensorFacts(shape: [x[0], channels] + spatial, elementType: inputs[0]!.elementType)]
    }

    static func pool(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape, x.count >= 3, let kernel = node.ints("kernel_shape") else { return nil }
        guard let spatial = Window(node, kernel: kernel).output(Array(x.dropFirst(2))) else { return nil }
        let y = TensorFacts(shape: [x[0], x[1]] + spatial, elementType: facts.elementType)
        return node.output.indices.map { $0 == 0 ? y : TensorFacts(shape: y.shape, elementType: ONNXDataType.int64) }
    }

    static func globalPool(_ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape, x.count >= 2 else { return nil }
        return [TensorFacts(shape: [x[0], x[1]] + [Int](repeating: 1, count: x.count - 2), elementType: facts.elementType)]
    }

    static func gemm(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard inputs.count >= 2, let a = inputs[0]?.shape, let b = inputs[1]?.shape, a.count == 2, b.count == 2 else { return nil }
        let m = node.int("transA") == 1 ? a[1] : a[0]
        let n = node.int("transB") == 1 ? b[0] : b[1]
        return [TensorFacts(shape: [m, n], elementType: inputs[0]!.elementType)]
    }

    /// numpy.matmul: 1-D operands are promoted and the added axis removed; batch axes broadcast.
    static func matmul(_ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard inputs.count >= 2, var a = inputs[0]?.shape, var b = inputs[1]?.shape, !a.isEmpty, !b.isEmpty else { return nil }
        let aVector = a.count == 1, bVector = b.count == 1
        if aVector { a = [1] + a }
        if bVector { b = b + [1] }
        guard a[a.count - 1] == b[b.count - 2], let batch = broadcast(Array(a.dropLast(2)), Array(b.dropLast(2))) else { return nil }
        var shape = batch + [a[a.count - 2], b[b.count - 1]]
        if bVector { shape.removeLast() }
        if aVector { shape.remove(at: shape.count - (bVector ? 1 : 2)) }
        return [TensorFacts(shape: shape, elementType: inputs[0]!.elementType)]
    }

    static func concat(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        let present = inputs.compactMap { $0 }
        guard present.count == inputs.count, let first = present.first?.shape, present.allSatisfy({ $0.shape?.count == first.count }),
              let axis = axis(node.int("axis") ?? 0, rank: first.count) else { return nil }
        var shape = first
        shape[axis] = present.reduce(0) { $0 + ($1.shape?[axis] ?? 0) }
        var result = TensorFacts(shape: shape, elementType: present[0].elementType)
        if first.count <= 1 {
            let parts = present.compactMap(\.values)
            if parts.count == present.count { result.values = parts.flatMap { $0 } }
        }
        return [result]
    }

    static func split(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape, let axis = axis(node.int("axis") ?? 0, rank: x.count) else { return nil }
        let count = node.output.count
        var sizes = opset >= 13 ? (inputs.count > 1 ? inputs[1]?.intValues : nil) : node.ints("split")
        if sizes == nil {
            guard count > 0 else { return nil }
            let chunk = (x[axis] + count - 1) / count
            sizes = (0..<count).map { min(chunk, max(0, x[axis] - $0 * chunk)) }
        }
        guard let sizes, sizes.count == count else { return nil }
        return sizes.map { size in
            var shape = x
            shape[axis] = size
            return TensorFacts(shape: shape, elementType: facts.elementType)
        }
    }

    /// If: the shapes the then-branch declares for its outputs (both branches must agree).
    static func ifOutputs(_ node: Onnx_NodeProto) -> [TensorFacts]? {
        guard let branch = node.attribute("then_branch"), branch.hasG else { return nil }
        let outputs = branch.g.output.map { info -> TensorFacts? in
            guard case let .tensorType(tensor)? = info.type.value, tensor.hasShape else { return nil }
            let dims = tensor.shape.dim.map { dim -> Int? in
                if case let .dimValue(v)? = dim.value { return Int(v) }
                return nil
            }
            guard dims.allSatisfy({ $0 != nil }) else { return nil }
            return TensorFacts(shape: dims.map { $0! }, elementType: tensor.elemType)
        }
        guard outputs.count == node.output.count, outputs.allSatisfy({ $0 != nil }) else { return nil }
        return outputs.map { $0! }
    }
}
