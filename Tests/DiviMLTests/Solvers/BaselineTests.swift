import Testing
@testable import DiviML

/// Every baseline on the same instance table; every schedule through the validator.
@Suite("Baselines")
struct BaselineTests {
    static let solvers: [any LatencySolver] = [HEFTSolver(), GreedySolver(), RandomSolver(), FastestSingleDeviceSolver()]

    @Test(arguments: Array(UInt64(1)...12))
    func everyBaselineProducesValidSchedules(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 10 + Int(seed) * 7, devices: 2 + Int(seed % 3), seed: seed)
        for solver in Self.solvers {
            let result = try solver.solve(problem, options: SolveOptions(seed: seed))
            let schedule = try #require(result.schedule, "\(solver.name) seed \(seed)")
            #expect(Validator.violations(of: schedule, for: problem).isEmpty, "\(solver.name) seed \(seed)")
            #expect(result.status == .heuristic)
        }
    }

    @Test func randomIsDeterministicPerSeed() throws {
        let problem = try TestInstances.randomDAG(nodes: 30, seed: 3)
        let a = try RandomSolver().solve(problem, options: SolveOptions(seed: 5)).schedule
        let b = try RandomSolver().solve(problem, options: SolveOptions(seed: 5)).schedule
        let c = try RandomSolver().solve(problem, options: SolveOptions(seed: 6)).schedule
        #expect(a == b)
        #expect(a != c)
    }

    @Test func heuristicsRespectMemoryAndGroups() throws {
        // Each node holds 40 bytes; each device holds 100: at most two nodes per device.
        let problem = try TestInstances.randomDAG(nodes: 6, devices: 3, seed: 11, memoryBytes: 100, paramBytes: 40)
        for solver in Self.solvers.dropLast() {
            let schedule = try #require(try solver.solve(problem, options: SolveOptions()).schedule)
            #expect(Validator.violations(of: schedule, for: problem).isEmpty, "\(solver.name)")
        }
        #expect(try FastestSingleDeviceSolver().solve(problem, options: SolveOptions()).schedule == nil)
    }

    @Test(arguments: Array(UInt64(1)...8))
    func throughputHeuristicsNeverLoseToOneDevice(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 25, devices: 3, seed: seed)
        let single = try #require(try SingleDeviceThroughputSolver().solveThroughput(problem, options: SolveOptions()).placement)
        let greedy = try #require(try GreedyThroughputSolver().solveThroughput(problem, options: SolveOptions()).placement)
        let heft = try #require(try HEFTThroughputSolver().solveThroughput(problem, options: SolveOptions()).placement)
        let period = { PipelineLoad(problem: problem, placement: $0).period }
        #expect(period(greedy) <= period(single) * (1 + 1e-9), "seed \(seed)")
        for placement in [single, greedy, heft] {
            let pass = try Simulator.run(problem, placement: placement)
            #expect(Validator.violations(of: pass, for: problem).isEmpty)
        }
    }
}
