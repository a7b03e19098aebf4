import Foundation

/// Contiguous placement where memory binds, after the latency greedy of Tarnawski,
/// Phanishayee, Devanur, Mahajan, Nina Paravecino ("Efficient Algorithms for Device
/// Placement of DNN Graph Operators", NeurIPS 2020, Appendix F), written from its
/// description: walk the graph in priority order and keep each node on the current
/// device while its weights fit, then move on to the next; nodes the current device
/// cannot run are list-scheduled where they finish first.
///
/// Here the devices filled are those whose memory cannot hold all the weights (where
/// memory binds), fastest first (smallest mean ratio of their cost to each node's cheapest
/// cost; ties: lower index); devices never skipped back to, so each holds one contiguous
/// stretch of the order. Then every node is list-scheduled in HEFT's priority order with
/// insertion: filled nodes on their device, the others at their earliest finish among
/// the devices where they fit beside the weights the filled nodes will need. Without a
/// device where memory binds this is HEFT.
/// - Complexity: O(|V|·|K| + |E|) for the fill, plus HEFT's list scheduling.
public struct MemoryFillSolver: LatencySolver {
    public let name = "memory-fill"
    public init() {}

    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = ContinuousClock.now
        let order = HEFTSolver.priorityOrder(problem)
        let fill = Self.fill(problem, order: order)
        let schedule = try Self.listSchedule(problem, order: order, fixed: fill, solver: name)
        var filled: [String] = []
        for v in order { if let k = fill[v], filled.last != problem.devices[k].name { filled.append(problem.devices[k].name) } }
        return SolverResult(solver: name, schedule: schedule, status: .heuristic, solveSeconds: clock.secondsElapsed,
                            notes: [filled.isEmpty ? "no device short of memory: HEFT" : "filled in order: \(filled.joined(separator: ", "))"])
    }

    /// List scheduling in `order` with insertion: a node with a device in `fixed` goes
    /// there, the others to their earliest finish among the devices where they fit (and
    /// `free` holds) beside the weights the fixed nodes not yet placed will need.
    /// - Throws: `HeuristicDeadEnd` when a node fits nowhere it may go.
    /// - Complexity: that of HEFT's list scheduling, O(|V|·|K|·b/64) with b busy intervals per device.
    static func listSchedule(_ problem: SchedulingProblem, order: [Int], fixed: [Int?], solver: String,
                             free: (Int) -> Bool = { _ in true }) throws -> Schedule {
        var state = PlacementState(problem)
        state.reserve(fixed)
        for v in order {
            let target: (device: Int, start: Double)?
            if let k = fixed[v] {
                state.releaseReservation(of: v, on: k)
                target = state.fits(v, on: k) ? (k, state.earliestStart(v, on: k, ready: state.dataReady(v, on: k), insertion: true)) : nil
            } else {
                target = state.bestFinish(v, insertion: true, among: free)
            }
            guard let (k, start) = target else { throw HeuristicDeadEnd(solver: solver, node: problem.nodes[v].name) }
            state.assign(v, to: k, start: start)
        }
        return state.schedule
    }

    /// The filled device of each node (nil: list-scheduled freely).
    static func fill(_ problem: SchedulingProblem, order: [Int]) -> [Int?] {
        let devices = fillDevices(problem)
        var fill = [Int?](repeating: nil, count: problem.nodes.count)
        guard !devices.isEmpty else { return fill }
        var used = [Int64](repeating: 0, count: problem.deviceCount)
        // A group follows its first member in the order, filled or free.
        var groupDevice: [String: Int?] = [:]
        var current = 0
        for v in order {
            if let g = problem.nodes[v].group, let k = groupDevice[g] { fill[v] = k; continue }
            if let g = problem.nodes[v].group { groupDevice[g] = .some(nil) }
            let members = problem.nodes[v].group.map { problem.groups[$0]! } ?? [v]
            let bytes = members.reduce(Int64(0)) { $0 + problem.nodes[$1].paramBytes }
            let allowed = { (k: Int) in members.allSatisfy { problem.isAllowed($0, on: k) } }
            guard current < devices.count, allowed(devices[current]) else { continue }
            while current < devices.count, !(allowed(devices[current]) && used[devices[current]] + bytes <= problem.devices[devices[current]].memoryBytes) {
                current += 1
            }
            guard current < devices.count else { continue }
            let k = devices[current]
            used[k] += bytes
            fill[v] = k
            if let g = problem.nodes[v].group { groupDevice[g] = k }
        }
        return fill
    }

    /// The devices whose memory cannot hold all the weights, fastest first (smallest mean
    /// ratio of their cost to each node's cheapest cost; ties: lower index).
    static func fillDevices(_ problem: SchedulingProblem) -> [Int] {
        let total = problem.nodes.reduce(Int64(0)) { $0 &+ $1.paramBytes }
        return problem.devices.indices.filter { problem.devices[$0].memoryBytes < total }
            .map { k in (k, speedRatio(problem, k)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// Mean of cost on `k` over the cheapest cost, over the nodes allowed on `k` with positive cost.
    private static func speedRatio(_ problem: SchedulingProblem, _ k: Int) -> Double {
        var sum = 0.0, count = 0
        for v in problem.nodes.indices where problem.isAllowed(v, on: k) {
            let cheapest = problem.cheapestCost(v)
            guard cheapest > 0 else { continue }
            sum += problem.cost(v, on: k) / cheapest
            count += 1
        }
        return count == 0 ? .infinity : sum / Double(count)
    }
}
