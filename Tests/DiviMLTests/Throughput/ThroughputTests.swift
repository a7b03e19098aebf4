import Testing
@testable import DiviML
import DiviMLTestSupport

@Suite("Throughput: model and data parallel")
struct ThroughputTests {
    @Test func partitionsAreCountedByBellNumbers() {
        #expect((1...6).map { DeviceGroups.allPartitions($0).count } == [1, 2, 5, 15, 52, 203])
        for p in DeviceGroups.allPartitions(4) { #expect(p.flatMap { $0 }.sorted() == [0, 1, 2, 3]) }
    }

    /// A chain of `n` nodes on `k` devices, free transfers, seeded costs.
    static func chain(_ n: Int, devices k: Int, seed: UInt64, bytes: Int64 = 0) throws -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed)
        let nodes = (0..<n).map { v in SchedulingProblem.Node(name: "n\(v)", op: "Conv", cost: (0..<k).map { _ in 1e-3 + rng.nextUnit() * 5e-3 }) }
        let edges = (1..<n).map { SchedulingProblem.Edge(from: $0 - 1, to: $0, bytes: bytes) }
        return try SchedulingProblem(
            name: "chain", devices: (0..<k).map { .init(name: "d\($0)", kind: .gpu, memoryBytes: 1 << 40) }, host: 0,
            latency: (0..<k).map { a in (0..<k).map { a == $0 ? 0 : 1e-5 } }, bandwidth: (0..<k).map { _ in (0..<k).map { _ in 1e9 } },
            nodes: nodes, edges: edges, io: .free)
    }

    @Test(arguments: Array(UInt64(1)...10))
    func stageDPIsOptimalOverContiguousStages(seed: UInt64) throws {
        let problem = try Self.chain(9, devices: 3, seed: seed, bytes: Int64(seed % 3) * 400_000)
        let placement = try #require(StagePipeline.placement(problem))
        let period = PipelineLoad(problem: problem, placement: placement).period
        // Brute force: every way to cut the chain into at most 3 contiguous stages on distinct devices.
        var best = Double.infinity
        for c1 in 0...9 { for c2 in c1...9 {
            for devices in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
                let p = (0..<9).map { v in v < c1 ? devices[0] : v < c2 ? devices[1] : devices[2] }
                best = min(best, PipelineLoad(problem: problem, placement: p).period)
            }
        } }
        #expect(abs(period - best) <= 1e-12 + 1e-9 * best, "seed \(seed): DP \(period) vs best contiguous \(best)")
    }

    @Test(arguments: Array(UInt64(1)...8))
    func modelParallelIsValidAndBeatsGreedyAndRespectsTheBound(seed: UInt64) throws {
        let problem = try BoundsTests.withHostIO(try TestInstances.randomDAG(nodes: 60, devices: 3, seed: seed))
        let placement = try #require(try ModelParallelSolver().solveThroughput(problem, options: SolveOptions()).placement)
        let greedy = try #require(try GreedyThroughputSolver().solveThroughput(problem, options: SolveOptions()).placement)
        let period = PipelineLoad(problem: problem, placement: placement).period
        #expect(Validator.violations(of: try Simulator.run(problem, placement: placement), for: problem).isEmpty)
        #expect(period <= PipelineLoad(problem: problem, placement: greedy).period * (1 + 1e-12))
        #expect(LowerBounds.period(problem)[0].seconds <= period * (1 + 1e-9))
    }

    @Test(arguments: Array(UInt64(1)...6))
    func replicasUseDisjointGroupsAndBeatOnePipeline(seed: UInt64) throws {
        let problem = try BoundsTests.withHostIO(try TestInstances.randomDAG(nodes: 40, devices: 3 + Int(seed % 2), seed: seed))
        let result = try DataParallelSolver().solve(problem, options: SolveOptions())
        #expect(!result.replicas.isEmpty)
        var seen = Set<Int>()
        for (placement, group) in zip(result.replicas, result.groups) {
            #expect(seen.isDisjoint(with: group))
            seen.formUnion(group)
            for v in problem.nodes.indices where !group.contains(placement[v]) {
                #expect(problem.cost(v, on: placement[v]) == 0, "seed \(seed): a positive-cost node outside its replica's group")
            }
            #expect(Validator.violations(of: try Simulator.run(problem, placement: placement), for: problem).isEmpty)
        }
        let rate = result.replicas.reduce(0.0) { $0 + 1 / PipelineLoad(problem: problem, placement: $1).period }
        let one = try #require(try ModelParallelSolver().solveThroughput(problem, options: SolveOptions()).placement)
        #expect(rate >= 1 / PipelineLoad(problem: problem, placement: one).period * (1 - 1e-9))
        #expect(1 / rate >= LowerBounds.fluidPeriod(problem) * (1 - 1e-9), "seed \(seed): effective period below the fluid bound")
    }

    @Test(arguments: Array(UInt64(1)...4))
    func branchAndBoundMatchesExhaustiveSearch(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 30, devices: 4, seed: seed)
        var pruned = DataParallelSolver()
        pruned.exhaustiveLimit = 0
        let rate = { (r: ReplicatedThroughputResult) in r.replicas.reduce(0.0) { $0 + 1 / PipelineLoad(problem: problem, placement: $1).period } }
        let all = rate(try DataParallelSolver().solve(problem, options: SolveOptions()))
        let bb = rate(try pruned.solve(problem, options: SolveOptions()))
        #expect(abs(all - bb) <= 1e-9 * all, "seed \(seed): exhaustive \(all) vs branch and bound \(bb)")
    }

    @Test func periodBoundIsValidForReplicasBruteForce() throws {
        // Three identical devices, one node: three replicas reach a third of the node's cost,
        // below the single-node bound; the fluid bound stays valid.
        let problem = try SchedulingProblem(
            name: "one", devices: (0..<3).map { .init(name: "g\($0)", kind: .gpu, memoryBytes: 1) }, host: 0,
            latency: (0..<3).map { a in (0..<3).map { a == $0 ? 0 : 1e-5 } }, bandwidth: (0..<3).map { _ in (0..<3).map { _ in 1e9 } },
            nodes: [.init(name: "x", op: "Conv", cost: [1, 1, 1])], edges: [], io: .free)
        let result = try DataParallelSolver().solve(problem, options: SolveOptions())
        #expect(result.replicas.count == 3)
        let rate = result.replicas.reduce(0.0) { $0 + 1 / PipelineLoad(problem: problem, placement: $1).period }
        let bound = LowerBounds.fluidPeriod(problem)
        #expect(abs(bound - 1.0 / 3) < 1e-12)
        #expect(bound <= 1 / rate * (1 + 1e-12), "fluid bound \(bound) above the replicated period \(1 / rate)")
    }

    @Test func latencyTargetIsMetOrReported() throws {
        let problem = try BoundsTests.withHostIO(try TestInstances.randomDAG(nodes: 40, devices: 3, seed: 3))
        let free = try DataParallelSolver().solve(problem, options: SolveOptions())
        let passes = try free.replicas.map { try Simulator.run(problem, placement: $0).makespan }
        let target = passes.max()! * 0.9
        do {
            let limited = try DataParallelSolver(maxLatency: target).solve(problem, options: SolveOptions())
            #expect(!limited.replicas.isEmpty)
            for placement in limited.replicas { #expect(try Simulator.run(problem, placement: placement).makespan <= target) }
        } catch let error as ServiceLevelUnreachable {
            #expect(error.description.contains("--max-latency"))
        }
        #expect(throws: ServiceLevelUnreachable.self) { try DataParallelSolver(maxLatency: 1e-9).solve(problem, options: SolveOptions()) }
    }

    @Test func throughputFloorIsMetOrReported() throws {
        let problem = try BoundsTests.withHostIO(try TestInstances.randomDAG(nodes: 40, devices: 3, seed: 4))
        let pipeline = try #require(try ModelParallelSolver().solveThroughput(problem, options: SolveOptions()).placement)
        let reachable = 1 / PipelineLoad(problem: problem, placement: pipeline).period
        let floor = ThroughputFloorSolver(base: SplittingSolver(), minRate: reachable, targetText: "floor")
        let schedule = try #require(try floor.solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(1 / PipelineLoad(problem: problem, placement: schedule.device).period >= reachable * (1 - 1e-12))
        let impossible = ThroughputFloorSolver(base: SplittingSolver(), minRate: reachable * 10, targetText: "floor")
        #expect(throws: ServiceLevelUnreachable.self) { try impossible.solve(problem, options: SolveOptions()) }
    }

    @Test func replicatedPlanListsReplicas() throws {
        let problem = try SchedulingProblem(graph: try ModelZoo.build("squeezenet"), platform: try BuiltinPlatforms.named("paper-node"))
        let made = try Planner.plan(problem, choice: .split, settings: PlanSettings(objective: .throughput, batch: 4, platform: "paper-node"))
        #expect(made.isDataParallel && !made.passes.isEmpty)
        #expect(made.plan.replicas?.count == made.passes.count)
        #expect(made.plan.nodes.count == problem.nodes.count * made.passes.count)
        let bound = try #require(made.plan.lowerBoundSeconds)
        let period = try #require(made.plan.periodSeconds)
        #expect(bound <= period * (1 + 1e-9))
    }
}
