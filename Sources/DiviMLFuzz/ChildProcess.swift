import Foundation

/// How a child process ended.
public enum ChildOutcome: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)
    /// Still running after the time limit; it was killed.
    case timedOut
}

/// Runs `executable` with `arguments`, stdout discarded and stderr kept, killing it after
/// `timeout` seconds.
/// - Returns: how it ended and the first 4 KiB of what it wrote to stderr.
func runChild(_ executable: String, _ arguments: [String], timeout: Double, stderrPath: String) throws -> (ChildOutcome, String) {
    guard FileManager.default.createFile(atPath: stderrPath, contents: nil), let stderr = FileHandle(forWritingAtPath: stderrPath) else {
        throw FuzzError.corpus(path: stderrPath, problem: "cannot be written")
    }
    defer { try? stderr.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = stderr
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    var outcome: ChildOutcome?
    if done.wait(timeout: .now() + timeout) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        done.wait()
        outcome = .timedOut
    }
    let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)).map { String($0.prefix(4096)) } ?? ""
    if let outcome { return (outcome, text) }
    switch process.terminationReason {
    case .uncaughtSignal: return (.signalled(process.terminationStatus), text)
    default: return (.exited(process.terminationStatus), text)
    }
}
