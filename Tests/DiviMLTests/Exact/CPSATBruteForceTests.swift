import Testing
@testable import DiviML
import DiviMLTestSupport

@Suite("CP-SAT equals brute force", .enabled(if: ExactLibraries.ortools, ExactLibraries.missing))
struct CPSATBruteForceTests {
    @Test("latency optimum on seeded random instances", arguments: 0..<12)
    func latency(seed: Int) throws {
        let seed = UInt64(seed)
        let p = RandomInstances.tiny(nodes: 3 + Int(seed % 5), devices: 2 + Int(seed % 2), seed: seed)
        let truth = try #require(BruteForce.latency(p), "seed \(seed)")
        let r = try CPSATSolver().solve(p, options: testOptions)
        #expect(r.status == .optimal, "seed \(seed): \(r.status)")
        guard let s = checkLatency(r, p, seed: seed) else { return }
        #expect(close(s.makespan, truth.makespan), "seed \(seed): CP-SAT \(s.makespan) vs brute force \(truth.makespan)")
        let lb = try #require(r.lowerBound)
        #expect(lb <= truth.makespan * (1 + 1e-12), "seed \(seed): bound \(lb) above the optimum \(truth.makespan)")
        #expect(close(lb, truth.makespan), "seed \(seed): bound \(lb) not tight at optimality (\(truth.makespan))")
    }

    @Test("throughput optimum on seeded random instances", arguments: 0..<12)
    func throughput(seed: Int) throws {
        let seed = UInt64(seed) + 100
        let p = RandomInstances.tiny(nodes: 3 + Int(seed % 5), devices: 2 + Int(seed % 2), seed: seed)
        let truth = try #require(BruteForce.throughput(p), "seed \(seed)")
        let r = try CPSATSolver().solveThroughput(p, options: testOptions)
        #expect(r.status == .optimal, "seed \(seed): \(r.status)")
        let placement = try #require(r.placement, "seed \(seed)")
        let period = PipelineLoad(problem: p, placement: placement).period
        #expect(close(period, truth.period), "seed \(seed): CP-SAT \(period) vs brute force \(truth.period)")
        let listed = try Simulator.run(p, placement: placement)
        #expect(Validator.violations(of: listed, for: p).isEmpty, "seed \(seed)")
        let lb = try #require(r.lowerBound)
        #expect(lb <= truth.period * (1 + 1e-12), "seed \(seed): bound \(lb) above the optimum \(truth.period)")
    }
}

@Suite("CP-SAT on 7 nodes and 3 devices", .enabled(if: ExactLibraries.ortools, ExactLibraries.missing))
struct CPSATLargestBruteForceTests {
    @Test("latency and throughput optimum", arguments: 200..<206)
    func largest(seed: Int) throws {
        let seed = UInt64(seed)
        let p = RandomInstances.tiny(nodes: 7, devices: 3, seed: seed)
        let truth = try #require(BruteForce.latency(p))
        let r = try CPSATSolver().solve(p, options: testOptions)
        let s = try #require(checkLatency(r, p, seed: seed))
        #expect(close(s.makespan, truth.makespan), "seed \(seed): \(s.makespan) vs \(truth.makespan)")
        let period = try #require(BruteForce.throughput(p)).period
        let t = try CPSATSolver().solveThroughput(p, options: testOptions)
        #expect(close(PipelineLoad(problem: p, placement: try #require(t.placement)).period, period), "seed \(seed)")
        if ExactLibraries.highs {
            let m = try MILPSolver().solve(p, options: testOptions)
            let ms = try #require(checkLatency(m, p, seed: seed))
            #expect(close(ms.makespan, truth.makespan), "seed \(seed): MILP \(ms.makespan) vs \(truth.makespan)")
        }
    }
}
