/// A problem with what a user handed the tool: a file, a name, a flag.
///
/// Cases carry data only (file, path inside it, node, device, expected and found); the
/// wording lives in `InputError+Description.swift`, in one place.
public enum InputError: Error, Sendable, Equatable {
    /// A name that is not one of the known ones (model, platform, solver, device, …).
    case unknownName(kind: String, name: String, known: [String])
    /// A PyTorch file (checkpoint or exported program), which must be exported to ONNX first.
    case pyTorchFile(file: String)
    /// A file that could not be read at all.
    case unreadableFile(file: String, reason: String)
    /// A file (or standard output, `-`) that could not be written.
    case unwritableFile(file: String, reason: String)
    /// A file whose content is not what was expected at `path` (e.g. `devices[2].memory`).
    case malformed(file: String, path: String, expected: String)
    /// Two things of one kind share a name.
    case duplicateName(file: String, kind: String, name: String)
    /// A key the file format does not have (misspelt, or from another format).
    case unknownKey(file: String, path: String, key: String, known: [String])
    /// A reference to something that does not exist.
    case unknownReference(file: String, path: String, name: String, known: [String])
    /// An ONNX graph whose tensors are not wired as ONNX requires: every tensor a node or
    /// the graph output reads has exactly one source (a node, an initializer or a graph input).
    case graphWiring(file: String, tensor: String, fault: GraphWiringFault)
    /// A profiling trace none of whose nodes is a node of the model (another model's trace,
    /// or one taken with graph optimisations that renamed every node).
    case unmatchedProfile(file: String, model: String, profiled: [String], nodes: [String])
    /// The graph has a directed cycle through these nodes.
    case cycle(nodes: [String])
    /// The node may run on no device.
    case noAllowedDevice(node: String)
    /// Memory cannot hold what must be placed (node or group on its largest allowed device).
    case memoryShortfall(what: String, neededBytes: Int64, device: String, availableBytes: Int64)
    /// Nothing takes time: every node costs 0 s and no transfer takes any, so every plan
    /// finishes at 0 s and no speedup or throughput can be stated (an ONNX graph without
    /// nodes, a problem file whose costs are all 0).
    case noWork(model: String)
    /// A value outside its allowed range.
    case invalidValue(what: String, value: String, allowed: String)
    /// Options that cannot be used together, or one that needs another.
    case conflictingOptions(String)
}

/// How a tensor of an ONNX graph breaks the rule that it has exactly one source.
public enum GraphWiringFault: Sendable, Equatable {
    /// The node reads a tensor it produces itself.
    case readByItsProducer(node: String)
    /// The node reads a tensor that no node, initializer or graph input produces.
    case noSource(reader: String)
    /// Two nodes produce the tensor.
    case twoProducers(first: String, second: String)
    /// The node produces a tensor that is already a graph input or an initializer.
    case producedAndGiven(node: String)
    /// A graph output that no node, initializer or graph input produces.
    case outputWithoutSource
}
