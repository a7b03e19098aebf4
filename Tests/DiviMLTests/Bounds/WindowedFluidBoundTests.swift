import Testing
@testable import DiviML

/// The fluid load in windows, its shaving, and the split-point device chain over closed
/// forms: never above the true optimum (exhaustive), never above any solver's plan, and
/// above the plain fluid load where a device can only be reached by a transfer.
@Suite("Fluid load in windows")
struct WindowedFluidBoundTests {
    /// Every tiny instance of the other bound suites: random DAGs (with ready and release
    /// times, a pinned node, memory, host I/O) and chains of diamonds (split points, groups).
    static func tinyInstances(seed: UInt64) throws -> [SchedulingProblem] {
        try BoundsTests.tinyInstances(seed: seed) + SegmentRelaxationTests.tinyInstances(seed: seed)
    }

    @Test(arguments: Array(UInt64(1)...12))
    func neverAboveTheOptimum(seed: UInt64) throws {
        for (i, problem) in try Self.tinyInstances(seed: seed).enumerated() {
            let optimum = try #require(SmallOptimum.latency(problem), "seed \(seed) instance \(i)")
            // What a schedule achieves is never refused: the soundness of the shaving itself.
            #expect(WindowedFluidBound.admits(problem, makespan: optimum), "seed \(seed) instance \(i)")
            let windowed = WindowedFluidBound.latency(problem)
            #expect(windowed <= optimum * (1 + 1e-9), "seed \(seed) instance \(i): windows \(windowed) > optimum \(optimum)")
            #expect(windowed >= FluidBound.latency(problem) * (1 - 1e-12), "seed \(seed) instance \(i)")
            if let chain = SegmentChain.closedFormBound(SegmentRelaxation(problem)) {
                #expect(chain <= optimum * (1 + 1e-9), "seed \(seed) instance \(i): chain \(chain) > optimum \(optimum)")
            }
        }
    }

    @Test func aDeviceReachedOnlyByATransferStartsLate() throws {
        // s (pinned to x) feeds a and b, 1 s each on either device; moving a tensor to y
        // takes 10 s. The plain fluid load splits a and b over x and y (1.5 s); y cannot
        // start before 11 s, so the windows keep all three nodes on x: 3 s, the optimum.
        let nodes = [SchedulingProblem.Node(name: "s", op: "Relu", cost: [1, nil]),
                     .init(name: "a", op: "Relu", cost: [1, 1]), .init(name: "b", op: "Relu", cost: [1, 1])]
        let problem = try SchedulingProblem(
            name: "reach", devices: [.init(name: "x", kind: .gpu, memoryBytes: 1), .init(name: "y", kind: .gpu, memoryBytes: 1)],
            host: 0, latency: [[0, 10], [10, 0]], bandwidth: [[.infinity, 1e30], [1e30, .infinity]], nodes: nodes,
            edges: [.init(from: 0, to: 1, bytes: 8), .init(from: 0, to: 2, bytes: 8)], io: .free)
        #expect(abs(FluidBound.latency(problem) - 1.5) < 1e-9)
        #expect(abs(WindowedFluidBound.latency(problem) - 3) < 1e-9)
        #expect(abs(try #require(SmallOptimum.latency(problem)) - 3) < 1e-9)
    }

    @Test func shavingClosesThePathsDetours() throws {
        // s (pinned to x, 1 s) feeds a chain c1 -> c2 -> c3 (1 s each on either device) and a
        // side node d (3 s on either); transfers take 0.5 s. The plain fluid load is 3.5 s
        // (7 s of work over two devices); the windows give 4.25 s (y only from 1.5 s on).
        // Below 4.5 s neither the chain (3 s after s) nor d has time for the transfer to y,
        // so everything stays on x, busy 7 s: the shaved bound is 4.5 s, the optimum
        // (d or the chain on y).
        let nodes = [SchedulingProblem.Node(name: "s", op: "Relu", cost: [1, nil]),
                     .init(name: "c1", op: "Relu", cost: [1, 1]), .init(name: "c2", op: "Relu", cost: [1, 1]),
                     .init(name: "c3", op: "Relu", cost: [1, 1]), .init(name: "d", op: "Relu", cost: [3, 3])]
        let problem = try SchedulingProblem(
            name: "detour", devices: [.init(name: "x", kind: .gpu, memoryBytes: 1), .init(name: "y", kind: .gpu, memoryBytes: 1)],
            host: 0, latency: [[0, 0.5], [0.5, 0]], bandwidth: [[.infinity, 1e30], [1e30, .infinity]], nodes: nodes,
            edges: [.init(from: 0, to: 1, bytes: 8), .init(from: 1, to: 2, bytes: 8), .init(from: 2, to: 3, bytes: 8),
                    .init(from: 0, to: 4, bytes: 8)], io: .free)
        let optimum = try #require(SmallOptimum.latency(problem))
        #expect(abs(optimum - 4.5) < 1e-9)
        #expect(abs(FluidBound.latency(problem) - 3.5) < 1e-9)
        for shaved in [WindowedFluidBound.latency(problem), WindowedFluidBound.shaved(problem, from: 0.1)] {
            #expect(shaved <= optimum * (1 + 1e-9))
            #expect(shaved >= optimum * (1 - 1e-3), "shaved \(shaved)")
        }
        #expect(!WindowedFluidBound.admits(problem, makespan: 4.49))
    }

    @Test func theChainPinsSplitPointsSoTheWindowsBite() throws {
        // RandWire stages on paper-node: every transfer to the GTX 1080 Ti costs more than the
        // small operators it would carry, which only a pinned split point shows.
        let graph = try ModelZoo.build("randwire-ws", options: ModelOptions(randwireNodes: 8))
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        let bounds = LowerBounds.latency(problem)
        let chain = try #require(bounds.first { $0.name == "split-point device chain (closed forms)" })
        let segments = try #require(bounds.first { $0.name == "segments" })
        #expect(chain.seconds > segments.seconds * 1.05, "chain \(chain.seconds), segments \(segments.seconds)")
        for choice in [SolverChoice.heft, .greedy, .single, .split] {
            let plan = try Planner.plan(problem, choice: choice, settings: PlanSettings()).plan
            #expect(bounds[0].seconds <= plan.makespanSeconds! * (1 + 1e-9), "\(choice.rawValue) \(plan.makespanSeconds!) < \(bounds[0].seconds)")
        }
    }

    @Test(arguments: ["googlenet", "randwire-ba"])
    func neverAboveAnySolversPlan(model: String) throws {
        let graph = try ModelZoo.build(model, options: ModelOptions())
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        let bound = LowerBounds.latency(problem)[0]
        #expect(LowerBounds.latency(problem) == LowerBounds.latency(problem))
        for choice in [SolverChoice.heft, .greedy, .single, .split] {
            let plan = try Planner.plan(problem, choice: choice, settings: PlanSettings()).plan
            #expect(bound.seconds <= plan.makespanSeconds! * (1 + 1e-9), "\(model) \(choice.rawValue): \(plan.makespanSeconds!) < \(bound.name) \(bound.seconds)")
        }
    }
}
