import Foundation
import Testing
@testable import DiviML

/// `diviml profile` → `schedule` → `diviml run` end to end with ONNX Runtime. Skipped with a
/// reason when the project's python has no onnxruntime, except under CI=true (scripts/test.sh
/// installs it there), where a missing runtime fails.
@Suite("diviml run and profile with ONNX Runtime", .serialized)
struct RunProfileCLITests {
    static let runtimeFound: Bool = (try? ORTRuntime.locate()) != nil
    static let enabled = runtimeFound || ProcessInfo.processInfo.environment["CI"] == "true"
    static let rayFound: Bool = {
        guard let runtime = try? ORTRuntime.locate() else { return false }
        return (try? ChildCommand.run(runtime.python, ["-c", "import ray"]))?.status == 0
    }()
    static let rayEnabled = rayFound || ProcessInfo.processInfo.environment["CI"] == "true"
    /// The repository's root folder (this file is Tests/DiviMLTests/Runtime/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func diviml(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIRunner.Output {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-stderr-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: err.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: err) }
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = out
        process.standardError = errHandle
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        return CLIRunner.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }

    static func folder(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: CLIRunner.temporaryPath(name))
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("profile, schedule on local-cpu:2, run: every sub-model runs, outputs match the whole model, run.json complete",
          .enabled(if: enabled, "python with onnxruntime is not available (bash scripts/setup-python.sh)"),
          arguments: ["inception_block", "transformer_encoder"])
    func loop(name: String) throws {
        let dir = try Self.folder("loop-\(name)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let costs = dir.appendingPathComponent("costs.csv").path, optimized = dir.appendingPathComponent("costs.onnx").path
        let plan = dir.appendingPathComponent("plan.json").path, run = dir.appendingPathComponent("run.json").path
        let profile = try Self.diviml(["profile", ONNXFixtures.path(name), "--platform", "local-cpu:2", "--runs", "3", "--warmup", "1", "--out", costs])
        #expect(profile.status == 0, "\(profile.stderr)")
        let table = try String(contentsOfFile: costs, encoding: .utf8)
        #expect(table.contains("# onnxruntime ") && table.contains("node,device,seconds"))
        // Measured costs cover every device; alternating placement puts sub-models on both workers.
        let graph = try loadONNXGraph(path: optimized, batch: 1).graph
        let named = try BuiltinPlatforms.resolve("local-cpu:2")
        let measured = try MeasuredCosts.load(path: costs, graph: graph, platform: named)
        // The sub-model boundary between the two workers is measured and written as their link.
        let link = try #require(measured.links.first)
        #expect(measured.links.count == 1 && Set([link.between.0, link.between.1]) == ["w0", "w1"], "\(measured.links)")
        #expect(link.latency > 0 && link.latency < 0.1 && link.bandwidth > 0, "\(link)")
        #expect(table.contains("# sub-model boundary w0-w1: one call "), "\(table)")
        let platform = named.applying(measured.links)
        let problem = try SchedulingProblem(graph: graph, platform: platform, costModel: OverlayCostModel(measured: measured))
        let placement = problem.nodes.indices.map { v in problem.nodes[v].op.hasPrefix("Host") ? problem.host : (v / 3) % 2 }
        let schedule = try Simulator.run(problem, placement: placement)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        let solved = SolverResult(solver: "test", schedule: schedule, status: .heuristic, solveSeconds: 0)
        try Plan(latency: schedule, problem: problem, result: solved, platform: "local-cpu:2", lowerBound: nil, reference: nil)
            .jsonData().write(to: URL(fileURLWithPath: plan))
        let problemFile = dir.appendingPathComponent("problem.json").path, page = dir.appendingPathComponent("run.html").path
        try problem.jsonData().write(to: URL(fileURLWithPath: problemFile))
        let result = try Self.diviml(["run", optimized, "--plan", plan, "--runs", "3", "--warmup", "1", "--out", run,
                                      "--report", page, "--problem", problemFile])
        #expect(result.status == 0, "\(result.stderr)")
        // The report draws the measured sub-models beside the planned nodes.
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("measured (onnxruntime, median of 3 runs)"))
        #expect(html.contains("\"label\":\"planned\""), "the planned timeline is there too")
        #expect(result.stdout.contains("predicted") && result.stdout.contains("measured"))
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: run)))
        #expect(report.maxAbsDifference < 1e-4)
        #expect(report.runSeconds.count == 3 && report.measuredSeconds > 0)
        #expect(Set(report.submodels.map(\.device)) == ["w0", "w1"])
        #expect(abs(report.predictedSeconds - schedule.makespan) < 1e-12)
        for s in report.submodels {
            #expect(s.measuredStart >= 0 && s.measuredFinish > s.measuredStart, "\(s)")
            #expect(html.contains(s.file))
        }
    }

    @Test("a real export (ConvNeXt-T, weights filled by scripts/fill-weights.py) runs with every other node on a second worker; outputs match",
          .enabled(if: enabled, "python with onnxruntime is not available (bash scripts/setup-python.sh)"))
    /// In ORT's optimised ConvNeXt graph the importer's own inference gets the rank of 69 of
    /// 265 tensors wrong (the Reshapes around fused Gemms): `profile` records the shapes ORT
    /// ran, and the runner takes the shapes of the tensors it is handed.
    func filledCorpusExportRunsCutFinely() throws {
        let dir = try Self.folder("corpus-run")
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("convnext_tiny.onnx").path
        let stripped = ExporterCorpus.path("convnext_tiny.legacy.onnx")
        let runtime = try ORTRuntime.locate()
        let filled = try ChildCommand.run(runtime.python, [Self.root.appendingPathComponent("scripts/fill-weights.py").path, stripped, model])
        #expect(filled.status == 0, "\(filled.stderr)")
        let costs = dir.appendingPathComponent("costs.csv").path, optimized = dir.appendingPathComponent("costs.onnx").path
        let profile = try Self.diviml(["profile", model, "--platform", "local-cpu:2", "--runs", "1", "--warmup", "0", "--out", costs])
        #expect(profile.status == 0, "\(profile.stderr)")
        let graph = try loadONNXGraph(path: optimized, batch: 1).graph
        // The shapes ORT ran are recorded in the optimised graph, so the importer sizes the
        // tensors of fused nodes right: the Reshape before the first fused Gemm gives
        // 56 x 56 pixels x 96 channels as [3136, 96] floats (its own inference: [1, 96, 56, 96]).
        let reshape = try #require(graph.nodes.firstIndex { $0.name == "gemm_input_reshape_token_8" })
        let sent = graph.edges.filter { $0.from == reshape }.map(\.bytes)
        #expect(!sent.isEmpty && sent.allSatisfy { $0 == 3136 * 96 * 4 }, "\(sent)")
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.resolve("local-cpu:2"))
        // Every other node on w1: every tensor crosses between the workers.
        let placement = problem.nodes.indices.map { v in problem.nodes[v].op.hasPrefix("Host") ? problem.host : v % 2 }
        let schedule = try Simulator.run(problem, placement: placement)
        let solved = SolverResult(solver: "test", schedule: schedule, status: .heuristic, solveSeconds: 0)
        let plan = dir.appendingPathComponent("plan.json").path
        try Plan(latency: schedule, problem: problem, result: solved, platform: "local-cpu:2", lowerBound: nil, reference: nil)
            .jsonData().write(to: URL(fileURLWithPath: plan))
        let result = try Self.diviml(["run", optimized, "--plan", plan, "--runs", "1", "--warmup", "1", "--opt-level", "disabled", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(result.stdout.utf8))
        #expect(report.maxAbsDifference < 1e-3)
        #expect(report.submodels.count > 20 && Set(report.submodels.map(\.device)) == ["w0", "w1"], "\(report.submodels.count)")
    }

    @Test func aReportNeedsTheProblem() throws {
        let result = try Self.diviml(["run", ONNXFixtures.path("residual_block"), "--plan", "p.json", "--report", "r.html"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--report needs --problem"), "\(result.stderr)")
    }

    @Test("int64 token ids are generated with their dtype and a valid range",
          .enabled(if: enabled, "python with onnxruntime is not available (bash scripts/setup-python.sh)"))
    func tokenIds() throws {
        let dir = try Self.folder("tokens")
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("tokens.onnx").path, plan = dir.appendingPathComponent("plan.json").path
        let runtime = try ORTRuntime.locate()
        let script = """
        import sys, numpy as np, onnx
        from onnx import helper, TensorProto, numpy_helper
        emb = numpy_helper.from_array(np.arange(40, dtype=np.float32).reshape(5, 8), "emb")
        w = numpy_helper.from_array(np.ones((8, 4), np.float32), "w")
        g = helper.make_graph([helper.make_node("Gather", ["emb", "ids"], ["e"], name="gather"),
                               helper.make_node("MatMul", ["e", "w"], ["m"], name="matmul"),
                               helper.make_node("Relu", ["m"], ["y"], name="relu")], "tokens",
            [helper.make_tensor_value_info("ids", TensorProto.INT64, [2, 6])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 6, 4])], [emb, w])
        onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), sys.argv[1])
        """
        let made = try ChildCommand.run(runtime.python, ["-c", script, model])
        #expect(made.status == 0, "\(made.stderr)")
        let scheduled = try Self.diviml(["schedule", model, "--platform", "local-cpu:1", "--solver", "heft", "--out", plan])
        #expect(scheduled.status == 0, "\(scheduled.stderr)")
        let result = try Self.diviml(["run", model, "--plan", plan, "--runs", "2", "--warmup", "0", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(result.stdout.utf8))
        #expect(report.inputs["ids"] == RunReport.InputEntry(shape: [2, 6], dtype: "int64"))
        #expect(report.maxAbsDifference == 0)
    }

    @Test("bad inputs exit 2 with a message: provider, plan of another model, missing runtime",
          .enabled(if: enabled, "python with onnxruntime is not available (bash scripts/setup-python.sh)"))
    func badInputs() throws {
        let dir = try Self.folder("bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.json").path
        let model = ONNXFixtures.path("residual_block")
        #expect(try Self.diviml(["schedule", model, "--platform", "local-cpu:1", "--solver", "heft", "--out", plan]).status == 0)
        let cases: [([String], [String: String], String)] = [
            (["--provider", "w7=CPUExecutionProvider"], [:], "'w7' is not defined"),
            (["--provider", "w0=NoSuchExecutionProvider"], [:], "is not in this onnxruntime build"),
            (["--provider", "w0=CUDA"], [:], "ExecutionProvider"),
            ([], ["DIVIML_PYTHON": "/nonexistent/python"], "scripts/setup-python.sh"),
        ]
        for (extra, environment, message) in cases {
            let result = try Self.diviml(["run", model, "--plan", plan] + extra, environment: environment)
            #expect(result.status == 2, "\(extra) \(environment): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(extra): \(result.stderr)")
        }
        let other = try Self.diviml(["run", ONNXFixtures.path("inception_block"), "--plan", plan])
        #expect(other.status == 2 && other.stderr.contains("error:"), "\(other.stderr)")
        let missing = try Self.diviml(["run", dir.appendingPathComponent("none.onnx").path, "--plan", plan])
        #expect(missing.status == 2 && missing.stderr.contains("none.onnx"), "\(missing.stderr)")
        let usage = try Self.diviml(["run", model, "--plan", plan, "--runs", "0"])
        #expect(usage.status == 64)
    }

    @Test("a device's provider goes from the platform into the plan and drives run; --provider overrides it; a bad one in the plan exits 2",
          .enabled(if: enabled, "python with onnxruntime is not available (bash scripts/setup-python.sh)"))
    func platformProviders() throws {
        let dir = try Self.folder("providers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let platform = dir.appendingPathComponent("platform.yaml").path, plan = dir.appendingPathComponent("plan.json").path
        try """
        name: cpu-and-accelerator
        host: cpu
        devices:
          - {name: cpu, kind: cpu, memory: 8 GiB, peakFlops: {fp32: 100 GFLOPS}, memoryBandwidth: 10 GB/s, launchOverhead: 1 us}
          - {name: acc, kind: gpu, memory: 8 GiB, peakFlops: {fp32: 10 TFLOPS}, memoryBandwidth: 500 GB/s, launchOverhead: 1 us,
             provider: "NoSuchExecutionProvider:0"}
        links:
          - {between: [cpu, acc], latency: 1 us, bandwidth: 100 GB/s}
        """.write(toFile: platform, atomically: true, encoding: .utf8)
        let model = ONNXFixtures.path("residual_block")
        let scheduled = try Self.diviml(["schedule", model, "--platform", platform, "--solver", "heft", "--out", plan])
        #expect(scheduled.status == 0, "\(scheduled.stderr)")
        let written = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: plan)))
        #expect(written.providers == ["acc": "NoSuchExecutionProvider:0"])
        #expect(written.nodes.contains { $0.device == "acc" }, "the accelerator should take work: \(written.nodes.map(\.device))")
        let refused = try Self.diviml(["run", model, "--plan", plan, "--runs", "1", "--warmup", "0"])
        #expect(refused.status == 2 && refused.stderr.contains("NoSuchExecutionProvider"), "\(refused.stderr)")
        let overridden = try Self.diviml(["run", model, "--plan", plan, "--runs", "1", "--warmup", "0", "--provider", "acc=CPUExecutionProvider", "--out", "-"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(try JSONDecoder().decode(RunReport.self, from: Data(overridden.stdout.utf8)).providers["acc"] == "CPUExecutionProvider")
        for bad in [["tpu": "CPUExecutionProvider"], ["acc": "CUDA:0"]] {
            var edited = written
            edited.providers = bad
            try edited.jsonData().write(to: URL(fileURLWithPath: plan))
            let result = try Self.diviml(["run", model, "--plan", plan, "--runs", "1", "--warmup", "0"])
            #expect(result.status == 2 && result.stderr.contains(plan) && result.stderr.contains("providers"), "\(bad): \(result.stderr)")
        }
    }

    /// Without a GPU, the device-memory path runs with device type "cpu": the same calls
    /// (`bind_output` by device, `get_outputs`, the kept binding) as on a GPU.
    @Test("the runner's device-memory path: outputs bound by device type, host-bound where another provider or the graph reads them",
          .enabled(if: enabled, "python with onnxruntime is not available (bash scripts/setup-python.sh)"))
    func deviceMemoryPath() throws {
        let script = """
        import importlib.util, sys
        import numpy as np, onnxruntime as ort
        spec = importlib.util.spec_from_file_location("runner", sys.argv[1])
        r = importlib.util.module_from_spec(spec); spec.loader.exec_module(r)
        assert r.device_memory("CUDAExecutionProvider:1") == ("cuda", 1)
        assert r.device_memory("CUDAExecutionProvider") == ("cuda", 0)
        assert r.device_memory("CPUExecutionProvider") is None
        manifest = {"graphOutputs": ["c"], "submodels": [
            {"file": "g0", "device": "gpu", "inputs": ["x"], "outputs": ["a", "b", "c"]},
            {"file": "g1", "device": "gpu", "inputs": ["a"], "outputs": ["d"]},
            {"file": "c0", "device": "cpu", "inputs": ["b", "d"], "outputs": ["e"]}]}
        specs = {"gpu": "CUDAExecutionProvider:0", "cpu": "CPUExecutionProvider"}
        host = r.host_outputs(manifest, specs)
        assert host == {"g0": {"b", "c"}, "g1": {"d"}, "c0": set()}, host
        # A chain of one-node sub-models on one worker whose memory is ("cpu", 0): the first call
        # binds outputs by device, later calls reuse the kept binding; values stay right.
        devices, job = ["w0"], {"intraOpThreads": 1, "warmup": 0}
        workers, state = r.chain_workers(devices, {"w0": "CPUExecutionProvider"}, 4, job, {})
        for w in workers:
            w.memory = ("cpu", 0)
        x = ort.OrtValue.ortvalue_from_numpy(np.array([-1, 2, -3, 4], dtype=np.float32))
        for _ in range(3):
            r.drive(workers, state, {"t0": x})
            out = state.tensors["t%d" % r.BOUNDARY_CHAIN].numpy()
            assert out.tolist() == [0, 2, 0, 4], out
        assert all(len(w.bindings) == r.BOUNDARY_CHAIN for w in workers)
        for w in workers:
            w.go.put(False)
        print("ok")
        """
        let runtime = try ORTRuntime.locate()
        let result = try ChildCommand.run(runtime.python, ["-c", script, Self.root.appendingPathComponent("scripts/ort-runner.py").path])
        #expect(result.status == 0 && result.stdout == "ok\n", "\(result.stdout)\(result.stderr)")
    }

    @Test("--engine ray: a Ray actor per device on a local cluster of two nodes; outputs match, the same run.json",
          .enabled(if: rayEnabled, "Ray is not installed in the project's .venv (bash scripts/setup-python.sh --ray)"))
    func ray() throws {
        let dir = try Self.folder("ray")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.json").path
        let model = ONNXFixtures.path("inception_block")
        let (graph, _) = try loadONNXGraph(path: model, batch: 2)
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.resolve("local-cpu:2"))
        let placement = problem.nodes.indices.map { v in problem.nodes[v].op.hasPrefix("Host") ? problem.host : (v / 4) % 2 }
        let schedule = try Simulator.run(problem, placement: placement)
        let solved = SolverResult(solver: "test", schedule: schedule, status: .heuristic, solveSeconds: 0)
        try Plan(latency: schedule, problem: problem, result: solved, platform: "local-cpu:2", lowerBound: nil, reference: nil)
            .jsonData().write(to: URL(fileURLWithPath: plan))
        let result = try Self.diviml(["run", model, "--plan", plan, "--engine", "ray", "--runs", "2", "--warmup", "1", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(RunReport.self, from: Data(result.stdout.utf8))
        #expect(report.engine == "ray" && report.maxAbsDifference < 1e-4)
        #expect(Set(report.submodels.map(\.device)) == ["w0", "w1"])
        // Each device's actor sits on its own Ray node (the custom resource diviml_DEVICE).
        let nodes = report.rayNodes ?? [:]
        #expect(Set(report.submodels.map(\.file)) == Set(nodes.keys))
        for a in report.submodels { for b in report.submodels {
            #expect((nodes[a.file] == nodes[b.file]) == (a.device == b.device), "\(a.file) \(b.file): \(nodes)")
        } }
        let usage = try Self.diviml(["run", model, "--plan", plan, "--ray-address", "x"])
        #expect(usage.status == 64)
    }
}
