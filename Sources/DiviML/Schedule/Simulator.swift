/// Turns a placement into start and finish times under the latency semantics of docs/design.md §2.
///
/// Each device runs one node at a time without preemption; `v` starts when its device is
/// free and every input has arrived (`finish[u] + transfer`). Times are recomputed here in
/// floating point for every solver's answer, so a reported makespan is never the
/// solver's own arithmetic.
public enum Simulator {
    /// Why a placement or an order cannot be simulated.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notAllowed(node: String, device: String)
        case orderMismatch(device: String)
        case orderDeadlock(nodes: [String])
        case sizeMismatch(expected: Int, found: Int)

        public var description: String {
            switch self {
            case let .notAllowed(node, device): "node '\(node)' is placed on '\(device)', where it has no cost"
            case let .orderMismatch(device): "the order for '\(device)' does not list exactly the nodes placed there"
            case let .orderDeadlock(nodes): "the device orders contradict the graph's edges around: \(nodes.joined(separator: ", "))"
            case let .sizeMismatch(expected, found): "placement lists \(found) nodes, the problem has \(expected)"
            }
        }
    }

    /// Schedules a placement with a fixed order per device.
    /// - Parameter order: for each device, its nodes in the order they run.
    /// - Complexity: O(|V| + |E|).
    public static func run(_ problem: SchedulingProblem, placement: [Int], order: [[Int]]) throws(Failure) -> Schedule {
        try check(problem, placement)
        let n = problem.nodes.count
        guard order.count == problem.deviceCount else { throw .sizeMismatch(expected: problem.deviceCount, found: order.count) }
        for k in order.indices where order[k].count != placement.lazy.filter({ $0 == k }).count
            || !order[k].allSatisfy({ placement[$0] == k }) {
            throw .orderMismatch(device: problem.devices[k].name)
        }
        // Kahn's algorithm over graph edges plus "next on the same device" edges.
        var waiting = problem.incoming.map(\.count)
        var nextOnDevice = [Int](repeating: -1, count: n)
        for list in order { for (a, b) in zip(list, list.dropFirst()) { nextOnDevice[a] = b; waiting[b] += 1 } }
        var ready = (0..<n).filter { waiting[$0] == 0 }
        var times = Timing(problem, placement)
        var done = 0
        while let v = ready.popLast() {
            times.place(v)
            done += 1
            for e in problem.outgoing[v] {
                let w = problem.edges[e].to
                waiting[w] -= 1
                if waiting[w] == 0 { ready.append(w) }
            }
            let w = nextOnDevice[v]
            if w >= 0 { waiting[w] -= 1; if waiting[w] == 0 { ready.append(w) } }
        }
        guard done == n else {
            throw .orderDeadlock(nodes: (0..<n).filter { waiting[$0] > 0 }.prefix(8).map { problem.nodes[$0].name })
        }
        return times.schedule
    }

    /// Schedules a placement by list scheduling: repeatedly the ready node of highest
    /// priority (ties: lower index) is appended to its device (no insertion into gaps).
    /// - Parameter priority: larger runs first; default is the upward rank at the placement.
    /// - Complexity: O(|V| log |V| + |E|).
    public static func run(_ problem: SchedulingProblem, placement: [Int], priority: [Double]? = nil) throws(Failure) -> Schedule {
        try check(problem, placement)
        let rank = priority ?? upwardRank(problem, placement: placement)
        var waiting = problem.incoming.map(\.count)
        var ready = PriorityQueue(rank)
        for v in problem.nodes.indices where waiting[v] == 0 { ready.insert(v) }
        var times = Timing(problem, placement)
        while let v = ready.popMax() {
            times.place(v)
            for e in problem.outgoing[v] {
                let w = problem.edges[e].to
                waiting[w] -= 1
                if waiting[w] == 0 { ready.insert(w) }
            }
        }
        return times.schedule
    }

    /// Longest path from each node to a sink, counting costs at the placement and the
    /// transfers it implies (the upward rank of HEFT, evaluated at a fixed placement).
    /// - Complexity: O(|V| + |E|).
    public static func upwardRank(_ problem: SchedulingProblem, placement: [Int]) -> [Double] {
        var rank = [Double](repeating: 0, count: problem.nodes.count)
        for v in problem.topologicalOrder.reversed() {
            var tail = 0.0
            for e in problem.outgoing[v] {
                let w = problem.edges[e].to
                tail = max(tail, problem.transferTime(edge: e, from: placement[v], to: placement[w]) + rank[w])
            }
            rank[v] = problem.cost(v, on: placement[v]) + tail
        }
        return rank
    }

    private static func check(_ problem: SchedulingProblem, _ placement: [Int]) throws(Failure) {
        guard placement.count == problem.nodes.count else {
            throw .sizeMismatch(expected: problem.nodes.count, found: placement.count)
        }
        for v in placement.indices where !(problem.devices.indices.contains(placement[v]) && problem.isAllowed(v, on: placement[v])) {
            let name = problem.devices.indices.contains(placement[v]) ? problem.devices[placement[v]].name : "#\(placement[v])"
            throw .notAllowed(node: problem.nodes[v].name, device: name)
        }
    }
}

/// Running start/finish bookkeeping shared by both simulation modes.
private struct Timing {
    let problem: SchedulingProblem
    var schedule: Schedule
    var deviceFree: [Double]

    init(_ problem: SchedulingProblem, _ placement: [Int]) {
        self.problem = problem
        let n = problem.nodes.count
        schedule = Schedule(device: placement, start: .init(repeating: 0, count: n), finish: .init(repeating: 0, count: n))
        deviceFree = problem.deviceReady
    }

    /// Appends `v` to its device once its inputs have arrived and its release time has
    /// passed. A zero-cost node occupies no time, so it does not hold the device.
    mutating func place(_ v: Int) {
        let k = schedule.device[v]
        let c = problem.cost(v, on: k)
        var ready = max(c > 0 ? deviceFree[k] : 0, problem.release[v])
        for e in problem.incoming[v] {
            let u = problem.edges[e].from
            ready = max(ready, schedule.finish[u] + problem.transferTime(edge: e, from: schedule.device[u], to: k))
        }
        schedule.start[v] = ready
        schedule.finish[v] = ready + c
        if c > 0 { deviceFree[k] = schedule.finish[v] }
    }
}

/// A binary max-heap of node indices keyed by a fixed priority (ties: lower index first).
struct PriorityQueue {
    private let key: [Double]
    private var items: [Int] = []

    init(_ key: [Double]) { self.key = key }

    private func above(_ a: Int, _ b: Int) -> Bool { key[a] > key[b] || (key[a] == key[b] && a < b) }

    mutating func insert(_ v: Int) {
        items.append(v)
        var i = items.count - 1
        while i > 0, above(items[i], items[(i - 1) / 2]) {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func popMax() -> Int? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, above(items[l], items[m]) { m = l }
            if r < items.count, above(items[r], items[m]) { m = r }
            if m == i { return top }
            items.swapAt(i, m)
            i = m
        }
    }
}
