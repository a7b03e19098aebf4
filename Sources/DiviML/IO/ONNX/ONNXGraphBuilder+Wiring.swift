extension ONNXGraphBuilder {
    /// Checks the rule of ONNX graphs that every tensor has exactly one source (a node, an
    /// initializer or a graph input; static single assignment), before anything is built
    /// on it: no tensor produced twice, no node reading its own output, no read of a tensor
    /// nothing produces, no graph output nothing produces. Reads from nested subgraphs'
    /// outer scope count as reads of their node.
    /// - Throws: `InputError.graphWiring` naming the file, the tensor and the node(s).
    /// - Complexity: O(|V| + |E|).
    func checkWiring() throws {
        let given = Set(graph.input.map(\.name)).union(initializers.keys)
        var producer: [String: Int] = [:]
        for (v, node) in graph.node.enumerated() {
            for name in node.output where !name.isEmpty {
                if let u = producer[name] {
                    throw InputError.graphWiring(file: file, tensor: name, fault: .twoProducers(first: names[u], second: names[v]))
                }
                if given.contains(name) { throw InputError.graphWiring(file: file, tensor: name, fault: .producedAndGiven(node: names[v])) }
                producer[name] = v
            }
        }
        for (v, node) in graph.node.enumerated() {
            for name in node.allInputNames {
                if producer[name] == v { throw InputError.graphWiring(file: file, tensor: name, fault: .readByItsProducer(node: names[v])) }
                if producer[name] == nil, !given.contains(name) {
                    throw InputError.graphWiring(file: file, tensor: name, fault: .noSource(reader: names[v]))
                }
            }
        }
        for output in graph.output where producer[output.name] == nil && !given.contains(output.name) {
            throw InputError.graphWiring(file: file, tensor: output.name, fault: .outputWithoutSource)
        }
    }
}
