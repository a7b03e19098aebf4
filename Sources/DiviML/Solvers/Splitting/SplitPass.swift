import Foundation

/// One forward sweep of the splitting heuristic over the modules (`SplittingSolver`), from
/// a reference placement of the whole graph.
struct SplitPass {
    let problem: SchedulingProblem
    let partition: ModulePartition
    let reference: [Int]
    let solver: SplittingSolver
    let options: SolveOptions
    let stop: SplitStop
    let progress: SolveProgress
    let sweep: Int
    /// Work units left for exact module solves.
    let units: Double

    struct Outcome {
        var schedule: Schedule
        var unitsLeft: Double
    }

    /// One module solve's result.
    private struct Job: Sendable {
        var state: PlacementState
        var objective: (Double, Double)
        var exact: ExactModuleTry = .notRun
    }

    /// Runs the sweep. - Returns: the best complete schedule it built (nil at a dead end,
    /// which the reference's reserved memory rules out unless the problem is infeasible).
    func run(_ log: inout ModuleLog) -> Outcome? {
        let rank = Simulator.upwardRank(problem, placement: reference)
        let tail = problem.nodes.indices.map { rank[$0] - problem.cost($0, on: reference[$0]) }
        let position = DAG.positions(of: HEFTSolver.priorityOrder(problem, rank: rank))
        var states = [initialState()]
        var unitsLeft = units
        let perSolve = WorkBudget.units(forSeconds: solver.moduleTimeLimit)
        // Exact solves affordable, spread evenly over the modules (a module gets them when
        // its credit covers all its jobs).
        let share = perSolve > 0 ? (units / perSolve).rounded(.down) / Double(max(1, partition.modules.count)) : 0
        var credit = 0.0
        for (m, module) in partition.modules.enumerated() {
            let stopped = stop.reached
            progress.update(detail: "sweep \(sweep), module \(m + 1)/\(partition.modules.count), \(formatSeconds(stop.secondsLeft)) left")
            let nodes = module.nodes.sorted { position[$0] < position[$1] }
            let search = ModuleSearch(problem: problem, nodes: nodes, tail: tail, reference: reference,
                                      passes: stopped ? 0 : solver.passes, maxCandidates: solver.beam)
            let jobs = states.indices.flatMap { i in
                (stopped ? [nil] : pinChoices(module.splitPoint, states[i])).map { (state: i, pin: $0) }
            }
            credit += share
            let exact = !stopped && solver.moduleSolver != nil && credit >= Double(jobs.count) && unitsLeft >= perSolve * Double(jobs.count)
            if exact {
                unitsLeft -= perSolve * Double(jobs.count)
                credit -= Double(jobs.count)
            }
            let current = states
            let outcomes = concurrentMap(jobs, workers: options.workers) { job -> Job? in
                var state = current[job.state]
                guard search.run(&state, pin: job.pin) else { return nil }
                var result = Job(state: state, objective: search.objective(state))
                if exact { tryExact(search, from: current[job.state], pin: job.pin, splitPoint: module.splitPoint, against: &result) }
                return result
            }.compactMap { $0 }
            log.record(outcomes.map(\.exact))
            states = Self.keep(outcomes, splitPoint: module.splitPoint, beam: solver.beam)
            guard !states.isEmpty else { return nil }
        }
        let best = states.min { ($0.schedule.makespan) < ($1.schedule.makespan) }!
        return Outcome(schedule: best.schedule, unitsLeft: unitsLeft)
    }

    /// The empty schedule with the reference placement's weights reserved.
    private func initialState() -> PlacementState {
        var state = PlacementState(problem)
        state.reserve(reference)
        return state
    }

    /// The devices tried for a split point: the reference's and the `beam` cheapest for it
    /// where it fits in `state`.
    private func pinChoices(_ splitPoint: Int?, _ state: PlacementState) -> [(node: Int, device: Int)?] {
        guard let s = splitPoint, !ModuleSearch.isColocated(s, problem) else { return [nil] }
        var free = state
        free.releaseReservation(of: s, on: reference[s])
        let cheapest = ModuleSearch.cheapest(s, problem: problem, count: solver.beam) { free.fits(s, on: $0) }
        let devices = Set(cheapest).union([reference[s]]).sorted()
        return devices.count > 1 ? devices.map { (s, $0) } : [nil]
    }

    /// The exact module solve from `before`, hinted by the local search's placement; replaces
    /// `job` when its objective is better.
    private func tryExact(_ search: ModuleSearch, from before: PlacementState, pin: (node: Int, device: Int)?,
                          splitPoint: Int?, against job: inout Job) {
        guard let engine = solver.moduleSolver else { return }
        var state = before
        var fixed: [Int: Int] = [:]
        for (v, k) in zip(search.nodes, search.fixedDevices(state, pin: pin)) { if let k { fixed[v] = k } }
        search.releaseReservations(&state)
        guard let sub = ModuleProblem.make(problem, module: search.nodes, state: state, fixed: fixed) else { return }
        let hintPlacement = search.nodes.map { job.state.schedule.device[$0] }
            + (search.nodes.count..<sub.problem.nodes.count).map { sub.problem.allowedDevices($0)[0] }
        var o = options.limited(to: solver.moduleTimeLimit)
        o.timeLimit = min(o.timeLimit, max(0.01, stop.secondsLeft))
        o.workers = 1
        o.progress = false
        o.hint = try? Simulator.run(sub.problem, placement: hintPlacement)
        do {
            let result = try engine.solve(sub.problem, options: o)
            let (optimal, mayVary) = (result.status == .optimal, result.mayVary)
            guard let schedule = result.schedule else { job.exact = .worse(optimal: false, mayVary: mayVary); return }
            sub.apply(schedule, to: &state)
            let objective = search.objective(state)
            if Self.score(state, objective, splitPoint: splitPoint) < Self.score(job.state, job.objective, splitPoint: splitPoint) {
                job = Job(state: state, objective: objective, exact: .better(optimal: optimal, mayVary: mayVary))
            } else {
                job.exact = .worse(optimal: optimal, mayVary: mayVary)
            }
        } catch {
            job.exact = .failed("\(error)")
        }
    }

    /// How a module solve is judged: at a split point s by s's finish first (what the
    /// dynamic program keeps), then by the module's objective.
    private static func score(_ state: PlacementState, _ objective: (Double, Double), splitPoint: Int?) -> (Double, Double, Double) {
        (splitPoint.map { state.schedule.finish[$0] } ?? 0, objective.0, objective.1)
    }

    /// The states to carry on: after a split point s, for each device of s the one that
    /// finishes s earliest (ties: smaller objective), the `beam` earliest of those;
    /// otherwise every state.
    private static func keep(_ jobs: [Job], splitPoint: Int?, beam: Int) -> [PlacementState] {
        guard let s = splitPoint else { return jobs.map(\.state) }
        var best: [Int: Job] = [:]
        for job in jobs {
            let k = job.state.schedule.device[s]
            if let old = best[k], (old.state.schedule.finish[s], old.objective.0, old.objective.1)
                <= (job.state.schedule.finish[s], job.objective.0, job.objective.1) { continue }
            best[k] = job
        }
        let ranked = best.keys.sorted { a, b in
            (best[a]!.state.schedule.finish[s], best[a]!.objective.0, a) < (best[b]!.state.schedule.finish[s], best[b]!.objective.0, b)
        }
        return ranked.prefix(max(1, beam)).sorted().map { best[$0]!.state }
    }
}
