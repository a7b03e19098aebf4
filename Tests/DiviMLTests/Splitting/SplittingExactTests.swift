import Testing
@testable import DiviML

/// Splitting and `auto` with the real exact engine, when its library loads here.
@Suite("Splitting with CP-SAT", .enabled(if: ExactLibraries.ortools, ExactLibraries.missing))
struct SplittingExactTests {
    @Test(arguments: Array(UInt64(1)...6))
    func cpsatModulesStitchAChainOptimally(seed: UInt64) throws {
        let problem = try SplittingTests.diamondChain(blocks: 2, devices: 2 + Int(seed % 2), seed: seed)
        let optimum = try #require(SmallOptimum.latency(problem))
        let solver = SplittingSolver(moduleSolver: CPSATSolver(), minModule: 1, maxModule: 4, moduleTimeLimit: 1, exactShare: 1)
        let result = try solver.solve(problem, options: SolveOptions(timeLimit: 30))
        let schedule = try #require(result.schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(abs(schedule.makespan - optimum) <= 1e-6 * optimum, "seed \(seed): split \(schedule.makespan) vs optimum \(optimum)")
        #expect(result.notes.contains { $0.contains("proven optimal") })
    }

    @Test(arguments: Array(UInt64(1)...4))
    func autoIsExactOnTinyGraphs(seed: UInt64) throws {
        let problem = try BoundsTests.tinyInstances(seed: seed)[0]
        let optimum = try #require(SmallOptimum.latency(problem))
        let schedule = try #require(try AutoLatencySolver().solve(problem, options: SolveOptions(timeLimit: 30)).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(abs(schedule.makespan - optimum) <= 1e-6 * optimum, "seed \(seed)")
    }

    @Test func splittingWithCPSATIsValidOnTheZoo() throws {
        for model in ["resnet18", "squeezenet1.1"] {
            let problem = try SchedulingProblem(graph: try ModelZoo.build(model), platform: try BuiltinPlatforms.named("paper-node"))
            let result = try SplittingSolver(moduleTimeLimit: 2).solve(problem, options: SolveOptions())
            let schedule = try #require(result.schedule)
            #expect(Validator.violations(of: schedule, for: problem).isEmpty, "\(model)")
            let heft = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
            #expect(schedule.makespan <= heft.makespan * (1 + 1e-9), "\(model): split \(schedule.makespan) vs HEFT \(heft.makespan)")
            #expect(LowerBounds.latency(problem)[0].seconds <= schedule.makespan * (1 + 1e-9))
        }
    }
}

extension SplittingExactTests {
    @Test func exactRefinementNeverLowersThroughput() throws {
        let problem = try BoundsTests.withHostIO(try TestInstances.randomDAG(nodes: 30, devices: 3, seed: 2))
        let rate = { (r: ReplicatedThroughputResult) in r.replicas.reduce(0.0) { $0 + 1 / PipelineLoad(problem: problem, placement: $1).period } }
        let plain = rate(try DataParallelSolver().solve(problem, options: SolveOptions()))
        let refined = try DataParallelSolver(refine: CPSATSolver()).solve(problem, options: SolveOptions(timeLimit: 5))
        #expect(rate(refined) >= plain * (1 - 1e-12))
        #expect(1 / rate(refined) >= LowerBounds.fluidPeriod(problem) * (1 - 1e-9))
        for placement in refined.replicas { #expect(Validator.violations(of: try Simulator.run(problem, placement: placement), for: problem).isEmpty) }
    }
}
