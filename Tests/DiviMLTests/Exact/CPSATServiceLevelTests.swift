import Testing
@testable import DiviML
import DiviMLTestSupport

/// Issue 4: service levels as constraints inside CP-SAT, checked against brute force
/// restricted to the schedules that meet them.
@Suite("CP-SAT under service levels", .enabled(if: ExactLibraries.ortools, ExactLibraries.missing))
struct CPSATServiceLevelTests {
    static func instance(_ seed: UInt64) -> SchedulingProblem {
        RandomInstances.tiny(nodes: 3 + Int(seed % 4), devices: 2 + Int(seed % 2), seed: seed)
    }

    /// A period limit between the best period and the period of the unconstrained latency
    /// optimum (so it binds when those differ), away from both.
    static func periodLimit(_ p: SchedulingProblem) throws -> (limit: Double, best: Double) {
        let best = try #require(BruteForce.throughput(p)).period
        let free = PipelineLoad(problem: p, placement: try #require(BruteForce.latency(p)).device).period
        return (free > best * (1 + 1e-6) ? (best + free) / 2 : best * 1.001, best)
    }

    @Test("latency under a period limit equals restricted brute force", arguments: 0..<10)
    func latencyUnderPeriod(seed: Int) throws {
        let seed = UInt64(seed) + 300
        let p = Self.instance(seed)
        let (limit, _) = try Self.periodLimit(p)
        let truth = try #require(BruteForce.latency(p, maxPeriod: limit), "seed \(seed)")
        let r = try CPSATSolver(serviceLevel: ServiceLevel(maxPeriod: limit)).solve(p, options: testOptions)
        #expect(r.status == .optimal, "seed \(seed): \(r.status)")
        guard let s = checkLatency(r, p, seed: seed) else { return }
        #expect(PipelineLoad(problem: p, placement: s.device).period <= limit, "seed \(seed): period over the limit")
        #expect(close(s.makespan, truth.makespan), "seed \(seed): CP-SAT \(s.makespan) vs brute force \(truth.makespan)")
        let lb = try #require(r.lowerBound)
        #expect(lb <= truth.makespan * (1 + 1e-12), "seed \(seed): bound \(lb) above the optimum \(truth.makespan)")
    }

    @Test("a period below the best achievable is infeasible", arguments: 0..<4)
    func periodUnreachable(seed: Int) throws {
        let seed = UInt64(seed) + 300
        let p = Self.instance(seed)
        let (_, best) = try Self.periodLimit(p)
        #expect(BruteForce.latency(p, maxPeriod: best * 0.99) == nil)
        let r = try CPSATSolver(serviceLevel: ServiceLevel(maxPeriod: best * 0.99)).solve(p, options: testOptions)
        #expect(r.status.isInfeasible, "seed \(seed): \(r.status)")
        #expect(r.schedule == nil, "seed \(seed)")
    }

    @Test("throughput under a latency ceiling equals restricted brute force", arguments: 0..<10)
    func throughputUnderLatency(seed: Int) throws {
        try Self.checkCeiling(CPSATSolver(), seed: UInt64(seed) + 400)
    }

    @Test("a latency ceiling below the best makespan is infeasible", arguments: 0..<4)
    func latencyUnreachable(seed: Int) throws {
        try Self.checkUnreachableCeiling(CPSATSolver(), seed: UInt64(seed) + 400)
    }

    /// Either exact engine under a latency ceiling 25% above the best makespan: optimal, equal to
    /// brute force restricted to the ceiling, the pass within it, the bound below the optimum, and
    /// the same answer through `serviceLevel`.
    static func checkCeiling(_ engine: any LatencyCeilingEngine, seed: UInt64) throws {
        let p = instance(seed)
        let ceiling = try #require(BruteForce.latency(p)).makespan * 1.25
        let truth = try #require(BruteForce.throughput(p, maxLatency: ceiling), "seed \(seed)")
        let (r, schedule) = try engine.solveThroughput(p, maxLatency: ceiling, options: testOptions)
        #expect(r.status == .optimal, "\(engine.name) seed \(seed): \(r.status)")
        let s = try #require(schedule, "seed \(seed)")
        #expect(Validator.violations(of: s, for: p).isEmpty, "seed \(seed)")
        #expect(s.makespan <= ceiling, "seed \(seed): \(s.makespan) over \(ceiling)")
        #expect(r.placement == s.device && r.passSchedule == s)
        let period = PipelineLoad(problem: p, placement: s.device).period
        #expect(close(period, truth.period), "\(engine.name) seed \(seed): \(period) vs brute force \(truth.period)")
        let lb = try #require(r.lowerBound)
        #expect(lb <= truth.period * (1 + 1e-12), "seed \(seed): bound \(lb) above the optimum \(truth.period)")
        let viaLevel = try withCeiling(engine, ceiling).solveThroughput(p, options: testOptions)
        let placement = try #require(viaLevel.placement)
        #expect(close(PipelineLoad(problem: p, placement: placement).period, truth.period), "seed \(seed)")
    }

    /// Either exact engine under a ceiling 1% below the best makespan answers infeasible.
    static func checkUnreachableCeiling(_ engine: any LatencyCeilingEngine, seed: UInt64) throws {
        let p = instance(seed)
        let ceiling = try #require(BruteForce.latency(p)).makespan * 0.99
        #expect(BruteForce.throughput(p, maxLatency: ceiling) == nil)
        let (r, schedule) = try engine.solveThroughput(p, maxLatency: ceiling, options: testOptions)
        #expect(r.status.isInfeasible, "\(engine.name) seed \(seed): \(r.status)")
        #expect(schedule == nil && r.placement == nil, "seed \(seed)")
    }

    /// The engine configured with only a latency ceiling.
    static func withCeiling(_ engine: any LatencyCeilingEngine, _ ceiling: Double) -> any ThroughputSolver {
        switch engine {
        case let milp as MILPSolver: MILPSolver(relativeGap: milp.relativeGap, serviceLevel: ServiceLevel(maxLatency: ceiling))
        default: CPSATSolver(serviceLevel: ServiceLevel(maxLatency: ceiling))
        }
    }

    @Test("the seeded limits bind on some instances (the comparisons are not vacuous)")
    func limitsBind() throws {
        var periodBinds = 0, latencyBinds = 0
        for seed in UInt64(300)..<310 {
            let p = Self.instance(seed)
            let free = try #require(BruteForce.latency(p)).makespan
            let constrained = try #require(BruteForce.latency(p, maxPeriod: Self.periodLimit(p).limit)).makespan
            if constrained > free * (1 + 1e-9) { periodBinds += 1 }
        }
        for seed in UInt64(400)..<410 {
            let p = Self.instance(seed)
            let ceiling = try #require(BruteForce.latency(p)).makespan * 1.25
            let constrained = try #require(BruteForce.throughput(p, maxLatency: ceiling)).period
            if constrained > (try #require(BruteForce.throughput(p)).period) * (1 + 1e-9) { latencyBinds += 1 }
        }
        #expect(periodBinds > 0)
        #expect(latencyBinds > 0)
    }
}
