import Foundation
import Testing
@testable import DiviML

/// Options that cannot apply to the input are usage errors (exit 64) naming the option and
/// why, never silently dropped; and the messages of issue 12 that misled (issue 12).
@Suite("Command line: options and inputs")
struct CLIInputOptionTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static var problemFile: String { fixtures.appendingPathComponent("heft-paper.json").path }
    static var devicePlacementFile: String {
        fixtures.appendingPathComponent("msr-fiddle/latency-inputs/LayerGraphs/gnmt_inference.json").path
    }

    @Test(arguments: [
        (["--batch", "4"], "--batch cannot apply"),
        (["--batch", "2", "--micro-batches", "2"], "--batch and --micro-batches cannot apply"),
        (["--precision", "fp16"], "--precision cannot apply"),
    ])
    func batchAndPrecisionDoNotApplyToFilesWithTheirOwnCosts(extra: [String], message: String) throws {
        for file in [Self.problemFile, Self.devicePlacementFile] {
            let run = try CLIRunner.run(["schedule", file, "--solver", "heft", "--out", "-"] + extra)
            #expect(run.status == 64, "\(run.stderr)")
            #expect(run.stderr.contains(message) && run.stderr.contains("carries its own costs"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func batchOfAnONNXFileWithAStaticBatchIsAnError() throws {
        let fixed = ONNXFixtures.path("residual_block") // every input's axis 0 is 1
        let run = try CLIRunner.run(["schedule", fixed, "--platform", "paper-node", "--batch", "4"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--batch 4 cannot apply") && run.stderr.contains("fixed to 1 in the file")
            && run.stderr.contains("dynamic_axes"), "\(run.stderr)")
        // Micro-batches of the batch the file fixes (4 copies at batch 1), and a file
        // whose batch is symbolic, are fine; 2 copies at batch 2 are not.
        #expect(try CLIRunner.run(["inspect", fixed, "--batch", "1"]).status == 0)
        let copies = try CLIRunner.run(["schedule", fixed, "--platform", "paper-node", "--solver", "heft", "--batch", "4",
                                        "--micro-batches", "4", "--out", "-"])
        #expect(copies.status == 0, "\(copies.stderr)")
        let halves = try CLIRunner.run(["schedule", fixed, "--platform", "paper-node", "--batch", "4", "--micro-batches", "2"])
        #expect(halves.status == 64 && halves.stderr.contains("(2 per micro-batch)"), "\(halves.stderr)")
        let symbolic = try CLIRunner.run(["inspect", ONNXFixtures.path("symbolic_batch"), "--batch", "4"])
        #expect(symbolic.status == 0, "\(symbolic.stderr)")
    }

    @Test func precisionOfAnONNXFileIsAnError() throws {
        let run = try CLIRunner.run(["inspect", ONNXFixtures.path("symbolic_batch"), "--precision", "fp16"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--precision applies to built-in models"), "\(run.stderr)")
    }

    @Test(arguments: [["--batch", "-1"], ["--batch=-1"], ["--batch", "0"], ["--micro-batches", "-2"]])
    func aBatchBelowOneSaysAtLeastOne(extra: [String]) throws {
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node"] + extra)
        #expect(run.status == 64, "\(run.stderr)")
        let option = extra[0].hasPrefix("--batch") ? "--batch" : "--micro-batches"
        #expect(run.stderr.contains("\(option) must be at least 1, got "), "\(run.stderr)")
        #expect(!run.stderr.contains("Missing value"))
    }

    @Test(arguments: ["model.pt", "model.pt2", "model.pth", "weights.bin"])
    func aPyTorchFileSaysHowToExportIt(name: String) throws {
        let folder = try ONNXFixtures.scratchDirectory("pytorch")
        let path = folder.appendingPathComponent(name).path
        // torch.save writes a zip archive; "weights.bin" is one under another name.
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60)).write(to: URL(fileURLWithPath: path))
        let run = try CLIRunner.run(["inspect", path])
        #expect(run.status == 2, "\(run.stderr)")
        let stem = name.split(separator: ".")[0]
        #expect(run.stderr.contains("a PyTorch file") && run.stderr.contains("torch.onnx.export(model, example_input, \"\(stem).onnx\")"),
                "\(run.stderr)")
    }

    @Test(arguments: ["latency", "throughput"])
    func aProblemWithoutWorkSaysSoInsteadOfNaN(objective: String) throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.problemFile))) as? [String: Any])
        json["nodes"] = (json["nodes"] as! [[String: Any]]).map { node in
            var node = node
            node["cost"] = (node["cost"] as! [Any]).map { _ in 0 }
            return node
        }
        json["edges"] = (json["edges"] as! [[String: Any]]).map { edge in
            var edge = edge
            edge["bytes"] = 0
            return edge
        }
        let path = CLIRunner.temporaryPath("zero-cost-\(objective).json")
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let run = try CLIRunner.run(["schedule", path, "--solver", "heft", "--objective", objective, "--out", "-"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("'heft-paper-fig2' has no work to schedule"), "\(run.stderr)")
        #expect(!run.stderr.contains("nan") && run.stdout.isEmpty)
    }

    @Test func anEmptyONNXGraphSaysItHasNoWork() throws {
        var model = ONNXTinyModel()
        model.input("x", [1, 4])
        model.input("x", [1, 4], output: true)
        let run = try CLIRunner.run(["schedule", try model.write("empty-graph"), "--platform", "paper-node", "--out", "-"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("has no work to schedule"), "\(run.stderr)")
    }

    @Test func aPyTorchExportIsNamedAfterItsFile() throws {
        var model = try Onnx_ModelProto(serializedBytes: try Data(contentsOf: URL(fileURLWithPath: ONNXFixtures.path("residual_block"))))
        model.graph.name = "main_graph"
        let path = try ONNXFixtures.scratchDirectory("main-graph-cli").appendingPathComponent("resnet_legacy.onnx").path
        try model.serializedData().write(to: URL(fileURLWithPath: path))
        let chart = CLIRunner.temporaryPath("main-graph.svg")
        let run = try CLIRunner.run(["schedule", path, "--platform", "paper-node", "--solver", "heft", "--out", "-", "--gantt", chart])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try JSONDecoder().decode(Plan.self, from: Data(run.stdout.utf8))
        #expect(plan.model == "resnet_legacy")
        #expect(run.stderr.contains("resnet_legacy") && !run.stderr.contains("main_graph"), "\(run.stderr)")
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.contains("resnet_legacy") && !svg.contains("main_graph"))
    }

    @Test func platformsShowTakesAPlatformFile() throws {
        let builtin = try CLIRunner.run(["platforms", "--show", "cpu-gpu"])
        #expect(builtin.status == 0)
        let path = CLIRunner.temporaryPath("my-platform.yaml")
        try builtin.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let shown = try CLIRunner.run(["platforms", "--show", path])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == builtin.stdout)
        try "name: broken\nhost: cpu\ndevices: []\nlinkz: []\n".write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try CLIRunner.run(["platforms", "--show", path])
        #expect(broken.status == 2 && broken.stderr.contains(path), "\(broken.stderr)")
    }

    @Test func inspectHelpDoesNotSayThePlatformIsRequired() throws {
        let help = try CLIRunner.run(["inspect", "--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("Required for"), "\(help.stdout)")
        let run = try CLIRunner.run(["inspect", ONNXFixtures.path("residual_block")])
        #expect(run.status == 0 && run.stdout.contains("GFLOPs"), "\(run.stderr)")
    }
}

/// `schedule FILE --split SPLIT`: another tool's split of a device-placement input,
/// evaluated in our model (issue 10).
@Suite("Command line: evaluating a split file")
struct CLISplitFileTests {
    private func splitFile(_ text: String) throws -> String {
        let url = try ONNXFixtures.scratchDirectory("cli-split").appendingPathComponent("gnmt.split.json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func thePeerGreedysSplitIsEvaluatedAndWrittenAsAPlan() throws {
        let input = CLIInputOptionTests.devicePlacementFile
        let problem = try loadDevicePlacementProblem(path: input)
        let split = try splitFile(String(decoding: try devicePlacementSplitJSON(PeerLatencyGreedy.split(problem), input: input), as: UTF8.self))
        let run = try CLIRunner.run(["schedule", input, "--split", split, "--out", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(plan["solver"] as? String == "split gnmt.split.json")
        let peer = try #require(try PeerLatencyGreedy().solve(problem, options: SolveOptions()).schedule)
        #expect(plan["makespanSeconds"] as? Double == peer.makespan)
    }

    @Test(arguments: [(["--solver", "heft"], CLIInputOptionTests.devicePlacementFile), (["--objective", "throughput"], CLIInputOptionTests.devicePlacementFile),
                      (["--platform", "paper-node"], "resnet18")])
    func optionsThatCannotApplyAreUsageErrors(extra: [String], input: String) throws {
        let split = try splitFile(#"{"fpgas": [], "cpus": [{"nodes": []}]}"#)
        let run = try CLIRunner.run(["schedule", input, "--split", split] + extra)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--split"), "\(run.stderr)")
    }

    @Test func aSplitThatMissesNodesIsAnInputError() throws {
        let split = try splitFile(#"{"fpgas": [], "cpus": [{"nodes": [1, 4]}]}"#)
        let run = try CLIRunner.run(["schedule", CLIInputOptionTests.devicePlacementFile, "--split", split])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("gnmt.split.json") && run.stderr.contains("every node of the input once, found 94 missing"), "\(run.stderr)")
    }
}
