@testable import DiviML

/// Exhaustive optima of tiny problems for the bound tests: every placement (allowed
/// devices, groups, memory) and every per-device order consistent with the graph,
/// simulated; the simulator starts each node as early as the placement and order allow,
/// so the least simulated makespan is the optimum. For at most 9 nodes (7 with several devices in practice).
enum SmallOptimum {
    static func latency(_ problem: SchedulingProblem) -> Double? { schedule(problem)?.makespan }

    static func schedule(_ problem: SchedulingProblem) -> Schedule? {
        precondition(problem.nodes.count <= 9)
        let reach = Reachability(successors: problem.successorLists, order: problem.topologicalOrder)
        var best: Schedule?
        placements(problem) { placement in
            var lists = [[Int]](repeating: [], count: problem.deviceCount)
            for v in placement.indices { lists[placement[v]].append(v) }
            orders(lists, reach, 0, []) { order in
                guard let s = try? Simulator.run(problem, placement: placement, order: order) else { return }
                if best == nil || s.makespan < best!.makespan { best = s }
            }
        }
        return best
    }

    static func period(_ problem: SchedulingProblem) -> Double? {
        var best: Double?
        placements(problem) { placement in
            let p = PipelineLoad(problem: problem, placement: placement).period
            if best == nil || p < best! { best = p }
        }
        return best
    }

    static func placements(_ p: SchedulingProblem, _ body: ([Int]) -> Void) {
        var placement = [Int](repeating: -1, count: p.nodes.count)
        func place(_ v: Int) {
            if v == p.nodes.count {
                let used = Validator.memoryUse(placement: placement, problem: p)
                let fits = p.devices.indices.allSatisfy { used[$0] <= p.devices[$0].memoryBytes }
                let together = p.groups.values.allSatisfy { Set($0.map { placement[$0] }).count == 1 }
                if fits && together { body(placement) }
                return
            }
            for k in p.allowedDevices(v) { placement[v] = k; place(v + 1) }
        }
        place(0)
    }

    private static func orders(_ lists: [[Int]], _ reach: Reachability, _ k: Int, _ chosen: [[Int]], _ body: ([[Int]]) -> Void) {
        if k == lists.count { body(chosen); return }
        permutations(lists[k], reach, []) { orders(lists, reach, k + 1, chosen + [$0], body) }
    }

    private static func permutations(_ rest: [Int], _ reach: Reachability, _ prefix: [Int], _ body: ([Int]) -> Void) {
        if rest.isEmpty { body(prefix); return }
        for (i, v) in rest.enumerated() where !rest.contains(where: { reach.reaches($0, v) }) {
            var remaining = rest
            remaining.remove(at: i)
            permutations(remaining, reach, prefix + [v], body)
        }
    }
}

/// The exhaustive optimum as a latency solver, the stand-in for an exact engine on tiny
/// modules in the splitting tests.
struct SmallOptimumSolver: LatencySolver {
    let name = "small-optimum"
    func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let schedule = SmallOptimum.schedule(problem)
        return SolverResult(solver: name, schedule: schedule, status: schedule == nil ? .infeasible("none") : .optimal,
                            lowerBound: schedule?.makespan, solveSeconds: 0)
    }
}
