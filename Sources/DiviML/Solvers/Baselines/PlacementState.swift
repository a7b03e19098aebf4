/// Bookkeeping shared by list schedulers: memory used per device, the device a
/// colocation group is bound to, and per-device busy intervals for insertion.
///
/// Keeps every schedule it builds inside the model's rules: a node only goes to a device
/// where it is allowed, where its group (if any) already is, and where the weights of
/// its whole group still fit next to the bytes held back for nodes not placed yet
/// (`reserved`, the look-ahead of the splitting heuristic). Nodes can be taken back out
/// (`unassign`), so a local search can re-schedule part of a schedule in place.
struct PlacementState: Sendable {
    let problem: SchedulingProblem
    private(set) var memoryUsed: [Int64]
    /// Bytes held back on each device for nodes that will be placed later.
    var reserved: [Int64]
    private(set) var groupDevice: [String: Int] = [:]
    private var groupPlaced: [String: Int] = [:]
    private let groupBytes: [String: Int64]
    /// Busy intervals per device, with their idle gaps indexed for the insertion policy.
    private(set) var busy: [BusyIntervals]
    var schedule: Schedule

    init(_ problem: SchedulingProblem) {
        self.problem = problem
        memoryUsed = .init(repeating: 0, count: problem.deviceCount)
        reserved = memoryUsed
        groupBytes = problem.groups.mapValues { $0.reduce(0) { $0 + problem.nodes[$1].paramBytes } }
        busy = .init(repeating: BusyIntervals(), count: problem.deviceCount)
        let n = problem.nodes.count
        schedule = Schedule(device: .init(repeating: -1, count: n), start: .init(repeating: 0, count: n),
                            finish: .init(repeating: 0, count: n))
    }

    /// The weights `v` adds to a device when placed: its group's when the group has not started, else its own.
    func bytesAdded(by v: Int) -> Int64 {
        guard let g = problem.nodes[v].group else { return problem.nodes[v].paramBytes }
        return groupDevice[g] == nil ? groupBytes[g]! : 0
    }

    /// Holds back, on its device in `placement`, the weights of every node placed there
    /// (a colocation group's once, on its first member's device). Call before placing any node.
    mutating func reserve(_ placement: [Int?]) {
        var groups = Set<String>()
        for (v, k) in placement.enumerated() {
            guard let k, problem.nodes[v].group.map({ groups.insert($0).inserted }) ?? true else { continue }
            reserved[k] += bytesAdded(by: v)
        }
    }

    /// Gives back the weights held on `k` for `v`, about to be placed (nothing for a
    /// member of a group that has started: its group's weights were given back then).
    mutating func releaseReservation(of v: Int, on k: Int) {
        reserved[k] -= bytesAdded(by: v)
    }

    /// Whether `v` may go to `k` now: allowed there (with its whole group), on its group's
    /// device if the group has started, and its weights fit beside what is used and reserved.
    func fits(_ v: Int, on k: Int) -> Bool {
        if let g = problem.nodes[v].group, let d = groupDevice[g] { return d == k }
        let members = problem.nodes[v].group.map { problem.groups[$0]! } ?? [v]
        return members.allSatisfy { problem.isAllowed($0, on: k) }
            && memoryUsed[k] + reserved[k] + bytesAdded(by: v) <= problem.devices[k].memoryBytes
    }

    /// Devices `v` may go to now (`fits`).
    func candidates(_ v: Int) -> [Int] {
        if let g = problem.nodes[v].group, let k = groupDevice[g] { return [k] }
        return problem.devices.indices.filter { fits(v, on: $0) }
    }

    /// When all of `v`'s inputs have arrived on device `k`.
    func dataReady(_ v: Int, on k: Int) -> Double {
        problem.incoming[v].reduce(problem.release[v]) { ready, e in
            let u = problem.edges[e].from
            return max(ready, schedule.finish[u] + problem.transferTime(edge: e, from: schedule.device[u], to: k))
        }
    }

    /// Earliest start of `v` on `k` at or after `ready`: the first idle gap long enough
    /// (insertion policy of HEFT) or, with `insertion == false`, after the last busy interval.
    /// - Complexity: O(log b + b / 64 + 64) for b busy intervals on `k` (`BusyIntervals`).
    func earliestStart(_ v: Int, on k: Int, ready: Double, insertion: Bool) -> Double {
        let length = problem.cost(v, on: k)
        if length == 0 { return ready }
        let t = max(ready, problem.deviceReady[k])
        guard insertion else { return max(t, busy[k].last?.finish ?? 0) }
        return busy[k].earliestStart(from: t, length: length)
    }

    /// Commits `v` to device `k` from `start`.
    mutating func assign(_ v: Int, to k: Int, start: Double) {
        let finish = start + problem.cost(v, on: k)
        memoryUsed[k] += bytesAdded(by: v)
        schedule.device[v] = k
        schedule.start[v] = start
        schedule.finish[v] = finish
        if let g = problem.nodes[v].group {
            groupDevice[g] = k
            groupPlaced[g, default: 0] += 1
        }
        guard finish > start else { return }
        busy[k].insert(start: start, finish: finish)
    }

    /// Takes `v` back out: its interval, its weights (its group's, when it was the group's
    /// last placed member) and its device.
    mutating func unassign(_ v: Int) {
        let k = schedule.device[v]
        precondition(k >= 0, "unassign of an unplaced node")
        let (start, finish) = (schedule.start[v], schedule.finish[v])
        if let g = problem.nodes[v].group {
            groupPlaced[g]! -= 1
            if groupPlaced[g] == 0 {
                groupPlaced[g] = nil
                groupDevice[g] = nil
                memoryUsed[k] -= groupBytes[g]!
            }
        } else {
            memoryUsed[k] -= problem.nodes[v].paramBytes
        }
        schedule.device[v] = -1
        guard finish > start else { return }
        let removed = busy[k].remove(start: start)
        precondition(removed, "busy interval of an unassigned node not found")
    }

    /// The device with the earliest finish for `v` (ties: lower device index), with its
    /// start; only devices for which `among` holds are considered.
    func bestFinish(_ v: Int, insertion: Bool, among: (Int) -> Bool = { _ in true }) -> (device: Int, start: Double)? {
        var best: (device: Int, start: Double, finish: Double)?
        for k in candidates(v) where among(k) {
            let start = earliestStart(v, on: k, ready: dataReady(v, on: k), insertion: insertion)
            let finish = start + problem.cost(v, on: k)
            if best == nil || finish < best!.finish { best = (k, start, finish) }
        }
        return best.map { ($0.device, $0.start) }
    }
}

/// Thrown by a heuristic that cannot place a node within memory and group rules.
/// Worded in `Errors/SolveError+Description.swift`.
public struct HeuristicDeadEnd: Error, Sendable {
    public var solver: String
    public var node: String
}
