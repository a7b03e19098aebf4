import Foundation
import Testing
@testable import DiviML

@Suite("ONNX malformed input and format detection")
struct ONNXMalformedTests {
    private func write(_ bytes: Data, _ name: String) throws -> String {
        let dir = try ONNXFixtures.scratchDirectory("malformed")
        let url = dir.appendingPathComponent(name)
        try bytes.write(to: url)
        return url.path
    }

    @Test("a truncated file is an error naming the file and the truncation", arguments: [0.25, 0.5, 0.9])
    func truncated(fraction: Double) throws {
        let full = try Data(contentsOf: URL(fileURLWithPath: ONNXFixtures.path("inception_block")))
        let path = try write(full.prefix(Int(Double(full.count) * fraction)), "cut.onnx")
        let error = #expect(throws: InputError.self) { try loadONNXGraph(path: path, batch: 1) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains(path))
        #expect(text.contains("truncated") || text.contains("not valid protobuf"), "\(text)")
        #expect(try ModelFileFormat.detect(path: path) == .onnx)
    }

    @Test("empty, garbage and missing files are errors naming the file")
    func garbage() throws {
        let empty = try write(Data(), "empty.onnx")
        #expect(throws: InputError.malformed(file: empty, path: "", expected: "an ONNX model, found an empty file")) {
            try loadONNXGraph(path: empty, batch: 1)
        }
        let text = try write(Data("name: not a model\n".utf8), "text.onnx")
        let error = #expect(throws: InputError.self) { try loadONNXGraph(path: text, batch: 1) }
        #expect(error.map { "\($0)" }?.contains(text) == true)
        #expect(throws: InputError.unreadableFile(file: "/nonexistent/m.onnx", reason: "no such file")) {
            try loadONNXGraph(path: "/nonexistent/m.onnx", batch: 1)
        }
        #expect(throws: InputError.self) { try loadONNXGraph(path: ONNXFixtures.path("residual_block"), batch: 0) }
    }

    @Test("formats are told apart by content, not by file name")
    func detection() throws {
        for name in ONNXFixtures.all {
            let copy = try write(try Data(contentsOf: URL(fileURLWithPath: ONNXFixtures.path(name))), "model.json")
            #expect(try ModelFileFormat.detect(path: copy) == .onnx, "\(name)")
        }
        let problem = try write(Data(#"{"format": "diviml-problem/1", "devices": []}"#.utf8), "p.onnx")
        #expect(try ModelFileFormat.detect(path: problem) == .problemJSON)
        let placement = try write(Data(#" {"maxFPGAs": 2, "maxCPUs": 1, "nodes": [], "edges": []}"#.utf8), "x.onnx")
        #expect(try ModelFileFormat.detect(path: placement) == .deviceGraph)
        let other = try write(Data(#"{"hello": 1}"#.utf8), "h.json")
        #expect(try ModelFileFormat.detect(path: other) == nil)
        let text = try write(Data("just words".utf8), "w.onnx")
        #expect(try ModelFileFormat.detect(path: text) == nil)
        #expect(throws: InputError.self) { try ModelFileFormat.detect(path: "/nonexistent/file") }
    }
}
