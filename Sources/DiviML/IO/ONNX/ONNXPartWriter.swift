/// Builds the sub-model protos and the manifest of an `ONNXPartition`.
struct ONNXPartWriter {
    let builder: ONNXGraphBuilder
    let partition: ONNXPartition
    let devices: [String]
    /// Per tensor, the axes that follow the batch (written as a symbolic dimension).
    let batchDims: [String: [Bool]]
    /// Per part: tensors it must be fed and tensors it must emit, in first-use order.
    private(set) var inputs: [[String]] = []
    private(set) var outputs: [[String]] = []

    init(builder: ONNXGraphBuilder, partition: ONNXPartition, devices: [String], batchDims: [String: [Bool]] = [:]) {
        self.builder = builder
        self.batchDims = batchDims
        self.partition = partition
        self.devices = devices
        computeBoundaries()
    }

    private var graph: Onnx_GraphProto { builder.graph }

    /// Inputs: read but neither produced in the part nor an initializer. Outputs: produced
    /// in the part and read by another part or listed as a graph output (a part whose
    /// nodes feed nothing at all outputs all their results, so that it stays runnable).
    private mutating func computeBoundaries() {
        let producer = builder.producers
        let graphOutputs = Set(graph.output.map(\.name))
        var readBy: [String: Set<Int>] = [:]
        for (v, node) in graph.node.enumerated() where partition.partOf[v] >= 0 {
            for name in node.allInputNames { readBy[name, default: []].insert(partition.partOf[v]) }
        }
        for (p, part) in partition.parts.enumerated() {
            var ins: [String] = [], outs: [String] = []
            for v in part.nodes {
                for name in graph.node[v].allInputNames where !builder.isWeight(name) && !ins.contains(name) {
                    if let u = producer[name], partition.partOf[u] == p { continue }
                    ins.append(name)
                }
                for name in graph.node[v].output where !name.isEmpty {
                    if graphOutputs.contains(name) || (readBy[name] ?? []).contains(where: { $0 != p }) { outs.append(name) }
                }
            }
            if outs.isEmpty { // only dead-end nodes here: expose their results, as a graph needs an output
                outs = part.nodes.flatMap { graph.node[$0].output.filter { !$0.isEmpty } }
            }
            inputs.append(ins)
            outputs.append(outs)
        }
    }

    /// File name of each part: `DEVICE.onnx`, or `DEVICE.partK.onnx` when the device has several.
    var fileNames: [String] {
        let parts = partition.parts
        return parts.map { part in
            let several = parts.contains { $0.device == part.device && $0.stage != part.stage }
            let base = Self.safeFileName(devices[part.device])
            return several ? "\(base).part\(part.stage).onnx" : "\(base).onnx"
        }
    }

    static func safeFileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }

    /// - Parameter start: the plan's start time of each node.
    func manifest(model: String, start: [Double]) -> ONNXExportManifest {
        let files = fileNames
        let producer = builder.producers
        let subs = partition.parts.enumerated().map { p, part in
            ONNXExportManifest.Submodel(
                file: files[p], device: devices[part.device], stage: part.stage,
                nodes: part.nodes.map { builder.names[$0] }, inputs: inputs[p], outputs: outputs[p],
                plannedStart: part.nodes.map { start[$0] }.min() ?? 0)
        }
        var graphInputs: [String: [String]] = [:]
        let inputNames = Set(graph.input.map(\.name)).subtracting(builder.initializers.keys)
        for (p, list) in inputs.enumerated() { for name in list where inputNames.contains(name) { graphInputs[name, default: []].append(files[p]) } }
        var graphOutputs: [String: String] = [:]
        for output in graph.output {
            if let u = producer[output.name], partition.partOf[u] >= 0 { graphOutputs[output.name] = files[partition.partOf[u]] }
        }
        var tensors: [ONNXExportManifest.BoundaryTensor] = []
        for (p, list) in outputs.enumerated() {
            for name in list {
                let readers = inputs.indices.filter { inputs[$0].contains(name) }
                guard !readers.isEmpty else { continue }
                let from = devices[partition.parts[p].device]
                let to = readers.map { devices[partition.parts[$0].device] }
                tensors.append(.init(name: name, bytes: builder.facts[name]?.bytes ?? 0, from: files[p], to: readers.map { files[$0] },
                                     fromDevice: from, toDevices: to, crossesDevice: to.contains { $0 != from }))
            }
        }
        return ONNXExportManifest(model: model, devices: devices, submodels: subs, executionOrder: files,
                                  graphInputs: graphInputs, graphOutputs: graphOutputs, boundaryTensors: tensors)
    }

    /// The ONNX model of part `p`.
    func model(part p: Int) -> Onnx_ModelProto {
        let part = partition.parts[p]
        var sub = Onnx_GraphProto()
        sub.name = "\(graph.name.isEmpty ? "graph" : graph.name)_\(fileNames[p].replacingOccurrences(of: ".onnx", with: ""))"
        let nodes = foldedNodes(readBy: part.nodes) + part.nodes
        sub.node = nodes.map { graph.node[$0] }
        let reads = Set(nodes.flatMap { graph.node[$0].allInputNames })
        sub.initializer = graph.initializer.filter { reads.contains($0.name) }
        sub.input = inputs[p].map { valueInfo($0) }
        sub.output = outputs[p].map { valueInfo($0) }
        let boundary = Set(inputs[p] + outputs[p])
        let produced = Set(nodes.flatMap { graph.node[$0].output })
        sub.valueInfo = graph.valueInfo.filter { produced.contains($0.name) && !boundary.contains($0.name) }
        var model = Onnx_ModelProto()
        model.irVersion = builder.model.irVersion
        model.opsetImport = builder.model.opsetImport
        model.producerName = "diviml export-onnx"
        model.functions = builder.model.functions
        model.graph = sub
        return model
    }

    /// The folded nodes (`ONNXGraphBuilder.foldConstants`) that `nodes` read, directly or
    /// through another folded node, each after the folded nodes it reads.
    private func foldedNodes(readBy nodes: [Int]) -> [Int] {
        let producer = builder.producers
        var result: [Int] = [], seen = Set<Int>()
        func visit(_ name: String) {
            guard builder.foldedTensors.contains(name), let u = producer[name], seen.insert(u).inserted else { return }
            for input in graph.node[u].allInputNames { visit(input) }
            result.append(u)
        }
        for v in nodes { for name in graph.node[v].allInputNames { visit(name) } }
        return result
    }

    /// The declared value info of a tensor when the file has one, else one built from
    /// the importer's element type and shape, batch axes symbolic (named as the model's batch).
    private func valueInfo(_ name: String) -> Onnx_ValueInfoProto {
        if let declared = (graph.input + graph.output + graph.valueInfo).first(where: { $0.name == name }) { return declared }
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = builder.facts[name]?.elementType ?? ONNXDataType.float
        if let shape = builder.facts[name]?.shape {
            let symbolic = batchDims[name] ?? []
            let symbol = builder.dims.bound.keys.sorted().first ?? "batch"
            tensor.shape.dim = shape.enumerated().map { axis, value in
                var dim = Onnx_TensorShapeProto.Dimension()
                if axis < symbolic.count && symbolic[axis] { dim.dimParam = symbol } else { dim.dimValue = Int64(value) }
                return dim
            }
        }
        info.type.tensorType = tensor
        return info
    }
}
