/// A small shape-tracking builder for the built-in model zoo.
///
/// Every call appends exactly one `Operator`, the way PyTorch's ONNX exporter emits one
/// node per operation in a training-mode export: `Conv`, `BatchNormalization` and `Relu`
/// stay separate nodes (no folding), residuals are `Add`, branches meet in `Concat`, a
/// `Linear` on a 2-D input is one `Gemm` (`transB = 1`) and on a 3-D input a `MatMul`
/// plus an `Add` for the bias. Inference-time identities (`Dropout`) are left out.
///
/// Guarantees of the graph `finish()` returns:
/// - node names are unique (a repeated name is a programming error and traps);
/// - every edge `(u, v)` carries `bytes == nodes[u].outputBytes`, and there is at most
///   one edge per producer–consumer pair;
/// - each node's `inputShapes` are the output shapes of its producers, in call order;
/// - nodes are appended in a topological order, so the graph is acyclic by construction.
///
/// Weights are charged to the operator that reads them (`paramBytes`, `elementBytes`
/// per element); a `BatchNormalization` holds its scale, bias, running mean and running
/// variance (4 values per channel), since all four are resident for inference.
struct GraphBuilder {
    /// A handle to a tensor: who produces it and its concrete shape.
    struct Tensor: Hashable {
        enum Source: Hashable {
            /// The output of node `index`.
            case node(Int)
            /// Graph input `index` (an `OpGraph.Boundary`).
            case input(Int)
            /// A constant folded into the consumer (e.g. position ids), no edge.
            case constant
        }

        var source: Source
        var shape: [Int]
    }

    private(set) var graph: OpGraph
    /// Bytes per element of activations and weights (4 for fp32, 2 for fp16).
    let elementBytes: Int
    private var names: Set<String> = []

    init(name: String, elementBytes: Int = 4) {
        graph = OpGraph(name: name)
        self.elementBytes = elementBytes
    }

    /// Declares a graph input of this shape; `bytesPerElement` defaults to `elementBytes`
    /// (token ids are int64 and pass 8).
    mutating func input(_ name: String, shape: [Int], bytesPerElement: Int? = nil) -> Tensor {
        let bytes = Int64(elementCount(shape) * (bytesPerElement ?? elementBytes))
        graph.inputs.append(OpGraph.Boundary(name: name, bytes: bytes, nodes: []))
        return Tensor(source: .input(graph.inputs.count - 1), shape: shape)
    }

    /// A constant tensor of this shape (no producer, no edge).
    func constant(shape: [Int]) -> Tensor {
        Tensor(source: .constant, shape: shape)
    }

    /// Declares `x` a graph output named `name`.
    mutating func output(_ name: String, _ x: Tensor) {
        guard case let .node(producer) = x.source else {
            preconditionFailure("graph output '\(name)' must be produced by a node")
        }
        let bytes = Int64(elementCount(x.shape) * elementBytes)
        graph.outputs.append(OpGraph.Boundary(name: name, bytes: bytes, nodes: [producer]))
    }

    /// Appends one operator reading `inputs` and producing one tensor of shape `shape`.
    ///
    /// - Parameters:
    ///   - params: number of weight elements the operator holds.
    /// - Returns: the handle of the new operator's output.
    /// - Complexity: O(number of inputs).
    @discardableResult
    mutating func add(
        _ type: String, name: String, inputs: [Tensor], output shape: [Int],
        attributes: [String: [Int]] = [:], params: Int = 0
    ) -> Tensor {
        precondition(names.insert(name).inserted, "duplicate node name '\(name)'")
        precondition(shape.allSatisfy { $0 > 0 }, "node '\(name)' has an empty output shape \(shape)")
        let index = graph.nodes.count
        graph.nodes.append(Operator(
            name: name, type: type, inputShapes: inputs.map(\.shape), outputShapes: [shape],
            attributes: attributes, paramBytes: Int64(params * elementBytes), elementBytes: elementBytes))
        var linked: Set<Tensor.Source> = []
        for x in inputs where linked.insert(x.source).inserted {
            switch x.source {
            case let .node(producer):
                graph.edges.append(OpGraph.Edge(from: producer, to: index, bytes: graph.nodes[producer].outputBytes))
            case let .input(i):
                graph.inputs[i].nodes.append(index)
            case .constant:
                break
            }
        }
        return Tensor(source: .node(index), shape: shape)
    }

    /// The graph built so far.
    func finish() -> OpGraph {
        precondition(!graph.outputs.isEmpty, "graph '\(graph.name)' declares no output")
        return graph
    }
}
