import Testing
@testable import DiviML

/// The per-segment relaxations (lower bound (e)): never above the true optimum, whatever
/// engine bounds the segments, under device-ready times, release times, memory limits,
/// host I/O and colocation groups; never above any solver's plan on larger graphs.
@Suite("Segment relaxation bound")
struct SegmentRelaxationTests {
    /// A chain of `diamonds` diamonds (a → {b, c} → d → …) on `devices` devices with random
    /// costs and tensor sizes: every diamond's join is a split point.
    static func diamonds(_ count: Int, devices: Int, seed: UInt64, memoryBytes: Int64 = 1 << 40, paramBytes: Int64 = 0) throws -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed)
        let speeds = (0..<devices).map { _ in 0.5 + rng.nextUnit() * 2 }
        var nodes = [SchedulingProblem.Node(name: "n0", op: "Conv", cost: speeds.map { $0 * 1e-3 }, paramBytes: paramBytes)]
        var edges: [SchedulingProblem.Edge] = []
        for d in 0..<count {
            let join = nodes.count + 2
            for branch in 0..<2 {
                let base = 1e-3 + rng.nextUnit() * 9e-3
                nodes.append(.init(name: "d\(d)b\(branch)", op: "MatMul", cost: speeds.map { $0 * base }, paramBytes: paramBytes))
                edges.append(.init(from: join - 3, to: nodes.count - 1, bytes: Int64(1 + rng.next() % 8_000_000)))
                edges.append(.init(from: nodes.count - 1, to: join, bytes: Int64(1 + rng.next() % 8_000_000)))
            }
            nodes.append(.init(name: "d\(d)j", op: "Add", cost: speeds.map { $0 * (1e-3 + rng.nextUnit() * 3e-3) }, paramBytes: paramBytes))
        }
        let k = devices
        return try SchedulingProblem(
            name: "diamonds-\(count)-\(seed)",
            devices: (0..<k).map { .init(name: "d\($0)", kind: $0 == 0 ? .cpu : .gpu, memoryBytes: memoryBytes) },
            host: 0, latency: (0..<k).map { a in (0..<k).map { a == $0 ? 0 : 2e-4 } },
            bandwidth: (0..<k).map { a in (0..<k).map { a == $0 ? .infinity : 2e9 } },
            nodes: nodes, edges: edges, io: .free)
    }

    /// Tiny chains of diamonds: plain, with device-ready and release times, with memory that
    /// forces weights apart, with a colocation group across two segments, with host I/O.
    static func tinyInstances(seed: UInt64) throws -> [SchedulingProblem] {
        let base = try diamonds(2, devices: 2 + Int(seed % 2), seed: seed)
        var rng = SeededGenerator(seed: seed &* 104_729)
        let ready = base.devices.indices.map { _ in rng.nextUnit() < 0.5 ? 0 : rng.nextUnit() * 0.01 }
        let release = base.nodes.indices.map { _ in rng.nextUnit() < 0.7 ? 0 : rng.nextUnit() * 0.01 }
        let tight = try diamonds(2, devices: 2, seed: seed, memoryBytes: 4, paramBytes: 1)
        var grouped = base.nodes
        grouped[1].group = "g"
        grouped[5].group = "g"
        return [base, try base.replacing(release: release, deviceReady: ready), tight,
                try base.replacing(name: "grouped", nodes: grouped)] + (base.deviceCount == 2 ? [try BoundsTests.withHostIO(base)] : [])
    }

    @Test(arguments: Array(UInt64(1)...12))
    func neverAboveTheOptimum(seed: UInt64) throws {
        for (i, problem) in try Self.tinyInstances(seed: seed).enumerated() {
            let optimum = try #require(SmallOptimum.latency(problem), "seed \(seed) instance \(i)")
            for engine in [nil, SmallOptimumSolver()] as [(any LatencySolver)?] {
                let bound = LowerBounds.segmentRelaxation(problem, engine: engine, options: SolveOptions(), budgetSeconds: 1).value
                #expect(bound.seconds <= optimum * (1 + 1e-9),
                        "seed \(seed) instance \(i) engine \(engine?.name ?? "none"): \(bound.seconds) > optimum \(optimum)")
            }
        }
    }

    @Test func exactSegmentsReachTheOptimumOfAChainOfDiamonds() throws {
        // Without memory or groups the segments of a chain meet only at their split points,
        // so exact segment bounds add up to nearly the optimum: here within the entry's
        // free choice of device, and never above it.
        let problem = try Self.diamonds(2, devices: 2, seed: 3)
        let optimum = try #require(SmallOptimum.latency(problem))
        let closed = LowerBounds.latency(problem)[0].seconds
        let exact = LowerBounds.segmentRelaxation(problem, engine: SmallOptimumSolver(), options: SolveOptions(), budgetSeconds: 1)
        #expect(exact.value.seconds <= optimum * (1 + 1e-9))
        #expect(exact.value.seconds > closed, "exact segments \(exact.value.seconds) should beat the closed forms \(closed)")
        #expect(exact.solves > 0 && exact.proved == exact.solves)
    }

    @Test(arguments: Array(UInt64(1)...6))
    func joinedSegmentsAreAValidPlanNoBetterThanTheOptimum(seed: UInt64) throws {
        for (i, problem) in try Self.tinyInstances(seed: seed).enumerated() {
            let relaxation = SegmentRelaxation(problem)
            let outcome = relaxation.value(engine: SmallOptimumSolver(), options: SolveOptions(), budgetSeconds: 1)
            guard let chain = SegmentChain.schedule(relaxation, schedules: outcome.schedules, engine: SmallOptimumSolver(),
                                                    options: SolveOptions(), shareSeconds: 1) else { continue }
            #expect(Validator.violations(of: chain.schedule, for: problem).isEmpty, "seed \(seed) instance \(i)")
            let optimum = try #require(SmallOptimum.latency(problem))
            #expect(chain.schedule.makespan >= optimum * (1 - 1e-9))
            #expect(chain.schedule.makespan >= outcome.seconds * (1 - 1e-9))
        }
    }

    @Test(arguments: Array(UInt64(1)...12))
    func splitPointDeviceChainBoundsAndIsOptimalOnAPlainChain(seed: UInt64) throws {
        // Once s_i finishes only chunk i runs: the least chain of (entry, exit) pair bounds is
        // never above the optimum (memory, groups, release and ready times, host I/O), and
        // with exact sub-solves on a plain chain the bound and the joined plan are the optimum.
        for (i, problem) in try Self.tinyInstances(seed: seed).enumerated() {
            let optimum = try #require(SmallOptimum.latency(problem))
            for engine in [nil, SmallOptimumSolver()] as [(any LatencySolver)?] {
                let label = "seed \(seed) instance \(i) engine \(engine?.name ?? "none")"
                let dp = try #require(SegmentChain.dynamicProgram(SegmentRelaxation(problem), engine: engine, options: SolveOptions(),
                                                                  budgetSeconds: 1, secondsLeft: { .infinity }), "\(label)")
                #expect(dp.bound <= optimum * (1 + 1e-9), "\(label): bound \(dp.bound) above the optimum \(optimum)")
                if let schedule = dp.schedule {
                    #expect(Validator.violations(of: schedule, for: problem).isEmpty, "\(label)")
                    #expect(schedule.makespan >= optimum * (1 - 1e-9), "\(label)")
                }
                if i == 0, engine != nil {
                    let schedule = try #require(dp.schedule, "\(label)")
                    #expect(abs(schedule.makespan - optimum) <= optimum * 1e-9, "\(label): plan \(schedule.makespan), optimum \(optimum)")
                    #expect(abs(dp.bound - optimum) <= optimum * 1e-9, "\(label): bound \(dp.bound), optimum \(optimum)")
                    #expect(dp.bound >= LowerBounds.segmentRelaxation(problem, engine: engine, options: SolveOptions(), budgetSeconds: 1)
                        .value.seconds * (1 - 1e-9))
                }
            }
        }
    }

    @Test func noEngineGivesAtLeastTheSegmentBound() throws {
        for seed in UInt64(1)...6 {
            let problem = try Self.diamonds(5, devices: 3, seed: seed)
            let plain = LowerBounds.segmentRelaxation(problem, engine: nil, options: SolveOptions(), budgetSeconds: 0)
            #expect(plain.value.seconds >= LowerBounds.segments(problem) * (1 - 1e-12))
            #expect(plain.solves == 0)
        }
    }

    @Test func theMaskNoLongerHidesBERTsSegments() throws {
        // BERT's attention mask (after Cast/Sub/Mul) is read by every layer: its edges jump
        // over every layer boundary, so the graph has almost no split points; but every
        // boundary after the first layer is still comparable with every node, so the bounds'
        // chunks are one or more per layer.
        let graph = try ModelZoo.build("bert-base", options: ModelOptions())
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        #expect(problem.chunksAtComparableNodes().chunks.count >= 12 * problem.chunksAtSplitPoints().chunks.count)
        let plan = try HEFTSolver().solve(problem, options: SolveOptions()).schedule!
        #expect(LowerBounds.segments(problem) <= plan.makespan * (1 + 1e-9))
        #expect(LowerBounds.segmentRelaxation(problem, engine: nil, options: SolveOptions(), budgetSeconds: 0).value.seconds
            <= plan.makespan * (1 + 1e-9))
    }

    @Test func withoutLongEdgesStillFreesChunksTheMaskHid() throws {
        // A side branch x read at the end jumps over the chain a -> b -> c -> d -> e -> f ->
        // g -> h and is comparable with none of it; removing x (a relaxation) frees them.
        let names = ["x", "a", "b", "c", "d", "e", "f", "g", "h"]
        let nodes = names.map { SchedulingProblem.Node(name: $0, op: "Relu", cost: [1, 2]) }
        let edges = [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (0, 8)].map { SchedulingProblem.Edge(from: $0.0, to: $0.1, bytes: 8) }
        let problem = try SchedulingProblem(
            name: "side", devices: [.init(name: "a", kind: .cpu, memoryBytes: 1), .init(name: "b", kind: .gpu, memoryBytes: 1)],
            host: 0, latency: [[0, 1], [1, 0]], bandwidth: [[1, 1], [1, 1]], nodes: nodes, edges: edges, io: .free)
        let smaller = try #require(problem.withoutLongEdges())
        #expect(smaller.chunksAtComparableNodes().chunks.count >= 2 * problem.chunksAtComparableNodes().chunks.count)
        let plan = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(LowerBounds.segments(problem) <= plan.makespan * (1 + 1e-9))
    }

    @Test func aPlanProvenOptimalDoesNotSpendTheBoundBudget() throws {
        // One device, a chain: HEFT's plan is the critical path.
        let device = SchedulingProblem.DeviceInfo(name: "d", kind: .cpu, memoryBytes: 1 << 30)
        let nodes = (0..<3).map { SchedulingProblem.Node(name: "n\($0)", op: "Op", cost: [1e-3]) }
        let edges = (0..<2).map { SchedulingProblem.Edge(from: $0, to: $0 + 1, bytes: 0) }
        let problem = try SchedulingProblem(name: "chain", devices: [device], host: 0, latency: [[0]], bandwidth: [[1]],
                                            nodes: nodes, edges: edges, io: .free)
        let plan = try Planner.plan(problem, choice: .heft, settings: PlanSettings(boundTimeLimit: 600)).plan
        #expect(plan.lowerBoundSeconds == plan.makespanSeconds)
        #expect((plan.notes ?? []).contains("bound: the plan is proven optimal already, so the bound budget is not spent"))
    }

    @Test func planReportsTheRelaxationAndWhatItCost() throws {
        let problem = try Self.diamonds(4, devices: 3, seed: 2)
        let plain = try Planner.plan(problem, choice: .heft, settings: PlanSettings()).plan
        #expect(plain.lowerBoundComputeSeconds != nil)
        #expect(!(plain.notes ?? []).contains { $0.hasPrefix("bound: segment relaxations") })
        let strong = try Planner.plan(problem, choice: .heft, settings: PlanSettings(boundTimeLimit: 1)).plan
        #expect((strong.lowerBoundSeconds ?? 0) >= (plain.lowerBoundSeconds ?? 0) * (1 - 1e-12))
        #expect((strong.lowerBoundSeconds ?? .infinity) <= strong.makespanSeconds! * (1 + 1e-9))
        #expect((strong.notes ?? []).contains { $0.hasPrefix("bound: segment relaxations") })
        #expect(throws: InputError.self) {
            try Planner.plan(problem, choice: .heft, settings: PlanSettings(objective: .throughput, boundTimeLimit: 1))
        }
    }
}

/// With CP-SAT bounding each segment: below every solver's plan on zoo models, and the
/// same value with one worker or two.
@Suite("Segment relaxation bound with CP-SAT", .enabled(if: ExactLibraries.ortools, ExactLibraries.missing))
struct SegmentRelaxationCPSATTests {
    @Test(arguments: ["resnet18", "googlenet", "squeezenet1.1"])
    func neverAboveAnySolversPlan(model: String) throws {
        let graph = try ModelZoo.build(model, options: ModelOptions())
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        let bound = LowerBounds.segmentRelaxation(problem, engine: CPSATSolver(), options: SolveOptions(), budgetSeconds: 20)
        #expect(bound.solves > 0)
        for choice in [SolverChoice.heft, .greedy, .single, .split] {
            let plan = try Planner.plan(problem, choice: choice, settings: PlanSettings(timeLimit: 30)).plan
            #expect(bound.value.seconds <= plan.makespanSeconds! * (1 + 1e-9), "\(model): \(choice.rawValue) \(plan.makespanSeconds!) < bound \(bound.value.seconds)")
        }
    }

    @Test func aBoundBudgetGivesAPlanNoWorseAndTheSameWithOneWorkerOrTwo() throws {
        let problem = try SegmentRelaxationTests.diamonds(6, devices: 3, seed: 4)
        let plain = try Planner.plan(problem, choice: .heft, settings: PlanSettings()).plan
        let plans = try [1, 2].map { workers in
            try Planner.plan(problem, choice: .heft, settings: PlanSettings(workers: workers, boundTimeLimit: 5)).plan
        }
        #expect(plans[0].makespanSeconds! <= plain.makespanSeconds! * (1 + 1e-12))
        #expect(plans[0].nodes == plans[1].nodes && plans[0].lowerBoundSeconds == plans[1].lowerBoundSeconds)
        #expect(plans[0].lowerBoundSeconds! <= plans[0].makespanSeconds! * (1 + 1e-9))
    }

    @Test func sameBoundWithOneWorkerOrTwo() throws {
        let problem = try SegmentRelaxationTests.diamonds(6, devices: 3, seed: 5)
        let values = [1, 2].map { workers in
            LowerBounds.segmentRelaxation(problem, engine: CPSATSolver(), options: SolveOptions(workers: workers), budgetSeconds: 2).value.seconds
        }
        #expect(values[0] == values[1])
    }
}
