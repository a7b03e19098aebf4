import Foundation
import Testing
@testable import DiviML

@Suite("Per-device ONNX export")
struct ONNXExportTests {
    /// A latency plan for `name` on paper-node: HEFT's, or the given placement simulated.
    static func plan(_ name: String, batch: Int = 2, placement: ((SchedulingProblem) -> [Int])? = nil) throws -> (Plan, SchedulingProblem) {
        let (graph, _) = try loadONNXGraph(path: ONNXFixtures.path(name), batch: batch)
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        let schedule: Schedule
        if let placement {
            schedule = try Simulator.run(problem, placement: placement(problem))
        } else {
            schedule = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        }
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        let result = SolverResult(solver: "test", schedule: schedule, status: .heuristic, solveSeconds: 0)
        return (Plan(latency: schedule, problem: problem, result: result, platform: "paper-node", lowerBound: nil, reference: nil), problem)
    }

    /// Every non-host node on device (index mod 3): paths leave devices and come back.
    static func roundRobin(_ problem: SchedulingProblem) -> [Int] {
        problem.nodes.indices.map { v in problem.nodes[v].op.hasPrefix("Host") ? problem.host : v % problem.deviceCount }
    }

    static func export(_ name: String, _ plan: Plan) throws -> (URL, ONNXExportManifest) {
        let dir = try ONNXFixtures.scratchDirectory("export-\(name)")
        let planFile = dir.appendingPathComponent("plan.json")
        try plan.jsonData().write(to: planFile)
        let loaded = try Plan.load(path: planFile.path)
        let out = dir.appendingPathComponent("parts")
        return (out, try exportONNXPartitions(modelPath: ONNXFixtures.path(name), plan: loaded, planFile: planFile.path, batch: 2, directory: out.path))
    }

    /// The sub-models hold every original node exactly once, with the node's own proto;
    /// each sub-model's inputs are graph inputs or outputs of earlier sub-models; each re-imports.
    static func checkPartition(_ name: String, _ dir: URL, _ manifest: ONNXExportManifest, oneSubmodelPerDevice: Bool = true) throws {
        let original = try ONNXModelReader.read(path: ONNXFixtures.path(name)).graph
        var seen: [Onnx_NodeProto] = []
        var available = Set(original.input.map(\.name))
        for sub in manifest.submodels {
            let path = dir.appendingPathComponent(sub.file).path
            let part = try ONNXModelReader.read(path: path).graph
            seen += part.node
            #expect(part.node.map(\.name) == sub.nodes)
            #expect(Set(part.input.map(\.name)).isSubset(of: available), "\(name): \(sub.file) reads a tensor not yet produced")
            available.formUnion(part.output.map(\.name))
            let reads = Set(part.node.flatMap(\.allInputNames))
            #expect(Set(part.initializer.map(\.name)) == reads.intersection(original.initializer.map(\.name)))
            _ = try loadONNXGraph(path: path, batch: 2)
        }
        #expect(seen.count == original.node.count)
        #expect(Set(seen.map { try! $0.serializedBytes() as Data }) == Set(original.node.map { try! $0.serializedBytes() as Data }))
        #expect(Set(original.output.map(\.name)).isSubset(of: available))
        #expect(manifest.executionOrder == manifest.submodels.map(\.file))
        // One sub-model per device whenever the graph of devices is acyclic.
        let imported = try ONNXImport(path: ONNXFixtures.path(name), batch: 2)
        let device = Dictionary(uniqueKeysWithValues: manifest.submodels.flatMap { s in s.nodes.map { ($0, s.device) } })
        var links = [[Int]](repeating: [], count: manifest.devices.count)
        for e in imported.graph.edges {
            let a = manifest.devices.firstIndex(of: device[imported.graph.nodes[e.from].name]!)!
            let b = manifest.devices.firstIndex(of: device[imported.graph.nodes[e.to].name]!)!
            if a != b { links[a].append(b) }
        }
        if oneSubmodelPerDevice, case .success = DAG.topologicalOrder(successors: links) {
            #expect(Set(manifest.submodels.map(\.device)).count == manifest.submodels.count, "\(name)")
        }
    }

    @Test("HEFT plans: sub-models together hold every node once and run in manifest order", arguments: ONNXFixtures.all)
    func heftPlans(name: String) throws {
        let (plan, _) = try Self.plan(name)
        let (dir, manifest) = try Self.export(name, plan)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try Self.checkPartition(name, dir, manifest)
        #expect(Set(manifest.submodels.map(\.device)).isSubset(of: Set(plan.devices)))
    }

    @Test("round-robin plans split a device into stages only where a path returns to it", arguments: ONNXFixtures.all)
    func roundRobinPlans(name: String) throws {
        let (plan, _) = try Self.plan(name, placement: Self.roundRobin)
        let (dir, manifest) = try Self.export(name, plan)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try Self.checkPartition(name, dir, manifest)
        #expect(manifest.boundaryTensors.contains { $0.crossesDevice })
        for sub in manifest.submodels where sub.stage > 0 {
            #expect(sub.file.hasSuffix(".part\(sub.stage).onnx"))
        }
    }

    @Test("a plan that misses a node, or names one the model lacks, is an error naming the plan")
    func mismatchedPlan() throws {
        var (plan, _) = try Self.plan("residual_block")
        plan.nodes.removeAll { $0.name == "add" }
        let error = #expect(throws: InputError.self) { try Self.export("residual_block", plan) }
        #expect(error.map { "\($0)" }?.contains("'add' has none") == true)
        var (other, _) = try Self.plan("residual_block")
        other.nodes[0].name = "mb0/b1.conv"
        #expect(throws: InputError.self) { try Self.export("residual_block", other) }
    }

    /// A Python interpreter that can `import onnx`: the repository's .venv first, then python3.
    static let pythonWithONNX: String? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        for candidate in [dir.appendingPathComponent(".venv/bin/python").path, "/usr/bin/env"] {
            let args = candidate == "/usr/bin/env" ? ["python3", "-c", "import onnx"] : ["-c", "import onnx"]
            if (try? runProcess(candidate, args))?.status == 0 { return candidate }
        }
        return nil
    }()

    @Test("onnx.checker (full check) accepts every sub-model", .enabled(if: pythonWithONNX != nil, "python3 with the onnx package is not available"),
          arguments: ["residual_block", "inception_block", "transformer_encoder", "symbolic_batch", "missing_value_info", "op_coverage"])
    func checker(name: String) throws {
        for placement in [nil, Self.roundRobin] as [((SchedulingProblem) -> [Int])?] {
            let (plan, _) = try Self.plan(name, placement: placement)
            let (dir, manifest) = try Self.export(name, plan)
            defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
            let files = manifest.submodels.map { dir.appendingPathComponent($0.file).path }
            let script = "import onnx, sys\nfor p in sys.argv[1:]: onnx.checker.check_model(onnx.load(p), full_check=True)"
            let python = Self.pythonWithONNX!
            let args = (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", script] + files
            let result = try runProcess(python, args)
            #expect(result.status == 0, "\(name): \(result.output)")
        }
    }
}

extension ONNXExportTests {
    /// Whether the interpreter found above also has onnxruntime.
    static let pythonWithRuntime: Bool = {
        guard let python = pythonWithONNX else { return false }
        let args = (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", "import onnxruntime"]
        return (try? runProcess(python, args))?.status == 0
    }()

    @Test("ONNX Runtime runs the sub-models (one worker per device) and reproduces the whole model's outputs",
          .enabled(if: pythonWithRuntime, "python3 with onnx and onnxruntime is not available"),
          arguments: ["residual_block", "inception_block", "transformer_encoder", "symbolic_batch", "missing_value_info", "op_coverage"])
    func runtime(name: String) throws {
        let runtime = try ORTRuntime.locate()
        for placement in [nil, Self.roundRobin] as [((SchedulingProblem) -> [Int])?] {
            let (plan, _) = try Self.plan(name, placement: placement)
            let dir = try ONNXFixtures.scratchDirectory("runtime-\(name)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let planFile = dir.appendingPathComponent("plan.json")
            try plan.jsonData().write(to: planFile)
            let report = try runPlanWithORT(modelPath: ONNXFixtures.path(name), plan: try Plan.load(path: planFile.path), planFile: planFile.path,
                                            providers: try ProviderMapping(options: [], devices: plan.devices, planFile: planFile.path),
                                            settings: RunSettings(runs: 1, warmup: 0, batch: 2), runtime: runtime)
            #expect(report.maxAbsDifference < 1e-4, "\(name): \(report.maxAbsDifference)")
            #expect(!report.submodels.isEmpty && report.submodels.allSatisfy { $0.measuredFinish > $0.measuredStart }, "\(name)")
        }
    }
}

/// Runs a program and returns its exit status and combined output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
