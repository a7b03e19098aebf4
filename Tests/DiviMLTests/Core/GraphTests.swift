import Testing
@testable import DiviML

@Suite("Graph utilities")
struct GraphTests {
    @Test func topologicalOrderIsStableAndValid() throws {
        // 0 -> 2, 1 -> 2, 2 -> 3; 0 and 1 are both free at first: 0 comes first.
        let succ = [[2], [2], [3], []]
        let order = try DAG.topologicalOrder(successors: succ).get()
        #expect(order == [0, 1, 2, 3])
        let reversedNames = [[], [0], [1]] // 2 -> 1 -> 0
        #expect(try DAG.topologicalOrder(successors: reversedNames).get() == [2, 1, 0])
    }

    @Test func cycleIsNamed() throws {
        // 0 -> 1 -> 2 -> 3 -> 1, and 3 -> 4
        let succ = [[1], [2], [3], [1, 4], []]
        guard case let .failure(cycle) = DAG.topologicalOrder(successors: succ) else {
            Issue.record("expected a cycle")
            return
        }
        #expect(Set(cycle.nodes) == [1, 2, 3])
        for (a, b) in zip(cycle.nodes, cycle.nodes.dropFirst() + [cycle.nodes[0]]) { #expect(succ[a].contains(b)) }
    }

    @Test func problemWithCycleReportsNodeNames() {
        let nodes = ["a", "b", "c"].map { SchedulingProblem.Node(name: $0, op: "Relu", cost: [1]) }
        let edges = [(0, 1), (1, 2), (2, 1)].map { SchedulingProblem.Edge(from: $0.0, to: $0.1, bytes: 1) }
        #expect(throws: InputError.cycle(nodes: ["b", "c"])) {
            try SchedulingProblem(name: "x", devices: [.init(name: "cpu", kind: .cpu, memoryBytes: 1)], host: 0,
                                  latency: [[0]], bandwidth: [[1]], nodes: nodes, edges: edges, io: .free)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func reachabilityMatchesDepthFirstSearch(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 70, seed: seed)
        let succ = problem.successorLists
        let reach = Reachability(successors: succ, order: problem.topologicalOrder)
        for u in succ.indices {
            var seen = Set<Int>(), stack = succ[u]
            while let v = stack.popLast() {
                if seen.insert(v).inserted { stack += succ[v] }
            }
            for v in succ.indices { #expect(reach.reaches(u, v) == seen.contains(v), "seed \(seed): \(u)->\(v)") }
            #expect(reach.descendantCount(u) == seen.count)
        }
    }

    @Test func splitPointsOfAChainOfDiamonds() throws {
        // 0 -> {1,2} -> 3 -> {4,5} -> 6 : split points 0, 3, 6
        let succ = [[1, 2], [3], [3], [4, 5], [6], [6], []]
        let order = try DAG.topologicalOrder(successors: succ).get()
        #expect(splitPoints(successors: succ, order: order) == [0, 3, 6])
        // Two sources: 0 and 1 both feed 2; only 2 and later split.
        let twoSources = [[2], [2], [3], []]
        #expect(splitPoints(successors: twoSources, order: [0, 1, 2, 3]) == [2, 3])
        // Two sinks: nothing after the fork is a split point.
        let twoSinks = [[1], [2, 3], [], []]
        #expect(splitPoints(successors: twoSinks, order: [0, 1, 2, 3]) == [0, 1])
    }

    @Test(arguments: [UInt64(7), 8, 9])
    func splitPointsAreExactlyTheCutVertices(seed: UInt64) throws {
        let problem = try TestInstances.randomDAG(nodes: 40, seed: seed, edgeProbability: 0.6)
        let succ = problem.successorLists
        let order = problem.topologicalOrder
        let reach = Reachability(successors: succ, order: order)
        let sources = succ.indices.filter { v in problem.incoming[v].isEmpty }
        let sinks = succ.indices.filter { succ[$0].isEmpty }
        let expected = order.filter { v in
            // Every node is an ancestor or descendant, and v is the only source/sink on its side.
            succ.indices.allSatisfy { $0 == v || reach.reaches($0, v) || reach.reaches(v, $0) }
                && (sources == [v] || !sources.contains(v)) && (sinks == [v] || !sinks.contains(v))
        }
        #expect(splitPoints(successors: succ, order: order) == expected, "seed \(seed)")
    }

    @Test(arguments: [UInt64(7), 8, 9, 10, 11])
    func comparableNodesAreThoseEveryOtherNodePrecedesOrFollows(seed: UInt64) throws {
        for probability in [0.15, 0.6] {
            let problem = try TestInstances.randomDAG(nodes: 40, seed: seed, edgeProbability: probability)
            let succ = problem.successorLists
            let order = problem.topologicalOrder
            let reach = Reachability(successors: succ, order: order)
            let expected = order.filter { v in succ.indices.allSatisfy { $0 == v || reach.reaches($0, v) || reach.reaches(v, $0) } }
            let comparable = comparableNodes(successors: succ, order: order)
            #expect(comparable == expected, "seed \(seed) p \(probability)")
            #expect(Set(splitPoints(successors: succ, order: order)).isSubset(of: comparable))
        }
    }

    @Test func anEdgeOverANodeLeavesItComparableButNoSplitPoint() throws {
        // 0 -> 1 -> 2 -> 3 and 0 -> 3 twice: 1 and 2 are comparable with every node, yet the
        // edge 0 -> 3 jumps over them, so only 0 and 3 are split points.
        let succ = [[1, 3, 3], [2], [3], []]
        #expect(splitPoints(successors: succ, order: [0, 1, 2, 3]) == [0, 3])
        #expect(comparableNodes(successors: succ, order: [0, 1, 2, 3]) == [0, 1, 2, 3])
        // A fork: 1 and 2 are incomparable, so neither is.
        #expect(comparableNodes(successors: [[1, 2], [3], [3], []], order: [0, 1, 2, 3]) == [0, 3])
    }
}
