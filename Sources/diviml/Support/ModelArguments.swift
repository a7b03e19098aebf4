import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// The arguments every command that takes MODEL shares, and how they become a problem.
struct ModelArguments: ParsableArguments {
    @Argument(help: "A built-in model name (see `diviml models`), an ONNX file, a problem JSON or a device-placement JSON (told apart by content).")
    var model: String

    @Option(help: "Platform: a built-in name (see `diviml platforms`) or a YAML/JSON file. Required for built-in models and ONNX files.")
    var platform: String?

    @Option(help: "Batch size B of one inference (also the symbolic batch dimension of an ONNX file).")
    var batch: Int = 1

    @Option(help: "Split the batch into m micro-batches, each a copy of the graph at batch B/m.")
    var microBatches: Int = 1

    @Option(help: "RandWire: nodes per random-graph stage.")
    var nodes: Int = 32

    @Option(help: "RandWire: seed of the random graphs.")
    var graphSeed: UInt64 = 1

    @Option(help: "BERT/GPT: sequence length.")
    var sequence: Int = 128

    @Option(help: "Element type of weights and activations of built-in models: fp32 or fp16.")
    var precision: Precision = .fp32

    @Option(help: "Measured costs overriding the roofline: CSV (node,device,seconds) or JSON.")
    var costs: String?

    @Option(name: .customLong("profile"), help: "An ONNX Runtime profiling trace measured on one device, as DEVICE=TRACE.json (repeatable).")
    var profiles: [String] = []

    @Option(help: "Profiler runs to drop as warm-up from each trace.")
    var warmupRuns: Int = 1

    @Option(help: "Placement constraints (YAML/JSON): devices nodes may not use (notOn) and colocation groups (groups).")
    var constraints: String?

    @Option(help: "Host I/O: 'host' (inputs start and outputs end on the host) or 'free'.")
    var io: SchedulingProblem.IOMode = .host

    /// The largest `--batch`: far beyond any batch one inference runs, and small enough that
    /// tensor sizes (batch × sequence² × heads × element bytes) stay well inside `Int64`.
    static let maxBatch = 1 << 20
    /// The largest `--micro-batches`: each is a copy of the graph.
    static let maxMicroBatches = 1024
    /// The largest `--sequence` (see `maxBatch`).
    static let maxSequence = 1 << 16

    func validate() throws {
        guard (1...Self.maxBatch).contains(batch) else {
            throw ValidationError("--batch must be between 1 and \(Self.maxBatch), got \(batch)")
        }
        guard (1...Self.maxMicroBatches).contains(microBatches) else {
            throw ValidationError("--micro-batches must be between 1 and \(Self.maxMicroBatches), got \(microBatches)")
        }
        guard (1...Self.maxSequence).contains(sequence) else {
            throw ValidationError("--sequence must be between 1 and \(Self.maxSequence), got \(sequence)")
        }
        guard batch % microBatches == 0 else {
            throw ValidationError("--batch \(batch) is not divisible by --micro-batches \(microBatches)")
        }
        guard warmupRuns >= 0 else { throw ValidationError("--warmup-runs must be at least 0, got \(warmupRuns)") }
        for entry in profiles {
            guard let parts = Self.profileParts(entry) else {
                throw ValidationError("--profile takes DEVICE=TRACE.json, got '\(entry)'")
            }
            guard !parts.device.isEmpty else {
                throw ValidationError("--profile takes DEVICE=TRACE.json, got '\(entry)' (no device name before '=')")
            }
            guard !parts.path.isEmpty else {
                throw ValidationError("--profile takes DEVICE=TRACE.json, got '\(entry)' (no trace file after '=')")
            }
        }
    }

    /// DEVICE and TRACE of a `--profile` entry, split at the first `=`; nil without one.
    /// Either part may be empty (`validate()` rejects that).
    static func profileParts(_ entry: String) -> (device: String, path: String)? {
        guard let sign = entry.firstIndex(of: "=") else { return nil }
        return (String(entry[..<sign]), String(entry[entry.index(after: sign)...]))
    }

    /// A costed problem, with where it came from and what was measured.
    struct Loaded {
        var problem: SchedulingProblem
        /// The platform's name; nil for problem files, which carry their own devices.
        var platform: String?
        /// The measurements used, when any: the plan records which costs they gave.
        var measured: MeasuredCosts?
    }

    func problem() throws -> Loaded {
        switch try fileFormat() {
        case .problemJSON?:
            try rejectPlatformOptions()
            return Loaded(problem: try SchedulingProblem.load(path: model), platform: nil, measured: nil)
        case .deviceGraph?:
            try rejectPlatformOptions()
            return Loaded(problem: try loadDevicePlacementProblem(path: model), platform: nil, measured: nil)
        case .onnx?, nil:
            return try costedGraph()
        }
    }

    /// The graph of a built-in model or an ONNX file (at batch B/m, one copy), with import
    /// warnings already printed; nil for problem files.
    func graph() throws -> OpGraph? {
        switch try fileFormat() {
        case .problemJSON?, .deviceGraph?:
            return nil
        case .onnx?:
            let (graph, warnings) = try loadONNXGraph(path: model, batch: batch / microBatches)
            for w in warnings { printError("warning: \(w)") }
            return graph
        case nil:
            let options = ModelOptions(batch: batch / microBatches, randwireNodes: nodes, graphSeed: graphSeed,
                                       sequenceLength: sequence, elementBytes: precision.bytes)
            return try ModelZoo.build(model, options: options)
        }
    }

    /// The file's format, nil for a built-in name.
    private func fileFormat() throws -> ModelFileFormat? {
        guard FileManager.default.fileExists(atPath: model) else {
            if model.contains("/") || model.hasSuffix(".json") || model.hasSuffix(".onnx") {
                throw InputError.unreadableFile(file: model, reason: "no such file")
            }
            return nil
        }
        guard let format = try ModelFileFormat.detect(path: model) else {
            throw InputError.malformed(file: model, path: "", expected: "an ONNX model, a diviml problem JSON or a device-placement JSON")
        }
        return format
    }

    private func rejectPlatformOptions() throws {
        guard platform == nil, costs == nil, profiles.isEmpty, constraints == nil else {
            throw InputError.conflictingOptions("\(model) carries its own devices, costs and constraints, so --platform, --costs, --profile and --constraints do not apply")
        }
    }

    private func costedGraph() throws -> Loaded {
        guard let platformName = platform else {
            throw InputError.conflictingOptions("'\(model)' needs a platform to be costed on: add --platform (see `diviml platforms`)")
        }
        let graph = try self.graph()!
        let machine = try BuiltinPlatforms.resolve(platformName)
        var measured = try costs.map { try MeasuredCosts.load(path: $0, graph: graph, platform: machine) }
        if !profiles.isEmpty {
            let traces = profiles.compactMap(Self.profileParts)
            let profiled = try ProfileMeasurements(traces: traces, graph: graph, platform: machine, warmupRuns: warmupRuns)
            for line in profiled.report { printError("warning: \(line)") }
            measured = (measured ?? MeasuredCosts()).merging(profiled.costs)
        }
        let rules = try constraints.map { try NodeConstraints.load(path: $0, graph: graph, platform: machine) }
        let copies = graph.replicated(copies: microBatches)
        let costModel: any CostModel = measured.map { OverlayCostModel(measured: $0.expandedForCopies(microBatches)) } ?? RooflineCostModel()
        let problem = try SchedulingProblem(graph: copies, platform: machine, costModel: costModel, io: io,
                                            constraints: (rules ?? NodeConstraints()).expandedForCopies(microBatches))
        return Loaded(problem: problem, platform: machine.name, measured: measured?.expandedForCopies(microBatches))
    }
}

/// Element type of a built-in model.
enum Precision: String, ExpressibleByArgument, CaseIterable {
    case fp32, fp16
    var bytes: Int { self == .fp32 ? 4 : 2 }
}

extension SchedulingProblem.IOMode: ExpressibleByArgument {}
extension Plan.Objective: ExpressibleByArgument {}
