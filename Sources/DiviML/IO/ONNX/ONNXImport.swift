/// A parsed ONNX model with everything the importer learnt about it; shared by
/// `loadONNXGraph` and the per-device exporter.
struct ONNXImport {
    var builder: ONNXGraphBuilder
    var graph: OpGraph
    var warnings: [String]

    /// Reads, orders, shapes and connects the model at `path`; `Constant` nodes and
    /// `Identity` nodes of constants fold into their readers' weights (`foldConstants`).
    /// - Throws: `InputError` naming the file when it cannot be read, is not a complete
    ///   ONNX model, breaks the one-source rule of tensors (`checkWiring`), has a graph
    ///   input without a shape, has a cycle, has a tensor with a
    ///   negative dimension or larger than 2^62 bytes, or a node whose attributes make its
    ///   shape arithmetic overflow.
    /// - Complexity: O(file size + |V| + |E|) (shape rules are O(rank) per node).
    init(path: String, batch: Int) throws {
        guard batch >= 1 else { throw InputError.invalidValue(what: "--batch", value: "\(batch)", allowed: "an integer >= 1") }
        let model = try ONNXModelReader.read(path: path)
        var builder = ONNXGraphBuilder(model: model, file: path, batch: batch)
        try builder.checkWiring()
        let order = try builder.nodeOrder()
        try builder.inferShapes(order: order)
        builder.foldConstants(order: order)
        let (edges, inputs, outputs) = try builder.connections()
        graph = OpGraph(name: Self.graphName(model.graph.name, path: path), nodes: try builder.operatorNodes.map { try builder.makeOperator($0) },
                        edges: edges, inputs: inputs, outputs: outputs)
        self.builder = builder
        warnings = Self.warnings(builder)
    }

    /// The graph's own name, or the file's name without `.onnx` when the graph has none or
    /// the name every PyTorch export carries (`main_graph`), so plans and charts say which model.
    static func graphName(_ name: String, path: String) -> String {
        guard name.isEmpty || name == "main_graph" else { return name }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".onnx") && file.count > 5 ? String(file.dropLast(5)) : file
    }

    /// Op types the importer shapes and costs specifically (others: memory-bound estimate).
    static var knownOps: Set<String> {
        ONNXShapeInference.sameShape.union(ONNXShapeInference.broadcasting).union(ONNXShapeInference.rules.keys)
    }

    static let nestedOps: Set<String> = ["If", "Loop", "Scan"]

    /// One line per kind of approximation the import made, in a fixed order.
    private static func warnings(_ builder: ONNXGraphBuilder) -> [String] {
        var result: [String] = []
        let nodes = builder.graph.node
        let nested = nodes.filter { nestedOps.contains($0.opType) || !$0.subgraphs.isEmpty }
        if !nested.isEmpty {
            result.append("\(nested.count) node(s) with nested subgraphs kept as single nodes (their bodies are not costed): "
                + countsByType(nested))
        }
        let unknown = nodes.filter { !knownOps.contains($0.opType) && !nestedOps.contains($0.opType) }
        if !unknown.isEmpty {
            result.append("unknown operator types, costed as memory-bound (every tensor read and written once): " + countsByType(unknown))
        }
        if !builder.guessed.isEmpty {
            let list = builder.guessed.prefix(8).joined(separator: ", ") + (builder.guessed.count > 8 ? ", …" : "")
            result.append("output shapes of \(builder.guessed.count) node(s) could not be inferred and were taken from their first input: \(list)")
        }
        if !builder.dims.unresolved.isEmpty {
            result.append("symbolic dimension(s) other than the batch set to 1: " + builder.dims.unresolved.joined(separator: ", "))
        }
        let external = builder.graph.initializer.filter { $0.dataLocation == .external }.count
        if external > 0 {
            result.append("\(external) initializer(s) keep their data in external files; their sizes come from their dims (the files are not read)")
        }
        let dataless = builder.datalessTensors
        if !dataless.isEmpty {
            result.append("weights-free graph: \(dataless.count) tensor(s) carry dims and type but no data; their sizes come from their dims "
                + "(planning needs nothing else; export-onnx needs the model with its weights)")
        }
        return result
    }

    private static func countsByType(_ nodes: [Onnx_NodeProto]) -> String {
        var counts: [String: Int] = [:]
        for node in nodes { counts[node.opType, default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) x\($0.value)" }.joined(separator: ", ")
    }
}

/// Reads an ONNX model as an operator graph: one node per ONNX node, except `Constant`
/// nodes and `Identity` nodes of an initializer or a `Constant`, whose outputs count as
/// weights (`paramBytes`) of the nodes that read them.
///
/// Symbolic batch dimensions take `batch`; other symbolic dimensions take 1. Missing
/// shapes are inferred for the common operators; unknown operators keep a memory-bound
/// estimate. Weights kept in external-data files are sized from their dims and never read.
/// - Returns: the graph and human-readable warnings about every approximation made.
/// - Throws: `InputError` naming the file (unreadable, truncated, not ONNX, no graph,
///   an input without a shape, a cycle) or `--batch` below 1.
/// - Complexity: O(file size + |V| + |E|).
public func loadONNXGraph(path: String, batch: Int) throws -> (graph: OpGraph, warnings: [String]) {
    let imported = try importONNXModel(path: path, batch: batch)
    return (imported.graph, imported.warnings)
}

/// What `importONNXModel` read: the graph, the warnings, and whether `batch` mattered.
public struct ONNXImportResult: Sendable {
    public var graph: OpGraph
    /// One line per kind of approximation the import made.
    public var warnings: [String]
    /// Whether some graph input has a symbolic batch axis (axis 0), which took `batch`;
    /// false when every input fixes it (or there are no inputs), so `batch` changed nothing.
    public var hasSymbolicBatch: Bool
    /// The batch every graph input fixes on axis 0, when they all give the same number.
    public var staticBatch: Int?
}

/// `loadONNXGraph`, also saying whether the batch applied (a CLI error when `--batch` was
/// given for a file whose batch is fixed).
/// - Throws: as `loadONNXGraph`.
/// - Complexity: O(file size + |V| + |E|).
public func importONNXModel(path: String, batch: Int) throws -> ONNXImportResult {
    let imported = try ONNXImport(path: path, batch: batch)
    let dims = imported.builder.dims
    return ONNXImportResult(graph: imported.graph, warnings: imported.warnings, hasSymbolicBatch: dims.batchIsSymbolic,
                            staticBatch: dims.batchIsSymbolic || dims.fixedBatches.count != 1 ? nil : dims.fixedBatches.first)
}
