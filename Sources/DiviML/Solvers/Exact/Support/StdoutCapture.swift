#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Keeps the tool's stdout clean while a solver library runs.
///
/// CP-SAT logs to stdout when asked to, and HiGHS 1.12 prints a line during MIP solves even
/// with `output_flag=false` (an upstream bug), which would corrupt `--out -` or piped JSON.
/// While at least one solve is active, file descriptor 1 points at a pipe; a reader thread
/// hands each line to the listeners (CP-SAT's log parser when progress is on). When no
/// listener is registered, each captured line is copied to stderr instead, so nothing is
/// lost (a stray solver line, or whatever another thread printed meanwhile, such as a test
/// runner's report) and stdout stays clean. While a listener is registered, the solver
/// log it reads is long, and the lines are dropped. The redirect is reference-counted so
/// concurrent solves (the splitting heuristic) share it.
final class StdoutCapture: @unchecked Sendable {
    static let shared = StdoutCapture()

    /// Guards `users`, `savedStdout`, `reader` and the redirect itself.
    private let lock = NSLock()
    /// Guards `listeners` and `nextToken`; the reader thread takes only this one, so a
    /// restore that flushes into the pipe under `lock` cannot wait on the reader.
    private let listenerLock = NSLock()
    private var users = 0
    private var savedStdout: Int32 = -1
    private var reader: Thread?
    private var listeners: [Int: @Sendable (String) -> Void] = [:]
    private var nextToken = 0

    /// Runs `body` with stdout captured; `listener` (if any) receives every captured line.
    func capturing<T>(listener: (@Sendable (String) -> Void)? = nil, _ body: () throws -> T) rethrows -> T {
        let token = begin(listener)
        defer { end(token) }
        return try body()
    }

    private func begin(_ listener: (@Sendable (String) -> Void)?) -> Int {
        listenerLock.lock()
        nextToken += 1
        let token = nextToken
        if let listener { listeners[token] = listener }
        listenerLock.unlock()
        lock.lock()
        defer { lock.unlock() }
        users += 1
        if users == 1 { redirect() }
        return token
    }

    /// Restores stdout under the same lock that counts the users, so a `begin` cannot
    /// redirect in between and have its saved descriptor overwritten.
    private func end(_ token: Int) {
        listenerLock.lock()
        listeners[token] = nil
        listenerLock.unlock()
        lock.lock()
        defer { lock.unlock() }
        users -= 1
        if users == 0 { restore() }
    }

    /// Points fd 1 at a fresh pipe and starts the thread that drains it.
    private func redirect() {
        fflush(nil)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        savedStdout = dup(STDOUT_FILENO)
        dup2(fds[1], STDOUT_FILENO)
        close(fds[1])
        let readEnd = fds[0]
        let thread = Thread { [self] in drain(readEnd) }
        thread.name = "diviml-stdout-capture"
        reader = thread
        thread.start()
    }

    /// Points fd 1 back at the saved stdout; called with `lock` held.
    private func restore() {
        guard users == 0, savedStdout >= 0 else { return }
        fflush(nil)
        dup2(savedStdout, STDOUT_FILENO)  // closes the pipe's last write end: the reader sees EOF
        close(savedStdout)
        savedStdout = -1
        reader = nil
    }

    private func drain(_ fd: Int32) {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            pending.append(contentsOf: buffer[0..<n])
            while let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                deliver(line)
            }
        }
        if !pending.isEmpty { deliver(String(decoding: pending, as: UTF8.self)) }
        close(fd)
    }

    /// The debug line HiGHS 1.12 prints during MIP solves whatever its options say
    /// (`HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();`): known
    /// noise, dropped rather than copied to stderr.
    static func isKnownSolverNoise(_ line: String) -> Bool {
        line.hasPrefix("HighsMipSolverData::")
    }

    private func deliver(_ line: String) {
        if Self.isKnownSolverNoise(line) { return }
        listenerLock.lock()
        let current = Array(listeners.values)
        listenerLock.unlock()
        if current.isEmpty {
            try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
        } else {
            for listener in current { listener(line) }
        }
    }
}
