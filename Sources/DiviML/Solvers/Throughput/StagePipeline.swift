/// Pipeline stages over the chain of segments between split points (docs/design.md §4, model
/// parallel throughput): contiguous runs of segments form stages, each stage on its own
/// device, chosen by a dynamic program that minimises the largest stage load or boundary
/// transfer load.
///
/// Segments end at structural split points, so every tensor crossing a stage boundary
/// leaves the split point that ends the stage (no edge jumps over a split point): the
/// boundary's link load is exact, `Σ_{e out of s} transfer(e, a, b)`. State: (segments
/// done, devices used, device of the last stage); value: the least max load so far:
///
///     best[j'][U ∪ {b}][b] = min over j, a of max(best[j][U][a], load(j+1..j', b), link(s_j, a→b)),
///
/// with each stage's weights within its device's memory. Nodes a stage's device may not
/// run keep their cheapest allowed device; transfers to and from fixed sources and pinned
/// nodes are left to the exact evaluation (`PipelineLoad`) that follows.
/// - Complexity: O(m²·2^K·K²) for m segments; m is coarsened to keep this below ~2·10⁷.
enum StagePipeline {
    /// The stage placement, or nil when no assignment of stages to distinct devices fits.
    static func placement(_ problem: SchedulingProblem) -> [Int]? {
        let k = problem.deviceCount
        guard k <= 12 else { return nil }
        let (chunks, fixed) = problem.chunksAtSplitPoints()
        let limit = max(4, Int((2e7 / Double((1 << k) * k * k)).squareRoot()))
        let segments = coarsen(chunks, to: limit, problem: problem)
        guard !segments.isEmpty else { return fixed.count == problem.nodes.count ? fixed.map { problem.allowedDevices($0)[0] } : nil }
        let table = StageTable(problem, segments)
        let m = segments.count
        let full = 1 << k
        // best[j][mask*k + a]: j segments done, devices `mask` used, last stage on a.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: full * k), count: m + 1)
        var from = [[(j: Int, state: Int)]](repeating: [(j: Int, state: Int)](repeating: (-1, -1), count: full * k), count: m + 1)
        for j in 0..<m {
            for mask in 0..<full where j == 0 ? mask == 0 : mask != 0 {
                for a in 0..<k where j == 0 ? a == 0 : (mask >> a) & 1 == 1 {
                    let here = best[j][mask * k + a]
                    guard j == 0 || here.isFinite else { continue }
                    for b in 0..<k where (mask >> b) & 1 == 0 {
                        let link = j == 0 ? 0 : table.boundary(after: j - 1, from: a, to: b)
                        for end in (j + 1)...m {
                            guard let load = table.load(j, end, on: b) else { break }
                            let value = max(j == 0 ? 0 : here, load, link)
                            let state = (mask | 1 << b) * k + b
                            if value < best[end][state] { best[end][state] = value; from[end][state] = (j, mask * k + a) }
                        }
                    }
                }
            }
        }
        guard let last = best[m].indices.min(by: { best[m][$0] < best[m][$1] }), best[m][last].isFinite else { return nil }
        var placement = [Int](repeating: -1, count: problem.nodes.count)
        var (end, state) = (m, last)
        while end > 0 {
            let step = from[end][state]
            for segment in segments[step.j..<end] { for v in segment { placement[v] = table.device(for: v, stage: state % k) } }
            (end, state) = (step.j, step.state)
        }
        for v in fixed { placement[v] = problem.allowedDevices(v)[0] }
        return placement
    }

    /// Merges adjacent segments (the pair with the least combined cheapest work first)
    /// until at most `limit` remain; merged boundaries are no longer cut candidates.
    static func coarsen(_ segments: [[Int]], to limit: Int, problem: SchedulingProblem) -> [[Int]] {
        var segments = segments
        var work = segments.map { $0.reduce(0.0) { $0 + problem.cheapestCost($1) } }
        while segments.count > limit {
            let pair: [Double] = (0..<(segments.count - 1)).map { work[$0] + work[$0 + 1] }
            let i = pair.indices.min { pair[$0] < pair[$1] }!
            let next = segments.remove(at: i + 1)
            segments[i] += next
            let w = work.remove(at: i + 1)
            work[i] += w
        }
        return segments
    }
}

/// Prefix sums of stage loads and weights per device, and boundary transfer loads.
private struct StageTable {
    let problem: SchedulingProblem
    let segments: [[Int]]
    /// prefixLoad[d][j]: compute on d of segments 0..<j (nodes d may not run counted 0).
    var prefixLoad: [[Double]]
    var prefixBytes: [[Int64]]
    /// prefixBanned[d][j]: how many nodes of segments 0..<j may not run on d and are not pinned.
    var prefixBanned: [[Int]]

    init(_ problem: SchedulingProblem, _ segments: [[Int]]) {
        self.problem = problem
        self.segments = segments
        let k = problem.deviceCount
        prefixLoad = .init(repeating: [0], count: k)
        prefixBytes = .init(repeating: [0], count: k)
        prefixBanned = .init(repeating: [0], count: k)
        for segment in segments {
            for d in 0..<k {
                var load = 0.0, bytes = Int64(0), banned = 0
                for v in segment {
                    if problem.isAllowed(v, on: d) { load += problem.cost(v, on: d); bytes += problem.nodes[v].paramBytes }
                    else if problem.allowedDevices(v).count > 1 { banned += 1 }
                }
                prefixLoad[d].append(prefixLoad[d].last! + load)
                prefixBytes[d].append(prefixBytes[d].last! + bytes)
                prefixBanned[d].append(prefixBanned[d].last! + banned)
            }
        }
    }

    /// Load of segments `start..<end` on device d, or nil if they do not fit or cannot run there.
    func load(_ start: Int, _ end: Int, on d: Int) -> Double? {
        guard prefixBytes[d][end] - prefixBytes[d][start] <= problem.devices[d].memoryBytes,
              prefixBanned[d][end] == prefixBanned[d][start] else { return nil }
        return prefixLoad[d][end] - prefixLoad[d][start]
    }

    /// Transfer load on a→b of the tensors leaving segment j's last node (its split point).
    func boundary(after j: Int, from a: Int, to b: Int) -> Double {
        let s = segments[j].last!
        return problem.outgoing[s].reduce(0) { $0 + problem.transferTime(edge: $1, from: a, to: b) }
    }

    /// The device of `v` in a stage on `d`: d, or its only allowed device when pinned elsewhere.
    func device(for v: Int, stage d: Int) -> Int {
        problem.isAllowed(v, on: d) ? d : problem.allowedDevices(v).min { problem.cost(v, on: $0) < problem.cost(v, on: $1) }!
    }
}
