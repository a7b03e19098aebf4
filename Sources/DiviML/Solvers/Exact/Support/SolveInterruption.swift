import Foundation

/// Stops running exact solves early, keeping their best schedule so far.
///
/// Each solve registers a stop action (`SolveCpStopSearch` for CP-SAT, the interrupt flag
/// of the HiGHS callback); `interruptAll()` runs them. `installSignalHandler()` wires this to
/// Ctrl-C: the first SIGINT stops the running solves and every later one at its start
/// (their best schedules are still reported), a second SIGINT exits with status 130.
public enum SolveInterruption {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var actions: [Int: @Sendable () -> Void] = [:]
        var next = 0
        var interrupted = false
        var source: DispatchSourceSignal?
    }

    private static let registry = Registry()

    /// Whether Ctrl-C was pressed (after `installSignalHandler()`).
    public static var wasInterrupted: Bool {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        return registry.interrupted
    }

    /// Forgets an earlier Ctrl-C, so that solves of the next plan run normally (the second
    /// Ctrl-C still exits). `Planner.plan` calls it as each plan starts.
    public static func reset() {
        registry.lock.lock()
        registry.interrupted = false
        registry.lock.unlock()
    }

    /// Stops every solve running now; later solves run normally.
    public static func interruptAll() {
        registry.lock.lock()
        let actions = Array(registry.actions.values)
        registry.lock.unlock()
        for action in actions { action() }
    }

    /// Routes SIGINT (Ctrl-C) to `interruptAll()`; a second SIGINT exits with status 130.
    public static func installSignalHandler() {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        guard registry.source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if wasInterrupted { exit(130) }
            try? FileHandle.standardError.write(contentsOf: Data("\ninterrupted: stopping the solver, keeping its best schedule (Ctrl-C again to quit)\n".utf8))
            registry.lock.lock()
            registry.interrupted = true
            registry.lock.unlock()
            interruptAll()
        }
        source.resume()
        registry.source = source
    }

    /// Registers `stop` for the duration of `body`. A solve that starts after Ctrl-C is
    /// stopped at once.
    static func whileRunning<T>(stop: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        registry.lock.lock()
        registry.next += 1
        let token = registry.next
        registry.actions[token] = stop
        let already = registry.interrupted
        registry.lock.unlock()
        if already { stop() }
        defer {
            registry.lock.lock()
            registry.actions[token] = nil
            registry.lock.unlock()
        }
        return try body()
    }
}
