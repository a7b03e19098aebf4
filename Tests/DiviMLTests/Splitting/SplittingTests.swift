import Testing
@testable import DiviML

@Suite("Splitting")
struct SplittingTests {
    /// A chain of `blocks` diamonds (a -> b, a -> c, b -> d, c -> d; d feeds the next a) on
    /// `devices` devices with seeded costs and tensor sizes: its split points are the joins.
    static func diamondChain(blocks: Int, devices: Int, seed: UInt64) throws -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed)
        let speeds = (0..<devices).map { _ in 0.5 + rng.nextUnit() * 2 }
        var nodes: [SchedulingProblem.Node] = []
        var edges: [SchedulingProblem.Edge] = []
        for b in 0..<blocks {
            let base = nodes.count
            for (i, name) in ["a", "b", "c", "d"].enumerated() {
                let work = 1e-3 + rng.nextUnit() * 4e-3
                nodes.append(.init(name: "\(name)\(b)", op: ["Conv", "Relu", "MatMul", "Add"][i], cost: speeds.map { work * $0 }))
            }
            let bytes = { Int64(1 + rng.next() % 3_000_000) }
            edges += [(0, 1), (0, 2), (1, 3), (2, 3)].map { .init(from: base + $0.0, to: base + $0.1, bytes: bytes()) }
            if b > 0 { edges.append(.init(from: base - 1, to: base, bytes: bytes())) }
        }
        let k = devices
        return try SchedulingProblem(
            name: "diamonds-\(seed)", devices: (0..<k).map { .init(name: "d\($0)", kind: $0 == 0 ? .cpu : .gpu, memoryBytes: 1 << 40) },
            host: 0, latency: (0..<k).map { a in (0..<k).map { a == $0 ? 0 : 2e-5 } },
            bandwidth: (0..<k).map { a in (0..<k).map { a == $0 ? .infinity : 1e9 } }, nodes: nodes, edges: edges, io: .free)
    }

    @Test(arguments: Array(UInt64(1)...10))
    func partitionCoversEveryNodeOnceInDependencyOrder(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 60 + Int(seed) * 25, devices: 3, seed: seed)
        for cut in ModulePartition.CutMethod.allCases { for (lo, hi) in [(1, 5), (4, 12), (8, 40), (50, 400)] {
            let partition = ModulePartition(problem, minSize: lo, maxSize: hi, cutMethod: cut)
            let owner = partition.moduleOfNode(count: problem.nodes.count)
            #expect(owner.allSatisfy { $0 >= 0 })
            #expect(partition.modules.map(\.nodes.count).reduce(0, +) == problem.nodes.count)
            #expect(partition.modules.allSatisfy { $0.nodes.count <= hi }, "seed \(seed) sizes \(lo)-\(hi)")
            // Edges never point back to an earlier module, so modules are convex and ordered.
            for e in problem.edges { #expect(owner[e.from] <= owner[e.to], "seed \(seed)") }
            for module in partition.modules { if let s = module.splitPoint { #expect(module.nodes.last == s) } }
        } }
    }

    @Test func modularityFindsTwoCliquesJoinedByOneEdge() throws {
        // Nodes 0-4 fully connected (forward edges), 5-9 likewise, one edge 4 -> 5.
        var edges: [SchedulingProblem.Edge] = []
        for block in [0, 5] { for a in block..<(block + 5) { for b in (a + 1)..<(block + 5) { edges.append(.init(from: a, to: b, bytes: 1)) } } }
        edges.append(.init(from: 4, to: 5, bytes: 1))
        let problem = try SchedulingProblem(
            name: "cliques", devices: [.init(name: "a", kind: .cpu, memoryBytes: 1)], host: 0, latency: [[0]], bandwidth: [[1]],
            nodes: (0..<10).map { .init(name: "n\($0)", op: "Relu", cost: [1]) }, edges: edges, io: .free)
        let labels = ModularityCommunities.detect(Array(0..<10), problem: problem)
        #expect(Set(labels[0..<5]).count == 1 && Set(labels[5..<10]).count == 1 && labels[0] != labels[5])
        let order = CommunityOrder.order(Array(0..<10), labels: labels, problem: problem)
        #expect(order == Array(0..<10))
    }

    @Test func bertGetsSplitPointsDespiteTheMaskInput() throws {
        let problem = try SchedulingProblem(graph: try ModelZoo.build("bert-base"), platform: try BuiltinPlatforms.named("paper-node"))
        #expect(splitPoints(successors: problem.successorLists, order: problem.topologicalOrder).count < 5)
        let partition = ModulePartition(problem)
        #expect(partition.modules.count > 3)
    }

    @Test(arguments: Array(UInt64(1)...12))
    func exactModulesStitchAChainOptimally(seed: UInt64) throws {
        // With an exact module solver and modules ending at split points, the DP over the
        // boundary devices finds the global optimum.
        let problem = try Self.diamondChain(blocks: 2, devices: 2 + Int(seed % 2), seed: seed)
        let optimum = try #require(SmallOptimum.latency(problem))
        let solver = SplittingSolver(moduleSolver: SmallOptimumSolver(), minModule: 1, maxModule: 4)
        let schedule = try #require(try solver.solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(abs(schedule.makespan - optimum) <= 1e-9 * optimum, "seed \(seed): split \(schedule.makespan) vs optimum \(optimum)")
    }

    @Test(arguments: Array(UInt64(1)...12))
    func schedulesAreValidAndDeterministic(seed: UInt64) throws {
        // Odd seeds: weights that need at least two devices (each holds 3/(2K) of the total).
        let (n, k) = (40 + Int(seed) * 15, 2 + Int(seed % 3))
        let base = try TestInstances.randomDAG(nodes: n, devices: k, seed: seed,
                                               memoryBytes: Int64(n * 30_000 * 3 / (2 * k)), paramBytes: Int64(seed % 2) * 30_000)
        var rng = SeededGenerator(seed: seed)
        let problem = try BoundsTests.variant(try BoundsTests.withHostIO(base),
                                              deviceReady: base.devices.indices.map { _ in rng.nextUnit() * 0.01 })
        let solver = SplittingSolver(moduleSolver: nil, minModule: 3, maxModule: 12)
        let one = try solver.solve(problem, options: SolveOptions(workers: 1))
        let two = try solver.solve(problem, options: SolveOptions(workers: 2))
        let schedule = try #require(one.schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty, "seed \(seed)")
        #expect(schedule == two.schedule, "seed \(seed): worker count changed the answer")
        #expect(LowerBounds.latency(problem)[0].seconds <= schedule.makespan * (1 + 1e-9))
    }

    @Test(arguments: ["resnet18", "squeezenet", "googlenet", "mobilenet_v2", "randwire-ws", "randwire-ba", "gpt2"])
    func zooSchedulesAreValid(model: String) throws {
        let problem = try SchedulingProblem(graph: try ModelZoo.build(model), platform: try BuiltinPlatforms.named("paper-node"))
        let result = try SplittingSolver().solve(problem, options: SolveOptions())
        let schedule = try #require(result.schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty, "\(model)")
        #expect(LowerBounds.latency(problem)[0].seconds <= schedule.makespan * (1 + 1e-9))
    }

    @Test(arguments: Array(UInt64(1)...8))
    func neverWorseThanAnyListScheduler(seed: UInt64) throws {
        // Odd seeds: memory for a third more than the weights over all devices, so it binds.
        let (n, k) = (80 + Int(seed) * 20, 2 + Int(seed % 3))
        let problem = try TestInstances.randomDAG(nodes: n, devices: k, seed: seed,
                                                  memoryBytes: seed % 2 == 1 ? Int64(n * 40_000 / k) : 1 << 40, paramBytes: 30_000)
        let split = try #require(try SplittingSolver(moduleSolver: nil, minModule: 2, maxModule: 10).solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: split, for: problem).isEmpty, "seed \(seed)")
        for list in SplittingSolver.listSchedulers {
            guard let other = try? list.solve(problem, options: SolveOptions()).schedule else { continue }
            #expect(split.makespan <= other.makespan * (1 + 1e-12), "seed \(seed): split \(split.makespan) vs \(list.name) \(other.makespan)")
        }
    }

    @Test func aTinyBudgetStillReturnsAValidSchedule() throws {
        let problem = try TestInstances.randomDAG(nodes: 400, devices: 3, seed: 3)
        let result = try SplittingSolver(moduleSolver: nil).solve(problem, options: SolveOptions(timeLimit: 1e-6))
        let schedule = try #require(result.schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(result.status == .timeout && result.mayVary)
        let heft = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(schedule.makespan <= heft.makespan * (1 + 1e-12))
    }

    @Test func reorderingKeepsThePlacementAndGivesAValidSchedule() throws {
        for seed in UInt64(1)...4 {
            let problem = try TestInstances.randomDAG(nodes: 60, devices: 3, seed: seed)
            let heft = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
            let ordered = try #require(SplittingSolver.resequenced(problem, heft))
            #expect(ordered.device == heft.device, "seed \(seed)")
            #expect(Validator.violations(of: ordered, for: problem).isEmpty, "seed \(seed)")
        }
    }

    @Test func memoryFillKeepsEachFilledDeviceContiguous() throws {
        // Two devices of room for a third of the weights each, one with room for all: the
        // fill walks the priority order, so each filled device holds one stretch of it.
        let base = try TestInstances.randomDAG(nodes: 90, devices: 3, seed: 4, memoryBytes: 1 << 40, paramBytes: 10_000)
        let devices = base.devices.enumerated().map { k, d in
            SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: k == 0 ? 1 << 40 : 300_000)
        }
        let problem = try base.replacing(devices: devices)
        let order = HEFTSolver.priorityOrder(problem)
        let fill = MemoryFillSolver.fill(problem, order: order)
        for k in 1..<3 {
            let positions = order.indices.filter { fill[order[$0]] == k }
            if let first = positions.first, let last = positions.last {
                #expect(order[first...last].allSatisfy { fill[$0] == k || fill[$0] == nil }, "device \(k) not contiguous")
            }
        }
        let schedule = try #require(try MemoryFillSolver().solve(problem, options: SolveOptions()).schedule)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
    }
}
