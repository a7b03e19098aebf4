/// Throughput with replicas: several pipelines side by side on disjoint GPUs, tokens/s adding up.
///
/// A replica's tokens/s depends only on its canonical configuration, and what it takes from
/// the cluster only on its footprint (GPUs per server part, per server type); so for each
/// footprint only the best-scoring configuration matters. The cluster's state up to symmetry
/// is, per server type, the sorted list of free GPUs per server. The best total from a state
/// is `f(state) = max(0, max over footprints and placements of tokens/s + f(state'))`, a
/// dynamic program over these canonical states (memoised), exact because every labelled set
/// of replicas maps to a path through it with the same total.
///
/// - Complexity: O(|states| · F · P), F footprints, P placements of one footprint.
extension LLMPlanner {
    typealias FreeState = [[Int]]

    func bestReplicaSet(_ scored: [ScoredConfiguration]) -> (pipelines: [[StageSpec]], transitions: Int) {
        var byFootprint: [[[Int]]: ScoredConfiguration] = [:]
        var footprints: [[[Int]]] = []
        for s in scored where s.cost < 0 {
            let key = footprint(s.configuration)
            if let old = byFootprint[key] {
                if s.cost < old.cost { byFootprint[key] = s }
            } else {
                byFootprint[key] = s
                footprints.append(key)
            }
        }
        let options = footprints.map { byFootprint[$0]! }
        var memo: [FreeState: (value: Double, option: Int, targets: [Int])] = [:]
        var transitions = 0
        let start = cost.cluster.serverTypes.map { [Int](repeating: $0.gpusPerServer, count: $0.count) }
        _ = best(from: start, options: options, memo: &memo, transitions: &transitions)
        return (replay(from: start, options: options, memo: memo), transitions)
    }

    private func footprint(_ config: ServerConfiguration) -> [[Int]] {
        var sizes = [[Int]](repeating: [], count: cost.cluster.serverTypes.count)
        for part in config.parts { sizes[part.type].append(part.gpus) }
        return sizes.map { $0.sorted(by: >) }
    }

    private func best(from state: FreeState, options: [ScoredConfiguration],
                      memo: inout [FreeState: (value: Double, option: Int, targets: [Int])], transitions: inout Int) -> Double {
        if let known = memo[state] { return known.value }
        var top = (value: 0.0, option: -1, targets: [Int]())
        for (i, option) in options.enumerated() {
            for (next, targets) in placements(option.configuration, in: state) {
                transitions += 1
                let value = -option.cost + best(from: next, options: options, memo: &memo, transitions: &transitions)
                if value > top.value { top = (value, i, targets) }
            }
        }
        memo[state] = top
        return top.value
    }

    /// Every way, up to identical servers, to put the parts of `config` on distinct servers
    /// with room: the resulting canonical state and, per part, the free count of the server
    /// it went to.
    func placements(_ config: ServerConfiguration, in state: FreeState) -> [(FreeState, [Int])] {
        var results: [(FreeState, [Int])] = []
        var seen = Set<FreeState>()
        var free = state
        var taken = state.map { [Bool](repeating: false, count: $0.count) }
        var targets: [Int] = []
        func place(_ i: Int) {
            guard i < config.parts.count else {
                let canonical = free.map { $0.sorted(by: >) }
                if seen.insert(canonical).inserted { results.append((canonical, targets)) }
                return
            }
            let part = config.parts[i]
            var triedValues = Set<Int>()
            for s in free[part.type].indices where !taken[part.type][s] && free[part.type][s] >= part.gpus {
                guard triedValues.insert(free[part.type][s]).inserted else { continue }
                targets.append(free[part.type][s])
                free[part.type][s] -= part.gpus
                taken[part.type][s] = true
                place(i + 1)
                taken[part.type][s] = false
                free[part.type][s] += part.gpus
                targets.removeLast()
            }
        }
        place(0)
        return results
    }

    /// Follows the memoised choices from `start`, giving each replica concrete servers.
    private func replay(from start: FreeState, options: [ScoredConfiguration],
                        memo: [FreeState: (value: Double, option: Int, targets: [Int])]) -> [[StageSpec]] {
        var state = start
        var concrete = start
        var pipelines: [[StageSpec]] = []
        while let step = memo[state], step.option >= 0 {
            let option = options[step.option]
            var servers: [Int] = []
            var used = Set<[Int]>()
            for (part, target) in zip(option.configuration.parts, step.targets) {
                let s = concrete[part.type].indices.first { concrete[part.type][$0] == target && !used.contains([part.type, $0]) }!
                used.insert([part.type, s])
                concrete[part.type][s] -= part.gpus
                servers.append(s)
            }
            pipelines.append(option.orderedStages(servers: servers))
            state = concrete.map { $0.sorted(by: >) }
        }
        return pipelines
    }
}
