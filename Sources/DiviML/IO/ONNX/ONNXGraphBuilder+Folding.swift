extension ONNXGraphBuilder {
    /// Marks the nodes that only hand on or compute a constant: a `Constant`, an `Identity`
    /// whose input is an initializer or the output of a node already marked, and any other
    /// single-output node whose inputs are all initializers or outputs of marked nodes
    /// (a Reshape of a weight, a Gather of position embeddings at constant positions, a
    /// Where over a constant mask), unless it is random (`randomOps`), produces a graph
    /// output or is read by no node (it stays an operator, so exports keep every node). Legacy PyTorch exports keep weights behind such nodes, and both exporters
    /// leave some constant arithmetic; scheduled as operators they would sit on one device
    /// and ship their result to its readers on each inference. Folded, their outputs count
    /// as weights of the nodes that read them (`weightBytes`), like initializers, and they
    /// are neither operators nor edges; `export-onnx` copies them into every sub-model that
    /// reads them.
    /// - Parameter order: a topological order of the nodes (so an `Identity` of a
    ///   `Constant` is seen after it).
    /// - Complexity: O(|V| + |E|).
    mutating func foldConstants(order: [Int]) {
        var constant = Set<String>()
        var marked = Set<Int>()
        let graphOutputs = Set(graph.output.map(\.name))
        let read = Set(graph.node.flatMap(\.allInputNames))
        func isConstant(_ name: String) -> Bool { initializers[name] != nil || constant.contains(name) }
        for v in order {
            let node = graph.node[v]
            guard node.subgraphs.isEmpty, node.output.count == 1, !node.output[0].isEmpty else { continue }
            let folds: Bool
            switch node.opType {
            case "Constant": folds = node.allInputNames.isEmpty
            case "Identity": folds = node.input.count == 1 && isConstant(node.input[0])
            default:
                let inputs = node.allInputNames
                folds = !inputs.isEmpty && inputs.allSatisfy(isConstant) && !Self.randomOps.contains(node.opType)
                    && !graphOutputs.contains(node.output[0]) && read.contains(node.output[0])
            }
            guard folds else { continue }
            marked.insert(v)
            constant.insert(node.output[0])
        }
        folded = marked
        foldedTensors = constant
    }

    /// Ops whose output differs between runs: never folded.
    static let randomOps: Set<String> = ["RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli", "Dropout"]

    /// Whether `name` is a weight: an initializer or the output of a folded node.
    func isWeight(_ name: String) -> Bool { initializers[name] != nil || foldedTensors.contains(name) }

    /// Bytes of weight `name`: an initializer's stored dims, or a folded node's output.
    func weightBytes(_ name: String) -> Int64 {
        if let tensor = initializers[name] { return tensor.byteCount }
        return facts[name]?.bytes ?? 0
    }

    /// ONNX node indices of the operators, in file order: every node not folded.
    var operatorNodes: [Int] { graph.node.indices.filter { !folded.contains($0) } }
}

extension ONNXGraphBuilder {
    /// Where the weights of a weights-free graph are missing: initializers and `Constant`
    /// values with elements but no data (`carriesNoData`), as paths into the file, in
    /// file order (initializers first). Empty for a complete model.
    /// - Complexity: O(initializers + |V|).
    var datalessTensors: [String] {
        let initializers = graph.initializer.enumerated().filter { $1.carriesNoData }.map { "graph.initializer[\($0)] '\($1.name)'" }
        let constants = graph.node.indices.filter { v in
            graph.node[v].opType == "Constant" && graph.node[v].attribute("value").map { $0.hasT && $0.t.carriesNoData } == true
        }
        return initializers + constants.map { "node '\(names[$0])' (Constant).value" }
    }
}
