import Foundation

/// From a problem, a solver choice and the settings to a checked plan: the one entry point
/// of planning, used by `schedule`, `compare` and every benchmark.
///
/// Guarantees: every schedule the plan reports (the latency schedule, or each replica's
/// single-sample pass) has been simulated once and passed the validator (a violation is a
/// programming error and traps); the plan carries the largest proven lower bound and names
/// it; module markers are present exactly when the chosen schedule came from modules.
public enum Planner {
    /// Why no plan came out (worded in `Errors/SolveError+Description.swift`).
    public struct NoPlan: Error, Sendable {
        public var solver: String
        public var status: SolveStatus
    }

    /// A plan with what its outputs need beside the JSON.
    public struct Outcome: Sendable {
        public var plan: Plan
        /// One validated single-sample schedule per replica (one for latency plans).
        public var passes: [Schedule]
        /// Ends of the splitting heuristic's modules in `passes[0]`, when modules were used.
        public var moduleMarkers: [(time: Double, label: String)]
        /// Whether the plan was searched over replica partitions (data parallelism), even
        /// when it settled on one replica.
        public var isDataParallel = false
        /// The schedule to draw and summarise: the latency schedule, or replica 0's pass.
        public var schedule: Schedule { passes[0] }
        /// Each replica's placement (one for latency plans).
        public var placements: [[Int]] { passes.map(\.device) }
    }

    /// Plans `problem` with `choice` under `settings`.
    ///
    /// Ctrl-C (after `SolveInterruption.installSignalHandler()`) stops the running solves of
    /// this plan and every later solve of it; the best schedule so far is returned.
    /// - Throws: `InputError.conflictingOptions` when the settings do not apply to the choice
    ///   (`PlanSettings.check(for:)`); `InputError.noWork` when the plan finishes at 0 s; `NoPlan`; `ServiceLevelUnreachable`; `HeuristicDeadEnd`;
    ///   `SolverLibraryError` when an exact engine's library cannot be loaded.
    public static func plan(_ problem: SchedulingProblem, choice: SolverChoice, settings: PlanSettings) throws -> Outcome {
        try settings.check(for: choice)
        SolveInterruption.reset()
        switch settings.objective {
        case .latency: return try latency(problem, solver: try choice.latencySolver(settings), settings: settings)
        case .throughput where choice.replicates:
            return try replicated(problem, solver: choice.dataParallelSolver(settings), settings: settings)
        case .throughput: return try throughput(problem, solver: try choice.throughputSolver(settings), settings: settings)
        }
    }

    /// The latency plan of a placement given from outside (`FixedPlacementSolver`: nodes
    /// without a device list-scheduled onto the CPU cores), checked and bounded as any plan.
    /// - Throws: as `plan`, and `HeuristicDeadEnd` when a node fits nowhere it may go.
    public static func evaluate(_ problem: SchedulingProblem, placement: [Int?], name: String, settings: PlanSettings) throws -> Outcome {
        SolveInterruption.reset()
        return try latency(problem, solver: FixedPlacementSolver(name: name, placement: placement), settings: settings)
    }

    static func latency(_ problem: SchedulingProblem, solver: any LatencySolver, settings: PlanSettings) throws -> Outcome {
        let result = try solver.solve(problem, options: settings.solveOptions)
        guard let schedule = result.schedule else { throw NoPlan(solver: result.solver, status: result.status) }
        check(schedule, problem, solver: result.solver)
        try requireWork(schedule.makespan, problem)
        let clock = ContinuousClock.now
        var bounds = LowerBounds.latency(problem) + [result.lowerBound.map { LowerBounds.Value(name: "\(result.solver)'s proven bound", seconds: $0) }].compactMap { $0 }
        var notes = result.notes
        var chosen = schedule
        let proven = result.status == .optimal || bounds.contains { $0.seconds >= schedule.makespan * (1 - 1e-12) }
        if settings.boundTimeLimit > 0, proven {
            notes.append("bound: the plan is proven optimal already, so the bound budget is not spent")
        } else if settings.boundTimeLimit > 0 {
            let relaxed = relaxationBound(problem, settings: settings, solveSeconds: result.solveSeconds)
            bounds.append(relaxed.report.value)
            notes.append(relaxed.note)
            if let chain = relaxed.chain {
                let joined = "\(chain.how) finish at \(formatSeconds(chain.schedule.makespan))"
                if chain.schedule.makespan < schedule.makespan * (1 - 1e-12) {
                    check(chain.schedule, problem, solver: "segment chain")
                    chosen = chain.schedule
                    notes.append("plan: \(joined), before \(result.solver)'s \(formatSeconds(schedule.makespan))")
                } else {
                    notes.append("plan: \(result.solver)'s; \(joined)")
                }
            } else if relaxed.report.schedules.isEmpty || relaxed.report.schedules.contains(where: { $0 == nil }) {
                notes.append("plan: \(result.solver)'s; the graph's own segments were not all solved (the bound came from the graph without its long edges, or the time ran out), so none were joined")
            } else {
                notes.append("plan: \(result.solver)'s; the segments' sub-schedules do not join into a valid plan (memory over the whole graph, or the time ran out)")
            }
        }
        let strongest = strongest(bounds)
        if settings.boundTimeLimit == 0, let b = strongest, case let gap = Plan.gap(upper: chosen.makespan, lower: b.seconds), gap > 0.1 {
            // Splitting spends what --time-limit adds on its chunks (SplittingSolver.extraResolveShare).
            let betterPlan = ["split", "auto"].contains(result.solver) && settings.timeLimit < 300
                ? "; --time-limit 300 a better plan (more work for splitting's chunks between split points)" : ""
            notes.append("gap \(String(format: "%.1f%%", 100 * gap)) to the \(b.name) bound; "
                + "--bound-time-limit 300 tries a stronger bound (per-segment relaxations bounded by CP-SAT; nominal seconds of work, usually far less wall time)"
                + betterPlan)
        }
        var annotated = result
        annotated.notes = notes
        let reference = SingleDevice.fastest(problem).map { (problem.devices[$0.device].name, $0.schedule!.makespan) }
        var plan = Plan(latency: chosen, problem: problem, result: annotated, platform: settings.platform,
                        lowerBound: strongest, reference: reference)
        plan.lowerBoundComputeSeconds = clock.secondsElapsed
        let modules = chosen.device == schedule.device ? result.modules : []
        return Outcome(plan: plan, passes: [chosen], moduleMarkers: ModulePartition.boundaries(of: modules, in: chosen))
    }
    static func throughput(_ problem: SchedulingProblem, solver: any ThroughputSolver, settings: PlanSettings) throws -> Outcome {
        let result = try solver.solveThroughput(problem, options: settings.solveOptions)
        guard let placement = result.placement else { throw NoPlan(solver: result.solver, status: result.status) }
        let pass = try result.passSchedule.flatMap { $0.device == placement ? $0 : nil } ?? Simulator.run(problem, placement: placement)
        check(pass, problem, solver: result.solver)
        try requireWork(PipelineLoad(problem: problem, placement: placement).period, problem)
        let bounds = LowerBounds.period(problem) + [result.lowerBound.map { LowerBounds.Value(name: "\(result.solver)'s proven bound", seconds: $0) }].compactMap { $0 }
        let plan = Plan(throughput: [pass], problem: problem, result: result, platform: settings.platform, batch: settings.batch,
                        lowerBound: strongest(bounds), reference: try singleDeviceReference(problem, settings))
        return Outcome(plan: plan, passes: [pass], moduleMarkers: [])
    }

    /// Data parallelism: replicas on disjoint device groups, each a model-parallel
    /// pipeline. The bound is the fluid period bound (valid for replicas, see
    /// `FluidBound.period`; the single-node bound is not, since replicas divide a node's
    /// work), and the gap is taken on the effective period batch / Σ throughput.
    static func replicated(_ problem: SchedulingProblem, solver: DataParallelSolver, settings: PlanSettings) throws -> Outcome {
        let result = try solver.solve(problem, options: settings.solveOptions)
        guard !result.replicas.isEmpty else { throw NoPlan(solver: result.solver, status: result.status) }
        let passes = try result.replicas.map { try Simulator.run(problem, placement: $0) }
        for pass in passes { check(pass, problem, solver: result.solver) }
        for placement in result.replicas { try requireWork(PipelineLoad(problem: problem, placement: placement).period, problem) }
        // The LP with every link holds for replicas that share no device or link (see
        // `LinkedFluidBound`); the forced-links bound is kept otherwise.
        let bound = LinkedFluidBound.replicasShareNoResource(problem, replicas: result.replicas)
            ? LowerBounds.Value(name: "fluid load with links (HiGHS LP)", seconds: LowerBounds.fluidPeriod(problem))
            : LowerBounds.Value(name: "fluid load", seconds: FluidBound.period(problem))
        let summary = ThroughputResult(solver: result.solver, placement: result.replicas.first, status: result.status,
                                       lowerBound: result.lowerBound, solveSeconds: result.solveSeconds, notes: result.notes)
        let plan = Plan(throughput: passes, problem: problem, result: summary, platform: settings.platform, batch: settings.batch,
                        lowerBound: bound, reference: try singleDeviceReference(problem, settings))
        return Outcome(plan: plan, passes: passes, moduleMarkers: [], isDataParallel: true)
    }

    /// A makespan or period of 0 s leaves no speedup (0/0) or throughput (B/0) to state.
    /// - Throws: `InputError.noWork` naming the problem.
    private static func requireWork(_ seconds: Double, _ problem: SchedulingProblem) throws {
        guard seconds > 0 else { throw InputError.noWork(model: problem.name) }
    }

    /// The per-segment relaxations bounded by CP-SAT (`SegmentRelaxation`) with
    /// `settings.boundTimeLimit` seconds of work, within what is left of `timeLimit` after
    /// the solve, stopped by Ctrl-C; the plan their sub-schedules join into
    /// (`SegmentChain`); and the note that says what it did.
    private static func relaxationBound(_ problem: SchedulingProblem, settings: PlanSettings, solveSeconds: Double)
        -> (report: LowerBounds.RelaxationReport, chain: (schedule: Schedule, how: String)?, note: String) {
        let clock = ContinuousClock.now
        let left = max(0, settings.timeLimit - solveSeconds)
        var options = settings.solveOptions
        options.timeLimit = left
        let engine = SplittingSolver.defaultModuleSolver
        let r = LowerBounds.segmentRelaxation(problem, engine: engine, options: options, budgetSeconds: settings.boundTimeLimit) {
            SolveInterruption.wasInterrupted ? 0 : left - clock.secondsElapsed
        }
        let share = settings.boundTimeLimit / Double(max(1, r.relaxation.chunks.count))
        var chainOptions = options
        chainOptions.timeLimit = left - clock.secondsElapsed
        var chain: (schedule: Schedule, how: String)?
        if !SolveInterruption.wasInterrupted, chainOptions.timeLimit > 0,
           let joined = SegmentChain.schedule(r.relaxation, schedules: r.schedules, engine: engine, options: chainOptions, shareSeconds: share) {
            chain = (joined.schedule, "the segments' sub-schedules joined (\(joined.resolved) solved again with their neighbours' devices)")
        }
        chainOptions.timeLimit = left - clock.secondsElapsed
        var report = r
        var dpNote = ""
        // Only over the problem's own chunks, and not when they are few and large (the
        // engine went to the finer chunks of the problem without its long edges).
        if !SolveInterruption.wasInterrupted, chainOptions.timeLimit > 0, !r.finerChunks,
           let dp = SegmentChain.dynamicProgram(r.relaxation, chunkBounds: r.chunkBounds, engine: engine, options: chainOptions, budgetSeconds: settings.boundTimeLimit,
                                                secondsLeft: { SolveInterruption.wasInterrupted ? 0 : left - clock.secondsElapsed }) {
            dpNote = "; split-point device chain (\(formatSeconds(dp.bound))), CP-SAT proved \(dp.proved) of \(dp.solves) (entry, exit) pairs"
            if dp.bound > report.value.seconds { report.value = LowerBounds.Value(name: "split-point device chain", seconds: dp.bound) }
            report.mayVary = report.mayVary || dp.mayVary
            if let s = dp.schedule, s.makespan < chain?.schedule.makespan ?? .infinity {
                chain = (s, "the segments joined by a dynamic program over their split points' devices (\(dp.solves) sub-solves)")
            }
        }
        let what = engine == nil
            ? "CP-SAT unavailable (\(ExactAvailability.cpsatProblem ?? "not loaded")): segments bounded by closed forms only"
            : "CP-SAT proved \(r.proved) of \(r.solves) segments' optima"
        let note = "bound: segment relaxations (\(formatSeconds(r.value.seconds))), \(what)\(dpNote), in \(formatSeconds(clock.secondsElapsed))"
            + (report.mayVary ? "; stopped by the clock, so the bound may vary between runs" : "")
        return (report, chain, note)
    }

    /// Traps unless `schedule` passes every rule of the model: solvers promise valid
    /// schedules, so a violation is a programming error.
    private static func check(_ schedule: Schedule, _ problem: SchedulingProblem, solver: String) {
        let violations = Validator.violations(of: schedule, for: problem)
        precondition(violations.isEmpty, "\(solver) returned an invalid schedule: \(violations.prefix(3))")
    }

    /// The largest bound; ties keep the first listed.
    private static func strongest(_ bounds: [LowerBounds.Value]) -> LowerBounds.Value? {
        bounds.reduce(nil) { best, b in best.map { b.seconds > $0.seconds ? b : $0 } ?? b }
    }

    /// The best single device's period, the reference for the speedup.
    private static func singleDeviceReference(_ problem: SchedulingProblem, _ settings: PlanSettings) throws -> (device: String, period: Double)? {
        try SingleDeviceThroughputSolver().solveThroughput(problem, options: settings.solveOptions).placement.map { p in
            let load = PipelineLoad(problem: problem, placement: p)
            return (device: load.bottleneck.describe(problem.devices.map(\.name)), period: load.period)
        }
    }
}
