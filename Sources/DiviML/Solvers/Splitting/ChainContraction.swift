/// A problem with its chains merged: each maximal run u₁ → u₂ → … → u_m in which every
/// inner edge is its tail's only outgoing edge and its head's only incoming edge becomes one
/// node, with the summed cost on each device, the summed weights, the chain's group, the
/// first node's incoming and the last node's outgoing edges (docs/splitting-and-bounds.md,
/// "Chunks solved again").
///
/// **A restriction, not a relaxation.** A schedule of the merged problem runs each chain on
/// one device without a break; `expand` gives every member its own interval, one after the
/// other from the merged node's start, so edges inside a chain move nothing and the edges
/// into and out of it keep their times: the result is a schedule of the original problem
/// with the same makespan. The merged problem has fewer, longer intervals, so the exact
/// engine searches it far faster (a RandWire stage: 155 operators, 34 merged nodes; CP-SAT
/// proves the merged optimum in about a unit of work). What it cannot express — another
/// operator running between two members of a chain on their device — `SplittingSolver`'s
/// re-ordering and the engine's own solve of the unmerged problem, hinted by the expansion,
/// give back.
///
/// Members merge only when they allow the same devices, share a group (or none), and the
/// later one has no release time of its own; a problem whose inputs come from the host
/// (`IOMode.host`) is not merged.
/// - Complexity: O(|V|·|K| + |E|), and O(|V|) per expansion.
struct ChainContraction {
    /// The merged problem.
    let merged: SchedulingProblem
    /// The original nodes of each merged node, in chain order.
    let members: [[Int]]

    /// nil when no two nodes merge, or the merged problem fails validation.
    init?(_ problem: SchedulingProblem) {
        guard problem.io == .free else { return nil }
        func allowed(_ v: Int) -> [Bool] { problem.nodes[v].cost.map { $0 != nil } }
        var next = [Int?](repeating: nil, count: problem.nodes.count)
        var merges = [Bool](repeating: false, count: problem.nodes.count)
        for u in problem.topologicalOrder where problem.outgoing[u].count == 1 {
            let v = problem.edges[problem.outgoing[u][0]].to
            guard problem.incoming[v].count == 1, problem.release[v] == 0, problem.nodes[u].group == problem.nodes[v].group,
                  allowed(u) == allowed(v) else { continue }
            next[u] = v
            merges[v] = true
        }
        var members: [[Int]] = []
        var index = [Int](repeating: -1, count: problem.nodes.count)
        for v in problem.topologicalOrder where !merges[v] {
            var chain = [v]
            while let w = next[chain.last!] { chain.append(w) }
            for m in chain { index[m] = members.count }
            members.append(chain)
        }
        guard members.count < problem.nodes.count else { return nil }
        let nodes = members.map { chain in
            let head = problem.nodes[chain[0]]
            return SchedulingProblem.Node(
                name: chain.count == 1 ? head.name : "\(head.name)…\(problem.nodes[chain.last!].name)", op: head.op,
                cost: head.cost.indices.map { k in head.cost[k] == nil ? nil : chain.reduce(0) { $0 + problem.nodes[$1].cost[k]! } },
                paramBytes: chain.reduce(0) { $0 + problem.nodes[$1].paramBytes }, group: head.group)
        }
        let edges = problem.edges.compactMap { e -> SchedulingProblem.Edge? in
            index[e.from] == index[e.to] ? nil : .init(from: index[e.from], to: index[e.to], bytes: e.bytes)
        }
        guard let merged = try? problem.replacing(nodes: nodes, edges: edges, release: members.map { problem.release[$0[0]] }) else {
            return nil
        }
        self.merged = merged
        self.members = members
    }

    /// `original`'s schedule (the problem this contraction was made from): each chain's
    /// members one after the other on the merged node's device, from its start.
    func expand(_ schedule: Schedule, of original: SchedulingProblem) -> Schedule {
        let n = original.nodes.count
        var expanded = Schedule(device: .init(repeating: 0, count: n), start: .init(repeating: 0, count: n),
                                finish: .init(repeating: 0, count: n))
        for (g, chain) in members.enumerated() {
            let k = schedule.device[g]
            var t = schedule.start[g]
            for v in chain {
                expanded.device[v] = k
                expanded.start[v] = t
                t += original.nodes[v].cost[k]!
                expanded.finish[v] = t
            }
        }
        return expanded
    }
}
