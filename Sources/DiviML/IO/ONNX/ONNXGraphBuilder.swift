/// Builds an `OpGraph` from an ONNX graph: one operator per ONNX node, in file order,
/// except the folded constants (`foldConstants`), whose outputs count as weights;
/// an edge for every tensor a node reads from another node's output (bytes of the
/// tensor); initializers as `paramBytes` of every node that reads them; non-initializer
/// graph inputs and the graph outputs as `OpGraph.Boundary` (host I/O, docs/design.md §2).
///
/// Shapes come from `value_info`, graph inputs and outputs, and initializers; where the
/// file says nothing (or leaves a non-batch dimension symbolic), they are inferred by
/// `ONNXShapeInference`. Nested subgraphs (If/Loop/Scan) stay single nodes whose
/// outer-scope reads become edges.
struct ONNXGraphBuilder {
    let model: Onnx_ModelProto
    let file: String
    let opset: Int
    private(set) var dims: SymbolicDimensions
    /// Everything known about each tensor, by name.
    private(set) var facts: [String: TensorFacts] = [:]
    /// Initializers by name.
    let initializers: [String: Onnx_TensorProto]
    /// Unique operator names, by ONNX node index.
    let names: [String]
    private(set) var guessed: [String] = []
    /// Nodes folded into their readers' weights (`foldConstants`), by ONNX node index.
    var folded: Set<Int> = []
    /// Outputs of the folded nodes.
    var foldedTensors: Set<String> = []
    private var declared: [String: Onnx_TypeProto] = [:]

    var graph: Onnx_GraphProto { model.graph }

    init(model: Onnx_ModelProto, file: String, batch: Int) {
        self.model = model
        self.file = file
        opset = ONNXModelReader.opset(of: model)
        dims = SymbolicDimensions(batch: batch)
        initializers = Dictionary(model.graph.initializer.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        names = Self.uniqueNames(model.graph.node)
    }

    /// Node names made unique and non-empty: an empty name becomes `OpType_i`, a repeated
    /// one gets `_i` appended (i = the node's index in the file).
    static func uniqueNames(_ nodes: [Onnx_NodeProto]) -> [String] {
        var seen = Set<String>()
        return nodes.enumerated().map { i, node in
            var name = node.name.isEmpty ? "\(node.opType)_\(i)" : node.name
            if seen.contains(name) { name += "_\(i)" }
            seen.insert(name)
            return name
        }
    }

    /// Index of the node producing each tensor.
    var producers: [String: Int] {
        var result: [String: Int] = [:]
        for (i, node) in graph.node.enumerated() { for name in node.output where !name.isEmpty { result[name] = i } }
        return result
    }

    /// Node indices in a topological order of the tensor dependencies.
    /// - Throws: `InputError.cycle` naming the nodes of a cycle.
    func nodeOrder() throws -> [Int] {
        let producer = producers
        var successors = [[Int]](repeating: [], count: graph.node.count)
        for (v, node) in graph.node.enumerated() {
            for name in Set(node.allInputNames) { if let u = producer[name], u != v { successors[u].append(v) } }
        }
        switch DAG.topologicalOrder(successors: successors) {
        case let .success(order): return order
        case let .failure(cycle): throw InputError.cycle(nodes: cycle.nodes.map { names[$0] })
        }
    }

    /// Fills `facts` for every tensor: initializers, graph inputs, then node outputs in
    /// topological order.
    /// - Throws: `InputError.malformed` naming the initializer, input or node whose shape
    ///   has a negative dimension or exceeds `ONNXShapeInference.maximumTensorBytes`, or
    ///   whose attributes the shape rules reject.
    mutating func inferShapes(order: [Int]) throws {
        for (i, tensor) in graph.initializer.enumerated() {
            let shape = tensor.dims.map { Int($0) }
            try check(shape, elementType: tensor.dataType, at: "graph.initializer[\(i)] '\(tensor.name)'.dims")
        }
        for (name, tensor) in initializers { facts[name] = tensor.facts }
        for (i, input) in graph.input.enumerated() where initializers[input.name] == nil {
            let path = "graph.input[\(i)] '\(input.name)'"
            guard let shape = dims.shape(of: input.type, isGraphInput: true) else {
                throw InputError.malformed(file: file, path: path, expected: "a tensor type with a shape")
            }
            let type = Self.elementType(input.type)
            try check(shape, elementType: type, at: path)
            facts[input.name] = TensorFacts(shape: shape, elementType: type)
        }
        for info in graph.valueInfo + graph.output { declared[info.name] = info.type }
        for v in order { try inferOutputs(of: v) }
    }

    /// Throws unless `shape` is importable (`ONNXShapeInference.shapeProblem`).
    private func check(_ shape: [Int], elementType: Int32, at path: String) throws {
        if let problem = ONNXShapeInference.shapeProblem(shape, elementBytes: ONNXDataType.bytes(elementType)) {
            throw InputError.malformed(
                file: file, path: path,
                expected: "non-negative dimensions of a tensor of at most 2^62 bytes (4 EiB), found \(problem)")
        }
    }

    /// Where node `v` is, for error messages: `node 'conv1' (Conv)`.
    private func location(_ v: Int) -> String { "node '\(names[v])' (\(graph.node[v].opType))" }

    private static func elementType(_ type: Onnx_TypeProto) -> Int32 {
        if case let .tensorType(tensor)? = type.value, tensor.elemType != 0 { return tensor.elemType }
        return ONNXDataType.float
    }

    /// Outputs of node `v`: a declared shape wins when it is fully concrete; otherwise the
    /// inferred one; otherwise the declared one with unknown symbols as 1; otherwise the
    /// first input's shape, reported as guessed.
    private mutating func inferOutputs(of v: Int) throws {
        let node = graph.node[v]
        let inputs = node.input.map { $0.isEmpty ? nil : facts[$0] }
        let inferred: [TensorFacts]?
        do {
            inferred = try ONNXShapeInference.outputs(of: node, inputs: inputs, opset: opset)
        } catch let fault as ONNXShapeInference.ShapeFault {
            throw InputError.malformed(file: file, path: "\(location(v)).\(fault.field)", expected: "\(fault.expected), found \(fault.found)")
        }
        for (k, name) in node.output.enumerated() where !name.isEmpty {
            let fromRule = inferred.flatMap { k < $0.count ? $0[k] : nil }
            if let type = declared[name], !dims.hasUnboundSymbol(type) || fromRule?.shape == nil,
               let shape = dims.shape(of: type, isGraphInput: false) {
                let values = fromRule?.shape == shape ? fromRule?.values : nil
                facts[name] = TensorFacts(shape: shape, elementType: Self.elementType(type), values: values)
            } else if let fromRule, fromRule.shape != nil {
                facts[name] = fromRule
            } else {
                let first = inputs.compactMap { $0 }.first
                facts[name] = TensorFacts(shape: first?.shape ?? [], elementType: first?.elementType ?? ONNXDataType.float)
                if guessed.last != names[v] { guessed.append(names[v]) }
            }
            if let shape = facts[name]?.shape {
                try check(shape, elementType: facts[name]!.elementType, at: "\(location(v)) output '\(name)'")
            }
        }
    }

    /// The operator for node `v`, once `facts` is filled.
    /// - Throws: `InputError.malformed` when its weights, inputs or outputs together
    ///   overflow `Int64` bytes.
    func makeOperator(_ v: Int) throws -> Operator {
        let node = graph.node[v]
        let reads = Set(node.allInputNames)
        let params = reads.filter(isWeight)
        let data = node.input.filter { !$0.isEmpty && !isWeight($0) }
        var attributes = node.integerAttributes
        if ["Conv", "ConvTranspose"].contains(node.opType), attributes["kernel_shape"] == nil, node.input.count > 1,
           let w = facts[node.input[1]]?.shape, w.count > 2 {
            attributes["kernel_shape"] = Array(w.dropFirst(2))
        }
        let outputType = node.output.first.flatMap { facts[$0]?.elementType } ?? ONNXDataType.float
        guard let paramBytes = checkedSum(params.sorted().map(weightBytes)) else {
            throw InputError.malformed(file: file, path: location(v), expected: "weights that add up to at most \(Int64.max) bytes, found a larger sum")
        }
        let op = Operator(
            name: names[v], type: node.opType,
            inputShapes: data.map { facts[$0]?.shape ?? [] },
            outputShapes: node.output.filter { !$0.isEmpty }.map { facts[$0]?.shape ?? [] },
            attributes: attributes,
            paramBytes: paramBytes,
            elementBytes: ONNXDataType.bytes(outputType))
        guard op.checkedTensorBytes != nil else {
            throw InputError.malformed(file: file, path: location(v),
                                       expected: "inputs and outputs that add up to at most \(Int64.max) bytes, found a larger sum")
        }
        return op
    }

    /// Edges between operators (bytes of the distinct tensors `u` sends `v`), and the
    /// boundaries, indexed as `operatorNodes` (folded nodes are neither ends nor readers).
    /// - Throws: `InputError.malformed` when the tensors one node sends another add up to
    ///   more than `Int64` bytes.
    func connections() throws -> (edges: [OpGraph.Edge], inputs: [OpGraph.Boundary], outputs: [OpGraph.Boundary]) {
        let onnxNodes = operatorNodes
        let index = Dictionary(uniqueKeysWithValues: onnxNodes.enumerated().map { ($1, $0) })
        let producer = producers.compactMapValues { index[$0] }
        var edges: [OpGraph.Edge] = []
        var consumers: [String: [Int]] = [:]
        for (v, n) in onnxNodes.enumerated() {
            let node = graph.node[n]
            var bytes: [Int: Int64] = [:]
            for name in Set(node.allInputNames) {
                consumers[name, default: []].append(v)
                guard let u = producer[name], u != v else { continue }
                let (sum, overflow) = bytes[u, default: 0].addingReportingOverflow(facts[name]?.bytes ?? 0)
                guard !overflow else {
                    throw InputError.malformed(file: file, path: "\(location(onnxNodes[u])) -> \(location(n))",
                                               expected: "tensors that add up to at most \(Int64.max) bytes, found a larger sum")
                }
                bytes[u] = sum
            }
            edges += bytes.keys.sorted().map { OpGraph.Edge(from: $0, to: v, bytes: bytes[$0]!) }
        }
        let inputs = graph.input.filter { initializers[$0.name] == nil }.map {
            OpGraph.Boundary(name: $0.name, bytes: facts[$0.name]?.bytes ?? 0, nodes: consumers[$0.name] ?? [])
        }
        let outputs = graph.output.map {
            OpGraph.Boundary(name: $0.name, bytes: facts[$0.name]?.bytes ?? 0, nodes: producer[$0.name].map { [$0] } ?? [])
        }
        return (edges, inputs, outputs)
    }
}
