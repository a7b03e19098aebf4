import Testing
@testable import DiviML
import DiviMLTestSupport

@Suite("MILP equals brute force", .enabled(if: ExactLibraries.highs, ExactLibraries.missing))
struct MILPBruteForceTests {
    @Test("latency optimum on seeded random instances", arguments: 0..<12)
    func latency(seed: Int) throws {
        let seed = UInt64(seed)
        let p = RandomInstances.tiny(nodes: 3 + Int(seed % 5), devices: 2 + Int(seed % 2), seed: seed)
        let truth = try #require(BruteForce.latency(p), "seed \(seed)")
        let r = try MILPSolver().solve(p, options: testOptions)
        #expect(r.status == .optimal || r.status == .feasible, "seed \(seed): \(r.status)")
        guard let s = checkLatency(r, p, seed: seed) else { return }
        #expect(close(s.makespan, truth.makespan), "seed \(seed): MILP \(s.makespan) vs brute force \(truth.makespan)")
        let lb = try #require(r.lowerBound)
        #expect(lb <= truth.makespan * (1 + 1e-12), "seed \(seed): bound \(lb) above the optimum \(truth.makespan)")
        #expect(close(lb, truth.makespan, 1e-5), "seed \(seed): bound \(lb) not tight at optimality (\(truth.makespan))")
    }

    @Test("throughput optimum on seeded random instances", arguments: 0..<12)
    func throughput(seed: Int) throws {
        let seed = UInt64(seed) + 100
        let p = RandomInstances.tiny(nodes: 3 + Int(seed % 5), devices: 2 + Int(seed % 2), seed: seed)
        let truth = try #require(BruteForce.throughput(p), "seed \(seed)")
        let r = try MILPSolver().solveThroughput(p, options: testOptions)
        #expect(r.status == .optimal, "seed \(seed): \(r.status)")
        let placement = try #require(r.placement, "seed \(seed)")
        let period = PipelineLoad(problem: p, placement: placement).period
        #expect(close(period, truth.period), "seed \(seed): MILP \(period) vs brute force \(truth.period)")
        #expect(Validator.violations(of: try Simulator.run(p, placement: placement), for: p).isEmpty, "seed \(seed)")
        let lb = try #require(r.lowerBound)
        #expect(lb <= truth.period * (1 + 1e-12), "seed \(seed): bound \(lb) above the optimum \(truth.period)")
    }
}
