import Foundation
import Testing
@testable import DiviML

@Suite("ONNX Runtime profiles as measured costs")
struct ORTProfileTests {
    static var trace: String { ONNXFixtures.directory.appendingPathComponent("inception_block.ort-cpu.json").path }

    /// Kernel durations (µs) per node from the raw trace, read independently of the parser.
    static func rawDurations(_ path: String) throws -> [String: [Double]] {
        let events = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [[String: Any]]
        var result: [String: [Double]] = [:]
        for e in events where e["cat"] as? String == "Node" {
            let name = e["name"] as! String
            guard name.hasSuffix("_kernel_time") else { continue }
            result[String(name.dropLast("_kernel_time".count)), default: []].append((e["dur"] as! NSNumber).doubleValue)
        }
        return result
    }

    @Test("a real CPU trace: every node measured, warm-up dropped, runs averaged", arguments: [0, 1, 3])
    func realTrace(warmup: Int) throws {
        let profile = try ORTProfile.load(path: Self.trace, warmupRuns: warmup)
        let raw = try Self.rawDurations(Self.trace)
        #expect(profile.runs == 4)
        #expect(profile.seconds.count == raw.count)
        for (node, list) in raw {
            let kept = list.dropFirst(warmup)
            let mean = kept.reduce(0, +) / Double(kept.count) * 1e-6
            #expect(abs(profile.seconds[node]! - mean) <= 1e-15, "\(node)")
        }
        #expect(profile.opTypes["br4.pool"] == "MaxPool")
    }

    @Test("too many warm-up runs, or a file that is no trace, is an error naming the file")
    func badTraces() throws {
        #expect(throws: InputError.self) { try ORTProfile.load(path: Self.trace, warmupRuns: 4) }
        let dir = try ONNXFixtures.scratchDirectory("ort")
        let empty = dir.appendingPathComponent("empty.json")
        try Data("[]".utf8).write(to: empty)
        let error = #expect(throws: InputError.self) { try ORTProfile.load(path: empty.path) }
        #expect(error.map { "\($0)" }?.contains(empty.path) == true)
    }

    @Test("measurements override the roofline where they exist; the rest is reported and modelled")
    func overlay() throws {
        let (graph, _) = try loadONNXGraph(path: ONNXFixtures.path("inception_block"), batch: 2)
        let platform = try BuiltinPlatforms.named("paper-node")
        let cpu = platform.devices[platform.host].name
        // A second trace for the GPU with one node renamed: it is unmatched there, and the
        // real node stays unmeasured on the GPU.
        let dir = try ONNXFixtures.scratchDirectory("ort")
        let renamed = dir.appendingPathComponent("gpu.json")
        let text = try String(contentsOfFile: Self.trace, encoding: .utf8).replacingOccurrences(of: "\"concat_kernel_time\"", with: "\"fused_concat_kernel_time\"")
        try Data(text.utf8).write(to: renamed)
        let gpu = platform.devices.first { $0.kind == .gpu }!.name
        let measured = try ProfileMeasurements(traces: [(cpu, Self.trace), (gpu, renamed.path)], graph: graph, platform: platform)
        #expect(measured.unmeasured[cpu] == [])
        #expect(measured.unmeasured[gpu] == ["concat"])
        #expect(measured.unmatched[gpu] == ["fused_concat"])
        #expect(measured.report.count == 2)
        let problem = try SchedulingProblem(graph: graph, platform: platform, costModel: OverlayCostModel(measured: measured.costs))
        let profile = try ORTProfile.load(path: Self.trace)
        let concat = problem.nodeIndex("concat")!, g = platform.deviceIndex(gpu)!, host = platform.host
        #expect(problem.cost(concat, on: host) == profile.seconds["concat"])
        let roofline = RooflineCostModel().cost(of: graph.nodes[concat], index: concat, on: platform.devices[g], deviceIndex: g)
        #expect(problem.cost(concat, on: g) == roofline)
        let sources = measured.costs.sources(for: problem)
        #expect(sources[concat][host] == .measured && sources[concat][g] == .modelled)
        #expect(measured.costs.provenanceSummary(for: problem).hasPrefix("measured \(2 * graph.nodes.count - 1) of"))
        #expect(throws: InputError.self) {
            try ProfileMeasurements(traces: [("tpu", Self.trace)], graph: graph, platform: platform)
        }
    }
}

extension ORTProfileTests {
    @Test("kernel events after a node's event give its device time (GPU kernel profiling)")
    func kernelEvents() throws {
        func node(_ name: String, _ dur: Int) -> String { #"{"cat": "Node", "name": "\#(name)_kernel_time", "dur": \#(dur), "args": {"op_name": "Add"}}"# }
        func kernel(_ dur: Int) -> String { #"{"cat": "Kernel", "name": "ort_kernel", "dur": \#(dur)}"# }
        let events = [node("a", 5), kernel(30), kernel(12), node("b", 4), node("a", 6), kernel(50), node("b", 3), kernel(7)]
        let dir = try ONNXFixtures.scratchDirectory("ort")
        let url = dir.appendingPathComponent("gpu.json")
        try Data(("[" + events.joined(separator: ",\n") + "]").utf8).write(to: url)
        let profile = try ORTProfile.load(path: url.path, warmupRuns: 0)
        #expect(abs(profile.seconds["a"]! - (42 + 50) / 2 * 1e-6) < 1e-15)
        #expect(abs(profile.seconds["b"]! - (4 + 7) / 2 * 1e-6) < 1e-15) // first run had no kernel: host time
        #expect(profile.runs == 2)
    }
}

extension ORTProfileTests {
    @Test("a trace that matches no node of the model is an error naming the trace and the model")
    func aTraceOfAnotherModelIsAnError() throws {
        let (graph, _) = try loadONNXGraph(path: ONNXFixtures.path("residual_block"), batch: 1)
        let platform = try BuiltinPlatforms.named("paper-node")
        let cpu = platform.devices[platform.host].name
        let error = try #require(#expect(throws: InputError.self) {
            try ProfileMeasurements(traces: [(cpu, Self.trace)], graph: graph, platform: platform)
        })
        guard case let .unmatchedProfile(file, model, profiled, nodes) = error else { Issue.record("\(error)"); return }
        #expect(file == Self.trace && model == graph.name && profiled.contains("concat") && nodes == graph.nodes.map(\.name))
        #expect(error.description.contains("none of the trace's \(profiled.count) profiled node(s)"), "\(error)")
    }

    @Test func theCLIExitsWith2ForATraceOfAnotherModel() throws {
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--solver", "heft", "--profile", "cpu=\(Self.trace)"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: \(Self.trace): none of the trace's"), "\(run.stderr)")
        #expect(!run.stdout.contains("measured 0 of"))
    }
}
