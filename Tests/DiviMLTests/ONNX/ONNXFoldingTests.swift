import Foundation
import Testing
@testable import DiviML

/// Legacy PyTorch exports keep weights behind `Constant` and `Identity` nodes: they fold
/// into the weights of the nodes that read them (issue 12).
@Suite("ONNX constant folding")
struct ONNXFoldingTests {
    /// x[1,4] -> MatMul(x, Identity(W)) -> Add(_, Identity(Constant b)) -> Identity -> z.
    /// W is a 4x4 float initializer (64 B), b a Constant of 4 floats (16 B); the last
    /// Identity copies an activation and stays an operator.
    static func model() -> ONNXTinyModel {
        var m = ONNXTinyModel()
        m.input("x", [1, 4])
        m.input("z", [1, 4], output: true)
        m.floats("W", dims: [4, 4], [Float](repeating: 0.5, count: 16))
        m.node("Constant", [], ["b"], name: "bias_const", ["value": .tensor(dims: [4], values: [1, 2, 3, 4])])
        m.node("Identity", ["W"], ["W_id"], name: "weight_identity")
        m.node("Identity", ["b"], ["b_id"], name: "bias_identity")
        m.node("MatMul", ["x", "W_id"], ["y"], name: "matmul")
        m.node("Add", ["y", "b_id"], ["s"], name: "add")
        m.node("Identity", ["s"], ["z"], name: "output_identity")
        return m
    }

    @Test func constantsAndIdentitiesOfConstantsAreWeightsOfTheirReaders() throws {
        let path = try Self.model().write("folding")
        let (graph, warnings) = try loadONNXGraph(path: path, batch: 1)
        #expect(warnings.isEmpty, "\(warnings)")
        // 6 ONNX nodes; the Constant and the two Identities of constants are no operators.
        #expect(graph.nodes.map(\.name) == ["matmul", "add", "output_identity"])
        #expect(graph.nodes.map(\.paramBytes) == [64, 16, 0])
        #expect(graph.nodes[1].inputShapes == [[1, 4]], "the folded bias is a weight, not a data input")
        // Only activations move: matmul -> add -> output_identity, and no edge from a folded node.
        #expect(graph.edges.map { [$0.from, $0.to] } == [[0, 1], [1, 2]])
        #expect(graph.edges.allSatisfy { $0.bytes == 16 })
    }

    /// Export: each sub-model carries its own copy of the folded nodes it reads (in an
    /// order ONNX accepts) and is never fed their outputs; every part re-imports.
    @Test func exportedPartsCarryTheFoldedNodesTheyRead() throws {
        let path = try Self.model().write("folding-export")
        let (graph, _) = try loadONNXGraph(path: path, batch: 1)
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        // matmul on one GPU, add and the output copy on the other.
        let placement = problem.nodes.indices.map { v in
            problem.nodes[v].op.hasPrefix("Host") ? problem.host : (problem.nodes[v].name == "matmul" ? 1 : 2)
        }
        let schedule = try Simulator.run(problem, placement: placement)
        let result = SolverResult(solver: "test", schedule: schedule, status: .heuristic, solveSeconds: 0)
        let plan = Plan(latency: schedule, problem: problem, result: result, platform: "paper-node", lowerBound: nil, reference: nil)
        let dir = try ONNXFixtures.scratchDirectory("folding-export")
        let planFile = dir.appendingPathComponent("plan.json")
        try plan.jsonData().write(to: planFile)
        let out = dir.appendingPathComponent("parts")
        let manifest = try exportONNXPartitions(modelPath: path, plan: plan, planFile: planFile.path, batch: 1, directory: out.path)
        #expect(manifest.submodels.map(\.nodes) == [["matmul"], ["add", "output_identity"]])
        let parts = try manifest.submodels.map { try ONNXModelReader.read(path: out.appendingPathComponent($0.file).path).graph }
        #expect(parts.map { $0.node.map(\.name) } == [["weight_identity", "matmul"], ["bias_const", "bias_identity", "add", "output_identity"]])
        #expect(parts.map { $0.input.map(\.name) } == [["x"], ["y"]])
        #expect(parts[0].initializer.map(\.name) == ["W"] && parts[1].initializer.isEmpty)
        for sub in manifest.submodels { _ = try loadONNXGraph(path: out.appendingPathComponent(sub.file).path, batch: 1) }
    }
}
