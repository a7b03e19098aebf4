/// The splitting heuristic's module solve without an exact engine: a local search over the
/// devices of one module's nodes, on top of the partial schedule earlier modules left.
///
/// The module's nodes are list-scheduled in priority order onto the devices with HEFT's
/// insertion policy, so they fill the idle intervals earlier modules left (the context is
/// each device's busy intervals, not only when it last finishes). The search starts from
/// the better of two placements, the reference placement (the best complete schedule so
/// far) restricted to the module and earliest finish in context, and moves one node at a
/// time to the device that most lowers the module's objective, `max over its nodes of
/// finish + tail` (tail: the longest path after the node, the look-ahead to the rest of
/// the graph), ties broken by the sum of finishes; each move is evaluated by
/// re-scheduling the module from that node on. It stops at a local optimum or after
/// `passes` passes. Deterministic: no randomness, no clock.
///
/// Memory: the state holds back (`PlacementState.reserved`) the weights of every node not
/// yet placed on its reference device, so moves only use memory the reference placement
/// of the rest of the graph does not need, and that placement stays feasible. Nodes of a
/// colocation group of two or more keep their reference device.
/// - Complexity: O(passes · m² · c) node placements for m nodes and c candidate devices per
///   node (at most `maxCandidates` plus the devices of its inputs), each O(log b) for b busy intervals.
struct ModuleSearch: Sendable {
    let problem: SchedulingProblem
    /// The module's nodes in priority order (a topological order of the module).
    let nodes: [Int]
    /// The look-ahead of each node of the graph (seconds after its finish).
    let tail: [Double]
    /// A complete feasible placement of the graph to start from and to reserve memory for.
    let reference: [Int]
    var passes: Int = 3
    /// Devices tried per node besides those of its inputs: the cheapest for it.
    var maxCandidates: Int = 3

    /// The module's objective in `state`: (max finish + tail, sum of finishes).
    func objective(_ state: PlacementState) -> (Double, Double) {
        var worst = 0.0, sum = 0.0
        for v in nodes {
            worst = max(worst, state.schedule.finish[v] + tail[v])
            sum += state.schedule.finish[v]
        }
        return (worst, sum)
    }

    /// Places the module into `state`, with `pin` (a node and its device) fixed when given.
    /// - Returns: false when the pin or the context leaves a node without a device that fits
    ///   (`state` is then unusable).
    func run(_ state: inout PlacementState, pin: (node: Int, device: Int)?) -> Bool {
        let fixed = fixedDevices(state, pin: pin)
        releaseReservations(&state)
        var placement = fixed.enumerated().map { $1 ?? reference[nodes[$0]] }
        guard place(&state, placement) else { return false }
        if passes > 0 {
            let fromReference = objective(state)
            unplace(&state, from: 0)
            let greedy = placeEarliestFinish(&state, fixed: fixed)
            if let greedy, better(objective(state), than: fromReference) { placement = greedy } else {
                if greedy != nil { unplace(&state, from: 0) }
                _ = place(&state, placement)
            }
        }
        for _ in 0..<passes {
            guard improve(&state, &placement, fixed: fixed) else { break }
        }
        return true
    }

    /// One pass of single-node moves in priority order, each to the device that lowers the
    /// objective most. - Returns: whether any move was made.
    private func improve(_ state: inout PlacementState, _ placement: inout [Int], fixed: [Int?]) -> Bool {
        var moved = false
        var current = objective(state)
        for i in nodes.indices where fixed[i] == nil {
            let v = nodes[i]
            let old = placement[i]
            var best: (device: Int, score: (Double, Double))?
            for k in candidates(v, state: state) where k != old && state.fits(v, on: k) {
                reschedule(&state, &placement, at: i, to: k)
                let score = objective(state)
                if better(score, than: best?.score ?? current) { best = (k, score) }
            }
            let chosen = best?.device ?? old
            if placement[i] != chosen { reschedule(&state, &placement, at: i, to: chosen) }
            if let best { current = best.score; moved = true }
        }
        return moved
    }

    /// Moves the node at position `i` to `k` and re-schedules the module from it on.
    private func reschedule(_ state: inout PlacementState, _ placement: inout [Int], at i: Int, to k: Int) {
        unplace(&state, from: i)
        placement[i] = k
        schedule(&state, placement, from: i)
    }

    /// The device each module node must keep, by position: the pin's, and for a node of a
    /// colocation group its group's device (the reference's when the group has not started).
    func fixedDevices(_ state: PlacementState, pin: (node: Int, device: Int)?) -> [Int?] {
        nodes.map { v -> Int? in
            if let pin, pin.node == v { return pin.device }
            return Self.isColocated(v, problem) ? problem.nodes[v].group.map { state.groupDevice[$0] ?? reference[v] } : nil
        }
    }

    /// Whether `v` must share its device with other nodes (a colocation group of two or more).
    static func isColocated(_ v: Int, _ problem: SchedulingProblem) -> Bool {
        problem.nodes[v].group.map { problem.groups[$0]!.count > 1 } ?? false
    }

    /// The devices worth trying for `v`: those of its inputs and the `maxCandidates` cheapest
    /// where it fits now (so interchangeable devices already full do not hide empty ones), sorted.
    private func candidates(_ v: Int, state: PlacementState) -> [Int] {
        var set = Set(problem.incoming[v].map { state.schedule.device[problem.edges[$0].from] }.filter { $0 >= 0 })
        set.formUnion(Self.cheapest(v, problem: problem, count: maxCandidates) { state.fits(v, on: $0) })
        return set.sorted()
    }

    /// The `count` devices where `v` costs least (ties: lower index) among those `admits`.
    static func cheapest(_ v: Int, problem: SchedulingProblem, count: Int, admits: (Int) -> Bool) -> [Int] {
        let devices = problem.allowedDevices(v).filter(admits)
        return Array(devices.sorted { (problem.cost(v, on: $0), $0) < (problem.cost(v, on: $1), $1) }.prefix(count))
    }

    private func better(_ a: (Double, Double), than b: (Double, Double)) -> Bool {
        a.0 < b.0 * (1 - 1e-9) || (a.0 <= b.0 && a.1 < b.1 * (1 - 1e-9))
    }

    /// Gives back the reserved bytes of the module's nodes, which are placed now.
    func releaseReservations(_ state: inout PlacementState) {
        var groups = Set<String>()
        for v in nodes where problem.nodes[v].group.map({ groups.insert($0).inserted }) ?? true {
            state.releaseReservation(of: v, on: reference[v])
        }
    }

    /// Schedules every node with `placement`, checking memory. - Returns: false (and `state`
    /// as it was) when one does not fit.
    private func place(_ state: inout PlacementState, _ placement: [Int]) -> Bool {
        for (i, v) in nodes.enumerated() {
            guard state.fits(v, on: placement[i]) else {
                unplace(&state, upTo: i)
                return false
            }
            insert(v, on: placement[i], into: &state)
        }
        return true
    }

    /// Earliest finish in context for every node not fixed. - Returns: nil (and `state` as it
    /// was) at a dead end.
    private func placeEarliestFinish(_ state: inout PlacementState, fixed: [Int?]) -> [Int]? {
        var placement: [Int] = []
        for (i, v) in nodes.enumerated() {
            let k: Int
            if let f = fixed[i] { k = f } else if let best = state.bestFinish(v, insertion: true) { k = best.device } else {
                unplace(&state, upTo: i)
                return nil
            }
            guard state.fits(v, on: k) else { unplace(&state, upTo: i); return nil }
            insert(v, on: k, into: &state)
            placement.append(k)
        }
        return placement
    }

    private func schedule(_ state: inout PlacementState, _ placement: [Int], from i: Int) {
        for j in i..<nodes.count { insert(nodes[j], on: placement[j], into: &state) }
    }

    private func insert(_ v: Int, on k: Int, into state: inout PlacementState) {
        let start = state.earliestStart(v, on: k, ready: state.dataReady(v, on: k), insertion: true)
        state.assign(v, to: k, start: start)
    }

    /// Takes the nodes at positions `i...` back out, last first.
    private func unplace(_ state: inout PlacementState, from i: Int) {
        for j in (i..<nodes.count).reversed() { state.unassign(nodes[j]) }
    }

    private func unplace(_ state: inout PlacementState, upTo end: Int) {
        for j in (0..<end).reversed() { state.unassign(nodes[j]) }
    }
}
