import Foundation

/// A child process run to its end: `diviml run`'s Python runner, the runtime probe,
/// `nvidia-smi` for `local-cpu:N`'s GPUs.
enum ChildCommand {
    /// Runs `program` (a path, or a bare name looked up on the PATH) and collects its output.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        // stderr goes to a file, so that a child filling it cannot block while stdout is read.
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-stderr-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: errPath, contents: nil), let errFile = FileHandle(forWritingAtPath: errPath) else {
            throw RuntimeFailure.failed(message: "cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errFile
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errFile.close()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
