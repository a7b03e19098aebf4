/// The placement part shared by the CP-SAT latency and throughput models.
struct CPSATPlacement {
    /// `presence[v][k]`: literal "v runs on k"; nil where v is not allowed on k.
    var presence: [[Int32?]]

    /// Presence literals with exactly-one per node, memory per device, colocation groups
    /// and value-precedence symmetry breaking between interchangeable devices.
    /// - Complexity: O(|V|·|K|) literals; the symmetry constraints O(|V|²) literals per pair.
    init(_ p: SchedulingProblem, _ b: inout CPModelBuilder) {
        presence = p.nodes.indices.map { v in
            p.devices.indices.map { k in p.isAllowed(v, on: k) ? b.newBool("x_\(v)_\(k)") : nil }
        }
        for v in p.nodes.indices { b.exactlyOne(presence[v].compactMap { $0 }) }
        let total = p.nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
        for k in p.devices.indices where total > p.devices[k].memoryBytes {
            let terms = p.nodes.indices.compactMap { v in presence[v][k].map { ($0, p.nodes[v].paramBytes) } }
            b.linear(terms.filter { $0.1 > 0 }, 0, p.devices[k].memoryBytes)
        }
        for name in p.groups.keys.sorted() { tieGroup(p.groups[name]!, p, &b) }
        for (k1, k2) in ExactModelFacts.interchangeablePairs(p) { breakSymmetry(k1, k2, &b) }
    }

    /// All members of a group on one device: their presence literals are equal, and a
    /// device some member cannot use is closed to all.
    private func tieGroup(_ members: [Int], _ p: SchedulingProblem, _ b: inout CPModelBuilder) {
        let first = members[0]
        for k in p.devices.indices {
            let lits = members.map { presence[$0][k] }
            if lits.contains(where: { $0 == nil }) {
                for case let lit? in lits { b.linear([(lit, 1)], 0, 0) }
            } else {
                for v in members.dropFirst() { b.linear([(presence[first][k]!, 1), (presence[v][k]!, -1)], 0, 0) }
            }
        }
    }

    /// The first node (by index) on k1 or k2 is on k1: `x[v][k2] ⇒ ∨_{u<v} x[u][k1]`.
    private func breakSymmetry(_ k1: Int, _ k2: Int, _ b: inout CPModelBuilder) {
        var earlier: [Int32] = []
        for v in presence.indices {
            if let on2 = presence[v][k2] {
                if earlier.isEmpty { b.linear([(on2, 1)], 0, 0) } else { b.boolOr(earlier, if: [on2]) }
            }
            if let on1 = presence[v][k1] { earlier.append(on1) }
        }
    }

    /// The device of each node in a solution.
    func placement(_ solution: [Int64]) -> [Int] {
        presence.map { lits in lits.firstIndex { $0.map { solution[Int($0)] == 1 } ?? false } ?? 0 }
    }

    /// Hints the presence literals of a placement.
    func hint(_ placement: [Int], _ b: inout CPModelBuilder) {
        for v in presence.indices { for (k, lit) in presence[v].enumerated() { if let lit { b.hint(lit, placement[v] == k ? 1 : 0) } } }
    }
}
