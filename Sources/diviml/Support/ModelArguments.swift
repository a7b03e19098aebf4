import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// The arguments every command that takes MODEL shares, and how they become a problem.
struct ModelArguments: ParsableArguments {
    @Argument(help: "A built-in model name (see `diviml models`), an ONNX file, a problem JSON or a device-placement JSON (told apart by content).")
    var model: String

    @Option(help: "Platform: a built-in name (see `diviml platforms`) or a YAML/JSON file. Built-in models and ONNX files are costed on it (inspect without one shows the graph alone).")
    var platform: String?

    // `.unconditional`: `--batch -1` reads -1 as the value (and `validate()` says why it is
    // wrong) instead of "missing value" for an option named `-1`.
    @Option(name: .customLong("batch"), parsing: .unconditional,
            help: "Batch size B of one inference (also the symbolic batch dimension of an ONNX file; default 1).")
    var requestedBatch: Int?

    @Option(name: .customLong("micro-batches"), parsing: .unconditional,
            help: "Split the batch into m micro-batches, each a copy of the graph at batch B/m (default 1).")
    var requestedMicroBatches: Int?

    @Option(help: "RandWire: nodes per random-graph stage.")
    var nodes: Int = 32

    @Option(help: "RandWire: seed of the random graphs.")
    var graphSeed: UInt64 = 1

    @Option(help: "BERT/GPT: sequence length.")
    var sequence: Int = 128

    @Option(name: .customLong("precision"),
            help: "Element type of weights and activations of built-in models: fp32 or fp16 (default fp32; files carry their own).")
    var requestedPrecision: Precision?

    @Option(help: "Measured costs overriding the roofline: CSV (node,device,seconds) or JSON.")
    var costs: String?

    @Option(name: .customLong("profile"), help: "An ONNX Runtime profiling trace measured on one device, as DEVICE=TRACE.json (repeatable).")
    var profiles: [String] = []

    /// Batch size B (`--batch`, 1 when not given).
    var batch: Int { requestedBatch ?? 1 }
    /// Micro-batches m (`--micro-batches`, 1 when not given).
    var microBatches: Int { requestedMicroBatches ?? 1 }
    /// Element type of a built-in model (`--precision`, fp32 when not given).
    var precision: Precision { requestedPrecision ?? .fp32 }

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
        try Self.checkRange("--batch", batch, Self.maxBatch)
        try Self.checkRange("--micro-batches", microBatches, Self.maxMicroBatches)
        try Self.checkRange("--sequence", sequence, Self.maxSequence)
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

    /// Throws unless `1 <= value <= maximum`, saying which bound `value` breaks.
    private static func checkRange(_ option: String, _ value: Int, _ maximum: Int) throws {
        guard value >= 1 else { throw ValidationError("\(option) must be at least 1, got \(value)") }
        guard value <= maximum else { throw ValidationError("\(option) must be between 1 and \(maximum), got \(value)") }
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
        /// Whether the input is a device-placement JSON (msr-fiddle's format).
        var isDevicePlacement = false
        /// Device → the execution provider its platform names (empty: none does).
        var providers: [String: String] = [:]
    }

    func problem() throws -> Loaded {
        switch try fileFormat() {
        case .problemJSON?:
            try rejectPlatformOptions()
            try rejectGraphOptions()
            return Loaded(problem: try SchedulingProblem.load(path: model), platform: nil, measured: nil)
        case .deviceGraph?:
            try rejectPlatformOptions()
            try rejectGraphOptions()
            return Loaded(problem: try loadDevicePlacementProblem(path: model), platform: nil, measured: nil, isDevicePlacement: true)
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
            try rejectPrecision()
            let imported = try importONNXModel(path: model, batch: batch / microBatches)
            try rejectBatch(imported)
            for w in imported.warnings { printError("warning: \(w)") }
            return imported.graph
        case nil:
            let options = ModelOptions(batch: batch / microBatches, randwireNodes: nodes, graphSeed: graphSeed,
                                       sequenceLength: sequence, elementBytes: precision.bytes)
            return try ModelZoo.build(model, options: options)
        }
    }

    /// The file's format, nil for a built-in name.
    private func fileFormat() throws -> ModelFileFormat? {
        guard FileManager.default.fileExists(atPath: model) else {
            if model.contains("/") || [".json", ".onnx", ".pt", ".pt2", ".pth"].contains(where: model.hasSuffix) {
                throw InputError.unreadableFile(file: model, reason: "no such file")
            }
            return nil
        }
        guard let format = try ModelFileFormat.detect(path: model) else {
            if ModelFileFormat.isPyTorch(path: model) { throw InputError.pyTorchFile(file: model) }
            throw InputError.malformed(file: model, path: "", expected: "an ONNX model, a diviml problem JSON or a device-placement JSON")
        }
        return format
    }

    private func rejectPlatformOptions() throws {
        guard platform == nil, costs == nil, profiles.isEmpty, constraints == nil else {
            throw InputError.conflictingOptions("\(model) carries its own devices, costs and constraints, so --platform, --costs, --profile and --constraints do not apply")
        }
    }

    /// A problem or device-placement file holds costs for the batch it was made at: a batch
    /// or precision given with it would be dropped.
    private func rejectGraphOptions() throws {
        let given = [("--batch", requestedBatch != nil), ("--micro-batches", requestedMicroBatches != nil),
                     ("--precision", requestedPrecision != nil)].filter(\.1).map(\.0)
        guard given.isEmpty else {
            throw InputError.conflictingOptions(
                "\(given.joined(separator: " and ")) cannot apply to '\(model)': it carries its own costs, made at the batch "
                    + "and precision it was written for (rebuild it from the model with the batch you want: "
                    + "diviml schedule MODEL --batch B --problem-out FILE)")
        }
    }

    /// An ONNX file gives the element type of every tensor.
    private func rejectPrecision() throws {
        guard requestedPrecision == nil else {
            throw InputError.conflictingOptions(
                "--precision applies to built-in models; '\(model)' gives the element type of every tensor itself "
                    + "(export the model in the precision you want)")
        }
    }

    /// `--batch` sets the symbolic batch dimension of an ONNX file (at B/m per
    /// micro-batch); a file whose inputs all fix it would silently keep its own, unless
    /// that is B/m.
    private func rejectBatch(_ imported: ONNXImportResult) throws {
        let perCopy = batch / microBatches
        guard requestedBatch == nil || imported.hasSymbolicBatch || imported.staticBatch == perCopy else {
            let asked = microBatches == 1 ? "" : " (\(perCopy) per micro-batch)"
            let fixed = imported.staticBatch.map { "fixed to \($0)" } ?? "fixed"
            throw InputError.conflictingOptions(
                "--batch \(batch)\(asked) cannot apply to '\(model)': the batch dimension (axis 0) of its graph inputs is "
                    + "\(fixed) in the file; export it with a dynamic batch axis "
                    + "(torch.onnx.export(..., dynamic_axes={\"input\": {0: \"batch\"}})) or leave --batch out")
        }
    }

    private func costedGraph() throws -> Loaded {
        guard let platformName = platform else {
            throw InputError.conflictingOptions("'\(model)' needs a platform to be costed on: add --platform (see `diviml platforms`)")
        }
        let graph = try self.graph()!
        let named = try BuiltinPlatforms.resolve(platformName)
        var measured = try costs.map { try MeasuredCosts.load(path: $0, graph: graph, platform: named) }
        let machine = named.applying(measured?.links ?? [])
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
        return Loaded(problem: problem, platform: machine.name, measured: measured?.expandedForCopies(microBatches),
                      providers: machine.providers)
    }
}

/// Element type of a built-in model.
enum Precision: String, ExpressibleByArgument, CaseIterable {
    case fp32, fp16
    var bytes: Int { self == .fp32 ? 4 : 2 }
}

extension SchedulingProblem.IOMode: ExpressibleByArgument {}
extension Plan.Objective: ExpressibleByArgument {}
