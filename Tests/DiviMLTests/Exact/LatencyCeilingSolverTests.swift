import Testing
@testable import DiviML
import DiviMLTestSupport

/// `LatencyCeilingSolver` (`--max-latency` with `--solver exact` or `milp`): the best period
/// among passes within the ceiling, or `ServiceLevelUnreachable` naming the lowest latency.
@Suite("Latency ceiling solver", .enabled(if: ExactLibraries.ortools || ExactLibraries.highs, ExactLibraries.missing))
struct LatencyCeilingSolverTests {
    /// Every exact engine whose library is present (under CI, both).
    static let engines: [any LatencyCeilingEngine] =
        (ExactLibraries.ortools ? [CPSATSolver()] : []) + (ExactLibraries.highs ? [MILPSolver()] : [])

    @Test("a reachable ceiling: its pass stays within it, its period is brute force's under the ceiling", arguments: [UInt64(401), 403, 405])
    func reachable(seed: UInt64) throws {
        let p = CPSATServiceLevelTests.instance(seed)
        let ceiling = try #require(BruteForce.latency(p)).makespan * 1.25
        let truth = try #require(BruteForce.throughput(p, maxLatency: ceiling))
        for engine in Self.engines {
            let r = try LatencyCeilingSolver(engine: engine, maxLatency: ceiling, targetText: "--max-latency 1 s").solveThroughput(p, options: testOptions)
            let pass = try #require(r.passSchedule, "\(engine.name) seed \(seed)")
            #expect(r.placement == pass.device)
            #expect(Validator.violations(of: pass, for: p).isEmpty, "\(engine.name) seed \(seed)")
            #expect(pass.makespan <= ceiling * (1 + 1e-9), "\(engine.name) seed \(seed): \(pass.makespan) over \(ceiling)")
            #expect(close(PipelineLoad(problem: p, placement: pass.device).period, truth.period), "\(engine.name) seed \(seed)")
        }
    }

    @Test("an unreachable ceiling throws, naming the target and the lowest latency", arguments: [UInt64(402), 404])
    func unreachable(seed: UInt64) throws {
        let p = CPSATServiceLevelTests.instance(seed)
        let best = try #require(BruteForce.latency(p)).makespan
        for engine in Self.engines {
            let solver = LatencyCeilingSolver(engine: engine, maxLatency: best * 0.9, targetText: "--max-latency 0.9x")
            let error = #expect(throws: ServiceLevelUnreachable.self) { try solver.solveThroughput(p, options: testOptions) }
            #expect(error?.target == "--max-latency 0.9x", "\(engine.name)")
            let said = error?.best.firstMatch(of: /lowest single-pass latency is ([0-9.e+-]+) s/).flatMap { Double($0.1) }
            #expect(said.map { abs($0 - best) <= 1e-3 * best } == true, "\(engine.name) seed \(seed): \(error.map { "\($0)" } ?? "no error")")
        }
    }
}
