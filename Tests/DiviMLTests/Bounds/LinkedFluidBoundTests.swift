import Foundation
import Testing
@testable import DiviML
import DiviMLTestSupport

/// The fluid period LP with every link load (`LinkedFluidBound`), solved by HiGHS.
@Suite("Fluid period bound with links", .enabled(if: ExactLibraries.highs, ExactLibraries.missing))
struct LinkedFluidBoundTests {
    /// A copy of `p` with every tensor `factor` times larger.
    static func scaledTensors(_ p: SchedulingProblem, by factor: Int64) throws -> SchedulingProblem {
        let edges = p.edges.map { SchedulingProblem.Edge(from: $0.from, to: $0.to, bytes: $0.bytes * factor) }
        return try p.replacing(edges: edges)
    }

    @Test(arguments: Array(UInt64(1)...16))
    func neverAboveTheOptimumNorBelowTheOldBound(seed: UInt64) throws {
        for (i, problem) in try BoundsTests.tinyInstances(seed: seed).enumerated() {
            let optimum = try #require(BruteForce.throughput(problem)).period
            let linked = try #require(LinkedFluidBound.period(problem))
            #expect(linked <= optimum * (1 + 1e-9), "seed \(seed) instance \(i): LP \(linked) > optimum \(optimum)")
            let withMemory = try #require(LinkedFluidBound.period(problem, memory: true))
            #expect(withMemory <= optimum * (1 + 1e-9), "seed \(seed) instance \(i): LP with memory \(withMemory) > optimum \(optimum)")
            #expect(withMemory >= linked * (1 - 1e-7))
            let old = FluidBound.period(problem)
            #expect(LowerBounds.fluidPeriod(problem) >= old * (1 - 1e-9), "seed \(seed) instance \(i)")
            #expect(LowerBounds.fluidPeriod(problem) <= optimum * (1 + 1e-9), "seed \(seed) instance \(i)")
            // The LP has every row of the old one (and more), so it is not weaker.
            #expect(linked >= old * (1 - 1e-7), "seed \(seed) instance \(i): LP \(linked) < old \(old)")
        }
    }

    @Test(arguments: Array(UInt64(1)...8))
    func memoryRowsStayBelowTheOptimum(seed: UInt64) throws {
        // Five nodes, each device holds three: every pipeline splits the model.
        let problem = try TestInstances.randomDAG(nodes: 5, devices: 2 + Int(seed % 2), seed: seed,
                                                  memoryBytes: 3_000, paramBytes: 1_000)
        let optimum = try #require(BruteForce.throughput(problem)).period
        let withMemory = try #require(LinkedFluidBound.period(problem, memory: true))
        #expect(withMemory <= optimum * (1 + 1e-9), "seed \(seed): \(withMemory) > optimum \(optimum)")
        #expect(withMemory >= (LinkedFluidBound.period(problem) ?? 0) * (1 - 1e-7))
        #expect(LowerBounds.period(problem)[0].seconds <= optimum * (1 + 1e-9))
    }

    @Test func memoryRowsBindWhenTheFastDeviceIsSmall() throws {
        // Four independent nodes, cost 1 on g0 and 10 on g1, each device holds two: without
        // memory the LP balances 4f = 40(1 − f), T = 40/11; with it g1 keeps at least two
        // nodes' worth, T = 20, which is the optimum.
        let problem = try SchedulingProblem(
            name: "memory", devices: (0..<2).map { .init(name: "g\($0)", kind: .gpu, memoryBytes: 2_000) }, host: 0,
            latency: [[0, 0], [0, 0]], bandwidth: [[1e9, 1e9], [1e9, 1e9]],
            nodes: (0..<4).map { .init(name: "n\($0)", op: "Conv", cost: [1, 10], paramBytes: 1_000) }, edges: [], io: .free)
        let optimum = try #require(BruteForce.throughput(problem)).period
        #expect(abs(try #require(LinkedFluidBound.period(problem)) - 40.0 / 11) < 1e-6)
        #expect(abs(try #require(LinkedFluidBound.period(problem, memory: true)) - 20) < 1e-6)
        #expect(abs(optimum - 20) < 1e-9)
        #expect(abs(LowerBounds.period(problem)[0].seconds - 20) < 1e-6)
    }

    @Test func strictlyStrongerWhenLinksDominate() throws {
        // a is fast on g0, b on g1, and the tensor between them takes 10 s: the forced-links
        // bound (no pinned node) sees only compute, 1 s. The LP puts a fraction p of a on g0
        // and of b on g1 (symmetric); the link then carries at least 2p − 1 of the tensor,
        // so it balances p + 100(1 − p) = 10(2p − 1) at p = 110/119, T = 1010/119 s.
        // The optimum (a on g0, b on g1) pays the whole link, 10 s.
        let problem = try SchedulingProblem(
            name: "links", devices: (0..<2).map { .init(name: "g\($0)", kind: .gpu, memoryBytes: 1 << 40) }, host: 0,
            latency: [[0, 0], [0, 0]], bandwidth: [[1e9, 1e9], [1e9, 1e9]],
            nodes: [.init(name: "a", op: "Conv", cost: [1, 100]), .init(name: "b", op: "Conv", cost: [100, 1])],
            edges: [.init(from: 0, to: 1, bytes: 10_000_000_000)], io: .free)
        let optimum = try #require(BruteForce.throughput(problem)).period
        let linked = try #require(LinkedFluidBound.period(problem))
        let old = FluidBound.period(problem)
        #expect(abs(old - 1) < 1e-9)
        #expect(abs(linked - 1010.0 / 119) < 1e-6, "LP \(linked)")
        #expect(abs(optimum - 10) < 1e-9)
        let reported = LowerBounds.period(problem)
        #expect(reported[0].name == "fluid load with links (HiGHS LP)")
        #expect(LowerBounds.fluidPeriod(problem) == linked)
    }

    @Test func strongerWithHugeTensorsOnRandomInstances() throws {
        // Heterogeneous costs and huge tensors: on at least one seed the LP beats the old bound.
        var stronger = 0
        for seed in UInt64(1)...8 {
            let problem = try Self.scaledTensors(try BoundsTests.withHostIO(try TestInstances.randomDAG(nodes: 5, devices: 3, seed: seed)), by: 1000)
            let linked = try #require(LinkedFluidBound.period(problem))
            let optimum = try #require(BruteForce.throughput(problem)).period
            #expect(linked <= optimum * (1 + 1e-9), "seed \(seed)")
            if linked > FluidBound.period(problem) * 1.01 { stronger += 1 }
        }
        #expect(stronger > 0)
    }

    @Test(arguments: ["squeezenet", "resnet50", "bert-base"])
    func belowEveryHeuristicAndReplicatedPlan(model: String) throws {
        let base = try SchedulingProblem(graph: try ModelZoo.build(model), platform: try BuiltinPlatforms.named("paper-node"))
        for problem in [base, try Self.scaledTensors(base, by: 50)] {
            let bound = LowerBounds.fluidPeriod(problem)
            #expect(LinkedFluidBound.period(problem) != nil)
            let solvers: [any ThroughputSolver] = [GreedyThroughputSolver(), HEFTThroughputSolver(), RandomThroughputSolver(),
                                                   SingleDeviceThroughputSolver(), ModelParallelSolver()]
            for solver in solvers {
                let placement = try #require(try solver.solveThroughput(problem, options: SolveOptions(timeLimit: 5)).placement)
                let pass = try Simulator.run(problem, placement: placement)
                #expect(Validator.violations(of: pass, for: problem).isEmpty)
                let period = PipelineLoad(problem: problem, placement: placement).period
                #expect(bound <= period * (1 + 1e-9), "\(model) \(solver.name): bound \(bound) > period \(period)")
            }
            let replicated = try DataParallelSolver().solve(problem, options: SolveOptions(timeLimit: 5))
            for placement in replicated.replicas {
                #expect(Validator.violations(of: try Simulator.run(problem, placement: placement), for: problem).isEmpty)
            }
            #expect(LinkedFluidBound.replicasShareNoResource(problem, replicas: replicated.replicas))
            let rate = replicated.replicas.reduce(0.0) { $0 + 1 / PipelineLoad(problem: problem, placement: $1).period }
            #expect(rate > 0)
            #expect(bound <= (1 / rate) * (1 + 1e-9), "\(model): bound \(bound) > effective period \(1 / rate)")
        }
    }
}
