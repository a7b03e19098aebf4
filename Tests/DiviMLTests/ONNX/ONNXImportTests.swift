import Foundation
import Testing
@testable import DiviML

@Suite("ONNX import")
struct ONNXImportTests {
    /// Symbols that name the batch dimension in the fixtures' graph inputs.
    static let batchSymbols: Set<String> = ["batch", "N"]

    @Test("inferred shapes agree with onnx.shape_inference on every fixture", arguments: ONNXFixtures.all)
    func shapesMatchReference(name: String) throws {
        let batch = 3
        let (graph, _) = try loadONNXGraph(path: ONNXFixtures.path(name), batch: batch)
        // The reference lists every ONNX node; folded constants are no operators.
        let operators = Set(graph.nodes.map(\.name))
        let expected = try ONNXFixtures.expected(name).filter { operators.contains($0.name) }
        #expect(graph.nodes.count == expected.count)
        for (op, reference) in zip(graph.nodes, expected) {
            #expect(op.name == reference.name)
            #expect(op.type == reference.op)
            for (k, dims) in reference.outputs.enumerated() {
                guard let dims, k < op.outputShapes.count else { continue }
                let ours = op.outputShapes[k]
                #expect(ours.count == dims.count, "\(name): \(op.name) output \(k): \(ours) vs \(dims)")
                for (axis, dim) in dims.enumerated() where axis < ours.count {
                    switch dim {
                    case let .value(v): #expect(ours[axis] == v, "\(name): \(op.name) output \(k) axis \(axis): \(ours)")
                    case let .symbol(s) where Self.batchSymbols.contains(s): #expect(ours[axis] == batch, "\(name): \(op.name)")
                    case .symbol: continue
                    }
                }
            }
        }
    }

    @Test("residual block: nodes, edges, weights and host I/O")
    func residualStructure() throws {
        let (graph, warnings) = try loadONNXGraph(path: ONNXFixtures.path("residual_block"), batch: 1)
        #expect(warnings.isEmpty)
        let index = Dictionary(uniqueKeysWithValues: graph.nodes.enumerated().map { ($1.name, $0) })
        #expect(graph.nodes[index["b1.conv"]!].paramBytes == Int64(8 * 8 * 3 * 3 * 4))
        #expect(graph.nodes[index["b1.conv"]!].attributes["kernel_shape"] == [3, 3])
        let activation = Int64(1 * 8 * 16 * 16 * 4)
        #expect(graph.edges.contains(OpGraph.Edge(from: index["b2.bn"]!, to: index["add"]!, bytes: activation)))
        #expect(graph.edges.count == 6) // a chain of 7 nodes: the skip connection comes from the graph input
        #expect(graph.inputs == [OpGraph.Boundary(name: "x", bytes: activation, nodes: [index["b1.conv"]!, index["add"]!])])
        #expect(graph.outputs == [OpGraph.Boundary(name: "y", bytes: activation, nodes: [index["out.relu"]!])])
    }

    @Test("a symbolic batch takes --batch")
    func symbolicBatch() throws {
        for batch in [1, 4, 16] {
            let (graph, warnings) = try loadONNXGraph(path: ONNXFixtures.path("symbolic_batch"), batch: batch)
            #expect(warnings.isEmpty)
            #expect(graph.nodes[0].outputShapes == [[batch, 48]])
            #expect(graph.inputs[0].bytes == Int64(batch * 32 * 4))
            #expect(graph.outputs[0].bytes == Int64(batch * 10 * 4))
        }
    }

    @Test("the transformer's Shape→Gather→Concat→Reshape chain resolves and costs no warning")
    func transformer() throws {
        let (graph, warnings) = try loadONNXGraph(path: ONNXFixtures.path("transformer_encoder"), batch: 2)
        #expect(warnings.isEmpty)
        let scores = try #require(graph.nodes.first { $0.name == "scores" })
        #expect(scores.outputShapes == [[2, 4, 10, 10]])
        #expect(OperatorWork.of(scores).flops == Double(2 * (2 * 4 * 10 * 10) * 8))
    }

    @Test("external data is referenced, not required")
    func externalData() throws {
        let (graph, warnings) = try loadONNXGraph(path: ONNXFixtures.path("external_data"), batch: 2)
        #expect(graph.nodes[0].paramBytes == Int64(512 * 512 * 4))
        #expect(warnings.contains { $0.contains("external files") })
    }

    @Test("nested subgraphs stay single nodes; unknown ops are listed by type with counts")
    func nestedAndUnknown() throws {
        let (graph, warnings) = try loadONNXGraph(path: ONNXFixtures.path("nested_and_custom"), batch: 1)
        #expect(graph.nodes.count == 6)
        #expect(warnings.contains { $0.contains("nested subgraphs") && $0.contains("If x1") })
        #expect(warnings.contains { $0.contains("unknown operator types") && $0.contains("FancyNorm x2") })
        // The branches read `h` from the enclosing graph: that is an edge pre -> if.
        #expect(graph.edges.contains { $0.from == 0 && $0.to == 3 })
        let custom = graph.nodes[4]
        #expect(custom.outputShapes == [[4, 8]])
        #expect(OperatorWork.of(custom).bytes == Double(2 * 4 * 8 * 4))
    }

    @Test("every fixture becomes a valid problem whose all-on-host schedule validates", arguments: ONNXFixtures.all)
    func problemFromFixture(name: String) throws {
        let (graph, _) = try loadONNXGraph(path: ONNXFixtures.path(name), batch: 2)
        let platform = try BuiltinPlatforms.named("paper-node")
        let problem = try SchedulingProblem(graph: graph, platform: platform)
        let placement = [Int](repeating: platform.host, count: problem.nodes.count)
        let schedule = try Simulator.run(problem, placement: placement)
        #expect(Validator.violations(of: schedule, for: problem).isEmpty)
        #expect(schedule.makespan > 0)
    }
}

extension ONNXImportTests {
    @Test("a PyTorch export's 'main_graph' takes the file's name")
    func mainGraphTakesTheFileName() throws {
        var model = try Onnx_ModelProto(serializedBytes: try Data(contentsOf: URL(fileURLWithPath: ONNXFixtures.path("residual_block"))))
        model.graph.name = "main_graph"
        let folder = try ONNXFixtures.scratchDirectory("main-graph")
        let path = folder.appendingPathComponent("resnet_export.onnx").path
        try model.serializedData().write(to: URL(fileURLWithPath: path))
        #expect(try ONNXImport(path: path, batch: 1).graph.name == "resnet_export")
        #expect(ONNXImport.graphName("encoder", path: "/x/y.onnx") == "encoder")
        #expect(ONNXImport.graphName("", path: "/x/y.onnx") == "y")
    }
}
