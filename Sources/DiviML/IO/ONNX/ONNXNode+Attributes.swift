extension Onnx_NodeProto {
    /// The attribute called `name`, if present.
    func attribute(_ name: String) -> Onnx_AttributeProto? { attribute.first { $0.name == name } }

    /// An INT attribute.
    func int(_ name: String) -> Int? {
        guard let a = attribute(name), a.type == .int || a.hasI else { return nil }
        return Int(a.i)
    }

    /// An INTS attribute.
    func ints(_ name: String) -> [Int]? {
        guard let a = attribute(name), a.type == .ints || !a.ints.isEmpty else { return nil }
        return a.ints.map { Int($0) }
    }

    /// A FLOATS attribute.
    func floats(_ name: String) -> [Double]? {
        guard let a = attribute(name), a.type == .floats || !a.floats.isEmpty else { return nil }
        return a.floats.map(Double.init)
    }

    /// A STRING attribute, decoded as UTF-8.
    func string(_ name: String) -> String? {
        guard let a = attribute(name), a.hasS else { return nil }
        return String(decoding: a.s, as: UTF8.self)
    }

    /// Integer attributes by name (INT as one value, INTS as the list), as `Operator` keeps them.
    var integerAttributes: [String: [Int]] {
        var result: [String: [Int]] = [:]
        for a in attribute {
            switch a.type {
            case .int: result[a.name] = [Int(a.i)]
            case .ints: result[a.name] = a.ints.map { Int($0) }
            default: continue
            }
        }
        return result
    }

    /// Subgraphs held in GRAPH/GRAPHS attributes (the bodies of If, Loop, Scan).
    var subgraphs: [Onnx_GraphProto] {
        attribute.flatMap { a -> [Onnx_GraphProto] in (a.hasG ? [a.g] : []) + a.graphs }
    }

    /// Tensor names a node reads, including those its subgraphs read from the enclosing
    /// scope (implicit inputs); empty names (omitted optional inputs) are dropped.
    var allInputNames: [String] {
        var names = input.filter { !$0.isEmpty }
        for graph in subgraphs { names += graph.outerScopeNames }
        return names
    }
}

extension Onnx_GraphProto {
    /// Names read by this graph's nodes (recursively) that the graph does not define itself.
    var outerScopeNames: [String] {
        var defined = Set(input.map(\.name) + initializer.map(\.name))
        var result: [String] = []
        for node in node {
            for name in node.allInputNames where !defined.contains(name) && !result.contains(name) { result.append(name) }
            defined.formUnion(node.output)
        }
        return result
    }
}
