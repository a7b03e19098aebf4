import Foundation

extension CPSATSolver {
    /// Minimises the makespan (docs/design.md §2 latency semantics, docs/formulations.md),
    /// under `serviceLevel.maxPeriod` as a constraint when set; `ExactDriver` states what
    /// the result guarantees.
    /// - Throws: `SolverLibraryError` when libortools cannot be loaded.
    public func solve(_ problem: SchedulingProblem, options: SolveOptions) throws -> SolverResult {
        let driver = ExactDriver(engine: "CP-SAT", solver: name, problem: problem, options: options)
        let library = try CPSATLibrary(environment: environment)
        let maxPeriod = serviceLevel?.maxPeriod
        return try driver.latency(maxPeriod: maxPeriod) { request in
            var model = CPSATLatencyModel(problem, warmStart: request.warmStart)
            if let maxPeriod { model.limitPeriod(to: maxPeriod) }
            let response = try run(library, model.builder.finished(name: problem.name), options, scale: model.scale, label: "exact",
                                   warmStart: request.warmValue)
            var outcome = try Self.exactRun(response, options, infeasible: request.infeasible, scale: model.scale) {
                try model.schedule(from: $0)
            }
            outcome.workUnits = response.deterministicTime
            outcome.notes = ["CP-SAT: \(response.numConflicts) conflicts, \(response.numBranches) branches, "
                + "\(String(format: "%.3g", response.deterministicTime)) work units, tick = \(String(format: "%.3g", 1 / model.scale.ticksPerSecond)) s"]
            return outcome
        }
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
