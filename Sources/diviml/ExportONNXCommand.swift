import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// `diviml export-onnx MODEL.onnx --plan plan.json --out DIR`: per-device ONNX sub-models
/// and a manifest a runtime executes (docs/deploy.md).
struct ExportONNXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-onnx",
        abstract: "Split an ONNX model by a plan into one sub-model per device, plus DIR/manifest.json.",
        discussion: """
            Each sub-model holds exactly the nodes the plan places on its device and the initializers they \
            read; tensors crossing devices become its inputs and outputs. A device gets more than one \
            sub-model (DEVICE.partK.onnx) only when the plan sends data away from it and back. \
            manifest.json lists the sub-models in execution order and every tensor passed between them; \
            docs/deploy.md shows ONNX Runtime running it.
            """)

    @Argument(help: "The .onnx model the plan was made for.")
    var model: String

    @Option(help: "A plan JSON written by `diviml schedule` for this model (one micro-batch).")
    var plan: String

    @Option(help: "Output directory (created if needed).")
    var out: String

    @Option(help: "Batch used to shape tensors the model leaves symbolic (default: the plan's batch, else 1).")
    var batch: Int?

    func validate() throws {
        if let batch, batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
    }

    func run() throws {
        try reportingErrors {
            guard try ModelFileFormat.detect(path: model) == .onnx else {
                throw InputError.malformed(file: model, path: "", expected: "an ONNX model (export-onnx splits ONNX files only)")
            }
            let loaded = try Plan.load(path: plan)
            let manifest = try exportONNXPartitions(modelPath: model, plan: loaded, planFile: plan,
                                                    batch: batch ?? loaded.batch ?? 1, directory: out)
            print(summary(manifest))
        }
    }

    private func summary(_ manifest: ONNXExportManifest) -> String {
        var table = TextTable("step", "file", "device", "nodes", "inputs", "outputs")
        for (i, sub) in manifest.submodels.enumerated() {
            table.add("\(i + 1)", sub.file, sub.device, "\(sub.nodes.count)", "\(sub.inputs.count)", "\(sub.outputs.count)")
        }
        let crossing = manifest.boundaryTensors.filter(\.crossesDevice)
        let bytes = crossing.reduce(Int64(0)) { $0 + $1.bytes }
        return table.rendered + "\n\(crossing.count) tensor(s) cross devices (\(formatBytes(bytes))); "
            + "manifest: \(URL(fileURLWithPath: out).appendingPathComponent("manifest.json").path)"
    }
}
