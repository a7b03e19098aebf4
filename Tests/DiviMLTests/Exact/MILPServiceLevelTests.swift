import Testing
@testable import DiviML

/// Issue 4: the throughput floor and the latency ceiling as constraints inside the MILP.
@Suite("MILP under service levels", .enabled(if: ExactLibraries.highs, "needs libhighs (scripts/fetch-solvers.sh)"))
struct MILPServiceLevelTests {
    @Test("latency under a period limit equals restricted brute force", arguments: 0..<8)
    func latencyUnderPeriod(seed: Int) throws {
        let seed = UInt64(seed) + 300
        let p = CPSATServiceLevelTests.instance(seed)
        let (limit, best) = try CPSATServiceLevelTests.periodLimit(p)
        let truth = try #require(BruteForce.latency(p, maxPeriod: limit), "seed \(seed)")
        let r = try MILPSolver(serviceLevel: ServiceLevel(maxPeriod: limit)).solve(p, options: testOptions)
        #expect(r.status == .optimal, "seed \(seed): \(r.status)")
        guard let s = checkLatency(r, p, seed: seed) else { return }
        #expect(PipelineLoad(problem: p, placement: s.device).period <= limit, "seed \(seed): period over the limit")
        #expect(close(s.makespan, truth.makespan), "seed \(seed): MILP \(s.makespan) vs brute force \(truth.makespan)")
        let unreachable = try MILPSolver(serviceLevel: ServiceLevel(maxPeriod: best * 0.99)).solve(p, options: testOptions)
        #expect(unreachable.status.isInfeasible, "seed \(seed): \(unreachable.status)")
        #expect(unreachable.schedule == nil, "seed \(seed)")
    }

    @Test("throughput under a latency ceiling equals restricted brute force", arguments: 0..<8)
    func throughputUnderLatency(seed: Int) throws {
        let seed = UInt64(seed) + 400
        let p = CPSATServiceLevelTests.instance(seed)
        let ceiling = try #require(BruteForce.latency(p)).makespan * 1.25
        let truth = try #require(BruteForce.throughput(p, maxLatency: ceiling), "seed \(seed)")
        let (r, schedule) = try MILPSolver().solveThroughput(p, maxLatency: ceiling, options: testOptions)
        #expect(r.status == .optimal, "seed \(seed): \(r.status)")
        let s = try #require(schedule, "seed \(seed)")
        #expect(Validator.violations(of: s, for: p).isEmpty, "seed \(seed)")
        #expect(s.makespan <= ceiling, "seed \(seed): \(s.makespan) over \(ceiling)")
        #expect(r.passSchedule == s)
        let period = PipelineLoad(problem: p, placement: s.device).period
        #expect(close(period, truth.period), "seed \(seed): MILP \(period) vs brute force \(truth.period)")
        let lb = try #require(r.lowerBound)
        #expect(lb <= truth.period * (1 + 1e-12), "seed \(seed): bound \(lb) above the optimum \(truth.period)")
        let viaLevel = try MILPSolver(serviceLevel: ServiceLevel(maxLatency: ceiling)).solveThroughput(p, options: testOptions)
        let placement = try #require(viaLevel.placement)
        #expect(close(PipelineLoad(problem: p, placement: placement).period, truth.period), "seed \(seed)")
    }

    @Test("a latency ceiling below the best makespan is infeasible", arguments: 0..<4)
    func latencyUnreachable(seed: Int) throws {
        let seed = UInt64(seed) + 400
        let p = CPSATServiceLevelTests.instance(seed)
        let ceiling = try #require(BruteForce.latency(p)).makespan * 0.99
        let (r, schedule) = try MILPSolver().solveThroughput(p, maxLatency: ceiling, options: testOptions)
        #expect(r.status.isInfeasible, "seed \(seed): \(r.status)")
        #expect(schedule == nil && r.placement == nil, "seed \(seed)")
    }
}
