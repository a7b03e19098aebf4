/// The best way to run one pipeline on a canonical configuration: which stage goes first
/// (it holds the embedding), which last (it holds the head), and how many layers each holds.
struct ScoredConfiguration: Sendable {
    var configuration: ServerConfiguration
    /// Indices into `configuration.stages`.
    var first: Int
    var last: Int
    var layers: [Int]
    /// Objective as a cost: seconds for latency and prefill, −tokens/s for throughput.
    var cost: Double
}

/// Scores canonical configurations exactly.
///
/// Why scoring a configuration needs no enumeration of orders or layer splits:
/// 1. Stage order. Only three things depend on it: which stage is first (embedding, and its
///    memory), which is last (head), and which consecutive stages share a server (hand-offs
///    over the server's link instead of the network). Every hand-off of one phase moves the
///    same bytes, and the cluster guarantees a server's link is no slower than the network, so
///    the best order given first and last keeps each server's stages together: it has
///    Σ_servers (k − 1) same-server hand-offs, one fewer when first and last share a server
///    and other servers sit between them. The cost depends on first and last only through
///    their (server type, degree) and whether they share a server: those keys are enumerated.
/// 2. Layer split. With first and last fixed, stage s costs n_s·τ_s + c_s (τ_s the per-layer
///    time of its kind, c_s its embedding/head share) and holds at most cap_s layers. Latency
///    and prefill minimise Σ n_s·τ_s: fill the cheapest stages first. Throughput minimises
///    max_s (n_s·τ_s + c_s): add layers one at a time to the stage whose time after the
///    addition is least. Both greedy rules are optimal for separable convex resource
///    allocation with bounds (Ibaraki & Katoh 1988, "Resource Allocation Problems", ch. 2, 4).
///
/// - Complexity: O(K² · L · S) per configuration, K distinct stage kinds, S stages, L layers.
struct ConfigurationScorer {
    let cost: LLMCostModel
    let objective: LLMObjective

    var phase: LLMCostModel.Phase { objective == .prefill ? .prefill : .decode }

    /// Sequences one stage step processes: the batch, or a micro-batch of batch/S in the
    /// pipelined (throughput) mode.
    func sequences(stageCount: Int) -> Double {
        let b = Double(cost.workload.batch)
        return objective == .throughput ? b / Double(stageCount) : b
    }

    /// The best (first, last, layers) for `config`, or nil when no choice fits in memory.
    /// `evaluated` counts the (first, last) candidates scored.
    func score(_ config: ServerConfiguration, evaluated: inout Int) -> ScoredConfiguration? {
        let stages = config.stages, s = stages.count
        let beta = sequences(stageCount: s)
        let tau = stages.map { cost.layerTime(phase, type: $0.type, t: $0.t, sequences: beta) }
        var best: ScoredConfiguration?
        var seen = Set<[Int]>()
        for f in 0..<s {
            for l in 0..<s where (s == 1) == (f == l) {
                let key = [stages[f].type, stages[f].t, stages[l].type, stages[l].t, stages[f].part == stages[l].part ? 1 : 0]
                guard seen.insert(key).inserted else { continue }
                evaluated += 1
                if let candidate = score(config, first: f, last: l, tau: tau, beta: beta),
                   best.map({ candidate.cost < $0.cost }) ?? true {
                    best = candidate
                }
            }
        }
        return best
    }

    private func score(_ config: ServerConfiguration, first f: Int, last l: Int, tau: [Double], beta: Double) -> ScoredConfiguration? {
        let stages = config.stages, s = stages.count, layers = cost.model.layers
        guard s <= layers else { return nil }
        let caps = stages.indices.map { cost.maxLayers(type: stages[$0].type, t: stages[$0].t, first: $0 == f, last: $0 == l) }
        guard caps.allSatisfy({ $0 >= 1 }), caps.reduce(0, +) >= layers else { return nil }
        var extra = [Double](repeating: 0, count: s)
        extra[f] += cost.embeddingTime(phase, type: stages[f].type, t: stages[f].t, sequences: beta)
        extra[l] += cost.headTime(type: stages[l].type, t: stages[l].t, sequences: beta)
        let n: [Int]
        let value: Double
        if objective == .throughput {
            n = minMaxSplit(tau: tau, extra: extra, caps: caps, total: layers)
            let busiest = stages.indices.map { Double(n[$0]) * tau[$0] + extra[$0] }.max() ?? 0
            value = -beta / max(busiest, maxHandoff(config, beta: beta))
        } else {
            n = minSumSplit(tau: tau, caps: caps, total: layers)
            value = stages.indices.reduce(0) { $0 + Double(n[$1]) * tau[$1] + extra[$1] }
                + handoffs(config, first: f, last: l, beta: beta)
        }
        return ScoredConfiguration(configuration: config, first: f, last: l, layers: n, cost: value)
    }

    /// Total hand-off time of the best order with the given first and last stage.
    func handoffs(_ config: ServerConfiguration, first f: Int, last l: Int, beta: Double) -> Double {
        let stages = config.stages
        var total = 0.0, same = 0
        for part in config.parts where part.degrees.count > 1 {
            let k = part.degrees.count
            same += k - 1
            total += Double(k - 1) * cost.handoffTime(phase, sameServer: part.type, sequences: beta)
        }
        if stages[f].part == stages[l].part, config.parts.count > 1 {
            same -= 1
            total -= cost.handoffTime(phase, sameServer: stages[f].type, sequences: beta)
        }
        let cross = stages.count - 1 - same
        return total + Double(cross) * cost.handoffTime(phase, sameServer: nil, sequences: beta)
    }

    /// The slowest hand-off of any order: the network when two servers are used, else the
    /// server's link when there are two stages, else none.
    func maxHandoff(_ config: ServerConfiguration, beta: Double) -> Double {
        if config.parts.count > 1 { return cost.handoffTime(.decode, sameServer: nil, sequences: beta) }
        if config.stages.count > 1 { return cost.handoffTime(.decode, sameServer: config.parts[0].type, sequences: beta) }
        return 0
    }
}

/// One layer per stage, then the rest to the cheapest stages first, each up to its cap.
func minSumSplit(tau: [Double], caps: [Int], total: Int) -> [Int] {
    var n = [Int](repeating: 1, count: tau.count)
    var left = total - tau.count
    for i in tau.indices.sorted(by: { (tau[$0], $0) < (tau[$1], $1) }) where left > 0 {
        let add = min(left, caps[i] - 1)
        n[i] += add
        left -= add
    }
    return n
}

/// One layer per stage, then one at a time to the stage whose time after the addition is
/// least (ties to the lower index), each up to its cap.
func minMaxSplit(tau: [Double], extra: [Double], caps: [Int], total: Int) -> [Int] {
    var n = [Int](repeating: 1, count: tau.count)
    for _ in 0..<(total - tau.count) {
        var pick = -1, bestTime = Double.infinity
        for i in tau.indices where n[i] < caps[i] {
            let time = Double(n[i] + 1) * tau[i] + extra[i]
            if time < bestTime { bestTime = time; pick = i }
        }
        n[pick] += 1
    }
    return n
}
