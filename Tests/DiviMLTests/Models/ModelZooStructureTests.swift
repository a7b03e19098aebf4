import Testing
@testable import DiviML

/// Structural invariants every built-in model must satisfy, checked independently of
/// `GraphBuilder`: acyclic, names unique, edge bytes = producer output, shapes that
/// agree along every edge, convolutions whose attributes reproduce their shapes and
/// weights, no dead operators, and a problem that builds on the paper's platform.
@Suite("Model zoo structure")
struct ModelZooStructureTests {
    /// A model and the options it is built with.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var options = ModelOptions()
        var testDescription: String {
            "\(name) batch \(options.batch) seq \(options.sequenceLength) N \(options.randwireNodes) seed \(options.graphSeed)"
        }
    }

    /// Every model with its defaults, and the edges of the option ranges.
    static let cases: [Case] = ModelZoo.catalog.map { Case(name: $0.name) } + [
        Case(name: "randwire-ws", options: ModelOptions(randwireNodes: 5, graphSeed: 3)),
        Case(name: "randwire-er", options: ModelOptions(randwireNodes: 2, graphSeed: 4)),
        Case(name: "randwire-er", options: ModelOptions(batch: 2, randwireNodes: 9, graphSeed: 5)),
        Case(name: "randwire-ba", options: ModelOptions(randwireNodes: 6, graphSeed: 6)),
        Case(name: "bert-base", options: ModelOptions(batch: 3, sequenceLength: 1)),
        Case(name: "gpt2", options: ModelOptions(batch: 2, sequenceLength: 1024)),
    ]
    static let names = ModelZoo.catalog.map(\.name)

    @Test("acyclic, unique names, one edge per pair", arguments: cases)
    func wellFormed(c: Case) throws {
        let (name, g) = (c.name, try ModelZoo.build(c.name, options: c.options))
        let (_, successors) = g.adjacency()
        #expect((try? DAG.topologicalOrder(successors: successors).get()) != nil, "\(name) has a cycle")
        #expect(Set(g.nodes.map(\.name)).count == g.nodes.count, "\(name) repeats a node name")
        let pairs = g.edges.map { [$0.from, $0.to] }
        #expect(Set(pairs).count == pairs.count, "\(name) has a duplicate edge")
        #expect(g.edges.allSatisfy { $0.from != $0.to })
        #expect(!g.inputs.isEmpty && !g.outputs.isEmpty)
        #expect(g.inputs.allSatisfy { !$0.nodes.isEmpty && $0.bytes > 0 }, "\(name) has an unused input")
    }

    @Test("edge bytes are the producer's output bytes, shapes agree", arguments: cases)
    func edgesCarryTensors(c: Case) throws {
        let g = try ModelZoo.build(c.name, options: c.options)
        for e in g.edges {
            let producer = g.nodes[e.from], consumer = g.nodes[e.to]
            #expect(e.bytes == producer.outputBytes, "\(producer.name) -> \(consumer.name)")
            #expect(consumer.inputShapes.contains(producer.outputShapes[0]),
                    "\(consumer.name) reads \(consumer.inputShapes), \(producer.name) writes \(producer.outputShapes)")
        }
        var feeds = [Int](repeating: 0, count: g.nodes.count)
        for e in g.edges { feeds[e.to] += 1 }
        for input in g.inputs { for v in input.nodes { feeds[v] += 1 } }
        for (v, op) in g.nodes.enumerated() {
            #expect(feeds[v] <= op.inputShapes.count, "\(op.name) has more producers than inputs")
        }
    }

    @Test("every operator contributes to an output", arguments: cases)
    func noDeadOperators(c: Case) throws {
        let (name, g) = (c.name, try ModelZoo.build(c.name, options: c.options))
        let (predecessors, _) = g.adjacency()
        var live = Set(g.outputs.flatMap(\.nodes))
        var stack = Array(live)
        while let v = stack.popLast() {
            for u in predecessors[v] where live.insert(u).inserted { stack.append(u) }
        }
        let dead = g.nodes.indices.filter { !live.contains($0) }.map { g.nodes[$0].name }
        #expect(dead.isEmpty, "\(name): \(dead.prefix(5))")
    }

    @Test("convolutions: shapes and weights follow from attributes", arguments: cases)
    func convolutionsConsistent(c: Case) throws {
        let g = try ModelZoo.build(c.name, options: c.options)
        for op in g.nodes where op.type == "Conv" {
            let x = op.inputShapes[0], y = op.outputShapes[0]
            let k = op.attributes["kernel_shape"]!, s = op.attributes["strides"]!, pads = op.attributes["pads"]!
            let group = op.attribute("group", default: 1)
            #expect(x[0] == y[0] && x[1] % group == 0 && y[1] % group == 0, "\(op.name)")
            for d in 0..<2 {
                #expect(y[2 + d] == (x[2 + d] + pads[d] + pads[d + 2] - k[d]) / s[d] + 1, "\(op.name) axis \(d)")
            }
            let weights = y[1] * x[1] / group * k[0] * k[1]
            let elements = Int(op.paramBytes) / op.elementBytes
            #expect(elements == weights || elements == weights + y[1], "\(op.name): \(elements) weights")
        }
        for op in g.nodes where op.type == "BatchNormalization" {
            #expect(op.inputShapes == op.outputShapes && Int(op.paramBytes) == 4 * op.elementBytes * op.outputShapes[0][1])
        }
    }

    @Test("a scheduling problem builds on paper-node", arguments: cases)
    func problemBuilds(c: Case) throws {
        let g = try ModelZoo.build(c.name, options: c.options)
        let problem = try SchedulingProblem(graph: g, platform: try BuiltinPlatforms.named("paper-node"))
        #expect(problem.nodes.count == g.nodes.count + g.inputs.count + g.outputs.count)
    }

    @Test("FLOPs and activations scale linearly with batch; weights do not", arguments: names)
    func batchScaling(name: String) throws {
        let one = ModelSummary(try ModelZoo.build(name, options: ModelOptions(batch: 1)))
        let four = ModelSummary(try ModelZoo.build(name, options: ModelOptions(batch: 4)))
        #expect(abs(four.flops - 4 * one.flops) <= 1e-9 * four.flops)
        #expect(four.paramBytes == one.paramBytes && four.nodes == one.nodes && four.edges == one.edges)
        let g1 = try ModelZoo.build(name), g4 = try ModelZoo.build(name, options: ModelOptions(batch: 4))
        // Every activation has the batch as its leading axis, except constant-index lookups
        // (position embeddings), which are shared by the batch and broadcast later.
        for (e1, e4) in zip(g1.edges, g4.edges) where g4.nodes[e4.from].outputShapes[0][0] == 4 {
            #expect(e1.bytes * 4 == e4.bytes, "\(g1.nodes[e1.from].name)")
        }
        let shared = g4.nodes.filter { $0.outputShapes[0][0] != 4 }
        #expect(shared.allSatisfy { $0.type == "Gather" && $0.outputShapes[0][0] == 1 }, "\(shared.map(\.name))")
    }
}
