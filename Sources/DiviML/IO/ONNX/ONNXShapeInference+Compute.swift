/// Shape rules of the compute-heavy operators (ONNX operator specification).
extension ONNXShapeInference {
    /// Spatial geometry shared by Conv, ConvTranspose and the pools: kernel, strides,
    /// dilations, pads, each checked against the kernel's rank when the node is read.
    struct Window {
        var kernel: [Int], strides: [Int], dilations: [Int], pads: [Int], autoPad: String, ceilMode: Bool

        /// - Throws: `ShapeFault` when `strides`, `dilations` or `pads` do not have one
        ///   entry per kernel axis (two for pads), or a kernel, stride or dilation is below 1.
        init(_ node: Onnx_NodeProto, kernel: [Int]) throws {
            let n = kernel.count
            self.kernel = kernel
            strides = node.ints("strides") ?? [Int](repeating: 1, count: n)
            dilations = node.ints("dilations") ?? [Int](repeating: 1, count: n)
            pads = node.ints("pads") ?? [Int](repeating: 0, count: 2 * n)
            autoPad = node.string("auto_pad") ?? "NOTSET"
            ceilMode = node.int("ceil_mode") == 1
            try requireAtLeast(kernel, 1, "kernel_shape")
            try requireCount(strides, n, "strides", for: "a \(n)-D kernel")
            try requireAtLeast(strides, 1, "strides")
            try requireCount(dilations, n, "dilations", for: "a \(n)-D kernel")
            try requireAtLeast(dilations, 1, "dilations")
            try requireCount(pads, 2 * n, "pads", for: "a \(n)-D kernel (a start and an end per axis)")
        }

        /// Extent of the dilated kernel on axis `i`: dilation · (kernel − 1) + 1.
        func extent(_ i: Int) throws -> Int {
            try sum(try product(dilations[i], kernel[i] - 1, "dilations × kernel_shape"), 1, field: "dilations × kernel_shape")
        }

        /// Output extent of each spatial axis for input extents `input`, or nil when the
        /// input's rank does not match the kernel's.
        func output(_ input: [Int]) throws -> [Int]? {
            guard input.count == kernel.count else { return nil }
            return try input.indices.map { i in
                let extent = try extent(i)
                switch autoPad {
                case "SAME_UPPER", "SAME_LOWER": return try sum(input[i], strides[i], -1, field: "strides") / strides[i]
                case "VALID": return max(0, (input[i] - extent) / strides[i] + 1)
                default:
                    let span = try sum(input[i], pads[i], pads[i + kernel.count], -extent, field: "pads")
                    let steps = ceilMode ? try sum(span, strides[i], -1, field: "strides") / strides[i] : span / strides[i]
                    return max(0, steps + 1)
                }
            }
        }
    }

    static func conv(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) throws -> [TensorFacts]? {
        guard inputs.count >= 2, let x = inputs[0]?.shape, let w = inputs[1]?.shape, x.count >= 3, w.count == x.count else { return nil }
        let window = try Window(node, kernel: node.ints("kernel_shape") ?? Array(w.dropFirst(2)))
        guard let spatial = try window.output(Array(x.dropFirst(2))) else { return nil }
        return [TensorFacts(shape: [x[0], w[0]] + spatial, elementType: inputs[0]!.elementType)]
    }

    /// ConvTranspose (ONNX operator specification): out = stride · (in − 1) + output_padding
    /// + dilation · (kernel − 1) + 1 − pads, or in · stride under SAME padding.
    static func convTranspose(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) throws -> [TensorFacts]? {
        guard inputs.count >= 2, let x = inputs[0]?.shape, let w = inputs[1]?.shape, x.count >= 3, w.count == x.count else { return nil }
        let group = node.int("group") ?? 1
        try requireAtLeast([group], 1, "group")
        let channels = try product(w[1], group, "group")
        if let explicit = node.ints("output_shape"), explicit.count == x.count - 2 {
            return [TensorFacts(shape: [x[0], channels] + explicit, elementType: inputs[0]!.elementType)]
        }
        let window = try Window(node, kernel: node.ints("kernel_shape") ?? Array(w.dropFirst(2)))
        let n = window.kernel.count
        let outputPadding = node.ints("output_padding") ?? [Int](repeating: 0, count: n)
        guard x.count - 2 == n else { return nil }
        try requireCount(outputPadding, n, "output_padding", for: "a \(n)-D kernel")
        let spatial = try (0..<n).map { i -> Int in
            if window.autoPad.hasPrefix("SAME") { return try product(x[i + 2], window.strides[i], "strides") }
            let stretched = try product(window.strides[i], x[i + 2] - 1, "strides")
            return try sum(stretched, outputPadding[i], try window.extent(i), -window.pads[i], -window.pads[i + n], field: "pads")
        }
        return [TensorFacts(shape: [x[0], channels] + spatial, elementType: inputs[0]!.elementType)]
    }

    static func pool(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) throws -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape, x.count >= 3, let kernel = node.ints("kernel_shape") else { return nil }
        guard let spatial = try Window(node, kernel: kernel).output(Array(x.dropFirst(2))) else { return nil }
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

    /// ONNX Runtime's com.microsoft FusedMatMul (in its optimised graphs): `alpha · op(A) · op(B)`
    /// where `transA`/`transB` swap the last two axes; nil (a guess) for the batch-transposing variants.
    static func fusedMatmul(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) -> [TensorFacts]? {
        guard inputs.count >= 2, let a = inputs[0], let b = inputs[1], (node.int("transBatchA") ?? 0) == 0,
              (node.int("transBatchB") ?? 0) == 0 else { return nil }
        func swapped(_ t: TensorFacts, _ flag: String) -> TensorFacts? {
            guard (node.int(flag) ?? 0) != 0 else { return t }
            guard var shape = t.shape, shape.count >= 2 else { return nil }
            shape.swapAt(shape.count - 1, shape.count - 2)
            var copy = t
            copy.shape = shape
            return copy
        }
        return matmul([swapped(a, "transA"), swapped(b, "transB")])
    }

    static func concat(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?]) throws -> [TensorFacts]? {
        let present = inputs.compactMap { $0 }
        guard present.count == inputs.count, let first = present.first?.shape, present.allSatisfy({ $0.shape?.count == first.count }),
              let axis = axis(node.int("axis") ?? 0, rank: first.count) else { return nil }
        var shape = first
        shape[axis] = try present.reduce(0) { try sum($0, $1.shape?[axis] ?? 0, field: "inputs along axis \(axis)") }
        var result = TensorFacts(shape: shape, elementType: present[0].elementType)
        if first.count <= 1 {
            let parts = present.compactMap(\.values)
            if parts.count == present.count { result.values = parts.flatMap { $0 } }
        }
        return [result]
    }

    static func split(_ node: Onnx_NodeProto, _ inputs: [TensorFacts?], opset: Int) throws -> [TensorFacts]? {
        guard let facts = inputs.first ?? nil, let x = facts.shape, let axis = axis(node.int("axis") ?? 0, rank: x.count) else { return nil }
        let count = node.output.count
        var sizes = opset >= 13 ? (inputs.count > 1 ? inputs[1]?.intValues : nil) : node.ints("split")
        if sizes == nil {
            guard count > 0 else { return nil }
            let chunk = (x[axis] + count - 1) / count
            sizes = (0..<count).map { min(chunk, max(0, x[axis] - $0 * chunk)) }
        }
        guard let sizes, sizes.count == count else { return nil }
        try requireAtLeast(sizes, 0, "split")
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
