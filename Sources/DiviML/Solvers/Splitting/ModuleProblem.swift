/// One module as a plain `SchedulingProblem`, for an exact module solve (the design's
/// context rules): module nodes first, in the module's order, then one zero-cost
/// pseudo-node per already-scheduled producer u of a module input, pinned to u's device
/// with `release = finish(u)` and an edge of the tensor's bytes to each consumer;
/// `deviceReady` = when earlier modules last free each device (an exact model sees no idle
/// intervals before it); memory shrunk by the weights resident and reserved; nodes in
/// `fixed` (the DP's boundary choice, colocation groups) pinned to their device.
struct ModuleProblem: Sendable {
    let problem: SchedulingProblem
    /// Global index of each module node (the first `members.count` sub-problem nodes).
    let members: [Int]

    /// The sub-problem, or nil when the context leaves a node without a device or its
    /// weights without room (a dead end for this partial schedule).
    static func make(_ global: SchedulingProblem, module: [Int], state: PlacementState, fixed: [Int: Int]) -> ModuleProblem? {
        let placed = state.schedule
        var local = [Int: Int]()
        for (i, v) in module.enumerated() { local[v] = i }
        var nodes = module.map { v in
            var node = global.nodes[v]
            if let k = fixed[v] { node.cost = node.cost.indices.map { $0 == k ? node.cost[k] : nil } }
            return node
        }
        var release = module.map { global.release[$0] }
        var edges: [SchedulingProblem.Edge] = []
        var pseudo = [Int: Int]()
        for (i, v) in module.enumerated() {
            for e in global.incoming[v] {
                let u = global.edges[e].from
                if let j = local[u] { edges.append(.init(from: j, to: i, bytes: global.edges[e].bytes)); continue }
                precondition(placed.device[u] >= 0, "module input from an unscheduled node")
                if pseudo[u] == nil {
                    pseudo[u] = nodes.count
                    let k = placed.device[u]
                    nodes.append(.init(name: "context#\(u):\(global.nodes[u].name)", op: "Context",
                                       cost: global.devices.indices.map { $0 == k ? 0 : nil }))
                    release.append(placed.finish[u])
                }
                edges.append(.init(from: pseudo[u]!, to: i, bytes: global.edges[e].bytes))
            }
        }
        let devices = global.devices.enumerated().map { k, d in
            SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: d.memoryBytes - state.memoryUsed[k] - state.reserved[k])
        }
        let free = global.devices.indices.map { max(global.deviceReady[$0], state.busy[$0].last?.finish ?? 0) }
        guard let sub = try? global.replacing(devices: devices, nodes: nodes, edges: edges, io: .free, release: release,
                                              deviceReady: free)
        else { return nil }
        return ModuleProblem(problem: sub, members: module)
    }

    /// Writes the module's nodes into `state` at their times in `schedule` (a schedule of
    /// `problem`: after every device's last busy interval, within the memory given).
    func apply(_ schedule: Schedule, to state: inout PlacementState) {
        for i in members.indices.sorted(by: { (schedule.start[$0], $0) < (schedule.start[$1], $1) }) {
            state.assign(members[i], to: schedule.device[i], start: schedule.start[i])
        }
    }
}
