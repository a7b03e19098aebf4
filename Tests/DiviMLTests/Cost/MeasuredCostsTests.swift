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

    @Test func linkRowsAfterTheirHeaderReplaceThePlatformsLinkBothWays() throws {
        let gpu = Self.platform.devices.map(\.name).first { $0 != Self.cpu }!
        let table = try load("concat,\(Self.cpu),0.5\ndevice_a,device_b,latency_seconds,bytes_per_second\n"
                             + "\(gpu),\(Self.cpu),9e-05,2e11\n", "links.csv")
        #expect(table.count == 1 && table.links == [MeasuredLink(between: gpu, Self.cpu, latency: 9e-05, bandwidth: 2e11)])
        let applied = Self.platform.applying(table.links)
        let (c, g) = (Self.platform.host, Self.platform.deviceIndex(gpu)!)
        #expect(applied.latency[c][g] == 9e-05 && applied.latency[g][c] == 9e-05)
        #expect(applied.transferTime(bytes: 2_000_000, from: c, to: g) == 9e-05 + 1e-05)
        // Every other pair is as the platform had it.
        let others = Self.platform.devices.indices.flatMap { a in Self.platform.devices.indices.map { (a, $0) } }
            .filter { Set([$0.0, $0.1]) != Set([c, g]) }
        #expect(others.allSatisfy { applied.latency[$0.0][$0.1] == Self.platform.latency[$0.0][$0.1] })
    }

    @Test("a bad link row is an error naming its line", arguments: [
        ("cpu,cpu,1e-5,1e9", "two different devices"),
        ("v100,cpu,-1e-5,1e9", "latency >= 0"),
        ("v100,cpu,1e-5,0", "bytes per second > 0"),
        ("v100,cpu,1e-5", "device_a,device_b,latency_seconds,bytes_per_second"),
        ("v100,cpu,1e-5,inf", "bytes per second > 0"),
    ])
    func aBadLinkRowIsAnError(row: String, expected: String) throws {
        let error = try failure("concat,cpu,1\ndevice_a,device_b,latency_seconds,bytes_per_second\n\(row)\n", "bad-link.csv")
        guard case let .malformed(_, path, text) = error else { Issue.record("\(error)"); return }
        #expect(path == "line 3" && text.contains(expected), "\(error)")
    }

    @Test func aLinkToAnUnknownDeviceOrMeasuredTwiceIsAnError() throws {
        let header = "device_a,device_b,latency_seconds,bytes_per_second\n"
        let unknown = try failure(header + "cpu,tpu,1e-5,1e9\n", "link-device.csv")
        #expect(unknown.description.contains("at line 2 (device): 'tpu' is not defined"), "\(unknown)")
        let twice = try failure(header + "cpu,v100,1e-5,1e9\nv100,cpu,2e-5,1e9\n", "link-twice.csv")
        #expect(twice.description.contains("at line 3") && twice.description.contains("first at line 2"), "\(twice)")
    }

    @Test func scheduleChargesTheMeasuredLinksAndSaysSo() throws {
        let path = CLIRunner.temporaryPath("costs-links.csv")
        try "device_a,device_b,latency_seconds,bytes_per_second\ncpu,v100,2,1e9\n".write(toFile: path, atomically: true, encoding: .utf8)
        let plain = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft"])
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--costs", path])
        #expect(run.status == 0 && plain.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("links measured: cpu-v100 2 s + bytes / 1 GB/s"), "\(run.stdout)")
        #expect(run.stdout != plain.stdout, "a 2 s link between cpu and v100 changes the plan")
    }

    @Test func theCLIRejectsAnUnknownNodeWithExit2() throws {
        let path = CLIRunner.temporaryPath("costs-unknown.csv")
        try "node,device,seconds\nconv99,cpu,0.1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--costs", path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(path): at line 2 (node): 'conv99' is not defined"), "\(run.stderr)")
    }
}
