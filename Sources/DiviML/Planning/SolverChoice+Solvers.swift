/// How each choice becomes a solver under the settings: the planning decisions that used
/// to live in the command line (which engine, which wrapper for a serving target, which
/// splitting configuration), made in one place.
extension SolverChoice {
    /// The splitting heuristic with the settings' module sizes.
    static func splitting(_ s: PlanSettings) -> SplittingSolver {
        SplittingSolver(minModule: s.minModule, maxModule: s.maxModule, cutMethod: s.moduleCut, moduleTimeLimit: s.moduleTimeLimit)
    }

    /// CP-SAT with the settings' gap, under a serving target if given.
    static func cpsat(_ s: PlanSettings, serviceLevel: ServiceLevel? = nil) -> CPSATSolver {
        CPSATSolver(relativeGap: s.relativeGap, serviceLevel: serviceLevel)
    }

    /// The MILP with the settings' gap and model files, under a serving target if given.
    static func milp(_ s: PlanSettings, serviceLevel: ServiceLevel? = nil) -> MILPSolver {
        MILPSolver(relativeGap: s.relativeGap, writeMPS: s.writeMPS, writeLP: s.writeLP, serviceLevel: serviceLevel)
    }

    /// The latency solver of this choice, under the throughput floor when one is set: the
    /// exact engines enforce it as a constraint (and name the best rate when it is
    /// unreachable); the others are filtered by `ThroughputFloorSolver`.
    func latencySolver(_ s: PlanSettings) throws -> any LatencySolver {
        let plain: any LatencySolver = switch self {
        case .auto: AutoLatencySolver(splitting: Self.splitting(s), exact: Self.cpsat(s))
        case .split: Self.splitting(s)
        case .heft: HEFTSolver()
        case .greedy: GreedySolver()
        case .random: RandomSolver()
        case .single: FastestSingleDeviceSolver()
        case .exact, .cpsat: Self.cpsat(s)
        case .milp: Self.milp(s)
        }
        guard let y = s.minThroughput else { return plain }
        let minRate = y / Double(s.batch)
        let target = "--min-throughput \(y) samples/s"
        guard needsExactEngine else { return ThroughputFloorSolver(base: plain, minRate: minRate, targetText: target) }
        let level = ServiceLevel(maxPeriod: 1 / minRate)
        let engine: any LatencySolver = isCPSAT ? Self.cpsat(s, serviceLevel: level) : Self.milp(s, serviceLevel: level)
        let best: any ThroughputSolver = isCPSAT ? Self.cpsat(s) : MILPSolver(relativeGap: s.relativeGap)
        return ThroughputFloorSolver(base: engine, pipeline: best, minRate: minRate, targetText: target)
    }

    /// The single-pipeline throughput solver of this choice (not `auto` or `split`, which
    /// replicate); the exact engines under the latency ceiling when one is set.
    func throughputSolver(_ s: PlanSettings) throws -> any ThroughputSolver {
        if let x = s.maxLatency, needsExactEngine {
            let engine: any LatencyCeilingEngine = isCPSAT ? Self.cpsat(s) : Self.milp(s)
            return LatencyCeilingSolver(engine: engine, maxLatency: x, targetText: "--max-latency \(x) s")
        }
        switch self {
        case .auto, .split, .greedy: return GreedyThroughputSolver()
        case .heft: return HEFTThroughputSolver()
        case .random: return RandomThroughputSolver()
        case .single: return SingleDeviceThroughputSolver()
        case .exact, .cpsat: return Self.cpsat(s)
        case .milp: return Self.milp(s)
        }
    }

    /// Data parallelism over model-parallel pipelines (`auto` and `split` for throughput),
    /// CP-SAT refining the chosen groups when it loads.
    func dataParallelSolver(_ s: PlanSettings) -> DataParallelSolver {
        let exact = ExactAvailability.cpsatUsable ? Self.cpsat(s) : nil
        return DataParallelSolver(pipeline: ModelParallelSolver(exact: exact), latency: Self.splitting(s),
                                  maxLatency: s.maxLatency, refine: exact)
    }
}
