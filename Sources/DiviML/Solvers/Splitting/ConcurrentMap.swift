import Foundation

/// `items.map(transform)` with up to `workers` items in flight at once; results keep the
/// input order. Used for module solves that do not depend on each other.
/// - Complexity: the transforms' cost divided over the workers.
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ transform: @Sendable (T) -> R) -> [R] {
    guard workers > 1, items.count > 1 else { return items.map(transform) }
    let results = ResultSlots<R>(count: items.count)
    let next = ResultSlots<Int>(count: 1)
    DispatchQueue.concurrentPerform(iterations: min(workers, items.count)) { _ in
        while let i = next.claim(below: items.count) { results.set(i, transform(items[i])) }
    }
    return results.values()
}

/// Lock-protected slots written from several threads. `@unchecked Sendable` is sound
/// because every access to `slots` holds `lock`.
private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private var counter = 0
    private let lock = NSLock()

    init(count: Int) { slots = .init(repeating: nil, count: count) }

    func set(_ i: Int, _ value: R) { lock.withLock { slots[i] = value } }

    /// The next unclaimed index below `limit`, or nil when all are taken.
    func claim(below limit: Int) -> Int? {
        lock.withLock {
            guard counter < limit else { return nil }
            defer { counter += 1 }
            return counter
        }
    }

    func values() -> [R] { lock.withLock { slots.map { $0! } } }
}
