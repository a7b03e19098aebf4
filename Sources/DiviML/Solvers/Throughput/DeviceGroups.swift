extension SchedulingProblem {
    /// The problem on the devices of `group` only: each node keeps its costs on those
    /// devices; a node allowed on none of them keeps its zero-cost devices (host I/O
    /// pseudo-nodes stay on the host, which costs that device no time), and makes the
    /// group infeasible otherwise. Device indices are unchanged, so a placement of the
    /// restricted problem is one of the original.
    /// - Returns: nil when some node cannot run on the group or the weights do not fit.
    func restricted(to group: [Int]) -> SchedulingProblem? {
        let inside = Set(group)
        var nodes = self.nodes
        for v in nodes.indices {
            var cost = nodes[v].cost.indices.map { inside.contains($0) ? nodes[v].cost[$0] : nil }
            if !cost.contains(where: { $0 != nil }) {
                cost = nodes[v].cost.map { $0 == 0 ? 0 : nil }
                guard cost.contains(where: { $0 != nil }) else { return nil }
            }
            nodes[v].cost = cost
        }
        return try? replacing(nodes: nodes)
    }
}

/// Partitions of a device set into disjoint replica groups.
enum DeviceGroups {
    /// Every set partition of `0..<k` (Bell(k) of them: 5 for 3 devices, 203 for 6), each
    /// as groups listed by their smallest member, by restricted growth strings.
    /// - Complexity: O(Bell(k)·k).
    static func allPartitions(_ k: Int) -> [[[Int]]] {
        var result: [[[Int]]] = []
        var groups: [[Int]] = []
        func extend(_ d: Int) {
            if d == k { result.append(groups); return }
            for g in groups.indices {
                groups[g].append(d)
                extend(d + 1)
                groups[g].removeLast()
            }
            groups.append([d])
            extend(d + 1)
            groups.removeLast()
        }
        extend(0)
        return result
    }

    /// A bitmask of a group.
    static func mask(_ group: [Int]) -> Int { group.reduce(0) { $0 | 1 << $1 } }
}
