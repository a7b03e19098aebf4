import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// `diviml run MODEL.onnx --plan plan.json`: executes a plan with ONNX Runtime, one worker
/// per device, and sets the measured timeline beside the planned one (docs/deploy.md).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a plan with ONNX Runtime (one worker per device, dataflow) and compare measured with predicted.",
        discussion: """
            Exports the plan's sub-models to a temporary folder, runs them with one worker thread per device \
            (each sub-model starts as soon as its inputs have arrived; one ONNX Runtime session per sub-model, \
            one intra-op thread), then runs the whole model in one session on the same inputs to compare \
            outputs. Needs Python with onnxruntime: bash scripts/setup-python.sh.
            """)

    @Argument(help: "The .onnx model the plan was made for.")
    var model: String

    @Option(help: "A latency plan JSON written by `diviml schedule` for this model.")
    var plan: String

    @Option(name: .customLong("provider"), help: "DEVICE=EP[:id]: the execution provider of a device (default CPUExecutionProvider); repeatable.")
    var providers: [String] = []

    @Option(help: "Measured runs (the median is reported).")
    var runs: Int = 20

    @Option(help: "Unmeasured runs first.")
    var warmup: Int = 3

    @Option(help: "ONNX Runtime graph optimisation level in each session: disabled, basic, extended or all.")
    var optLevel: String = "all"

    @Option(help: "A NumPy .npz file with one array per graph input (default: seeded random inputs of each input's dtype and shape).")
    var inputs: String?

    @Option(help: "Batch used for inputs the model leaves symbolic (default: the plan's batch, else 1).")
    var batch: Int?

    @Option(help: "Seed of the generated inputs.")
    var seed: Int = 0

    @Option(help: "onnxruntime (one process, a worker thread per device) or ray (a Ray actor per device, placed by the custom resource diviml_DEVICE).")
    var engine: String = "onnxruntime"

    @Option(help: "With --engine ray: the cluster address (ray start --head prints it), or local-cluster: one Ray node per device on this machine.")
    var rayAddress: String?

    @Option(help: "Write the plan's interactive HTML report with the measured timeline beside the planned one here (needs --problem).")
    var report: String?

    @Option(help: "With --report: the problem the plan was made for (diviml schedule ... --problem-out problem.json).")
    var problem: String?

    @Option(help: "Write run.json here (- for standard output).")
    var out: String?

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1, got \(runs)") }
        if warmup < 0 { throw ValidationError("--warmup must be at least 0, got \(warmup)") }
        if let batch, batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
        if !RunSettings.engines.contains(engine) {
            throw ValidationError("--engine must be one of \(RunSettings.engines.joined(separator: ", ")), got '\(engine)'")
        }
        if rayAddress != nil && engine != "ray" { throw ValidationError("--ray-address needs --engine ray") }
        if report != nil && problem == nil {
            throw ValidationError("--report needs --problem: the problem the plan was made for (diviml schedule MODEL ... --out PLAN --problem-out problem.json)")
        }
        if problem != nil && report == nil { throw ValidationError("--problem is read only for --report") }
        if !RunSettings.optLevels.contains(optLevel) {
            throw ValidationError("--opt-level must be one of \(RunSettings.optLevels.joined(separator: ", ")), got '\(optLevel)'")
        }
    }

    func run() throws {
        try reportingErrors {
            guard try ModelFileFormat.detect(path: model) == .onnx else {
                throw InputError.malformed(file: model, path: "", expected: "an ONNX model (diviml run executes ONNX files)")
            }
            let loaded = try Plan.load(path: plan)
            let mapping = try ProviderMapping(options: providers, devices: loaded.devices, planFile: plan, defaults: loaded.providers ?? [:])
            if let inputs, !FileManager.default.fileExists(atPath: inputs) {
                throw InputError.unreadableFile(file: inputs, reason: "no such file")
            }
            // Checked before running, so that a wrong problem file does not cost the runs.
            let costed = try problem.map { try SchedulingProblem.load(path: $0) }
            let passes = try costed.map { try loaded.passes(on: $0, file: plan) }
            let runtime = try ORTRuntime.locate()
            let settings = RunSettings(runs: runs, warmup: warmup, optLevel: optLevel, inputsFile: inputs, seed: seed,
                                       batch: batch ?? loaded.batch ?? 1, engine: engine, rayAddress: rayAddress)
            let report = try runPlanWithORT(modelPath: model, plan: loaded, planFile: plan, providers: mapping,
                                            settings: settings, runtime: runtime)
            if out != "-" { print(summary(report)) }
            if let path = self.report, let costed, let passes {
                var page = PlanReport(plan: loaded, problem: costed, passes: passes)
                page.timelines.append(Timeline(measured: report, devices: costed.devices.map(\.name)))
                try writeOutput(Data(try ReportPage.html(page).utf8), to: path)
            }
            if let out {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                var data = try encoder.encode(report)
                data.append(0x0A)
                try writeOutput(data, to: out)
            }
        }
    }

    private func summary(_ r: RunReport) -> String {
        var table = TextTable("sub-model", "device", "nodes", "planned start", "planned finish", "measured start", "measured finish")
        for s in r.submodels {
            table.add(s.file, s.device, "\(s.nodes)", formatSeconds(s.plannedStart), formatSeconds(s.plannedFinish),
                      formatSeconds(s.measuredStart), formatSeconds(s.measuredFinish))
        }
        let providers = Set(r.providers.values).sorted().joined(separator: ", ")
        return "\(model) with \(plan): \(r.submodels.count) sub-model(s) on \(r.providers.count) device(s), ONNX Runtime \(r.ortVersion) (\(providers))"
            + (r.engine == "ray" ? ", Ray actors on \(Set((r.rayNodes ?? [:]).values).count) node(s)" : "") + "\n"
            + "predicted \(formatSeconds(r.predictedSeconds))   measured \(formatSeconds(r.measuredSeconds)) (median of \(r.runSeconds.count) runs)"
            + "   error \(percent(r.relativeError))\n"
            + "whole model in one session: \(formatSeconds(r.wholeModelSeconds)); largest output difference \(String(format: "%.3g", r.maxAbsDifference))\n"
            + table.rendered
    }
}
