import Foundation
import Testing
@testable import DiviML

/// ONNX graphs that break the one-source rule of tensors (issue 12, "Accepted silently"):
/// each is an error naming the file, the tensor and the node, never a plan.
@Suite("ONNX tensor wiring")
struct ONNXWiringTests {
    /// x -> Relu(a) -> h -> Relu(b) -> y, with `edit` applied before it is written.
    private func chain(_ edit: (inout ONNXTinyModel) -> Void = { _ in }) -> ONNXTinyModel {
        var m = ONNXTinyModel()
        m.input("x", [1, 4])
        m.node("Relu", ["x"], ["h"], name: "a")
        m.node("Relu", ["h"], ["y"], name: "b")
        m.input("y", [1, 4], output: true)
        edit(&m)
        return m
    }

    private func wiringError(_ m: ONNXTinyModel, _ label: String) throws -> InputError? {
        let path = try m.write(label)
        do {
            _ = try loadONNXGraph(path: path, batch: 1)
            return nil
        } catch let error as InputError {
            guard case let .graphWiring(file, _, _) = error else { return error }
            #expect(file == path)
            return error
        }
    }

    @Test func aWellWiredGraphStillImports() throws {
        let path = try chain().write("wired")
        #expect(try loadONNXGraph(path: path, batch: 1).graph.nodes.count == 2)
    }

    @Test func aNodeReadingItsOwnOutputIsAnError() throws {
        let m = chain { $0.model.graph.node[1].input = ["h", "y"] }
        let error = try #require(try wiringError(m, "self-read"))
        guard case let .graphWiring(_, tensor, fault) = error else { Issue.record("\(error)"); return }
        #expect(tensor == "y" && fault == .readByItsProducer(node: "b"))
        #expect(error.description.contains("node 'b' reads its own output 'y'"), "\(error)")
    }

    @Test func aDanglingInputIsAnErrorNamingTheTensorAndItsReader() throws {
        let m = chain { $0.model.graph.node[1].input = ["h", "ghost"] }
        let error = try #require(try wiringError(m, "dangling"))
        guard case let .graphWiring(_, tensor, fault) = error else { Issue.record("\(error)"); return }
        #expect(tensor == "ghost" && fault == .noSource(reader: "b"))
        #expect(error.description.contains("node 'b' reads 'ghost', which no node, initializer or graph input produces"), "\(error)")
    }

    @Test func twoProducersOfOneTensorAreAnError() throws {
        let m = chain { $0.node("Sigmoid", ["x"], ["h"], name: "c") }
        let error = try #require(try wiringError(m, "two-producers"))
        guard case let .graphWiring(_, tensor, fault) = error else { Issue.record("\(error)"); return }
        #expect(tensor == "h" && fault == .twoProducers(first: "a", second: "c"))
        #expect(error.description.contains("tensor 'h' is produced by both node 'a' and node 'c'"), "\(error)")
    }

    @Test func aNodeOverwritingAGraphInputIsAnError() throws {
        let m = chain { $0.model.graph.node[1].output = ["x"]; $0.model.graph.output[0].name = "x" }
        let error = try #require(try wiringError(m, "overwrites-input"))
        guard case let .graphWiring(_, tensor, fault) = error else { Issue.record("\(error)"); return }
        #expect(tensor == "x" && fault == .producedAndGiven(node: "b"))
    }

    @Test func aGraphOutputNobodyProducesIsAnError() throws {
        let m = chain { $0.input("z", [1, 4], output: true) }
        let error = try #require(try wiringError(m, "unproduced-output"))
        guard case let .graphWiring(_, tensor, fault) = error else { Issue.record("\(error)"); return }
        #expect(tensor == "z" && fault == .outputWithoutSource)
        #expect(error.description.contains("graph output 'z' is produced by no node, initializer or graph input"), "\(error)")
    }

    @Test func aGraphOutputThatIsAGraphInputIsAllowed() throws {
        let m = chain { $0.input("x", [1, 4], output: true) }
        #expect(try wiringError(m, "passthrough") == nil)
    }

    @Test func theCLIExitsWith2NamingTheFile() throws {
        let path = try chain { $0.model.graph.node[1].input = ["h", "ghost"] }.write("dangling-cli")
        let run = try CLIRunner.run(["schedule", path, "--platform", "paper-node", "--solver", "heft"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: \(path): node 'b' reads 'ghost'"), "\(run.stderr)")
    }
}
