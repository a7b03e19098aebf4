/// What earlier modules leave behind for the next one: the partial schedule, when each
/// device becomes free, the weights already resident, and the device of each colocation
/// group that has started.
struct PartialSchedule: Sendable {
    var device: [Int]
    var start: [Double]
    var finish: [Double]
    /// When each device has finished its last positive-cost node (or its ready time).
    var deviceFree: [Double]
    var memoryUsed: [Int64]
    var groupDevice: [String: Int] = [:]

    init(_ problem: SchedulingProblem) {
        let n = problem.nodes.count
        device = .init(repeating: -1, count: n)
        start = .init(repeating: 0, count: n)
        finish = .init(repeating: 0, count: n)
        deviceFree = problem.deviceReady
        memoryUsed = .init(repeating: 0, count: problem.deviceCount)
    }

    /// The latest finish so far.
    var makespan: Double { zip(device, finish).lazy.filter { $0.0 >= 0 }.map(\.1).max() ?? 0 }
}

/// One module as a plain `SchedulingProblem` (the design's context rules): module nodes
/// first, in the module's order, then one zero-cost pseudo-node per already-scheduled
/// producer u of a module input, pinned to u's device with `release = finish(u)` and an
/// edge of the tensor's bytes to each consumer; `deviceReady` = when earlier modules free
/// each device; memory shrunk by the weights already resident; a group that started
/// earlier pinned to its device; optionally one node pinned to one device (the DP's
/// boundary choice).
struct ModuleProblem: Sendable {
    let problem: SchedulingProblem
    /// Global index of each module node (the first `members.count` sub-problem nodes).
    let members: [Int]

    /// The sub-problem, or nil when the context leaves a node without a device or its
    /// weights without room (a dead end for this partial schedule).
    static func make(_ global: SchedulingProblem, module: [Int], state: PartialSchedule, pin: (node: Int, device: Int)?) -> ModuleProblem? {
        var local = [Int: Int]()
        for (i, v) in module.enumerated() { local[v] = i }
        var nodes = module.map { v in
            var node = global.nodes[v]
            let fixed = pin.flatMap { $0.node == v ? $0.device : nil } ?? node.group.flatMap { state.groupDevice[$0] }
            if let k = fixed { node.cost = node.cost.indices.map { $0 == k ? node.cost[k] : nil } }
            return node
        }
        var release = module.map { global.release[$0] }
        var edges: [SchedulingProblem.Edge] = []
        var pseudo = [Int: Int]()
        for (i, v) in module.enumerated() {
            for e in global.incoming[v] {
                let u = global.edges[e].from
                if let j = local[u] { edges.append(.init(from: j, to: i, bytes: global.edges[e].bytes)); continue }
                precondition(state.device[u] >= 0, "module input from an unscheduled node")
                if pseudo[u] == nil {
                    pseudo[u] = nodes.count
                    let k = state.device[u]
                    nodes.append(.init(name: "context#\(u):\(global.nodes[u].name)", op: "Context",
                                       cost: global.devices.indices.map { $0 == k ? 0 : nil }))
                    release.append(state.finish[u])
                }
                edges.append(.init(from: pseudo[u]!, to: i, bytes: global.edges[e].bytes))
            }
        }
        let devices = global.devices.enumerated().map { k, d in
            SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: d.memoryBytes - state.memoryUsed[k])
        }
        guard let sub = try? global.replacing(devices: devices, nodes: nodes, edges: edges, io: .free, release: release,
                                              deviceReady: state.deviceFree)
        else { return nil }
        return ModuleProblem(problem: sub, members: module)
    }

    /// `state` with this module's schedule written in.
    func apply(_ schedule: Schedule, to state: PartialSchedule, global: SchedulingProblem) -> PartialSchedule {
        var next = state
        for (i, v) in members.enumerated() {
            let k = schedule.device[i]
            next.device[v] = k
            next.start[v] = schedule.start[i]
            next.finish[v] = schedule.finish[i]
            next.memoryUsed[k] += global.nodes[v].paramBytes
            if let g = global.nodes[v].group { next.groupDevice[g] = k }
            if schedule.finish[i] > schedule.start[i] { next.deviceFree[k] = max(next.deviceFree[k], schedule.finish[i]) }
        }
        return next
    }

    /// The latest finish among the module's own nodes.
    func moduleMakespan(_ schedule: Schedule) -> Double {
        members.indices.map { schedule.finish[$0] }.max() ?? 0
    }
}
