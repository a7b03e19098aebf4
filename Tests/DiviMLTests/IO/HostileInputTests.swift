import Foundation
import Testing
@testable import DiviML

/// Inputs found by fuzzing (issue 12, "Every input file is untrusted"): each ends in one
/// line naming the flag or file, what was expected and what was found, never in a trap.
@Suite("Hostile input")
struct HostileInputTests {
    @Test("--profile with an empty device or trace is a usage error", arguments: [
        ("=trace.json", "no device name"), ("cpu=", "no trace file"),
    ])
    func emptyProfileParts(entry: String, words: String) throws {
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--profile", entry])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--profile takes DEVICE=TRACE.json, got '\(entry)' (\(words)"), "\(run.stderr)")
    }

    @Test("--write-lp and --write-mps into a missing folder fail before solving", arguments: ["--write-lp", "--write-mps"])
    func exportIntoMissingFolder(flag: String) throws {
        let path = "/nonexistent-diviml-dir/m" + (flag == "--write-lp" ? ".lp" : ".mps")
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "milp", flag, path])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("\(path): cannot be written: \(flag): its folder '/nonexistent-diviml-dir' does not exist"),
                "\(run.stderr)")
    }

    @Test func exportErrorIsThrownByTheSolverToo() throws {
        #expect(MILPExportError.problem(with: "/nonexistent-diviml-dir/m.lp") != nil)
        #expect(MILPExportError.problem(with: FileManager.default.temporaryDirectory.appendingPathComponent("m.txt").path) != nil)
        #expect(MILPExportError.problem(with: FileManager.default.temporaryDirectory.appendingPathComponent("m.lp").path) == nil)
    }

    @Test("--out to a full device says it cannot be written", arguments: ["-", "/dev/full"])
    func fullOutput(out: String) throws {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--out", out]
        let err = Pipe()
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(stderr)")
        let name = out == "-" ? "standard output" : out
        #expect(stderr.contains("error: \(name): cannot be written: "), "\(stderr)")
        #expect(!stderr.contains("cannot be read"))
    }

    @Test("A failed write leaves the old file as it was")
    func writesAreAtomic() throws {
        let path = CLIRunner.temporaryPath("atomic-plan.json")
        try Data("old plan".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A file-size limit of 512 bytes, with SIGXFSZ ignored, makes the write fail with EFBIG
        // part way through.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"", CLIRunner.executable.path,
                             "schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--out", path]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "\(stderr)")
        #expect(stderr.contains("\(path): cannot be written: "), "\(stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old plan")
    }

    @Test("Huge --batch, --micro-batches and --sequence are usage errors stating the limit", arguments: [
        (["--batch", "9223372036854775807"], "--batch must be between 1 and 1048576, got 9223372036854775807"),
        (["--batch", "2048", "--micro-batches", "2048"], "--micro-batches must be between 1 and 1024, got 2048"),
        (["--sequence", "9223372036854775807"], "--sequence must be between 1 and 65536, got 9223372036854775807"),
    ])
    func hugeSizes(flags: [String], message: String) throws {
        let run = try CLIRunner.run(["schedule", "bert-base", "--platform", "paper-node"] + flags)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// A one-device or two-device problem file with the given devices and nodes JSON.
    private func problem(devices: String, nodes: String, edges: String = "") -> Data {
        let count = devices.components(separatedBy: "\"name\"").count - 1
        let row = "[" + Array(repeating: "0", count: count).joined(separator: ",") + "]"
        let band = "[" + Array(repeating: "1", count: count).joined(separator: ",") + "]"
        let latency = "[" + Array(repeating: row, count: count).joined(separator: ",") + "]"
        let bandwidth = "[" + Array(repeating: band, count: count).joined(separator: ",") + "]"
        return Data("""
        {"format":"diviml-problem/1","devices":[\(devices)],"host":"a",
         "link":{"latency":\(latency),"bandwidth":\(bandwidth)},"nodes":[\(nodes)],"edges":[\(edges)]}
        """.utf8)
    }

    @Test func negativeMemoryIsNamed() {
        let data = problem(devices: #"{"name":"a","kind":"cpu","memoryBytes":-5}"#, nodes: #"{"name":"n","op":"Relu","cost":[1]}"#)
        let e = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(data, file: "p.json") }
        #expect(e?.description == "p.json: at devices[0] 'a'.memoryBytes: a non-negative byte count, found -5")
    }

    @Test func overflowingSumsAreNamed() {
        let big = Int64.max
        let memory = problem(devices: #"{"name":"a","kind":"cpu","memoryBytes":\#(big)},{"name":"b","kind":"cpu","memoryBytes":\#(big)}"#,
                             nodes: #"{"name":"n","op":"Relu","cost":[1,1]}"#)
        let e1 = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(memory, file: "p.json") }
        #expect(e1?.description.hasPrefix("p.json: at devices[].memoryBytes: memories that add up to at most") == true)
        let weights = problem(devices: #"{"name":"a","kind":"cpu","memoryBytes":\#(big)}"#,
                              nodes: #"{"name":"n","op":"Relu","cost":[1],"paramBytes":\#(big)},{"name":"m","op":"Relu","cost":[1],"paramBytes":\#(big)}"#)
        let e2 = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(weights, file: "p.json") }
        #expect(e2?.description.hasPrefix("p.json: at nodes[].paramBytes: weights that add up to at most") == true)
    }

    @Test func costsSummingToInfinityAreNamed() {
        let nodes = (0..<3).map { #"{"name":"n\#($0)","op":"Relu","cost":[1e308]}"# }.joined(separator: ",")
        let data = problem(devices: #"{"name":"a","kind":"cpu","memoryBytes":10}"#, nodes: nodes)
        let e = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(data, file: "p.json") }
        #expect(e?.description.contains("p.json: at nodes[].cost: costs whose sum over all nodes is finite") == true)
        let oneNode = problem(devices: #"{"name":"a","kind":"cpu","memoryBytes":10},{"name":"b","kind":"cpu","memoryBytes":10}"#,
                              nodes: #"{"name":"n","op":"Relu","cost":[1e308,1e308]}"#)
        let e2 = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(oneNode, file: "p.json") }
        #expect(e2?.description.contains("p.json: at nodes[0] 'n'.cost: costs whose sum is finite") == true)
    }
}

extension HostileInputTests {
    /// The HEFT paper's problem with one link's bandwidth or every cost replaced.
    private func heftPaper(bandwidth: Double? = nil, cost: Double? = nil) throws -> Data {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("heft-paper.json")
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        if let bandwidth, var link = doc["link"] as? [String: Any], var rows = link["bandwidth"] as? [[Double]] {
            rows[0][1] = bandwidth
            link["bandwidth"] = rows
            doc["link"] = link
        }
        if let cost, let nodes = doc["nodes"] as? [[String: Any]] {
            doc["nodes"] = nodes.map { node in
                var node = node
                node["cost"] = [cost, cost, cost]
                return node
            }
        }
        return try JSONSerialization.data(withJSONObject: doc)
    }

    @Test("a denormal or tiny link bandwidth that makes a transfer infinite is an error naming the link",
          arguments: [Double.leastNonzeroMagnitude, 1e-307])
    func denormalBandwidth(bandwidth: Double) throws {
        let error = #expect(throws: InputError.self) {
            try SchedulingProblem.fromJSON(try heftPaper(bandwidth: bandwidth), file: "p.json")
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.hasPrefix("p.json: at link[p1 -> p2]: a bandwidth and latency at which every transfer"), "\(text)")
        #expect(text.contains("found \(bandwidth) B/s"), "\(text)")
    }

    @Test("denormal costs scale to whole ticks for the exact models")
    func denormalCosts() throws {
        let problem = try SchedulingProblem.fromJSON(try heftPaper(cost: .leastNonzeroMagnitude), file: "p.json")
        let model = CPSATLatencyModel(problem, warmStart: nil)
        #expect(model.scale.ticksPerSecond.isFinite)
        #expect(model.cost.allSatisfy { $0.allSatisfy { $0 == 1 } })
    }
}
