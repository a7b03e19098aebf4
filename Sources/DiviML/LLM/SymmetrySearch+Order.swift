extension ScoredConfiguration {
    /// The stages in pipeline order, with layer counts and concrete servers: the first
    /// stage's server first, the last stage's server last, each server's stages together
    /// (the first server's run split in two only when first and last share a server and
    /// other servers sit between them).
    /// - Parameter servers: the server index of each part (its type is the part's).
    func orderedStages(servers: [Int]) -> [StageSpec] {
        let stages = configuration.stages
        let partF = stages[first].part, partL = stages[last].part
        let byPart = Dictionary(grouping: stages.indices, by: { stages[$0].part })
        var order: [Int] = []
        var tail: [Int] = []
        if partF == partL {
            let middle = byPart[partF]!.filter { $0 != first && $0 != last }
            order = [first] + middle
            tail = first == last ? [] : [last]
        } else {
            order = [first] + byPart[partF]!.filter { $0 != first }
            tail = byPart[partL]!.filter { $0 != last } + [last]
        }
        for p in configuration.parts.indices where p != partF && p != partL { order += byPart[p]! }
        order += tail
        return order.map {
            StageSpec(serverType: stages[$0].type, server: servers[stages[$0].part],
                      tensorParallel: stages[$0].t, layers: layers[$0])
        }
    }

    /// Server indices for a lone pipeline: the parts of each type on servers 0, 1, 2, …
    var canonicalServers: [Int] {
        var next: [Int: Int] = [:]
        return configuration.parts.map { part in
            defer { next[part.type, default: 0] += 1 }
            return next[part.type, default: 0]
        }
    }
}
