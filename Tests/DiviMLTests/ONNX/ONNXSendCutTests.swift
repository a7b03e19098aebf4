import Foundation
import Testing
@testable import DiviML

/// The finer partition `diviml run` executes (`cutAtSends`): a sub-model ends at every node
/// whose output another device reads and starts at every node that reads another device's.
@Suite("Per-device ONNX export cut at sends and receives")
struct ONNXSendCutTests {
    @Test("in plan order, only a part's last node sends and only its first receives (else the fewest parts, as documented)",
          arguments: ["residual_block", "inception_block", "transformer_encoder", "missing_value_info", "op_coverage"])
    func cuts(name: String) throws {
        for placement in [nil, ONNXExportTests.roundRobin] as [((SchedulingProblem) -> [Int])?] {
            let (plan, _) = try ONNXExportTests.plan(name, placement: placement)
            let dir = try ONNXFixtures.scratchDirectory("sendcut-\(name)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let planFile = dir.appendingPathComponent("plan.json")
            try plan.jsonData().write(to: planFile)
            let out = dir.appendingPathComponent("parts")
            let manifest = try exportONNXPartitions(modelPath: ONNXFixtures.path(name), plan: try Plan.load(path: planFile.path),
                                                    planFile: planFile.path, batch: 2, directory: out.path, cutAtSends: true)
            try ONNXExportTests.checkPartition(name, out, manifest, oneSubmodelPerDevice: false)
            var start: [String: Double] = [:]
            for node in plan.nodes { start[node.name] = node.start }
            if let why = Self.cutAtEveryTransfer(manifest, start: start, dir: out) {
                // The documented fallback (ties of zero-time nodes): the fewest parts, as export-onnx writes.
                let plain = try exportONNXPartitions(modelPath: ONNXFixtures.path(name), plan: try Plan.load(path: planFile.path),
                                                     planFile: planFile.path, batch: 2, directory: dir.appendingPathComponent("plain").path)
                #expect(manifest.submodels.map(\.nodes) == plain.submodels.map(\.nodes), "\(name): neither cut nor fallback: \(why)")
            }
        }
    }

    /// Nil when, in plan order, every tensor that crosses devices leaves from its part's last
    /// node, and every tensor from another device is read by its part's first node only; else
    /// what breaks that.
    static func cutAtEveryTransfer(_ manifest: ONNXExportManifest, start: [String: Double], dir: URL) -> String? {
        let crossing = Set(manifest.boundaryTensors.filter(\.crossesDevice).map(\.name))
        let producer = Dictionary(uniqueKeysWithValues: manifest.boundaryTensors.map { ($0.name, $0.fromDevice) })
        for sub in manifest.submodels {
            let fromElsewhere = Set(producer.filter { $0.value != sub.device }.keys)
            guard let part = try? ONNXModelReader.read(path: dir.appendingPathComponent(sub.file).path).graph else { return "\(sub.file) unreadable" }
            // Folded constants travel as copies in every part that reads them and have no plan time.
            let planned = part.node.filter { start[$0.name] != nil }
            let times = planned.map { start[$0.name]! }
            let first = times.min() ?? 0, last = times.max() ?? 0
            for (i, node) in planned.enumerated() {
                if !Set(node.output).isDisjoint(with: crossing) && times[i] < last { return "\(sub.file): \(node.name) sends before the part ends" }
                let reads = Set(node.allInputNames).intersection(fromElsewhere).subtracting(part.node.flatMap(\.output))
                if !reads.isEmpty && times[i] > first { return "\(sub.file): \(node.name) receives \(reads) after the part starts" }
            }
        }
        return nil
    }
}
