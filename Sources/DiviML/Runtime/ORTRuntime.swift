import Foundation

/// Where `diviml run` and `diviml profile` find ONNX Runtime: a Python interpreter with the
/// `onnxruntime` and `numpy` packages, and the runner script `scripts/ort-runner.py`.
///
/// Discovery, first hit wins:
/// - the interpreter: `DIVIML_PYTHON` when set (then nothing else is tried), else the
///   project-local `.venv/bin/python` (from `bash scripts/setup-python.sh`) in the working
///   directory, the executable's folder or their ancestors, else `python3` on the PATH;
/// - the script: `DIVIML_ORT_RUNNER` when set, else `scripts/ort-runner.py` in those folders.
///
/// The tool builds and plans without any of it; only these two commands need it.
public struct ORTRuntime: Sendable, Hashable {
    /// The interpreter's path (or `python3`, run through `/usr/bin/env`).
    public var python: String
    public var runner: String
    /// `onnxruntime.__version__`.
    public var version: String
    /// `onnxruntime.get_available_providers()`.
    public var providers: [String]

    /// The command that installs the runtime project-locally, for error messages.
    public static let installHint = "bash scripts/setup-python.sh (installs onnx, onnxruntime and numpy into the project's .venv), or set DIVIML_PYTHON to a python3 that has onnxruntime"

    /// Finds the runtime, or says what was searched and how to install it.
    /// - Throws: `RuntimeFailure.notFound`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ORTRuntime {
        var searched: [String] = []
        let runner = try locateRunner(environment: environment, searched: &searched)
        for python in pythonCandidates(environment: environment) {
            searched.append(python)
            let probe = "import onnxruntime, numpy, onnx; print(onnxruntime.__version__); print(','.join(onnxruntime.get_available_providers()))"
            guard let result = try? ChildCommand.run(python, ["-c", probe]), result.status == 0 else { continue }
            let lines = result.stdout.split(separator: "\n").map(String.init)
            guard lines.count >= 2 else { continue }
            return ORTRuntime(python: python, runner: runner, version: lines[0], providers: lines[1].split(separator: ",").map(String.init))
        }
        throw RuntimeFailure.notFound(what: "python3 with onnxruntime, onnx and numpy", searched: searched, fix: installHint)
    }

    static func pythonCandidates(environment: [String: String]) -> [String] {
        if let explicit = environment["DIVIML_PYTHON"], !explicit.isEmpty { return [explicit] }
        return projectFolders().map { $0 + "/.venv/bin/python" }.filter { FileManager.default.fileExists(atPath: $0) } + ["python3"]
    }

    static func locateRunner(environment: [String: String], searched: inout [String]) throws -> String {
        if let explicit = environment["DIVIML_ORT_RUNNER"], !explicit.isEmpty {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw RuntimeFailure.notFound(what: "the runner script", searched: ["DIVIML_ORT_RUNNER=\(explicit)"],
                                              fix: "point DIVIML_ORT_RUNNER at scripts/ort-runner.py of a DiviML checkout")
            }
            return explicit
        }
        let candidates = projectFolders().map { $0 + "/scripts/ort-runner.py" }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        throw RuntimeFailure.notFound(what: "the runner script scripts/ort-runner.py", searched: candidates,
                                      fix: "run diviml from a DiviML checkout, or set DIVIML_ORT_RUNNER to scripts/ort-runner.py")
    }

    /// Folders holding a `Package.swift`, above the working directory and above the executable.
    static func projectFolders() -> [String] {
        foldersAboveWorkingDirectoryAndExecutable()
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Package.swift").path) }
            .map(\.path)
    }

    /// Runs the runner script: `mode` is `run` or `profile`; the job is written as JSON and
    /// the result read back.
    /// - Throws: `RuntimeFailure.rejected` for what the user can fix (an execution provider
    ///   the build lacks, an inputs file without a graph input), `.failed` for everything else.
    func invoke<Job: Encodable, Result: Decodable>(_ mode: String, job: Job, as: Result.Type) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-ort-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let jobPath = folder.appendingPathComponent("job.json").path, resultPath = folder.appendingPathComponent("result.json").path
        try JSONEncoder().encode(job).write(to: URL(fileURLWithPath: jobPath))
        let outcome = try ChildCommand.run(python, [runner, mode, jobPath, resultPath])
        guard let data = FileManager.default.contents(atPath: resultPath) else {
            throw RuntimeFailure.failed(message: "the runner wrote no result (exit \(outcome.status)): " + outcome.stderr.suffix(2000))
        }
        if let failure = try? JSONDecoder().decode(RunnerFailure.self, from: data) {
            if ["provider", "inputs", "engine"].contains(failure.error.kind) {
                throw RuntimeFailure.rejected(message: failure.error.message)
            }
            throw RuntimeFailure.failed(message: failure.error.message)
        }
        do {
            return try JSONDecoder().decode(Result.self, from: data)
        } catch {
            throw RuntimeFailure.failed(message: "the runner's result could not be read: \(error)")
        }
    }

    struct RunnerFailure: Decodable {
        struct Body: Decodable { var kind: String; var message: String }
        var error: Body
    }
}

/// Why ONNX Runtime could not be used or did not finish.
public enum RuntimeFailure: Error, Sendable, Hashable {
    /// The interpreter or the runner script was not found.
    case notFound(what: String, searched: [String], fix: String)
    /// The runtime refused an input the user gave (a provider, an inputs file).
    case rejected(message: String)
    /// The runtime failed (a session that did not load, a run that threw).
    case failed(message: String)
}

extension RuntimeFailure: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .notFound(what, searched, fix):
            return "ONNX Runtime is not available: no \(what) found (searched: \(searched.joined(separator: ", "))); to install it: \(fix)"
        case let .rejected(message):
            return message
        case let .failed(message):
            return "ONNX Runtime failed: \(message)"
        }
    }
}
