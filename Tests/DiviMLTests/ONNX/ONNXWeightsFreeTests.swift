import Foundation
import Testing
@testable import DiviML

/// Weights-free graphs (initializers with dims but no data) and constant computations
/// folded into weights (issue 12).
@Suite("ONNX weights-free graphs and folded constant computations")
struct ONNXWeightsFreeTests {
    /// x[1,4] -> MatMul(x, Reshape(W[16], [4,4])) -> y; z = y + Reshape(RandomNormalLike(W));
    /// and a dead Reshape of W nobody reads. W has data unless `stripped`.
    static func model(stripped: Bool) -> ONNXTinyModel {
        var m = ONNXTinyModel()
        m.input("x", [1, 4])
        m.input("z", [4, 4], output: true)
        m.floats("W", dims: [16], stripped ? nil : [Float](repeating: 0.25, count: 16))
        m.int64s("shape", dims: [2], [4, 4])
        m.int64s("row", dims: [2], [1, 16])
        m.node("Reshape", ["W", "shape"], ["W44"], name: "reshape_weight")
        m.node("MatMul", ["x", "W44"], ["y"], name: "matmul")
        m.node("RandomNormalLike", ["W"], ["noise"], name: "noise")
        m.node("Reshape", ["noise", "shape"], ["noise44"], name: "noise44")
        m.node("Add", ["y", "noise44"], ["z"], name: "add")
        m.node("Reshape", ["W", "row"], ["dead"], name: "dead_reshape")
        return m
    }

    @Test("a node computing from weights only folds; a random one, its readers and a dead one stay operators")
    func constantComputationsFold() throws {
        let (graph, warnings) = try loadONNXGraph(path: try Self.model(stripped: false).write("fold-compute"), batch: 1)
        #expect(graph.nodes.map(\.name) == ["matmul", "noise", "noise44", "add", "dead_reshape"])
        #expect(graph.nodes[0].paramBytes == 64, "the reshaped weight is matmul's weight")
        #expect(graph.nodes[0].inputShapes == [[1, 4]])
        #expect(!warnings.contains { $0.hasPrefix("weights-free") })
    }

    @Test("initializers without data: the same graph, weights sized from dims, one warning; export-onnx refuses it")
    func strippedWeights() throws {
        let full = try loadONNXGraph(path: try Self.model(stripped: false).write("full"), batch: 1)
        let path = try Self.model(stripped: true).write("weights-free")
        let stripped = try loadONNXGraph(path: path, batch: 1)
        #expect(stripped.graph == full.graph.renamed(stripped.graph.name))
        #expect(stripped.warnings.contains {
            $0 == "weights-free graph: 1 tensor(s) carry dims and type but no data; their sizes come from their dims "
                + "(planning needs nothing else; export-onnx needs the model with its weights)"
        })
        let problem = try SchedulingProblem(graph: stripped.graph, platform: try BuiltinPlatforms.named("paper-node"))
        let schedule = try #require(try HEFTSolver().solve(problem, options: SolveOptions()).schedule)
        let result = SolverResult(solver: "test", schedule: schedule, status: .heuristic, solveSeconds: 0)
        let plan = Plan(latency: schedule, problem: problem, result: result, platform: "paper-node", lowerBound: nil, reference: nil)
        let dir = try ONNXFixtures.scratchDirectory("weights-free-export")
        let error = #expect(throws: InputError.self) {
            try exportONNXPartitions(modelPath: path, plan: plan, planFile: "plan.json", batch: 1, directory: dir.appendingPathComponent("parts").path)
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains(path) && text.contains("graph.initializer[0] 'W'") && text.contains("weights-free graph"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("parts").path))
    }
}

extension OpGraph {
    func renamed(_ name: String) -> OpGraph {
        var copy = self
        copy.name = name
        return copy
    }
}
