/// The stages one pipeline puts on one server: the server's type and the tensor-parallel
/// degree of each stage there, sorted descending. Which GPUs of the server a stage uses does
/// not matter (they are identical), so a part is only these counts.
struct ServerPart: Hashable, Sendable {
    var type: Int
    var degrees: [Int]

    /// GPUs the part occupies on its server.
    var gpus: Int { degrees.reduce(0, +) }
}

/// One pipeline up to symmetry: a multiset of server parts, each on a distinct server. Which
/// servers of a type hold the parts does not matter (identical servers), nor which layers a
/// stage holds beyond their count (identical layers); the order of stages is chosen when the
/// configuration is scored. Parts are kept in canonical (enumeration) order.
struct ServerConfiguration: Hashable, Sendable {
    var parts: [ServerPart]

    /// Every stage as (part index, type, degree).
    var stages: [(part: Int, type: Int, t: Int)] {
        parts.enumerated().flatMap { p, part in part.degrees.map { (part: p, type: part.type, t: $0) } }
    }

    /// GPUs used per part, grouped by server type: the resource footprint.
    var footprint: [[Int]] {
        let types = (parts.map(\.type).max() ?? -1) + 1
        var sizes = [[Int]](repeating: [], count: types)
        for part in parts { sizes[part.type].append(part.gpus) }
        return sizes.map { $0.sorted(by: >) }
    }
}

extension LLMCostModel {
    /// Tensor-parallel degrees a server type offers this model: 1...g that split the heads.
    package func allowedDegrees(type: Int) -> [Int] {
        (1...cluster.serverTypes[type].gpusPerServer).filter(model.allowsTensorParallel)
    }

    /// Every server part of `type`: non-empty multisets of allowed degrees summing to at most
    /// the server's GPU count.
    /// - Complexity: O(number of parts), at most the partitions of g into allowed sizes.
    func serverParts(type: Int) -> [ServerPart] {
        let degrees = allowedDegrees(type: type).sorted(by: >)
        var result: [ServerPart] = []
        func extend(_ current: [Int], room: Int, from: Int) {
            if !current.isEmpty { result.append(ServerPart(type: type, degrees: current)) }
            for i in from..<degrees.count where degrees[i] <= room {
                extend(current + [degrees[i]], room: room - degrees[i], from: i)
            }
        }
        extend([], room: cluster.serverTypes[type].gpusPerServer, from: 0)
        return result
    }

    /// Every canonical configuration: per server type a multiset of at most `count` parts,
    /// over all types, not all empty. With `uniform`, only those whose stages share one degree.
    /// - Complexity: O(Π_j C(p_j + m_j, m_j)), p_j parts and m_j servers of type j.
    func configurations(uniform: Bool) -> [ServerConfiguration] {
        var perType: [[[ServerPart]]] = []
        for j in cluster.serverTypes.indices {
            let parts = serverParts(type: j)
            var multisets: [[ServerPart]] = []
            func extend(_ current: [ServerPart], from: Int) {
                multisets.append(current)
                guard current.count < cluster.serverTypes[j].count else { return }
                for i in from..<parts.count { extend(current + [parts[i]], from: i) }
            }
            extend([], from: 0)
            perType.append(multisets)
        }
        var result: [ServerConfiguration] = []
        func combine(_ j: Int, _ current: [ServerPart]) {
            guard j < perType.count else {
                let config = ServerConfiguration(parts: current)
                let degrees = Set(current.flatMap(\.degrees))
                if !current.isEmpty, !uniform || degrees.count == 1 { result.append(config) }
                return
            }
            for choice in perType[j] { combine(j + 1, current + choice) }
        }
        combine(0, [])
        return result
    }
}
