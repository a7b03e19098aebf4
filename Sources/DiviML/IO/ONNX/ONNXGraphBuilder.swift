/// Builds an `OpGraph` from an ONNX graph: one operator per ONNX node, in file order;
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
    mutating func inferShapes(order: [Int]) throws {
        for (name, tensor) in initializers { facts[name] = tensor.facts }
        for (i, input) in graph.input.enumerated() where initializers[input.name] == nil {
            guard let shape = dims.shape(of: input.type, isGraphInput: true) else {
                throw InputError.malformed(file: file, path: "graph.input[\(i)] '\(input.name)'", expected: "a tensor type with a shape")
            }
            facts[input.name] = TensorFacts(shape: shape, elementType: Self.elementType(input.type))
        }
        for info in graph.valueInfo + graph.output { declared[info.name] = info.type }
        for v in order { inferOutputs(of: v) }
    }

    private static func elementType(_ type: Onnx_TypeProto) -> Int32 {
        if case let .tensorType(tensor)? = type.value, tensor.elemType != 0 { return tensor.elemType }
        return ONNXDataType.float
    }

    /// Outputs of node `v`: a declared shape wins when it is fully concrete; otherwise the
    /// inferred one; otherwise the declared one with unknown symbols as 1; otherwise the
    /// first input's shape, reported as guessed.
    private mutating func inferOutputs(of v: Int) {
        let node = graph.node[v]
        let inputs = node.input.map { $0.isEmpty ? nil : facts[$0] }
        let inferred = ONNXShapeInference.outputs(of: node, inputs: inputs, opset: opset)
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
        }
    }

    /// The operator for node `v`, once `facts` is filled.
    func makeOperator(_ v: Int) -> Operator {
        let node = graph.node[v]
        let reads = Set(node.allInputNames)
        let params = reads.filter { initializers[$0] != nil }
        let data = node.input.filter { !$0.isEmpty && initializers[$0] == nil }
        var attributes = node.integerAttributes
        if ["Conv", "ConvTranspose"].contains(node.opType), attributes["kernel_shape"] == nil, node.input.count > 1,
           let w = facts[node.input[1]]?.shape, w.count > 2 {
            attributes["kernel_shape"] = Array(w.dropFirst(2))
        }
        let outputType = node.output.first.flatMap { facts[$0]?.elementType } ?? ONNXDataType.float
        return Operator(
            name: names[v], type: node.opType,
            inputShapes: data.map { facts[$0]?.shape ?? [] },
            outputShapes: node.output.filter { !$0.isEmpty }.map { facts[$0]?.shape ?? [] },
            attributes: attributes,
            paramBytes: params.reduce(Int64(0)) { $0 + initializers[$1]!.byteCount },
            elementBytes: ONNXDataType.bytes(outputType))
    }

    /// Edges between nodes (bytes of the distinct tensors `u` sends `v`), and the boundaries.
    func connections() -> (edges: [OpGraph.Edge], inputs: [OpGraph.Boundary], outputs: [OpGraph.Boundary]) {
        let producer = producers
        var edges: [OpGraph.Edge] = []
        var consumers: [String: [Int]] = [:]
        for (v, node) in graph.node.enumerated() {
            var bytes: [Int: Int64] = [:]
            for name in Set(node.allInputNames) {
                consumers[name, default: []].append(v)
                if let u = producer[name], u != v { bytes[u, default: 0] += facts[name]?.bytes ?? 0 }
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
