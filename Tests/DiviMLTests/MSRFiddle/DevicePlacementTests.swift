import Foundation
import Testing
@testable import DiviML

/// The public device-placement files of msr-fiddle/dnn-partitioning, copied unchanged into
/// `Fixtures/msr-fiddle` (its README.md says where from, LICENSE.txt is their MIT licence).
enum MSRFiddleData {
    static var folder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("msr-fiddle")
    }

    /// Every JSON file under the folder, relative paths sorted.
    static func files() throws -> [String] {
        let root = folder
        let walker = FileManager.default.enumerator(atPath: root.path)
        let relative = (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return relative.map { root.appendingPathComponent($0).path }
    }

    static func raw(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }
}

@Suite("Public device-placement format")
struct DevicePlacementTests {
    @Test("the folder holds the published latency and throughput inputs")
    func folderPresent() throws {
        let files = try MSRFiddleData.files()
        #expect(files.count == 24) // 8 latency inputs and 16 throughput inputs, as published
        #expect(files.contains { $0.contains("latency-inputs") } && files.contains { $0.contains("throughput-inputs") })
    }

    @Test("every file loads, validates, and HEFT's schedule passes the validator")
    func everyFileSchedules() throws {
        for path in try MSRFiddleData.files() {
            #expect(try ModelFileFormat.detect(path: path) == .deviceGraph, "\(path)")
            let problem = try loadDevicePlacementProblem(path: path)
            let raw = try MSRFiddleData.raw(path)
            #expect(problem.nodes.count == (raw["nodes"] as! [Any]).count)
            #expect(problem.edges.count == (raw["edges"] as! [Any]).count)
            #expect(problem.deviceCount == max(1, raw["maxCPUs"] as! Int) + (raw["maxFPGAs"] as! Int))
            let result = try HEFTSolver().solve(problem, options: SolveOptions())
            let schedule = try #require(result.schedule, "\(path)")
            #expect(Validator.violations(of: schedule, for: problem).isEmpty, "\(path)")
            #expect(schedule.makespan > 0)
        }
    }

    @Test("on the latency inputs the bounds stay below every list scheduler's and splitting's plan")
    func boundsBelowThePlans() throws {
        for path in try MSRFiddleData.files() where path.contains("latency-inputs") {
            let problem = try loadDevicePlacementProblem(path: path)
            let bound = LowerBounds.latency(problem)[0]
            let solvers = SplittingSolver.listSchedulers + [SplittingSolver(moduleSolver: nil)]
            for solver in solvers {
                guard let schedule = try? solver.solve(problem, options: SolveOptions()).schedule else { continue }
                #expect(bound.seconds <= schedule.makespan * (1 + 1e-9), "\(path) \(solver.name): \(bound.name) \(bound.seconds) > \(schedule.makespan)")
            }
        }
    }

    @Test("times are seconds; an edge's cost is its accelerator-CPU time, twice that between accelerators")
    func units() throws {
        let path = try MSRFiddleData.files().first { $0.hasSuffix("latency-inputs/OperatorGraphs/bert_l-3_inference.json") }!
        let problem = try loadDevicePlacementProblem(path: path)
        let raw = try MSRFiddleData.raw(path)
        let rawNodes = raw["nodes"] as! [[String: Any]]
        let cpu = 0, acc = problem.devices.firstIndex { $0.kind == .accelerator }!
        for (v, node) in rawNodes.enumerated() {
            #expect(abs(problem.cost(v, on: cpu) - (node["cpuLatency"] as! Double) / 1000) < 1e-15)
            #expect(abs(problem.cost(v, on: acc) - (node["fpgaLatency"] as! Double) / 1000) < 1e-15)
        }
        let rate = problem.bandwidth[cpu][acc]
        for (e, edge) in (raw["edges"] as! [[String: Any]]).enumerated() {
            let seconds = (edge["cost"] as! Double) / 1000
            let slack = 0.5 / rate + 1e-12 * seconds
            #expect(abs(problem.transferTime(edge: e, from: acc, to: cpu) - seconds) <= slack)
            #expect(abs(problem.transferTime(edge: e, from: acc, to: acc + 1) - 2 * seconds) <= 2 * slack)
            #expect(problem.transferTime(edge: e, from: cpu, to: cpu + 1) < 1e-15)
        }
    }

    @Test("training graphs keep their backward nodes and colour classes")
    func training() throws {
        let path = try MSRFiddleData.files().first { $0.hasSuffix("LayerGraphs/bert24_training.json") }!
        let problem = try loadDevicePlacementProblem(path: path)
        let raw = try MSRFiddleData.raw(path)
        let backward = (raw["nodes"] as! [[String: Any]]).filter { ($0["isBackwardNode"] as? NSNumber)?.boolValue == true }
        #expect(problem.nodes.filter { $0.op == "Backward" }.count == backward.count)
        #expect(backward.count > 0)
        let forward = problem.nodeIndex("node17")!, grad = problem.nodeIndex("node17grad")!
        #expect(problem.nodes[forward].group == problem.nodes[grad].group)
    }

    @Test("bad files are errors naming the file and the field")
    func badFiles() throws {
        let dir = try ONNXFixtures.scratchDirectory("fiddle")
        func write(_ text: String) throws -> String {
            let url = dir.appendingPathComponent("g\(text.hashValue & 0xFFFF).json")
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let node = #"{"id": 1, "supportedOnFpga": 1, "cpuLatency": 1.0, "fpgaLatency": 0.5, "size": 10}"#
        let unknown = try write(#"{"maxFPGAs": 1, "maxCPUs": 1, "nodes": [\#(node)], "edges": [{"sourceId": 1, "destId": 7, "cost": 1}]}"#)
        #expect(throws: InputError.unknownReference(file: unknown, path: "edges[0].destId", name: "7", known: ["1"])) {
            try loadDevicePlacementProblem(path: unknown)
        }
        let negative = try write(#"{"maxFPGAs": 1, "nodes": [{"id": 1, "cpuLatency": -1, "fpgaLatency": 0}], "edges": []}"#)
        let error = #expect(throws: InputError.self) { try loadDevicePlacementProblem(path: negative) }
        #expect(error.map { "\($0)" }?.contains("nodes[0].cpuLatency") == true)
        let missing = try write(#"{"maxFPGAs": 1, "nodes": [{"id": 1}], "edges": []}"#)
        #expect(throws: InputError.self) { try loadDevicePlacementProblem(path: missing) }
        let cycle = try write(#"{"maxFPGAs": 0, "nodes": [\#(node), {"id": 2, "cpuLatency": 1, "fpgaLatency": 1}], "edges": [{"sourceId": 1, "destId": 2, "cost": 0}, {"sourceId": 2, "destId": 1, "cost": 0}]}"#)
        #expect(throws: InputError.self) { try loadDevicePlacementProblem(path: cycle) }
    }
}
