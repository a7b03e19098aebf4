import Foundation

/// Writes one ONNX sub-model per device (per stage, when a path returns to a device; see
/// `ONNXPartition`) holding exactly the nodes the plan puts there and the initializers
/// they read, with the tensors crossing between sub-models as their inputs and outputs,
/// and `manifest.json` listing the execution order and those tensors.
///
/// Initializers kept in external-data files stay references: copy the weight files next
/// to the sub-models. Opset imports and model-local functions are copied to every part.
/// - Parameters:
///   - modelPath: the `.onnx` file the plan was made for.
///   - plan: a plan whose nodes name every operator of the import (every ONNX node but the
///     folded constants; host I/O pseudo-nodes are ignored).
///   - planFile: the plan's path, for error messages.
///   - batch: the batch used to shape tensors whose shapes the file leaves symbolic.
///   - directory: output folder, created if needed; every file is written atomically
///     (`writeFileAtomically`), the manifest last.
/// - Throws: `InputError` when the model cannot be read or is weights-free (a tensor with
///   elements but no data, `ONNXGraphBuilder.datalessTensors`), the plan misses a node or names
///   one the model lacks, uses an unknown device, or a file cannot be written.
/// - Complexity: O(file size + (|V| + |E|)·K).
///   - cutAtSends: cut a device's nodes after every node whose output another device reads
///     and before every node that reads one, so that each tensor leaves and is awaited when
///     the plan says (what `diviml run` executes).
public func exportONNXPartitions(modelPath: String, plan: Plan, planFile: String, batch: Int, directory: String,
                                 cutAtSends: Bool = false) throws -> ONNXExportManifest {
    let imported = try ONNXImport(path: modelPath, batch: batch)
    let builder = imported.builder
    if let missing = builder.datalessTensors.first {
        throw InputError.malformed(file: modelPath, path: missing,
                                   expected: "the tensor's data, to copy into the sub-models; this is a weights-free graph "
                                       + "(\(builder.datalessTensors.count) tensor(s) without data): plan with it, but export the model that has its weights")
    }
    let operators = builder.operatorNodes
    let placement = try ONNXExportPlacement(plan: plan, planFile: planFile, names: operators.map { builder.names[$0] }, model: modelPath)
    let predecessors = imported.graph.adjacency().predecessors
    let position = Dictionary(uniqueKeysWithValues: operators.enumerated().map { ($1, $0) })
    let partition = ONNXPartition(order: try builder.nodeOrder().compactMap { position[$0] }, predecessors: predecessors,
                                  device: placement.device, deviceCount: plan.devices.count, start: placement.start,
                                  cutAtSends: cutAtSends)
    let writer = ONNXPartWriter(builder: builder, partition: partition.renumbered(operators, count: builder.graph.node.count),
                                devices: plan.devices, batchDims: try batchDimensions(imported, path: modelPath, batch: batch))
    let start = builder.graph.node.indices.map { position[$0].map { placement.start[$0] } ?? 0 }
    let manifest = writer.manifest(model: modelPath, start: start)
    do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
        throw InputError.unwritableFile(file: directory, reason: "the folder cannot be created (\(error.localizedDescription))")
    }
    let folder = URL(fileURLWithPath: directory)
    for (p, sub) in manifest.submodels.enumerated() {
        try writeFileAtomically(try writer.model(part: p).serializedBytes(), path: folder.appendingPathComponent(sub.file).path)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    var json = try encoder.encode(manifest)
    json.append(0x0A)
    try writeFileAtomically(json, path: folder.appendingPathComponent("manifest.json").path)
    return manifest
}

/// For each tensor, which axes follow the batch: found by importing again at `batch + 1`
/// and comparing shapes, so sub-model boundaries keep a symbolic batch where the model had one.
func batchDimensions(_ imported: ONNXImport, path: String, batch: Int) throws -> [String: [Bool]] {
    guard !imported.builder.dims.bound.isEmpty else { return [:] }
    let other = try ONNXImport(path: path, batch: batch + 1)
    var result: [String: [Bool]] = [:]
    for (name, facts) in imported.builder.facts {
        guard let a = facts.shape, let b = other.builder.facts[name]?.shape, a.count == b.count, a != b else { continue }
        result[name] = zip(a, b).map { $0 != $1 }
    }
    return result
}

/// The device and planned start of every ONNX node, from a plan.
struct ONNXExportPlacement {
    var device: [Int]
    var start: [Double]

    init(plan: Plan, planFile: String, names: [String], model: String) throws {
        var entries: [String: Plan.NodeEntry] = [:]
        for entry in plan.nodes { entries[entry.name] = entry }
        let known = Set(names)
        if let stray = plan.nodes.first(where: { !known.contains($0.name) && !Self.isHostIO($0.name) }) {
            throw InputError.unknownReference(file: planFile, path: "nodes", name: stray.name, known: names)
        }
        device = []
        start = []
        for name in names {
            guard let entry = entries[name] else {
                throw InputError.malformed(file: planFile, path: "nodes",
                                           expected: "an entry for every node of \(model); '\(name)' has none (was the plan made for this model, at one micro-batch?)")
            }
            guard let k = plan.devices.firstIndex(of: entry.device) else {
                throw InputError.unknownReference(file: planFile, path: "nodes '\(name)'.device", name: entry.device, known: plan.devices)
            }
            device.append(k)
            start.append(entry.start)
        }
    }

    static func isHostIO(_ name: String) -> Bool { name.hasPrefix("input:") || name.hasPrefix("output:") }
}
