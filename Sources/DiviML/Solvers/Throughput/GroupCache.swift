/// Per device group (by bitmask): its pipeline placement and rate, and its fluid rate,
/// each computed once.
struct GroupCache {
    let problem: SchedulingProblem
    let solver: DataParallelSolver
    let options: SolveOptions
    private var pipelines: [Int: (placement: [Int], period: Double)?] = [:]
    private var fluid: [Int: Double] = [:]
    /// The lowest single-sample latency among all candidates seen (for SLO messages).
    private(set) var fastestPass: Double?
    private(set) var solved = 0
    /// Pipeline solves whose result may differ between runs (`ThroughputResult.mayVary`).
    private(set) var mayVary = 0

    init(problem: SchedulingProblem, solver: DataParallelSolver, options: SolveOptions) {
        self.problem = problem
        self.solver = solver
        self.options = options
    }

    /// Samples per second per unit batch of the group's best pipeline (0 when infeasible).
    mutating func rate(_ group: [Int]) -> Double {
        pipeline(group).map { $0.period > 0 ? 1 / $0.period : .infinity } ?? 0
    }

    mutating func placement(_ group: [Int]) -> [Int]? { pipeline(group)?.placement }

    /// 1 / the fluid period bound of the group: no pipeline on it, nor replicas inside it, beat this.
    mutating func fluidRate(_ group: [Int]) -> Double {
        let key = DeviceGroups.mask(group)
        if let r = fluid[key] { return r }
        let r = problem.restricted(to: group).map { p in FluidBound.period(p) }.map { $0 > 0 ? 1 / $0 : .infinity } ?? 0
        fluid[key] = r
        return r
    }

    private mutating func pipeline(_ group: [Int]) -> (placement: [Int], period: Double)? {
        let key = DeviceGroups.mask(group)
        if let known = pipelines[key] { return known }
        solved += 1
        let found = solve(group)
        pipelines[key] = found
        return found
    }

    /// Offers the group a better pipeline from `solver` (nominal limit `timeLimit`, work
    /// budget `work` units); returns whether the group's period improved. The latency
    /// target, if any, still applies.
    mutating func improve(_ group: [Int], with solver: any ThroughputSolver, timeLimit: Double, work: Double) -> Bool {
        guard let current = pipeline(group), let restricted = problem.restricted(to: group) else { return false }
        var sub = options.limited(to: timeLimit)
        if !sub.wallClock { sub.workLimit = min(work, options.workLimit ?? .infinity) }
        guard let result = try? solver.solveThroughput(restricted, options: sub) else { return false }
        if result.mayVary { mayVary += 1 }
        guard let placement = result.placement else { return false }
        if let limit = self.solver.maxLatency {
            guard let pass = try? Simulator.run(problem, placement: placement), pass.makespan <= limit else { return false }
        }
        let period = PipelineLoad(problem: problem, placement: placement).period
        guard period < current.period * (1 - 1e-12) else { return false }
        pipelines[DeviceGroups.mask(group)] = (placement, period)
        return true
    }

    /// The pipeline candidates on the group, filtered by the latency target, best period first.
    private mutating func solve(_ group: [Int]) -> (placement: [Int], period: Double)? {
        guard let restricted = problem.restricted(to: group) else { return nil }
        var candidates: [[Int]] = []
        if let r = try? solver.pipeline.solveThroughput(restricted, options: options) {
            if r.mayVary { mayVary += 1 }
            if let p = r.placement { candidates.append(p) }
        }
        if solver.maxLatency != nil, let r = try? solver.latency.solve(restricted, options: options) {
            if r.mayVary { mayVary += 1 }
            if let s = r.schedule { candidates.append(s.device) }
        }
        var best: (placement: [Int], period: Double)?
        for placement in candidates {
            if let limit = solver.maxLatency {
                guard let pass = try? Simulator.run(problem, placement: placement) else { continue }
                fastestPass = min(fastestPass ?? .infinity, pass.makespan)
                guard pass.makespan <= limit else { continue }
            }
            let period = PipelineLoad(problem: problem, placement: placement).period
            if best == nil || period < best!.period { best = (placement, period) }
        }
        return best
    }
}
