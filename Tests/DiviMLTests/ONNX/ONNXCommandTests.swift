import Foundation
import Testing
@testable import DiviML

@Suite("profile-template and export-onnx commands")
struct ONNXCommandTests {
    @Test("profile-template lists every (node, device) pair; filled in, it loads as measured costs")
    func profileTemplate() throws {
        let out = try CLIRunner.run(["profile-template", ONNXFixtures.path("inception_block"), "--platform", "paper-node", "--batch", "2"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") && $0 != "node,device,seconds" }
        let (graph, _) = try loadONNXGraph(path: ONNXFixtures.path("inception_block"), batch: 2)
        let platform = try BuiltinPlatforms.named("paper-node")
        #expect(rows.count == graph.nodes.count * platform.devices.count)
        let filled = out.stdout.split(separator: "\n").map { $0.hasSuffix(",") ? $0 + "0.001" : String($0) }.joined(separator: "\n")
        let costs = try MeasuredCosts.parseCSV(filled, file: "template")
        #expect(costs.count == rows.count)
        #expect(costs.lookup(node: "concat", device: "v100") == 0.001)
    }

    @Test("profile-template on a device-placement file needs no platform")
    func profileTemplateProblem() throws {
        let path = try MSRFiddleData.files().first { $0.hasSuffix("latency-inputs/LayerGraphs/bert24_inference.json") }!
        let out = try CLIRunner.run(["profile-template", path])
        #expect(out.status == 0, "\(out.stderr)")
        let problem = try loadDevicePlacementProblem(path: path)
        let rows = out.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") && $0 != "node,device,seconds" }
        #expect(rows.count == problem.nodes.indices.reduce(0) { $0 + problem.allowedDevices($1).count })
    }

    @Test("export-onnx writes the sub-models and the manifest it prints")
    func exportCommand() throws {
        let (plan, _) = try ONNXExportTests.plan("residual_block", placement: ONNXExportTests.roundRobin)
        let dir = try ONNXFixtures.scratchDirectory("cli-export")
        let planFile = dir.appendingPathComponent("plan.json").path
        try plan.jsonData().write(to: URL(fileURLWithPath: planFile))
        let outDir = dir.appendingPathComponent("out").path
        let out = try CLIRunner.run(["export-onnx", ONNXFixtures.path("residual_block"), "--plan", planFile, "--out", outDir])
        #expect(out.status == 0, "\(out.stderr)")
        let manifest = try JSONDecoder().decode(ONNXExportManifest.self, from: Data(contentsOf: URL(fileURLWithPath: outDir + "/manifest.json")))
        for sub in manifest.submodels {
            #expect(out.stdout.contains(sub.file))
            #expect(FileManager.default.fileExists(atPath: outDir + "/" + sub.file))
        }
        #expect(manifest.format == "diviml-onnx-partition/1")
    }

    @Test("export-onnx refuses a model that is not ONNX, naming it")
    func exportRejectsOtherFormats() throws {
        let path = try MSRFiddleData.files()[0]
        let out = try CLIRunner.run(["export-onnx", path, "--plan", path, "--out", CLIRunner.temporaryPath("x")])
        #expect(out.status == 2)
        #expect(out.stderr.contains(path) && out.stderr.contains("ONNX"))
    }
}
