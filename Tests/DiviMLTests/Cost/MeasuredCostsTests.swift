import Foundation
import Testing
@testable import DiviML

/// `--costs` tables are checked against the model and platform they are used with (issue 12,
/// "Accepted silently"): a row naming an unknown node or device is an error naming the row.
@Suite("Measured cost tables")
struct MeasuredCostsTests {
    static let graph = try! loadONNXGraph(path: ONNXFixtures.path("inception_block"), batch: 1).graph
    static let platform = try! BuiltinPlatforms.named("paper-node")
    static var cpu: String { platform.devices[platform.host].name }

    private func load(_ text: String, _ name: String) throws -> MeasuredCosts {
        let path = try ONNXFixtures.scratchDirectory("costs").appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try MeasuredCosts.load(path: path, graph: Self.graph, platform: Self.platform)
    }

    private func failure(_ text: String, _ name: String) throws -> InputError {
        try #require(#expect(throws: InputError.self) { try load(text, name) })
    }

    @Test func aTableOfKnownNodesAndDevicesLoads() throws {
        let table = try load("node,device,seconds\n\n# a comment\nconcat,\(Self.cpu),0.5\n", "ok.csv")
        #expect(table.lookup(node: "concat", device: Self.cpu) == 0.5 && table.count == 1)
        #expect(try load("concat,\(Self.cpu),0.25\n", "no-header.csv").count == 1)
    }

    @Test func aRowNamingAnUnknownNodeIsAnErrorWithASuggestion() throws {
        let error = try failure("node,device,seconds\nconcat,\(Self.cpu),1\nconcatt,\(Self.cpu),1\n", "node.csv")
        guard case let .unknownReference(_, path, name, known) = error else { Issue.record("\(error)"); return }
        #expect(path == "line 3 (node)" && name == "concatt" && known.contains("concat"))
        #expect(error.description.contains("at line 3 (node): 'concatt' is not defined; known: "), "\(error)")
        #expect(error.description.contains("(did you mean 'concat'?)"), "\(error)")
    }

    @Test func aRowNamingAnUnknownDeviceIsAnError() throws {
        let json = #"[{"node": "concat", "device": "tpu", "seconds": 1}]"#
        let error = try failure(json, "device.json")
        guard case let .unknownReference(_, path, name, known) = error else { Issue.record("\(error)"); return }
        #expect(path == "[0] (device)" && name == "tpu" && known == Self.platform.devices.map(\.name))
        let nested = try failure(#"{"concat": {"\#(Self.cpu)x": 1}}"#, "nested.json")
        #expect(nested.description.contains("at concat.\(Self.cpu)x (device)"), "\(nested)")
        #expect(nested.description.contains("(did you mean '\(Self.cpu)'?)"), "\(nested)")
    }

    @Test("a first line that is not exactly the header is an error", arguments: [
        "name,device,seconds", "node,device,secs", "conv1;cpu;1",
    ])
    func aMalformedFirstLineIsAnError(line: String) throws {
        let error = try failure("\(line)\nconcat,\(Self.cpu),1\n", "header.csv")
        guard case let .malformed(_, path, expected) = error else { Issue.record("\(error)"); return }
        #expect(path == "line 1" && expected.contains("found '\(line)'") && expected.contains("the header 'node,device,seconds'"), "\(error)")
    }

    @Test func theCLIRejectsAnUnknownNodeWithExit2() throws {
        let path = CLIRunner.temporaryPath("costs-unknown.csv")
        try "node,device,seconds\nconv99,cpu,0.1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--costs", path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(path): at line 2 (node): 'conv99' is not defined"), "\(run.stderr)")
    }
}
