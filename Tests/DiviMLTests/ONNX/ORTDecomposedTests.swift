import Foundation
import Testing
@testable import DiviML

/// ONNX Runtime runs some ONNX ops as several kernels under names of its own (HardSwish
/// as `HardSigmoid_N` + `Mul_M` on its CPU provider): the trace reader attributes them to
/// the node they came from by execution order (issue 12).
@Suite("ONNX Runtime traces of decomposed nodes")
struct ORTDecomposedTests {
    static let model = ExporterCorpus.path("mobilenet_v3_large.legacy.onnx")
    /// A real trace of that export with random weights (scripts/make-exporter-corpus.py,
    /// trimmed: node events with their op type and shapes, run markers).
    static let trace = ExporterCorpus.path("mobilenet_v3_large.legacy.ort-cpu.json")

    /// Per trace node (name without `_kernel_time`): op type, first input shape, first
    /// output shape, read from the raw JSON independently of the parser.
    static func rawShapes() throws -> [String: (op: String, input: [Int], output: [Int])] {
        let events = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: trace))) as! [[String: Any]]
        var result: [String: (op: String, input: [Int], output: [Int])] = [:]
        func first(_ value: Any?) -> [Int] { // [{"float": [1, 16, 112, 112]}, …] -> [1, 16, 112, 112]
            guard let tensor = (value as? [Any])?.first as? [String: Any], let dims = tensor.values.first as? [Any] else { return [] }
            return dims.map { ($0 as! NSNumber).intValue }
        }
        for e in events where e["cat"] as? String == "Node" {
            let name = String((e["name"] as! String).dropLast("_kernel_time".count))
            let args = e["args"] as! [String: Any]
            result[name] = (args["op_name"] as! String, first(args["input_type_shape"]), first(args["output_type_shape"]))
        }
        return result
    }

    @Test("every HardSwish of MobileNetV3 is measured as its HardSigmoid + Mul entries, with matching shapes")
    func mobileNetHardSwish() throws {
        let (graph, _) = try loadONNXGraph(path: Self.model, batch: 1)
        let platform = try BuiltinPlatforms.named("paper-node")
        let cpu = platform.devices[platform.host].name
        let measured = try ProfileMeasurements(traces: [(cpu, Self.trace)], graph: graph, platform: platform)
        let hardSwish = graph.nodes.filter { $0.type == "HardSwish" }
        #expect(hardSwish.count > 0)
        let parts = try #require(measured.decomposed[cpu])
        #expect(Set(parts.keys) == Set(hardSwish.map(\.name)))
        #expect(measured.unmeasured[cpu] == [])
        let raw = try Self.rawShapes()
        let means = try ORTProfileTests.rawDurations(Self.trace).mapValues { $0.dropFirst().reduce(0, +) / Double($0.count - 1) * 1e-6 }
        let problem = try SchedulingProblem(graph: graph, platform: platform, costModel: OverlayCostModel(measured: measured.costs))
        for node in hardSwish {
            let entries = try #require(parts[node.name])
            #expect(entries.map { raw[$0]!.op } == ["HardSigmoid", "Mul"], "\(node.name): \(entries)")
            #expect(raw[entries[0]]!.input == node.inputShapes[0], "\(node.name)")
            #expect(raw[entries[1]]!.output == node.outputShapes[0], "\(node.name)")
            let sum = entries.reduce(0) { $0 + means[$1]! }
            let v = try #require(problem.nodeIndex(node.name))
            #expect(abs(problem.cost(v, on: platform.host) - sum) <= 1e-12, "\(node.name)")
        }
        // What stays unmatched are the Identity nodes of initializers the importer folded
        // into weights (ORT runs them as copies); no HardSigmoid or Mul is left over.
        let unmatched = measured.unmatched[cpu] ?? []
        #expect(unmatched.allSatisfy { raw[$0]!.op == "Identity" }, "\(unmatched)")
        let entry = try #require(ExporterCorpus.files.first { $0.file == "mobilenet_v3_large.legacy.onnx" })
        #expect(unmatched.count == entry.foldedIdentities)
        #expect(measured.report.contains { $0.contains("\(hardSwish.count) node(s) ran as several ONNX Runtime kernels") })
    }

    /// a -> {b, c} -> d, with b and c unmeasured and in parallel: an entry between a and d
    /// could be either's, so it stays unmatched; on a chain a -> b -> d it is b's.
    static func graph(parallel: Bool) -> OpGraph {
        func op(_ name: String, _ type: String) -> Operator {
            Operator(name: name, type: type, inputShapes: [[4]], outputShapes: [[4]], attributes: [:], paramBytes: 0, elementBytes: 4)
        }
        let nodes = parallel ? [op("a", "Relu"), op("b", "HardSwish"), op("c", "HardSwish"), op("d", "Add")]
            : [op("a", "Relu"), op("b", "HardSwish"), op("d", "Add")]
        let edges = parallel ? [(0, 1), (0, 2), (1, 3), (2, 3)] : [(0, 1), (1, 2)]
        return OpGraph(name: "g", nodes: nodes, edges: edges.map { OpGraph.Edge(from: $0.0, to: $0.1, bytes: 16) }, inputs: [], outputs: [])
    }

    static func profile(_ entries: [(String, String)]) throws -> ORTProfile {
        let events = entries.map { #"{"cat": "Node", "name": "\#($0.0)_kernel_time", "dur": 10, "args": {"op_name": "\#($0.1)"}}"# }
        return try ORTProfile.parse(Data(("[" + events.joined(separator: ",") + "]").utf8), file: "t.json", warmupRuns: 0)
    }

    @Test("an entry is attributed only where one unmeasured node's window holds it, and never to a node of its own type")
    func windows() throws {
        let trace = try Self.profile([("a", "Relu"), ("HardSigmoid_7", "HardSigmoid"), ("Mul_8", "Mul"), ("d", "Add")])
        #expect(trace.order == ["a", "HardSigmoid_7", "Mul_8", "d"])
        #expect(trace.decomposedEntries(of: Self.graph(parallel: false)) == ["b": ["HardSigmoid_7", "Mul_8"]])
        #expect(trace.decomposedEntries(of: Self.graph(parallel: true)).isEmpty)
        // Outside every window (after d) or of the node's own type (a renamed HardSwish): unmatched.
        let late = try Self.profile([("a", "Relu"), ("d", "Add"), ("HardSigmoid_7", "HardSigmoid")])
        #expect(late.decomposedEntries(of: Self.graph(parallel: false)).isEmpty)
        let renamed = try Self.profile([("a", "Relu"), ("fused_b", "HardSwish"), ("d", "Add")])
        #expect(renamed.decomposedEntries(of: Self.graph(parallel: false)).isEmpty)
        let copies = try Self.profile([("a", "Relu"), ("Identity_3", "Identity"), ("d", "Add")])
        #expect(copies.decomposedEntries(of: Self.graph(parallel: false)).isEmpty)
    }
}
