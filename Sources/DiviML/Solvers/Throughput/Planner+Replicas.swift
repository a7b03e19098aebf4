extension Planner {
    /// A throughput plan with data parallelism: replicas on disjoint device groups, each a
    /// model-parallel pipeline. The bound is the fluid period bound (valid for replicas, see
    /// `FluidBound.period`; the single-node bound is not, since replicas divide a node's
    /// work), and the gap is taken on the effective period batch / Σ throughput.
    /// - Throws: `NoPlan` when no group can run the model; `ServiceLevelUnreachable`.
    public static func replicatedThroughput(_ problem: SchedulingProblem, solver: DataParallelSolver, options: SolveOptions,
                                            platform: String?, batch: Int) throws -> (plan: Plan, result: ReplicatedThroughputResult) {
        let result = try solver.solve(problem, options: options)
        guard !result.replicas.isEmpty else { throw NoPlan(solver: result.solver, status: result.status) }
        for placement in result.replicas {
            let pass = try Simulator.run(problem, placement: placement)
            let violations = Validator.violations(of: pass, for: problem)
            precondition(violations.isEmpty, "\(result.solver) returned an invalid replica: \(violations.prefix(3))")
        }
        // The LP with every link holds for replicas that share no device or link (see
        // `LinkedFluidBound`); the forced-links bound is kept otherwise, as before.
        let bound = LinkedFluidBound.replicasShareNoResource(problem, replicas: result.replicas)
            ? LowerBounds.fluidPeriod(problem) : FluidBound.period(problem)
        let reference = try SingleDeviceThroughputSolver().solveThroughput(problem, options: options).placement.map { p in
            let load = PipelineLoad(problem: problem, placement: p)
            return (device: load.bottleneck.describe(problem.devices.map(\.name)), period: load.period)
        }
        let summary = ThroughputResult(solver: result.solver, placement: result.replicas.first, status: result.status,
                                       lowerBound: result.lowerBound, solveSeconds: result.solveSeconds, notes: result.notes)
        let plan = try Plan(throughput: result.replicas, problem: problem, result: summary, platform: platform, batch: batch,
                            lowerBound: bound, reference: reference)
        return (plan, result)
    }
}
