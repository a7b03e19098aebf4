import Foundation

/// Model-parallel pipeline placement (docs/design.md §4, throughput; the splitting heuristic's
/// throughput side): the best of
/// - the stage DP over the chain of segments between split points (`StagePipeline`),
///   refined by single-node moves that lower the period (`LoadTracker`'s local search);
/// - greedy load balancing (`GreedyThroughputSolver`);
/// - `exact`, when given (CP-SAT's max-load model), hinted by the best of the above and
///   run only on graphs of at most `exactMaxNodes` nodes, where it is not a chain worth
///   splitting.
/// Every candidate is scored by `PipelineLoad`, so the period is exact for the placement.
/// - Complexity: the DP's O(m²·2^K·K²) plus the local search's O(|V|·|K|·(deg + |K|)) per pass.
public struct ModelParallelSolver: ThroughputSolver {
    public let name: String
    public var exact: (any ThroughputSolver)?
    public var exactMaxNodes: Int
    /// Seconds for the exact engine per pipeline (a data-parallel search runs one per device group).
    public var exactTimeLimit = 5.0
    public var maxPasses = 50

    public init(name: String = "split", exact: (any ThroughputSolver)? = nil, exactMaxNodes: Int = 60) {
        self.name = name
        self.exact = exact
        self.exactMaxNodes = exactMaxNodes
    }

    public func solveThroughput(_ problem: SchedulingProblem, options: SolveOptions) throws -> ThroughputResult {
        let clock = ContinuousClock.now
        var candidates: [(name: String, placement: [Int])] = []
        if let stages = StagePipeline.placement(problem), let refined = refine(problem, stages) {
            candidates.append(("stage DP + local search", refined))
        }
        if let greedy = try? GreedyThroughputSolver().solveThroughput(problem, options: options).placement {
            candidates.append(("greedy", greedy))
        }
        let period = { (p: [Int]) in PipelineLoad(problem: problem, placement: p).period }
        var status = SolveStatus.heuristic
        var notes: [String] = []
        var lowerBound: Double?
        var mayVary = false
        if let exact, problem.nodes.count <= exactMaxNodes {
            var exactOptions = options.limited(to: exactTimeLimit)
            exactOptions.hint = candidates.min { period($0.placement) < period($1.placement) }.flatMap { try? Simulator.run(problem, placement: $0.placement) }
            do {
                let result = try exact.solveThroughput(problem, options: exactOptions)
                if let p = result.placement { candidates.append((exact.name, p)) }
                lowerBound = result.lowerBound
                if result.status == .optimal { status = .optimal }
                // Its placement may not win, but it took part in the choice.
                if result.mayVary { mayVary = true; notes += result.notes.filter { $0.contains("may vary") } }
            } catch {
                notes.append("\(exact.name) unavailable (\(error)); heuristic placements only")
            }
        }
        guard let best = candidates.min(by: { period($0.placement) < period($1.placement) }) else {
            return ThroughputResult(solver: name, placement: nil, status: .infeasible("no stage assignment or greedy placement fits"),
                                    solveSeconds: clock.secondsElapsed, notes: notes)
        }
        if best.name != exact?.name { status = .heuristic }
        notes.insert("best of \(candidates.map(\.name).joined(separator: ", ")): \(best.name)", at: 0)
        var result = ThroughputResult(solver: name, placement: best.placement, status: status, lowerBound: lowerBound,
                                      solveSeconds: clock.secondsElapsed, notes: notes)
        result.mayVary = mayVary
        return result
    }

    /// `placement` improved by single-unit moves, or nil if it splits a group or breaks memory.
    func refine(_ problem: SchedulingProblem, _ placement: [Int]) -> [Int]? {
        var loads = LoadTracker(problem)
        for v in problem.nodes.indices where loads.placement[v] < 0 {
            let unit = loads.unit(of: v)
            guard unit.allSatisfy({ placement[$0] == placement[v] }), loads.feasibleDevices(for: unit).contains(placement[v]) else { return nil }
            loads.move(unit, to: placement[v])
        }
        var passes = 0
        while passes < maxPasses, loads.improveOnce() { passes += 1 }
        return loads.placement
    }
}
