import Foundation

/// Prints incumbent, bound and elapsed time on stderr about once a second during a solve.
///
/// The engines feed it what they learn (CP-SAT's log lines, HiGHS's callback); values are in
/// seconds of schedule time. Silent unless `SolveOptions.progress` is set or stderr is a
/// terminal (the CLI decides and sets `progress`).
final class SolveProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let enabled: Bool
    private let started = Date()
    private var lastPrint = Date.distantPast
    private var incumbent: Double?
    private var bound: Double?

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    /// Records a new incumbent and/or bound; prints when a second has passed since the last line.
    func update(incumbent: Double? = nil, bound: Double? = nil) {
        guard enabled else { return }
        lock.lock()
        if let incumbent { self.incumbent = incumbent }
        if let bound { self.bound = max(self.bound ?? -.infinity, bound) }
        let now = Date()
        let due = now.timeIntervalSince(lastPrint) >= 1
        if due { lastPrint = now }
        let line = due ? render(now) : nil
        lock.unlock()
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    private func render(_ now: Date) -> String {
        let elapsed = now.timeIntervalSince(started)
        var parts = ["\(label): \(String(format: "%.1f", elapsed)) s"]
        parts.append("incumbent " + (incumbent.map { formatSeconds($0) } ?? "none"))
        parts.append("bound " + (bound.map { formatSeconds($0) } ?? "none"))
        if let u = incumbent, let l = bound, l > 0 { parts.append(String(format: "gap %.2f%%", max(0, (u - l) / l * 100))) }
        return parts.joined(separator: "  ") + "\n"
    }

    private func formatSeconds(_ s: Double) -> String {
        s >= 1 ? String(format: "%.4g s", s) : String(format: "%.4g ms", s * 1000)
    }
}
