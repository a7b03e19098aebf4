import Foundation

/// A child process run to its end: `diviml run`'s Python runner, the runtime probe,
/// `nvidia-smi` for `local-cpu:N`'s GPUs.
enum ChildCommand {
    /// Runs `program` (a path, or a bare name looked up on the PATH) and collects its output.
    /// With `timeout`, a child still running after that many seconds is terminated (its
    /// status is then that of the signal): a hung driver tool must not hang the planner.
    static func run(_ program: String, _ arguments: [String], timeout: Double? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
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
        let finished = DispatchSemaphore(value: 0)
        if let timeout {
            // A thread of its own, so that the timer needs no free thread of a Dispatch queue.
            // SIGKILL, not terminate()'s SIGTERM: a child inherits a blocked or ignored SIGTERM
            // from its parent (seen under the test runner: `sleep` ran on) and then runs on.
            Thread.detachNewThread {
                if finished.wait(timeout: .now() + timeout) == .timedOut, process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
        defer { finished.signal() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errFile.close()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
