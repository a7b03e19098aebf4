/// Arithmetic and memory traffic of one operator, computed from its shapes and
/// attributes: the two inputs of the roofline model (docs/design.md §3).
///
/// FLOPs count a multiply-add as 2. Bytes touched are the data inputs read, the outputs
/// written, and the weights read once (for `Gather`, only the rows gathered). Reshape-like operators move no data on the device
/// (they only relabel a buffer) and cost 0 FLOPs and 0 bytes.
package struct OperatorWork: Sendable, Hashable {
    package var flops: Double
    package var bytes: Double

    package init(flops: Double, bytes: Double) {
        self.flops = flops
        self.bytes = bytes
    }

    /// Op types that only relabel memory.
    package static let viewOps: Set<String> = [
        "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Shape", "Constant", "Dropout",
        "HostInput", "HostOutput", "Input", "Output",
    ]

    /// Elementwise ops and their FLOPs per output element.
    package static let elementwiseFlops: [String: Double] = [
        "Relu": 1, "LeakyRelu": 2, "Clip": 2, "Add": 1, "Sub": 1, "Mul": 1, "Div": 1,
        "Sigmoid": 4, "Tanh": 4, "Gelu": 8, "Erf": 4, "Sqrt": 1, "Pow": 1, "Exp": 1, "HardSigmoid": 3,
        "HardSwish": 4, "Neg": 1, "Max": 1, "Min": 1, "Cast": 0, "Where": 1, "Expand": 0,
    ]

    /// The work of `op`; unknown op types are treated as memory-bound copies (1 FLOP per
    /// output element, all tensors read and written once).
    /// - Complexity: O(number of input and output dimensions).
    package static func of(_ op: Operator) -> OperatorWork {
        let io = Double(op.inputBytes) + Double(op.outputBytes)
        let weights = Double(op.paramBytes)
        let out = op.outputShapes.reduce(0.0) { $0 + Double(elementCount($1)) }
        if viewOps.contains(op.type) { return OperatorWork(flops: 0, bytes: 0) }
        switch op.type {
        case "Conv", "ConvTranspose":
            return OperatorWork(flops: convFlops(op), bytes: io + weights)
        case "Gemm", "MatMul":
            return OperatorWork(flops: matmulFlops(op), bytes: io + weights)
        case "MaxPool", "AveragePool":
            let window = kernelArea(op)
            return OperatorWork(flops: out * window, bytes: io)
        case "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceSum", "ReduceMax":
            return OperatorWork(flops: op.inputShapes.reduce(0.0) { $0 + Double(elementCount($1)) }, bytes: io)
        case "BatchNormalization":
            return OperatorWork(flops: 2 * out, bytes: io + weights)
        case "LayerNormalization":
            return OperatorWork(flops: 8 * out, bytes: io + weights)
        case "Softmax":
            return OperatorWork(flops: 5 * out, bytes: io)
        case "Gather":
            // An embedding reads only the rows it gathers (as many bytes as it writes),
            // not its whole table.
            return OperatorWork(flops: 0, bytes: io + Double(op.outputBytes))
        case "Sum", "Mean":
            // n inputs: n − 1 additions per element, and the division for `Mean`.
            let adds = Double(max(1, op.inputShapes.count - 1)) + (op.type == "Mean" ? 1 : 0)
            return OperatorWork(flops: adds * out, bytes: io + weights)
        case "Concat", "Split", "Transpose", "Slice", "Pad", "Resize":
            return OperatorWork(flops: 0, bytes: io + weights)
        default:
            let perElement = elementwiseFlops[op.type] ?? 1
            return OperatorWork(flops: perElement * out, bytes: io + weights)
        }
    }

    /// The product of `kernel_shape` (1 when absent), in floating point so that no
    /// attribute overflows it.
    static func kernelArea(_ op: Operator) -> Double {
        op.attributes["kernel_shape"]?.reduce(1.0) { $0 * Double($1) } ?? 1
    }

    /// 2 · N · C_out · spatial_out · (C_in / group) · kernel_area, from shapes in NCHW.
    static func convFlops(_ op: Operator) -> Double {
        guard let input = op.inputShapes.first, input.count >= 3, let output = op.outputShapes.first else { return 0 }
        let group = Double(op.attribute("group", default: 1))
        let kernel = kernelArea(op)
        let cin = Double(input[1])
        if op.type == "ConvTranspose" {
            return 2 * Double(elementCount(input)) * Double(output[1]) / group * kernel
        }
        return 2 * Double(elementCount(output)) * (cin / group) * kernel
    }

    /// 2 · (batch of output) · M · N · K, with K the contracted dimension of the first input.
    static func matmulFlops(_ op: Operator) -> Double {
        guard let a = op.inputShapes.first, let k = a.last, let output = op.outputShapes.first else { return 0 }
        let contracted = op.type == "Gemm" && op.attribute("transA", default: 0) == 1 ? a[0] : k
        return 2 * Double(elementCount(output)) * Double(contracted)
    }
}
