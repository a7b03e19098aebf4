import Testing
@testable import DiviML
import DiviMLTestSupport

/// Issue 4: the throughput floor and the latency ceiling as constraints inside the MILP.
@Suite("MILP under service levels", .enabled(if: ExactLibraries.highs, ExactLibraries.missing))
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
        try CPSATServiceLevelTests.checkCeiling(MILPSolver(), seed: UInt64(seed) + 400)
    }

    @Test("a latency ceiling below the best makespan is infeasible", arguments: 0..<4)
    func latencyUnreachable(seed: Int) throws {
        try CPSATServiceLevelTests.checkUnreachableCeiling(MILPSolver(), seed: UInt64(seed) + 400)
    }
}
