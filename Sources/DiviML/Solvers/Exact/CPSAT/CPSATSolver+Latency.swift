import Foundation

extension CPSATSolver {
    /// Minimises the makespan (docs/design.md §2 latency semantics, docs/formulations.md).
    /// - Throws: `SolverLibraryError` when libortools cannot be loaded.
    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let clock = Date()
        let library = try CPSATLibrary(environment: environment)
        let maxPeriod = serviceLevel?.maxPeriod
        let meets = { (s: Schedule) in maxPeriod.map { PipelineLoad(problem: problem, placement: s.device).period <= $0 } ?? true }
        let warm = ExactModelFacts.startingSchedule(problem, hint: options.hint).flatMap { meets($0) ? $0 : nil }
        var model = CPSATLatencyModel(problem, warmStart: warm)
        if let maxPeriod { model.limitPeriod(to: maxPeriod) }
        let response = try run(library, model.builder.finished(name: problem.name), options, scale: model.scale, label: "exact",
                           warmStart: warm?.makespan)
        let elapsed = Date().timeIntervalSince(clock)
        let reason = maxPeriod.map { Self.periodReason($0, problem) } ?? Self.infeasibilityReason(problem)
        var status = Self.status(response, infeasible: reason)
        var notes: [String] = []
        var schedule: Schedule?
        if !response.solution.isEmpty {
            schedule = try model.schedule(from: response.solution)
            if let s = schedule, !meets(s) {
                schedule = nil
                notes.append("CP-SAT's schedule missed the period limit when re-simulated; discarded")
            }
        }
        if let w = warm, schedule.map({ w.makespan < $0.makespan }) ?? true, !status.isInfeasible || maxPeriod != nil {
            if schedule == nil { notes.append("CP-SAT found no schedule within the limit; returning the warm start") }
            schedule = w
            if status == .optimal || status.isInfeasible { status = .feasible }
        }
        var bound: Double?
        if let s = schedule, response.status == .optimal || response.status == .feasible {
            bound = min(model.scale.seconds(bound: response.bestObjectiveBound), s.makespan)
        }
        status = status.demotedIfGap(value: schedule?.makespan, bound: bound)
        notes.append("CP-SAT: \(response.numConflicts) conflicts, \(response.numBranches) branches, "
            + "\(String(format: "%.3g", response.deterministicTime)) work units, tick = \(String(format: "%.3g", 1 / model.scale.ticksPerSecond)) s")
        let stop = Self.stopping(response, options)
        if let note = stop.note { notes.append(note) }
        return SolverResult(solver: name, schedule: schedule, status: status, lowerBound: bound, solveSeconds: elapsed, notes: notes,
                            mayVary: stop.mayVary)
    }
}

extension SolveStatus {
    var isInfeasible: Bool { if case .infeasible = self { true } else { false } }

    /// `optimal` only when the reported bound meets the reported value (to 1e-5 relative,
    /// above the rounding margins); an engine stopped by a gap limit says `feasible`.
    func demotedIfGap(value: Double?, bound: Double?) -> SolveStatus {
        guard self == .optimal, let value, let bound else { return self }
        return value - bound <= 1e-5 * max(bound, 1e-12) ? self : .feasible
    }
}

/// The CP-SAT latency model of a problem (docs/formulations.md, "CP-SAT latency").
struct CPSATLatencyModel {
    let problem: SchedulingProblem
    let scale: TickScale
    var builder = CPModelBuilder()
    let placement: CPSATPlacement
    private(set) var start: [Int32] = []
    private(set) var end: [Int32] = []
    private(set) var makespan: Int32 = 0
    /// Rounded-up durations in ticks, `[v][k]` (0 where not allowed).
    let cost: [[Int64]]

    init(_ p: SchedulingProblem, warmStart: Schedule?) {
        problem = p
        // A chain sums at most 2|V| + 1 rounded terms, a load (service levels) at most max(|V|, |E|).
        scale = TickScale(horizonSeconds: ExactModelFacts.serialHorizon(p), roundedTerms: max(2 * p.nodes.count + 1, p.edges.count))
        let s = scale
        cost = p.nodes.map { n in n.cost.map { c in c.map { s.ticks($0) } ?? 0 } }
        placement = CPSATPlacement(p, &builder)
        let horizon = horizonTicks()
        for v in p.nodes.indices {
            let lo = s.ticks(p.release[v])
            start.append(builder.newInt(lo, horizon, "s_\(v)"))
            end.append(builder.newInt(lo, horizon, "e_\(v)"))
        }
        makespan = builder.newInt(0, horizon, "makespan")
        addDurationsAndDevices()
        addPrecedences()
        for v in p.nodes.indices where p.outgoing[v].isEmpty { builder.linear([(makespan, 1), (end[v], -1)], 0, .max / 4) }
        builder.minimize(makespan)
        if let w = warmStart { addHint(w) }
    }

    /// Every semi-active schedule of the rounded model ends by this tick (docs/design.md §2 chain argument).
    private func horizonTicks() -> Int64 {
        let p = problem
        let lead = max(scale.ticks(p.release.max() ?? 0), scale.ticks(p.deviceReady.max() ?? 0))
        let work = cost.reduce(Int64(0)) { $0 + ($1.max() ?? 0) }
        let moves = p.edges.indices.reduce(Int64(0)) { $0 + scale.ticks(ExactModelFacts.slowestTransfer(p, edge: $1)) }
        return lead + work + moves
    }

    /// end = start + Σ cost·x; optional intervals in a no-overlap per device for nodes of
    /// positive cost there (zero-length nodes occupy no device); device-ready times.
    private mutating func addDurationsAndDevices() {
        let p = problem
        var intervals = [[Int32]](repeating: [], count: p.deviceCount)
        for v in p.nodes.indices {
            var terms: [(Int32, Int64)] = [(end[v], 1), (start[v], -1)]
            for k in p.devices.indices {
                guard let lit = placement.presence[v][k] else { continue }
                if cost[v][k] > 0 {
                    terms.append((lit, -cost[v][k]))
                    intervals[k].append(builder.optionalInterval(start: start[v], size: cost[v][k], presence: lit))
                    let ready = scale.ticks(p.deviceReady[k])
                    if ready > 0 { builder.linear([(start[v], 1)], ready, .max / 4, if: [lit]) }
                }
            }
            builder.linear(terms, 0, 0)
        }
        for list in intervals where list.count > 1 { builder.noOverlap(list) }
    }

    /// start[v] >= end[u] always, and >= end[u] + transfer(a, b) when u is on a and v on b.
    private mutating func addPrecedences() {
        let p = problem
        for (e, edge) in p.edges.enumerated() {
            let (u, v) = (edge.from, edge.to)
            builder.linear([(start[v], 1), (end[u], -1)], 0, .max / 4)
            for a in p.devices.indices { for b in p.devices.indices where a != b {
                guard let xa = placement.presence[u][a], let xb = placement.presence[v][b] else { continue }
                let t = scale.ticks(p.transferTime(edge: e, from: a, to: b))
                if t > 0 { builder.linear([(start[v], 1), (end[u], -1)], t, .max / 4, if: [xa, xb]) }
            } }
        }
    }

    /// Hints the warm start, re-timed in ticks so the hint is a feasible assignment.
    private mutating func addHint(_ w: Schedule) {
        let p = problem
        let devices = ExactModelFacts.canonical(p, placement: w.device)
        var position = [Int](repeating: 0, count: p.nodes.count)
        for (i, v) in p.topologicalOrder.enumerated() { position[v] = i }
        let sequence = p.nodes.indices.sorted { (w.start[$0], position[$0]) < (w.start[$1], position[$1]) }
        var s = [Int64](repeating: 0, count: p.nodes.count), f = s
        var free = p.deviceReady.map { scale.ticks($0) }
        for v in sequence {
            let k = devices[v]
            var t = scale.ticks(p.release[v])
            if cost[v][k] > 0 { t = max(t, free[k]) }
            for e in p.incoming[v] {
                let u = p.edges[e].from
                t = max(t, f[u] + scale.ticks(p.transferTime(edge: e, from: devices[u], to: k)))
            }
            (s[v], f[v]) = (t, t + cost[v][k])
            if cost[v][k] > 0 { free[k] = f[v] }
        }
        placement.hint(devices, &builder)
        for v in p.nodes.indices { builder.hint(start[v], s[v]); builder.hint(end[v], f[v]) }
        builder.hint(makespan, f.max() ?? 0)
    }

    /// The solver's placement and per-device order, re-simulated in seconds.
    func schedule(from solution: [Int64]) throws -> Schedule {
        let devices = placement.placement(solution)
        let starts = start.map { Double(solution[Int($0)]) }
        let order = ExactModelFacts.order(problem, placement: devices, start: starts)
        return try Simulator.run(problem, placement: devices, order: order)
    }
}
