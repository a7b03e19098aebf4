import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// `diviml profile MODEL.onnx --platform P --out costs.csv`: measures every node of ONNX
/// Runtime's optimised graph on every device, for `schedule --costs` (docs/deploy.md).
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Measure every node on every device with ONNX Runtime; write a cost table and the graph it describes.",
        discussion: """
            Writes ONNX Runtime's optimised graph at --opt-level next to the costs (COSTS.onnx for COSTS.csv): \
            schedule that file, with --costs COSTS.csv, so that fused nodes are the scheduled nodes. Needs \
            Python with onnxruntime: bash scripts/setup-python.sh.
            """)

    @Argument(help: "The .onnx model to measure.")
    var model: String

    @Option(help: "The platform whose devices are measured (local-cpu:N for this machine).")
    var platform: String

    @Option(name: .customLong("provider"), help: "DEVICE=EP[:id]: the execution provider of a device (default CPUExecutionProvider); repeatable.")
    var providers: [String] = []

    @Option(help: "ONNX Runtime graph optimisation level of the graph measured: disabled, basic, extended or all.")
    var optLevel: String = "all"

    @Option(help: "Measured runs per device (the median per node is kept).")
    var runs: Int = 20

    @Option(help: "Unmeasured runs first.")
    var warmup: Int = 3

    @Option(help: "Batch for inputs the model leaves symbolic.")
    var batch: Int = 1

    @Option(help: "The cost table to write (CSV); the optimised graph goes to the same path with .onnx.")
    var out: String

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1, got \(runs)") }
        if warmup < 0 { throw ValidationError("--warmup must be at least 0, got \(warmup)") }
        if batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
        if !RunSettings.optLevels.contains(optLevel) {
            throw ValidationError("--opt-level must be one of \(RunSettings.optLevels.joined(separator: ", ")), got '\(optLevel)'")
        }
        if out == "-" || out.hasSuffix(".onnx") { throw ValidationError("--out must be a file path for the CSV table (not '-' or .onnx), got '\(out)'") }
    }

    /// The optimised graph's path: `--out` with its extension replaced by `.onnx`.
    var optimizedPath: String {
        let url = URL(fileURLWithPath: out)
        return url.deletingPathExtension().appendingPathExtension("onnx").path
    }

    func run() throws {
        try reportingErrors {
            guard try ModelFileFormat.detect(path: model) == .onnx else {
                throw InputError.malformed(file: model, path: "", expected: "an ONNX model (diviml profile measures ONNX files)")
            }
            let machine = try BuiltinPlatforms.resolve(platform)
            let mapping = try ProviderMapping(options: providers, devices: machine.devices.map(\.name), planFile: platform,
                                              defaults: machine.providers, source: "devices[].provider")
            let kinds = Set(mapping.providers.values.map { $0.split(separator: ":")[0] })
            if optLevel == "all" && kinds.count > 1 {
                printError("warning: --opt-level all writes the CPU provider's layout transforms (NCHWc), which "
                           + kinds.filter { $0 != "CPUExecutionProvider" }.sorted().joined(separator: ", ")
                           + " leaves to the CPU; --opt-level extended measures a graph every provider runs")
            }
            let runtime = try ORTRuntime.locate()
            let settings = ProfileSettings(runs: runs, warmup: warmup, optLevel: optLevel, batch: batch)
            let profile = try profileWithORT(modelPath: model, platform: machine, providers: mapping, settings: settings,
                                             optimizedPath: optimizedPath, runtime: runtime)
            try writeOutput(Data(profile.csv.utf8), to: out)
            let measured = profile.costs.seconds.count
            print("\(model): ONNX Runtime \(profile.ortVersion) graph at level \(optLevel): \(measured) node(s) measured on "
                  + "\(machine.devices.count) device(s) (\(Set(mapping.providers.values).sorted().joined(separator: ", ")))")
            for (provider, run) in profile.modelRunSeconds.sorted(by: { $0.key < $1.key }) {
                print("  \(provider): whole graph \(formatSeconds(run)) per run profiled, "
                      + "\(formatSeconds(profile.unprofiledRunSeconds[provider] ?? 0)) unprofiled; "
                      + "\(formatSeconds(profile.overheadPerNode[provider] ?? 0)) per node between kernels; costs x "
                      + String(format: "%.3f", profile.calibration[provider] ?? 1) + " to add up to the unprofiled run")
            }
            for b in profile.boundaries {
                print("  sub-model boundary \(b.between.joined(separator: "-")): one call \(formatSeconds(b.call)), hand-off "
                      + "\(formatSeconds(b.handoff)) (64 B), \(formatSeconds(b.handoffLarge)) (\(formatBytes(Int64(b.largeBytes))))")
            }
            for link in profile.costs.links {
                print("  link \(link.between.0)-\(link.between.1): \(formatSeconds(link.latency)) + bytes / "
                      + String(format: "%.3g GB/s", link.bandwidth / 1e9) + " (written with the costs; schedule --costs uses it)")
            }
            if !profile.unmeasured.isEmpty { print("  not in the trace (roofline costs): \(profile.unmeasured.joined(separator: ", "))") }
            print("wrote \(out) and \(optimizedPath)")
            print("next: diviml schedule \(optimizedPath) --platform \(platform) --costs \(out) --out plan.json")
        }
    }
}
