import Testing
@testable import DiviML

/// Splitting's critical-path moves: valid schedules, never longer, memory and groups kept,
/// the same answer every time, and a move that a one-node-per-device look cannot miss.
@Suite("Critical-path moves")
struct CriticalPathMovesTests {
    @Test(arguments: Array(UInt64(1)...6))
    func validNeverLongerAndDeterministic(seed: UInt64) throws {
        // Odd seeds: memory for a third more than the weights over all devices, so it binds.
        let (n, k) = (60 + Int(seed) * 15, 2 + Int(seed % 3))
        var problem = try TestInstances.randomDAG(nodes: n, devices: k, seed: seed,
                                                  memoryBytes: seed % 2 == 1 ? Int64(n * 40_000 / k) : 1 << 40, paramBytes: 30_000)
        var nodes = problem.nodes
        (nodes[3].group, nodes[7].group) = ("g", "g")
        problem = try problem.replacing(nodes: nodes)
        let start = try #require(try GreedySolver().solve(problem, options: SolveOptions()).schedule)
        let moves = CriticalPathMoves(problem)
        let first = moves.improve(start, stop: SplitStop(seconds: .infinity))
        #expect(Validator.violations(of: first.schedule, for: problem).isEmpty, "seed \(seed)")
        #expect(first.schedule.makespan <= start.makespan * (1 + 1e-12))
        #expect(first.schedule.device[3] == first.schedule.device[7])
        #expect(first.evaluations <= moves.evaluations)
        #expect(moves.improve(start, stop: SplitStop(seconds: .infinity)).schedule == first.schedule)
    }

    @Test func movesTheBranchThatWaitsForItsDevice() throws {
        // s feeds a and b (2 s each on either device), both feed t; free transfers. Both
        // branches on x finish at 1 + 4 = 5 s, then t: 6 s. Moving either one to y: 4 s.
        let nodes = ["s", "a", "b", "t"].map { SchedulingProblem.Node(name: $0, op: "Relu", cost: $0 == "a" || $0 == "b" ? [2, 2] : [1, 1]) }
        let edges = [(0, 1), (0, 2), (1, 3), (2, 3)].map { SchedulingProblem.Edge(from: $0.0, to: $0.1, bytes: 0) }
        let problem = try SchedulingProblem(
            name: "fork", devices: [.init(name: "x", kind: .gpu, memoryBytes: 1), .init(name: "y", kind: .gpu, memoryBytes: 1)],
            host: 0, latency: [[0, 0], [0, 0]], bandwidth: [[.infinity, 1e30], [1e30, .infinity]], nodes: nodes, edges: edges, io: .free)
        let allOnX = try Simulator.run(problem, placement: [0, 0, 0, 0])
        #expect(abs(allOnX.makespan - 6) < 1e-12)
        let moved = CriticalPathMoves(problem).improve(allOnX, stop: SplitStop(seconds: .infinity))
        #expect(moved.moves == 1 && abs(moved.schedule.makespan - 4) < 1e-12)
    }
}
