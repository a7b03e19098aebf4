/// Splits a placed graph into sub-models that a runtime can execute one after another,
/// each needing only graph inputs and outputs of sub-models before it.
///
/// One sub-model per device is possible exactly when the graph of devices (an edge a → b
/// when some tensor goes from a to b) is acyclic. In general a device's nodes are cut
/// into stages: start from levels `L(v) = max over predecessors u of L(u) + [u on another
/// device]` (parts (device, level) are ordered by level, so they form a DAG), then merge
/// each device's parts in level order whenever the quotient stays acyclic. A merge that
/// would close a cycle is exactly a path that leaves the device and returns, so a device
/// keeps one sub-model whenever the device graph allows it.
/// - Complexity: O(S·(|V| + |E|)) for S initial parts (S ≤ |V|).
struct ONNXPartition {
    /// One sub-model: a device, its stage index on that device, and its nodes in topological order.
    struct Part {
        var device: Int
        var stage: Int
        var nodes: [Int]
    }

    /// Parts in execution order.
    var parts: [Part]
    /// Part index of each node (-1: in none, see `renumbered`).
    var partOf: [Int]

    /// - Parameter cutAtSends: cut a device's nodes (in plan order) after every node whose
    ///   output another device reads and before every node that reads another device's, so
    ///   that tensors leave and are waited for when the plan says (`diviml run`), instead of
    ///   at the ends and starts of whole per-device sub-models; falls back to the
    ///   fewest parts when ties of zero-time nodes would make such parts cyclic.
    init(order: [Int], predecessors: [[Int]], device: [Int], deviceCount: Int, start: [Double], cutAtSends: Bool = false) {
        let nodeGroup = (cutAtSends ? Self.sendCuts(order: order, predecessors: predecessors, device: device, start: start) : nil)
            ?? Self.fewestParts(order: order, predecessors: predecessors, device: device)
        var parts: [Part] = []
        var index: [Int: Int] = [:]
        var partOf = [Int](repeating: 0, count: device.count)
        for v in order {
            let g = nodeGroup[v]
            if index[g] == nil {
                index[g] = parts.count
                parts.append(Part(device: device[v], stage: parts.filter { $0.device == device[v] }.count, nodes: []))
            }
            partOf[v] = index[g]!
            parts[index[g]!].nodes.append(v)
        }
        let sequence = Self.executionOrder(parts, partOf: partOf, predecessors: predecessors, start: start)
        let position = DAG.positions(of: sequence)
        self.parts = sequence.map { parts[$0] }
        self.partOf = partOf.map { position[$0] }
        var seen = [Int](repeating: 0, count: deviceCount) // stages numbered in execution order
        for p in self.parts.indices {
            self.parts[p].stage = seen[self.parts[p].device]
            seen[self.parts[p].device] += 1
        }
    }

    /// The partition with operator `i` renumbered as ONNX node `nodes[i]`, over `count`
    /// ONNX nodes; nodes that are no operator (folded constants) are in no part
    /// (`partOf` -1): each part that reads one carries its own copy (`ONNXPartWriter`).
    func renumbered(_ nodes: [Int], count: Int) -> ONNXPartition {
        var copy = self
        copy.parts = parts.map { Part(device: $0.device, stage: $0.stage, nodes: $0.nodes.map { nodes[$0] }) }
        copy.partOf = [Int](repeating: -1, count: count)
        for (i, n) in nodes.enumerated() { copy.partOf[n] = partOf[i] }
        return copy
    }

    /// The group of each node in the fewest parts: levels, then greedy merging.
    private static func fewestParts(order: [Int], predecessors: [[Int]], device: [Int]) -> [Int] {
        var level = [Int](repeating: 0, count: device.count)
        for v in order {
            for u in predecessors[v] { level[v] = max(level[v], level[u] + (device[u] == device[v] ? 0 : 1)) }
        }
        let keys = Set(device.indices.map { [device[$0], level[$0]] }).sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }
        let initial = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        let nodePart = device.indices.map { initial[[device[$0], level[$0]]]! }
        let group = merge(keys: keys, nodePart: nodePart, predecessors: predecessors)
        return nodePart.map { group[$0] }
    }

    /// The group of each node when every device's plan-ordered nodes are cut after each node
    /// that sends a tensor to another device and before each node that receives one; nil when
    /// the parts would not form a DAG (only possible through ties of zero-time nodes). Only a
    /// part's last node sends and only its first receives, and in a valid schedule a sender
    /// finishes before its reader starts, so every edge between parts goes forward in time.
    /// - Complexity: O(|V| log |V| + |E|).
    private static func sendCuts(order: [Int], predecessors: [[Int]], device: [Int], start: [Double]) -> [Int]? {
        var sends = [Bool](repeating: false, count: device.count), receives = sends
        for (v, preds) in predecessors.enumerated() {
            for u in preds where device[u] != device[v] { sends[u] = true; receives[v] = true }
        }
        let position = DAG.positions(of: order)
        var group = [Int](repeating: 0, count: device.count), next = 0
        for d in Set(device).sorted() {
            let nodes = device.indices.filter { device[$0] == d }.sorted { (start[$0], position[$0]) < (start[$1], position[$1]) }
            var current = next, fresh = true
            next += 1
            for (i, v) in nodes.enumerated() {
                if receives[v] && !fresh { current = next; next += 1 }
                group[v] = current
                fresh = false
                if sends[v] && i < nodes.count - 1 { current = next; next += 1; fresh = true }
            }
        }
        let identity = Array(0..<next)
        return isAcyclic(group: identity, nodePart: group, predecessors: predecessors) ? group : nil
    }

    /// Group of each initial part after greedy merging, device by device, in level order.
    private static func merge(keys: [[Int]], nodePart: [Int], predecessors: [[Int]]) -> [Int] {
        var group = Array(keys.indices)
        for d in Set(keys.map { $0[0] }).sorted() {
            var current: Int?
            for p in keys.indices where keys[p][0] == d {
                guard let c = current else { current = p; continue }
                group[p] = group[c]
                if !isAcyclic(group: group, nodePart: nodePart, predecessors: predecessors) {
                    group[p] = p
                    current = p
                }
            }
        }
        return group
    }

    private static func isAcyclic(group: [Int], nodePart: [Int], predecessors: [[Int]]) -> Bool {
        var successors = [Set<Int>](repeating: [], count: group.count)
        for (v, preds) in predecessors.enumerated() {
            let b = group[nodePart[v]]
            for u in preds where group[nodePart[u]] != b { successors[group[nodePart[u]]].insert(b) }
        }
        if case .success = DAG.topologicalOrder(successors: successors.map { Array($0) }) { return true }
        return false
    }

    /// A topological order of the parts, preferring earlier plan start times.
    private static func executionOrder(_ parts: [Part], partOf: [Int], predecessors: [[Int]], start: [Double]) -> [Int] {
        let earliest = parts.map { p in p.nodes.map { start[$0] }.min() ?? 0 }
        let rank = parts.indices.sorted { (earliest[$0], parts[$0].device, parts[$0].stage) < (earliest[$1], parts[$1].device, parts[$1].stage) }
        let position = DAG.positions(of: rank) // relabel so the stable topological sort follows start times
        var successors = [Set<Int>](repeating: [], count: parts.count)
        for (v, preds) in predecessors.enumerated() {
            for u in preds where partOf[u] != partOf[v] { successors[position[partOf[u]]].insert(position[partOf[v]]) }
        }
        guard case let .success(order) = DAG.topologicalOrder(successors: successors.map { $0.sorted() }) else {
            preconditionFailure("merged parts form a DAG by construction")
        }
        return order.map { rank[$0] }
    }
}
