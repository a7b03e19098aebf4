import Foundation

/// Prints incumbent, bound and elapsed time on stderr once a second during a solve.
///
/// The engines feed it what they learn (CP-SAT's log lines, HiGHS's callback); values are in
/// seconds of schedule time. A timer prints the latest state every second even when the
/// engine reports nothing new; `finish()` stops it. Silent unless `SolveOptions.progress`
/// is set (the CLI sets it for `--progress` or when stderr is a terminal).
final class SolveProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let enabled: Bool
    /// Whether anything will be printed (lets engines skip gathering figures).
    var isEnabled: Bool { enabled }
    private let started = Date()
    private var lastPrint = Date.distantPast
    private var incumbent: Double?
    private var bound: Double?
    private var detail: String?

    private var timer: DispatchSourceTimer?

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
        guard enabled else { return }
        let t = DispatchSource.makeTimerSource(queue: .global())
        t.schedule(deadline: .now() + 1, repeating: 1)
        t.setEventHandler { [weak self] in self?.tick() }
        t.resume()
        timer = t
    }

    /// Stops the once-a-second line.
    func finish() {
        lock.lock()
        let t = timer
        timer = nil
        lock.unlock()
        t?.cancel()
    }

    deinit { timer?.cancel() }

    /// Records a new incumbent and/or bound; prints when a second has passed since the last line.
    /// `detail` (where a heuristic is: "module 3/40, 2 s left") replaces the last one.
    func update(incumbent: Double? = nil, bound: Double? = nil, detail: String? = nil) {
        guard enabled else { return }
        lock.lock()
        if let detail { self.detail = detail }
        if let incumbent { self.incumbent = incumbent }
        if let bound { self.bound = max(self.bound ?? -.infinity, bound) }
        lock.unlock()
        tick()
    }

    private func tick() {
        lock.lock()
        let now = Date()
        let due = timer != nil && now.timeIntervalSince(lastPrint) >= 0.95
        if due { lastPrint = now }
        let line = due ? render(now) : nil
        lock.unlock()
        if let line { try? FileHandle.standardError.write(contentsOf: Data(line.utf8)) }
    }

    private func render(_ now: Date) -> String {
        let elapsed = now.timeIntervalSince(started)
        var parts = ["\(label): \(String(format: "%.1f", elapsed)) s"]
        parts.append("incumbent " + (incumbent.map { formatSeconds($0) } ?? "none"))
        parts.append("bound " + (bound.map { formatSeconds($0) } ?? "none"))
        if let u = incumbent, let l = bound, l > 0 { parts.append(String(format: "gap %.2f%%", max(0, (u - l) / l * 100))) }
        if let detail { parts.append(detail) }
        return parts.joined(separator: "  ") + "\n"
    }

    private func formatSeconds(_ s: Double) -> String {
        s >= 1 ? String(format: "%.4g s", s) : String(format: "%.4g ms", s * 1000)
    }
}
