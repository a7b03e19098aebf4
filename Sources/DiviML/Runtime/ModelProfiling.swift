import Foundation

/// Options of `diviml profile` that reach the runtime.
public struct ProfileSettings: Sendable, Hashable {
    public var runs: Int
    public var warmup: Int
    /// The optimisation level whose graph is written and measured.
    public var optLevel: String
    public var batch: Int

    public init(runs: Int = 20, warmup: Int = 3, optLevel: String = "all", batch: Int = 1) {
        self.runs = runs
        self.warmup = warmup
        self.optLevel = optLevel
        self.batch = batch
    }
}

/// The job `scripts/ort-runner.py profile` reads.
struct ProfileJob: Codable {
    var model: String
    var weightsFolder: String
    var optLevel: String
    var optimizedModel: String
    /// Provider spec → the spec again: each distinct provider is measured once.
    var devices: [String: String]
    var runs: Int
    var warmup: Int
    var intraOpThreads: Int
    var batch: Int
    var shapes: [String: [Int]]
    /// Device → provider spec, every device of the platform: the pairs whose sub-model
    /// boundary is measured.
    var boundaryDevices: [String: String]
}

/// What the runner returns for `profile`.
struct ProfileResult: Codable {
    struct Device: Codable {
        var provider: String
        /// Node name → median kernel seconds.
        var nodes: [String: Double]
        var modelRunSeconds: Double?
        /// Median over runs of (whole run − the kernels inside it).
        var betweenKernelsSeconds: Double?
        /// Median time of one `run` call of the whole graph from Python, profiler off.
        var unprofiledRunSeconds: Double?
    }
    /// What a sub-model boundary costs between two devices, measured with `run`'s workers on
    /// chains of one-node sub-models (scripts/ort-runner.py, `boundary_costs`).
    struct Boundary: Codable {
        var between: [String]
        /// One sub-model call on one worker: the chain on one device / its length.
        var callSeconds: Double
        /// What each hand-off to the other device adds to the chain, 64 B handed on.
        var handoffSeconds: Double
        /// The same with `largeBytes` handed on.
        var handoffLargeSeconds: Double
        var largeBytes: Double
    }
    var ortVersion: String
    var optLevel: String
    var nodeCount: Int
    var devices: [String: Device]
    var boundaries: [Boundary]?
}

extension ProfileResult.Boundary {
    /// The smallest time difference the chains resolve, seconds: a large hand-off that adds
    /// less than this over a small one is taken as adding this (the bandwidth is then a lower
    /// bound on the real one).
    static let resolution = 1e-6

    /// The link this boundary measures between `a` and `b`: latency = one hand-off plus the
    /// consumer's extra sub-model call (a cut adds a call: the plan's node costs hold one call
    /// of the whole graph); bandwidth = the extra bytes over the extra time of the large
    /// hand-off.
    func link(between a: String, _ b: String) -> MeasuredLink {
        let extra = max(handoffLargeSeconds - handoffSeconds, Self.resolution)
        return MeasuredLink(between: a, b, latency: handoffSeconds + callSeconds, bandwidth: (largeBytes - 64) / extra)
    }
}

/// Measured costs of every node of ONNX Runtime's optimised graph on every device.
public struct ModelProfile: Sendable {
    /// The optimised graph that was written and measured: schedule this file.
    public var optimizedModel: String
    /// Node → device → seconds: (the node's median kernel time + its share of the session's
    /// per-node overhead, `overheadPerNode`) × `calibration`.
    public var costs: MeasuredCosts
    /// Provider → the median over runs of (`model_run` − the kernel times inside it), divided
    /// by the nodes: time a session spends between kernels (dispatch, allocation), spread evenly.
    public var overheadPerNode: [String: Double]
    /// Provider → median `model_run` seconds of the whole graph.
    public var modelRunSeconds: [String: Double]
    /// Provider → median seconds of one call of the whole graph from Python, profiler off.
    public var unprofiledRunSeconds: [String: Double]
    /// Provider → the factor every node's cost was multiplied by: unprofiled run / (Σ median
    /// kernel times + median time between kernels), so that the costs of the whole graph add
    /// up to its run without the profiler (whose own cost per node is otherwise counted).
    public var calibration: [String: Double]
    public var ortVersion: String
    public var providers: [String: String]
    public var settings: ProfileSettings
    /// Operators of the graph with no kernel in the trace (they keep roofline costs).
    public var unmeasured: [String]
    /// Per measured pair of devices (one pair per pair of providers): seconds of one
    /// sub-model call, and what a hand-off between the two adds at 64 B and at `largeBytes`.
    public var boundaries: [(between: [String], call: Double, handoff: Double, handoffLarge: Double, largeBytes: Double)] = []

    /// The cost table `schedule --costs` reads: CSV with the provenance as `#` comment lines.
    public var csv: String {
        var lines = ["# diviml profile: \(optimizedModel)",
                     "# onnxruntime \(ortVersion), graph optimisation level \(settings.optLevel), one intra-op thread",
                     "# \(settings.warmup) warm-up run(s), then the median of \(settings.runs) run(s) per node"]
        for (device, provider) in providers.sorted(by: { $0.key < $1.key }) {
            let overhead = overheadPerNode[provider].map { String(format: "%.3g", $0) } ?? "?"
            let run = modelRunSeconds[provider].map { String(format: "%.6g", $0) } ?? "?"
            let plain = unprofiledRunSeconds[provider].map { String(format: "%.6g", $0) } ?? "?"
            let factor = calibration[provider].map { String(format: "%.4g", $0) } ?? "1"
            lines.append("# device \(device): \(provider); whole graph \(run) s per run profiled, \(plain) s unprofiled; "
                + "\(overhead) s per node between kernels added, then x \(factor) so the nodes add up to the unprofiled run")
        }
        if !unmeasured.isEmpty { lines.append("# not in the trace (roofline costs): \(unmeasured.joined(separator: " "))") }
        for b in boundaries {
            lines.append("# sub-model boundary \(b.between.joined(separator: "-")): one call \(String(format: "%.3g", b.call)) s, hand-off "
                + "\(String(format: "%.3g", b.handoff)) s at 64 B, \(String(format: "%.3g", b.handoffLarge)) s at \(Int(b.largeBytes)) B "
                + "(chains of one-node sub-models on diviml run's workers); link latency = hand-off + call")
        }
        lines.append("node,device,seconds")
        for (node, row) in costs.seconds.sorted(by: { $0.key < $1.key }) {
            for (device, s) in row.sorted(by: { $0.key < $1.key }) { lines.append("\(node),\(device),\(String(format: "%.9g", s))") }
        }
        if !costs.links.isEmpty {
            lines.append(MeasuredLink.csvHeader.joined(separator: ","))
            lines += costs.links.map(\.csvRow)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Profiles the ONNX model at `modelPath` on every device of `platform` with ONNX Runtime:
/// writes ORT's optimised graph at `settings.optLevel` to `optimizedPath`, imports it (so
/// fused nodes are the scheduled nodes), then measures it with optimisations off, so that
/// every kernel in the trace is one node of that file. Devices with the same provider
/// (`local-cpu:N`'s identical workers) are measured once and share the figures.
/// - Throws: `InputError` when the model or its optimised graph cannot be imported, or a
///   traced kernel names no node of the graph; `RuntimeFailure` from the runtime.
/// - Complexity: the runs, plus O(file size + |V|·K).
public func profileWithORT(modelPath: String, platform: Platform, providers: ProviderMapping, settings: ProfileSettings,
                           optimizedPath: String, runtime: ORTRuntime) throws -> ModelProfile {
    let model = URL(fileURLWithPath: modelPath).standardizedFileURL
    let specs = Set(providers.providers.values)
    let job = ProfileJob(model: model.path, weightsFolder: model.deletingLastPathComponent().path, optLevel: settings.optLevel,
                         optimizedModel: URL(fileURLWithPath: optimizedPath).standardizedFileURL.path,
                         devices: Dictionary(uniqueKeysWithValues: specs.map { ($0, $0) }), runs: settings.runs, warmup: settings.warmup,
                         intraOpThreads: 1, batch: settings.batch, shapes: try graphInputShapes(path: modelPath, batch: settings.batch),
                         boundaryDevices: providers.providers)
    let result = try runtime.invoke("profile", job: job, as: ProfileResult.self)
    let graph = try loadONNXGraph(path: optimizedPath, batch: settings.batch).graph
    let names = graph.nodes.map(\.name)
    let known = Set(names)
    var table: [String: [String: Double]] = [:], overhead: [String: Double] = [:], runSeconds: [String: Double] = [:]
    var plainSeconds: [String: Double] = [:], calibration: [String: Double] = [:]
    for spec in specs.sorted() {
        guard let measured = result.devices[spec] else { throw RuntimeFailure.failed(message: "no measurements for \(spec)") }
        if let stray = measured.nodes.keys.sorted().first(where: { !known.contains($0) }) {
            throw InputError.unknownReference(file: optimizedPath, path: "nodes (ONNX Runtime trace on \(spec))", name: stray, known: names)
        }
        let share = measured.betweenKernelsSeconds.map { max(0, $0) / Double(max(1, measured.nodes.count)) } ?? 0
        overhead[spec] = share
        runSeconds[spec] = measured.modelRunSeconds
        let total = measured.nodes.values.reduce(0, +) + share * Double(measured.nodes.count)
        let factor = measured.unprofiledRunSeconds.map { total > 0 && $0 > 0 ? $0 / total : 1 } ?? 1
        plainSeconds[spec] = measured.unprofiledRunSeconds
        calibration[spec] = factor
        for device in platform.devices.map(\.name) where providers.providers[device] == spec {
            for (node, s) in measured.nodes { table[node, default: [:]][device] = (s + share) * factor }
        }
    }
    var profile = ModelProfile(optimizedModel: optimizedPath, costs: MeasuredCosts(table, links: try measuredLinks(result.boundaries ?? [], providers)),
                               overheadPerNode: overhead, modelRunSeconds: runSeconds,
                               unprofiledRunSeconds: plainSeconds, calibration: calibration, ortVersion: result.ortVersion,
                               providers: providers.providers, settings: settings, unmeasured: names.filter { table[$0] == nil })
    profile.boundaries = (result.boundaries ?? []).map { ($0.between, $0.callSeconds, $0.handoffSeconds, $0.handoffLargeSeconds, $0.largeBytes) }
    return profile
}

/// One link per pair of devices whose providers are those of a measured pair: the runner
/// measures one representative pair per pair of providers (`local-cpu:N`'s workers are alike).
/// - Throws: `RuntimeFailure` for a measured pair that names no device of the mapping.
/// - Complexity: O(K² · boundaries).
func measuredLinks(_ boundaries: [ProfileResult.Boundary], _ providers: ProviderMapping) throws -> [MeasuredLink] {
    let specs = providers.providers
    var byPair: [[String]: ProfileResult.Boundary] = [:]
    for b in boundaries {
        guard b.between.count == 2, let x = specs[b.between[0]], let y = specs[b.between[1]],
              [b.callSeconds, b.handoffSeconds, b.handoffLargeSeconds].allSatisfy({ $0.isFinite && $0 >= 0 }), b.largeBytes > 64 else {
            throw RuntimeFailure.failed(message: "the runner measured a boundary between \(b.between) that is not a pair of devices of the platform, or not a time")
        }
        byPair[[x, y].sorted()] = b
    }
    let devices = specs.keys.sorted()
    var links: [MeasuredLink] = []
    for (i, a) in devices.enumerated() {
        for b in devices[(i + 1)...] {
            if let measured = byPair[[specs[a]!, specs[b]!].sorted()] { links.append(measured.link(between: a, b)) }
        }
    }
    return links
}
