import Testing
@testable import DiviML

/// RandWire graphs: seeded reproducibility, one entry and one exit per stage, every
/// random-graph node between them, orientation by node index, and size in N.
@Suite("RandWire")
struct RandWireTests {
    static let names = ["randwire-ws", "randwire-er", "randwire-ba"]
    static let stages = ["conv3", "conv4", "conv5"]

    func build(_ name: String, nodes: Int = 32, seed: UInt64 = 1) throws -> OpGraph {
        try ModelZoo.build(name, options: ModelOptions(randwireNodes: nodes, graphSeed: seed))
    }

    /// Index of random-graph node `v` of the operator named `prefix.node<v>.*`.
    func graphNode(_ op: Operator, stage: String) -> Int? {
        guard op.name.hasPrefix(stage + ".node") else { return nil }
        return Int(op.name.dropFirst(stage.count + 5).prefix { $0.isNumber })
    }

    @Test("a seed fixes the graph; another seed changes it", arguments: names)
    func seeded(name: String) throws {
        #expect(try build(name, seed: 9) == build(name, seed: 9))
        #expect(try build(name, seed: 9) != build(name, seed: 10))
    }

    @Test("each stage: one entry, one exit, every node between them", arguments: names, [1, 2, 3] as [UInt64])
    func stageEnvelope(name: String, seed: UInt64) throws {
        let g = try build(name, seed: seed)
        let (_, successors) = g.adjacency()
        let order = try DAG.topologicalOrder(successors: successors).get()
        let reach = Reachability(successors: successors, order: order)
        for stage in Self.stages {
            let inside = Set(g.nodes.indices.filter { g.nodes[$0].name.hasPrefix(stage + ".") })
            let entries = Set(g.edges.filter { !inside.contains($0.from) && inside.contains($0.to) }.map(\.from))
            let exits = Set(g.edges.filter { inside.contains($0.from) && !inside.contains($0.to) }.map(\.from))
            #expect(entries.count == 1 && exits.count == 1, "\(name) seed \(seed) \(stage)")
            guard let entry = entries.first, let exit = exits.first else { continue }
            for v in inside where v != exit {
                #expect(reach.reaches(entry, v) && reach.reaches(v, exit), "\(g.nodes[v].name), seed \(seed)")
            }
        }
    }

    @Test("edges between graph nodes go from lower to higher index; sources stride 2", arguments: names)
    func orientation(name: String) throws {
        let g = try build(name, seed: 4)
        for stage in Self.stages {
            var edgesChecked = 0, depthwiseChecked = 0
            for e in g.edges {
                guard let u = graphNode(g.nodes[e.from], stage: stage), let v = graphNode(g.nodes[e.to], stage: stage) else {
                    continue
                }
                #expect(u <= v, "\(g.nodes[e.from].name) -> \(g.nodes[e.to].name)")
                edgesChecked += 1
            }
            let (predecessors, _) = g.adjacency()
            for (i, op) in g.nodes.enumerated() where op.name.hasPrefix(stage + ".") && op.name.hasSuffix(".depthwise") {
                let relu = predecessors[i][0]
                let reads = predecessors[relu].map { g.nodes[$0].name }
                let fromOutside = reads.allSatisfy { !$0.hasPrefix(stage + ".") }
                #expect(op.attributes["strides"] == (fromOutside ? [2, 2] : [1, 1]), "\(op.name) reads \(reads)")
                depthwiseChecked += 1
            }
            #expect(edgesChecked > 0 && depthwiseChecked > 0, "\(stage): \(edgesChecked) edges, \(depthwiseChecked) depthwise convs checked")
        }
    }

    @Test("operator count grows with N: 4 to 5 per graph node", arguments: names, [8, 16, 32, 64])
    func scaling(name: String, nodes: Int) throws {
        let g = try build(name, nodes: nodes)
        for stage in Self.stages {
            let ops = g.nodes.filter { $0.name.hasPrefix(stage + ".") }
            #expect(ops.filter { $0.type == "Conv" }.count == 2 * nodes)
            #expect((4 * nodes)...(5 * nodes + 1) ~= ops.count, "\(stage): \(ops.count) operators")
        }
        #expect(try build(name, nodes: nodes).nodes.count < build(name, nodes: 2 * nodes).nodes.count)
    }

    @Test("too few nodes for the graph model is a typed error")
    func tooFewNodes() {
        for (name, minimum) in [("randwire-ws", 5), ("randwire-er", 2), ("randwire-ba", 6)] {
            #expect(throws: InputError.self) { try build(name, nodes: minimum - 1) }
            #expect((try? build(name, nodes: minimum)) != nil, "\(name) at \(minimum) nodes")
        }
    }

    @Test("too many nodes, or a huge count, is a typed error, not a hang")
    func tooManyNodes() {
        for nodes in [ModelZoo.maximumRandWireNodes + 1, 1 << 40, Int.max] {
            #expect(throws: InputError.self) { try build("randwire-er", nodes: nodes) }
        }
    }
}
