import Testing
@testable import DiviML

/// Splitting and `auto` with the real exact engine, when its library loads here.
@Suite("Splitting with CP-SAT", .enabled(if: ExactAvailability.cpsatUsable, "CP-SAT library not found (scripts/fetch-solvers.sh)"))
struct SplittingExactTests {
    @Test(arguments: Array(UInt64(1)...6))
    func cpsatModulesStitchAChainOptimally(seed: UInt64) throws {
        let problem = try SplittingTests.diamondChain(blocks: 2, devices: 2 + Int(seed % 2), seed: seed)
        let optimum = try #require(SmallOptimum.latency(problem))
        let solver = SplittingSolver(moduleSolver: CPSATSolver(), minModule: 1, maxModule: 4)
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
