import Testing
@testable import DiviML

/// Every bound below the true optimum (exhaustive) and below every heuristic's answer.
@Suite("Lower bounds")
struct BoundsTests {
    /// A copy of `p` with release and device-ready times, and optionally memory, changed.
    static func variant(_ p: SchedulingProblem, release: [Double]? = nil, deviceReady: [Double]? = nil) throws -> SchedulingProblem {
        try p.replacing(release: release, deviceReady: deviceReady)
    }

    /// Small instances: plain, with device-ready times, with release times, with a pinned node.
    static func tinyInstances(seed: UInt64) throws -> [SchedulingProblem] {
        let base = try TestInstances.randomDAG(nodes: 4 + Int(seed % 3), devices: 2 + Int(seed % 2), seed: seed)
        var rng = SeededGenerator(seed: seed &* 7919)
        let ready = base.devices.indices.map { _ in rng.nextUnit() < 0.5 ? 0 : rng.nextUnit() * 0.02 }
        let release = base.nodes.indices.map { _ in rng.nextUnit() < 0.7 ? 0 : rng.nextUnit() * 0.01 }
        var pinnedNodes = base.nodes
        pinnedNodes[0].cost = base.devices.indices.map { $0 == 0 ? 0 : nil }
        let pinned = try base.replacing(name: "pinned", host: 0, nodes: pinnedNodes, io: .free)
        let withIO = base.nodes.count <= 5 ? [try withHostIO(base)] : []
        return [base, try variant(base, deviceReady: ready), try variant(base, release: release, deviceReady: ready), pinned,
                try memoryBound(base, seed: seed)] + withIO
    }

    /// `p` with random weights per node and devices other than the first holding about a
    /// third of them, so that memory decides which nodes may share a device.
    static func memoryBound(_ p: SchedulingProblem, seed: UInt64) throws -> SchedulingProblem {
        var rng = SeededGenerator(seed: seed &* 31337)
        var nodes = p.nodes
        for v in nodes.indices { nodes[v].paramBytes = Int64(1 + rng.next() % 4) }
        let total = nodes.reduce(Int64(0)) { $0 + $1.paramBytes }
        let devices = p.devices.enumerated().map { k, d in
            SchedulingProblem.DeviceInfo(name: d.name, kind: d.kind, memoryBytes: k == 0 ? total : max(4, total / 3))
        }
        return try p.replacing(name: p.name + "+memory", devices: devices, nodes: nodes)
    }

    @Test(arguments: Array(UInt64(1)...16))
    func latencyBoundsNeverExceedTheOptimum(seed: UInt64) throws {
        for (i, problem) in try Self.tinyInstances(seed: seed).enumerated() {
            let optimum = try #require(SmallOptimum.latency(problem))
            for bound in LowerBounds.latency(problem) {
                #expect(bound.seconds <= optimum * (1 + 1e-9), "seed \(seed) instance \(i): \(bound.name) \(bound.seconds) > optimum \(optimum)")
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...16))
    func periodBoundsNeverExceedTheOptimum(seed: UInt64) throws {
        for (i, problem) in try Self.tinyInstances(seed: seed).enumerated() {
            let optimum = try #require(SmallOptimum.period(problem))
            for bound in LowerBounds.period(problem) {
                #expect(bound.seconds <= optimum * (1 + 1e-9), "seed \(seed) instance \(i): \(bound.name) \(bound.seconds) > optimum \(optimum)")
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...10))
    func boundsNeverExceedAnyHeuristic(seed: UInt64) throws {
        let base = try TestInstances.randomDAG(nodes: 30 + Int(seed) * 9, devices: 2 + Int(seed % 3), seed: seed)
        var rng = SeededGenerator(seed: seed)
        let ready = base.devices.indices.map { _ in rng.nextUnit() * 0.05 }
        for problem in [base, try Self.variant(base, deviceReady: ready)] {
            let best = LowerBounds.latency(problem)[0]
            let solvers: [any LatencySolver] = [HEFTSolver(), GreedySolver(), RandomSolver(), FastestSingleDeviceSolver()]
            for solver in solvers {
                let schedule = try #require(try solver.solve(problem, options: SolveOptions(seed: seed)).schedule)
                #expect(Validator.violations(of: schedule, for: problem).isEmpty)
                #expect(best.seconds <= schedule.makespan * (1 + 1e-9), "seed \(seed) \(solver.name): \(best.name)")
            }
            let period = LowerBounds.period(problem)[0].seconds
            for solver in [GreedyThroughputSolver(), SingleDeviceThroughputSolver()] as [any ThroughputSolver] {
                let placement = try #require(try solver.solveThroughput(problem, options: SolveOptions()).placement)
                #expect(period <= PipelineLoad(problem: problem, placement: placement).period * (1 + 1e-9), "seed \(seed) \(solver.name)")
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...8))
    func memoryBoundsNeverExceedAnyHeuristic(seed: UInt64) throws {
        let problem = try Self.memoryBound(try TestInstances.randomDAG(nodes: 30 + Int(seed) * 9, devices: 2 + Int(seed % 3), seed: seed), seed: seed)
        let best = LowerBounds.latency(problem)[0]
        let solvers: [any LatencySolver] = [HEFTSolver(), GreedySolver(), MemoryFillSolver(), FastestSingleDeviceSolver(), SplittingSolver(moduleSolver: nil)]
        for solver in solvers {
            guard let schedule = try? solver.solve(problem, options: SolveOptions(seed: seed)).schedule else { continue }
            #expect(Validator.violations(of: schedule, for: problem).isEmpty)
            #expect(best.seconds <= schedule.makespan * (1 + 1e-9), "seed \(seed) \(solver.name): \(best.name)")
        }
    }

    @Test func segmentBoundSumsAChainExactly() throws {
        // A chain a -> b -> c on two devices: every node is a split point, so the bound is the
        // sum of the cheapest costs, which is also the optimum with free transfers.
        let nodes = [(1.0, 2.0), (3.0, 1.0), (2.0, 2.0)].enumerated().map { i, c in
            SchedulingProblem.Node(name: "n\(i)", op: "Relu", cost: [c.0, c.1])
        }
        let edges = [(0, 1), (1, 2)].map { SchedulingProblem.Edge(from: $0.0, to: $0.1, bytes: 0) }
        let problem = try SchedulingProblem(
            name: "chain", devices: [.init(name: "a", kind: .cpu, memoryBytes: 1), .init(name: "b", kind: .gpu, memoryBytes: 1)],
            host: 0, latency: [[0, 0], [0, 0]], bandwidth: [[1, 1], [1, 1]], nodes: nodes, edges: edges, io: .free)
        #expect(SegmentBound.chunks(problem) == [[0], [1], [2]])
        #expect(abs(LowerBounds.segments(problem) - 4) < 1e-12)
        #expect(abs(LowerBounds.fluidLoad(problem) - 2) < 1e-9) // 1·x + 1·(1−x)... loads balance at 2
    }

    @Test func neighboursThatCannotShareADevicePayTheirTransfer() throws {
        // a -> b, 3 bytes of weights each, two devices of 4 bytes: they cannot share one, so
        // every schedule moves a's tensor (1 s); the plain critical path with transfers says 2 s.
        let nodes = ["a", "b"].map { SchedulingProblem.Node(name: $0, op: "MatMul", cost: [1, 1], paramBytes: 3) }
        let problem = try SchedulingProblem(
            name: "apart", devices: [.init(name: "x", kind: .gpu, memoryBytes: 4), .init(name: "y", kind: .gpu, memoryBytes: 4)],
            host: 0, latency: [[0, 1], [1, 0]], bandwidth: [[.infinity, 1e30], [1e30, .infinity]],
            nodes: nodes, edges: [.init(from: 0, to: 1, bytes: 8)], io: .free)
        #expect(abs(LowerBounds.criticalPathWithTransfers(problem) - 2) < 1e-9)
        let memory = try #require(LowerBounds.latency(problem).first { $0.name == "critical path with memory" })
        #expect(abs(memory.seconds - 3) < 1e-9)
        #expect(abs(try #require(SmallOptimum.latency(problem)) - 3) < 1e-9)
    }

    @Test func lateDeviceIsNotCharged() throws {
        // One node of cost 1 on either device; device b is ready only at 100: the fluid bound
        // must not exceed the optimum 1 (the old average-load formula added the ready time).
        let problem = try SchedulingProblem(
            name: "late", devices: [.init(name: "a", kind: .cpu, memoryBytes: 1), .init(name: "b", kind: .gpu, memoryBytes: 1)],
            host: 0, latency: [[0, 0], [0, 0]], bandwidth: [[1, 1], [1, 1]],
            nodes: [.init(name: "x", op: "Relu", cost: [1, 1])], edges: [], io: .free, deviceReady: [0, 100])
        for bound in LowerBounds.latency(problem) { #expect(bound.seconds <= 1 + 1e-12, "\(bound.name)") }
        #expect(abs(LowerBounds.fluidLoad(problem) - 1) < 1e-12)
    }
}

extension BoundsTests {
    /// `p` with a host input node feeding every source and a host output node fed by every sink.
    static func withHostIO(_ p: SchedulingProblem) throws -> SchedulingProblem {
        let n = p.nodes.count
        var nodes = p.nodes
        let hostOnly: [Double?] = p.devices.indices.map { $0 == p.host ? 0 : nil }
        nodes.append(.init(name: "input:x", op: HostIO.inputOp, cost: hostOnly))
        nodes.append(.init(name: "output:y", op: HostIO.outputOp, cost: hostOnly))
        var edges = p.edges
        for v in 0..<n where p.incoming[v].isEmpty { edges.append(.init(from: n, to: v, bytes: 2_000_000)) }
        for v in 0..<n where p.outgoing[v].isEmpty { edges.append(.init(from: v, to: n + 1, bytes: 400_000)) }
        return try p.replacing(name: p.name + "+io", nodes: nodes, edges: edges, io: .host)
    }
}
