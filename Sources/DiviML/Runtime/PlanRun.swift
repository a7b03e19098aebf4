import Foundation

/// Options of `diviml run` that reach the runtime.
public struct RunSettings: Sendable, Hashable {
    public var runs: Int
    public var warmup: Int
    /// ONNX Runtime's graph optimisation level: disabled, basic, extended or all.
    public var optLevel: String
    /// A NumPy `.npz` file with one array per graph input; nil: generated inputs.
    public var inputsFile: String?
    public var seed: Int
    public var batch: Int
    /// `onnxruntime` (threads in one process) or `ray` (one Ray actor per device).
    public var engine: String
    /// The Ray cluster to join (`ray` engine); nil or `local-cluster`: one Ray node per device
    /// started on this machine.
    public var rayAddress: String?

    public init(runs: Int = 20, warmup: Int = 3, optLevel: String = "all", inputsFile: String? = nil, seed: Int = 0, batch: Int = 1,
                engine: String = "onnxruntime", rayAddress: String? = nil) {
        self.engine = engine
        self.rayAddress = rayAddress
        self.runs = runs
        self.warmup = warmup
        self.optLevel = optLevel
        self.inputsFile = inputsFile
        self.seed = seed
        self.batch = batch
    }

    /// The engines `diviml run` drives.
    public static let engines = ["onnxruntime", "ray"]

    /// The optimisation levels ONNX Runtime offers, in increasing order.
    public static let optLevels = ["disabled", "basic", "extended", "all"]
}

/// The job `scripts/ort-runner.py run` reads.
struct RunJob: Codable {
    var manifest: String
    var model: String
    var weightsFolder: String
    var providers: [String: String]
    var runs: Int
    var warmup: Int
    var optLevel: String
    var intraOpThreads: Int
    var inputsFile: String?
    var seed: Int
    var batch: Int
    var shapes: [String: [Int]]
    var engine: String
    var rayAddress: String?
}

/// What the runner returns for `run`.
struct RunResult: Codable {
    struct Timed: Codable { var file: String; var start: Double; var finish: Double }
    struct Measured: Codable { var seconds: Double; var submodels: [Timed] }
    var ortVersion: String
    var providers: [String: String]
    var runs: [Measured]
    var wholeModelSeconds: [Double]
    var maxAbsDifference: Double
    var inputs: [String: RunReport.InputEntry]
    /// `ray` engine: sub-model file → the Ray node id its actor ran on.
    var rayNodes: [String: String]?
}

/// Executes `plan` for the ONNX model at `modelPath` with ONNX Runtime: exports the
/// per-device sub-models into a temporary folder (`exportONNXPartitions`), runs them with one
/// worker per device (each sub-model as soon as its inputs have arrived), `settings.warmup`
/// unmeasured runs then `settings.runs` measured ones, and the whole model in one session on
/// the same inputs to compare outputs.
///
/// Weights in external-data files are read from the model's own folder; nothing is copied.
/// Every session has one intra-op thread (a worker is one core: `local-cpu:N`).
/// - Throws: `InputError` for a model or plan that does not fit (from the export), a bad
///   provider; `RuntimeFailure` when ONNX Runtime is missing, refuses an input or fails.
/// - Complexity: the export's O(file size + (|V| + |E|)·K), then the runs themselves.
public func runPlanWithORT(modelPath: String, plan: Plan, planFile: String, providers: ProviderMapping,
                           settings: RunSettings, runtime: ORTRuntime) throws -> RunReport {
    guard let predicted = plan.makespanSeconds else {
        throw InputError.malformed(file: planFile, path: "makespanSeconds", expected: "a latency plan with a makespan (throughput plans cannot be run as one inference)")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-run-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let manifest = try exportONNXPartitions(modelPath: modelPath, plan: plan, planFile: planFile, batch: settings.batch, directory: folder.path,
                                            cutAtSends: true)
    let model = URL(fileURLWithPath: modelPath).standardizedFileURL
    let job = RunJob(manifest: folder.appendingPathComponent("manifest.json").path, model: model.path,
                     weightsFolder: model.deletingLastPathComponent().path, providers: providers.providers,
                     runs: settings.runs, warmup: settings.warmup, optLevel: settings.optLevel, intraOpThreads: 1,
                     inputsFile: settings.inputsFile, seed: settings.seed, batch: settings.batch,
                     shapes: try graphInputShapes(path: modelPath, batch: settings.batch),
                     engine: settings.engine, rayAddress: settings.rayAddress)
    let result = try runtime.invoke("run", job: job, as: RunResult.self)
    return try RunReport(result: result, manifest: manifest, plan: plan, planFile: planFile, model: modelPath,
                         predicted: predicted, settings: settings)
}

/// The shape the importer gives each graph input at `batch` (symbolic dimensions bound as
/// the plan was costed).
func graphInputShapes(path: String, batch: Int) throws -> [String: [Int]] {
    let imported = try ONNXImport(path: path, batch: batch)
    var shapes: [String: [Int]] = [:]
    for input in imported.builder.graph.input {
        if let shape = imported.builder.facts[input.name]?.shape { shapes[input.name] = shape }
    }
    return shapes
}

extension RunReport {
    init(result: RunResult, manifest: ONNXExportManifest, plan: Plan, planFile: String, model: String,
         predicted: Double, settings: RunSettings) throws {
        guard !result.runs.isEmpty else { throw RuntimeFailure.failed(message: "the runner measured no run") }
        var finish: [String: Double] = [:]
        for node in plan.nodes { finish[node.name] = node.finish }
        submodels = try manifest.submodels.map { sub in
            let times = result.runs.compactMap { $0.submodels.first { $0.file == sub.file } }
            guard times.count == result.runs.count else {
                throw RuntimeFailure.failed(message: "sub-model \(sub.file) did not run in every measured run")
            }
            return Submodel(file: sub.file, device: sub.device, nodes: sub.nodes.count, plannedStart: sub.plannedStart,
                            plannedFinish: sub.nodes.compactMap { finish[$0] }.max() ?? sub.plannedStart,
                            measuredStart: median(times.map(\.start)), measuredFinish: median(times.map(\.finish)))
        }
        self.model = model
        self.plan = planFile
        engine = settings.engine
        rayNodes = result.rayNodes
        ortVersion = result.ortVersion
        providers = result.providers
        optLevel = settings.optLevel
        intraOpThreads = 1
        warmupRuns = settings.warmup
        predictedSeconds = predicted
        runSeconds = result.runs.map(\.seconds)
        measuredSeconds = median(runSeconds)
        relativeError = (predicted - measuredSeconds) / measuredSeconds
        wholeModelSeconds = median(result.wholeModelSeconds)
        maxAbsDifference = result.maxAbsDifference
        inputs = result.inputs
    }
}
