/// Splitting's improvement phase across module boundaries: moves of single nodes on the
/// schedule's critical path to another device, each kept only when the re-simulated
/// schedule finishes sooner (first improvement), until no move on the current critical
/// path helps or the evaluations are spent.
///
/// A move keeps every other node's device and every device's order: the moved node joins
/// its new device's order at the place its start time gives it, and `Simulator.run(problem,
/// placement:order:)` times the result (an order that deadlocks is skipped). The critical
/// path is walked back from the last finish along whatever made each node wait: an input's
/// arrival or the node before it on its device. Only a node on it can shorten the makespan
/// by moving alone, which is what keeps the phase cheap at 10,000 nodes. Moves keep memory
/// (the weights on the new device fit beside those already there) and never split a
/// colocation group of two or more. Deterministic: it counts evaluations, not seconds, and
/// stops early only when `stop` is reached (the run's time limit or Ctrl-C).
/// - Complexity: O(evaluations · (|V|·|K| + |E|)).
struct CriticalPathMoves {
    let problem: SchedulingProblem
    /// The most schedules simulated.
    let evaluations: Int

    /// A budget that keeps the phase to about 2·10^7 node and edge visits: 20,000
    /// evaluations at 500 nodes, 800 at 10,000.
    init(_ problem: SchedulingProblem) {
        self.problem = problem
        evaluations = min(20_000, max(50, 20_000_000 / max(1, problem.nodes.count + problem.edges.count)))
    }

    /// The improved schedule, the moves kept and the schedules simulated.
    func improve(_ schedule: Schedule, stop: SplitStop) -> (schedule: Schedule, moves: Int, evaluations: Int) {
        var best = schedule
        var used = problem.devices.indices.map { _ in Int64(0) }
        for v in problem.nodes.indices { used[best.device[v]] += problem.nodes[v].paramBytes }
        let position = DAG.positions(of: problem.topologicalOrder)
        var (moves, spent) = (0, 0)
        search: while spent < evaluations, !stop.reached {
            let order = SplittingSolver.deviceOrders(problem, best, position: position)
            for v in criticalPath(best, order: order) where movable(v) {
                let from = best.device[v]
                for k in problem.allowedDevices(v) where k != from && used[k] + problem.nodes[v].paramBytes <= problem.devices[k].memoryBytes {
                    guard spent < evaluations, !stop.reached else { break search }
                    spent += 1
                    var placement = best.device
                    placement[v] = k
                    var moved = order
                    moved[from].removeAll { $0 == v }
                    let at = moved[k].firstIndex { (best.start[$0], position[$0]) > (best.start[v], position[v]) } ?? moved[k].count
                    moved[k].insert(v, at: at)
                    guard let candidate = try? Simulator.run(problem, placement: placement, order: moved),
                          candidate.makespan < best.makespan * (1 - 1e-12) else { continue }
                    used[from] -= problem.nodes[v].paramBytes
                    used[k] += problem.nodes[v].paramBytes
                    best = candidate
                    moves += 1
                    continue search
                }
            }
            break
        }
        return (best, moves, spent)
    }

    /// The nodes of the critical path, from the last finish back: at each node, the input
    /// whose arrival or the device predecessor whose finish is latest (it made the node wait).
    private func criticalPath(_ schedule: Schedule, order: [[Int]]) -> [Int] {
        var before = [Int](repeating: -1, count: problem.nodes.count)
        for list in order { for (a, b) in zip(list, list.dropFirst()) { before[b] = a } }
        guard var v = problem.nodes.indices.max(by: { schedule.finish[$0] < schedule.finish[$1] }) else { return [] }
        var path = [v]
        while true {
            var next = -1, latest = -Double.infinity
            for e in problem.incoming[v] {
                let u = problem.edges[e].from
                let arrival = schedule.finish[u] + problem.transferTime(edge: e, from: schedule.device[u], to: schedule.device[v])
                if arrival > latest { (next, latest) = (u, arrival) }
            }
            if before[v] >= 0, problem.cost(v, on: schedule.device[v]) > 0, schedule.finish[before[v]] > latest {
                next = before[v]
            }
            guard next >= 0 else { return path }
            path.append(next)
            v = next
        }
    }

    /// Whether `v` may move alone: another device allowed, no colocation group of two or more.
    private func movable(_ v: Int) -> Bool {
        !ModuleSearch.isColocated(v, problem) && problem.allowedDevices(v).count > 1
    }
}
