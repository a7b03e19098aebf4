extension ONNXGraphBuilder {
    /// Marks the nodes that only hand on a constant: a `Constant`, and an `Identity` whose
    /// input is an initializer or the output of a node already marked. Legacy PyTorch
    /// exports keep weights behind such nodes; scheduled as operators they would sit on
    /// one device and ship every weight to its reader on each inference. Folded, their
    /// outputs count as weights of the nodes that read them (`weightBytes`), like
    /// initializers, and they are neither operators nor edges.
    /// - Parameter order: a topological order of the nodes (so an `Identity` of a
    ///   `Constant` is seen after it).
    /// - Complexity: O(|V| + |E|).
    mutating func foldConstants(order: [Int]) {
        var constant = Set<String>()
        var marked = Set<Int>()
        for v in order {
            let node = graph.node[v]
            guard node.subgraphs.isEmpty, node.output.count == 1, !node.output[0].isEmpty else { continue }
            let folds: Bool
            switch node.opType {
            case "Constant": folds = node.allInputNames.isEmpty
            case "Identity": folds = node.input.count == 1 && (initializers[node.input[0]] != nil || constant.contains(node.input[0]))
            default: folds = false
            }
            guard folds else { continue }
            marked.insert(v)
            constant.insert(node.output[0])
        }
        folded = marked
        foldedTensors = constant
    }

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
