/// Bookkeeping shared by list schedulers: memory used per device, the device a
/// colocation group is bound to, and per-device busy intervals for insertion.
///
/// Keeps every schedule it builds inside the model's rules: a node only goes to a device
/// where it is allowed, where its group (if any) already is, and where the weights of
/// its whole group still fit.
struct PlacementState {
    let problem: SchedulingProblem
    private(set) var memoryUsed: [Int64]
    private(set) var groupDevice: [String: Int] = [:]
    private let groupBytes: [String: Int64]
    /// Busy intervals per device, sorted by start.
    private(set) var busy: [[(start: Double, finish: Double)]]
    var schedule: Schedule

    init(_ problem: SchedulingProblem) {
        self.problem = problem
        memoryUsed = .init(repeating: 0, count: problem.deviceCount)
        groupBytes = problem.groups.mapValues { $0.reduce(0) { $0 + problem.nodes[$1].paramBytes } }
        busy = .init(repeating: [], count: problem.deviceCount)
        let n = problem.nodes.count
        schedule = Schedule(device: .init(repeating: -1, count: n), start: .init(repeating: 0, count: n),
                            finish: .init(repeating: 0, count: n))
    }

    /// Devices `v` may go to now, given allowed devices, its group and memory left.
    func candidates(_ v: Int) -> [Int] {
        if let g = problem.nodes[v].group, let k = groupDevice[g] { return [k] }
        let need = problem.nodes[v].group.map { groupBytes[$0]! } ?? problem.nodes[v].paramBytes
        let members = problem.nodes[v].group.map { problem.groups[$0]! } ?? [v]
        return problem.devices.indices.filter { k in
            members.allSatisfy { problem.isAllowed($0, on: k) } && memoryUsed[k] + need <= problem.devices[k].memoryBytes
        }
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
    func earliestStart(_ v: Int, on k: Int, ready: Double, insertion: Bool) -> Double {
        let length = problem.cost(v, on: k)
        if length == 0 { return ready }
        var t = max(ready, problem.deviceReady[k])
        guard insertion else { return max(t, busy[k].last?.finish ?? 0) }
        for slot in busy[k] {
            if t + length <= slot.start { return t }
            t = max(t, slot.finish)
        }
        return t
    }

    /// Commits `v` to device `k` from `start`.
    mutating func assign(_ v: Int, to k: Int, start: Double) {
        let finish = start + problem.cost(v, on: k)
        schedule.device[v] = k
        schedule.start[v] = start
        schedule.finish[v] = finish
        if let g = problem.nodes[v].group {
            if groupDevice[g] == nil {
                groupDevice[g] = k
                memoryUsed[k] += groupBytes[g]!
            }
        } else {
            memoryUsed[k] += problem.nodes[v].paramBytes
        }
        guard finish > start else { return }
        let at = busy[k].firstIndex { $0.start >= finish } ?? busy[k].count
        busy[k].insert((start, finish), at: at)
    }
}

/// Thrown by a heuristic that cannot place a node within memory and group rules.
/// Worded in `Errors/SolveError+Description.swift`.
public struct HeuristicDeadEnd: Error, Sendable {
    public var solver: String
    public var node: String
}
